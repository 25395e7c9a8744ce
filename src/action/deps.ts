/** What the action's steps get from the runner: the workspace's files, the log, the clock, the ledger. */
import * as core from '@actions/core'
import type { Settings } from '../config/settings.js'
import type { LedgerDeps } from '../steps/deps.js'
import { nodeFiles } from '../files/files.js'
import { openStore } from '../store/open.js'

export function actionDeps(settings: Settings): LedgerDeps {
  return {
    now: new Date(),
    files: nodeFiles(process.env.GITHUB_WORKSPACE || process.cwd()),
    log: core.info,
    runnerTemp: process.env.RUNNER_TEMP,
    store: openStore(settings.ledger.location, {
      token: settings.ledger.token,
      apiUrl: settings.github.apiUrl,
      log: core.info
    })
  }
}
