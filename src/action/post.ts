import * as core from '@actions/core'
import { readActionSettings } from './inputs.js'
import { readHandoff } from './state.js'
import { publish, runnerContext } from './publish.js'
import { actionDeps } from './deps.js'
import { record } from '../steps/record.js'

/**
 * The post step (job end): read Claude's result, settle the hold, update the reports. The agent step
 * has run by now, so nothing here fails the job: our own trouble (ledger, API, a lost report) ends in
 * a warning that says what happened to the money, never in a red X.
 */
export async function run(): Promise<void> {
  try {
    const { started, handoff } = readHandoff()
    if (!started) {
      core.info('agent-credit-gate: the main step did not run; nothing to settle.')
      return
    }
    if (!handoff?.holdKey) {
      core.info(
        'agent-credit-gate: no hold was written (the gate refused the run, failed, or the ledger was off); nothing to settle.'
      )
      return
    }
    const settings = readActionSettings()
    const deps = actionDeps(settings)
    const { report } = await record(settings, handoff, deps)
    await publish(
      report,
      settings,
      runnerContext(settings, deps.files, {
        commentId: handoff.commentId || undefined,
        checkRunId: handoff.checkRunId || undefined
      })
    )
    for (const notice of report.notices) core.warning(`agent-credit-gate: ${notice}`)
    const a = report.actual
    if (a)
      core.info(
        `agent-credit-gate: recorded actual ${a.usd.toFixed(4)} USD${a.unverified ? ' (unverified: hold kept as spent)' : ''}`
      )
  } catch (error) {
    core.warning(`agent-credit-gate: ${error instanceof Error ? error.message : String(error)}`)
  }
}
