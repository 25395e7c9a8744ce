import * as core from '@actions/core'
import { readActionSettings } from './config/action-inputs.js'
import { readState } from './state.js'
import { recordActual } from './pipeline.js'
import { publish } from './publish.js'
import { currentPullRequest } from './github/pull-request.js'

/** The post step (job end): read Claude's result, settle the hold, update the reports. */
export async function run(): Promise<void> {
  try {
    const state = readState()
    if (!state.mainRan) {
      core.info('agent-credit-gate: the main step did not run; nothing to settle.')
      return
    }
    if (!state.holdKey) {
      core.info(
        'agent-credit-gate: no hold was written (the gate refused the run or the ledger was off); nothing to settle.'
      )
      return
    }
    const settings = readActionSettings()
    const report = await recordActual(settings, state, {
      now: new Date(),
      cwd: process.env.GITHUB_WORKSPACE || process.cwd(),
      log: core.info,
      runnerTemp: process.env.RUNNER_TEMP
    })
    await publish(report, settings, {
      pr: currentPullRequest(process.env, settings.job.repository),
      headSha: process.env.GITHUB_SHA,
      known: {
        commentId: Number(state.commentId) || undefined,
        checkRunId: Number(state.checkRunId) || undefined
      }
    })
    for (const notice of report.notices) core.warning(`agent-credit-gate: ${notice}`)
    const a = report.actual
    if (a)
      core.info(
        `agent-credit-gate: recorded actual ${a.usd.toFixed(4)} USD${a.unverified ? ' (unverified: hold kept as spent)' : ''}`
      )
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  }
}
