/** What the action's steps get from the runner: the workspace's files, the log, the clock, the ledger. */
import * as core from '@actions/core'
import type { Settings } from '../config/settings.js'
import type { LedgerDeps } from '../steps/deps.js'
import { nodeFiles } from '../files/files.js'
import { requireFolder } from '../files/folder.js'
import { openStore } from '../store/open.js'
import { clockFrom } from '../config/clock.js'

export function actionDeps(settings: Settings): LedgerDeps {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
  const where = settings.ledger.location
  // A mistyped file: path must not open a new, empty account: the folder has to be there already.
  if (where.kind === 'file')
    requireFolder(where.path, workspace, 'ledger', 'a new folder would start a new, empty account')
  return {
    now: clockFrom(process.env)(),
    files: nodeFiles(workspace),
    log: core.info,
    runnerTemp: process.env.RUNNER_TEMP,
    store: openStore(settings.ledger.location, {
      token: settings.ledger.token,
      url: settings.ledger.url,
      apiUrl: settings.github.apiUrl,
      log: core.info
    })
  }
}
