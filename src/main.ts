import * as core from '@actions/core'
import { readActionSettings } from './config/action-inputs.js'
import { saveState } from './state.js'
import { outputsFor } from './action-outputs.js'
import { estimateGate } from './pipeline.js'
import { publish } from './publish.js'
import { currentPullRequest } from './github/pull-request.js'

/** The main step: read inputs, estimate, gate against the ledger, report, hand post the hold. */
export async function run(): Promise<void> {
  try {
    const settings = readActionSettings()
    saveState('mainRan', true)
    const cwd = process.env.GITHUB_WORKSPACE || process.cwd()
    const { report, holdKey, cycle } = await estimateGate(settings, {
      now: new Date(),
      cwd,
      log: core.info,
      runnerTemp: process.env.RUNNER_TEMP
    })
    saveState('holdKey', holdKey ?? '')
    saveState('allowed', report.decision?.allowed ?? true)
    saveState('reportFile', settings.reports.reportFile)
    if (cycle) saveState('cycle', cycle)
    saveState('holdUsd', holdKey ? (report.decision?.maxBudgetUsd ?? 0) : 0)
    for (const [name, value] of Object.entries(outputsFor(report, settings.reports.reportFile))) {
      core.setOutput(name, value)
    }
    const pr = currentPullRequest(process.env, settings.job.repository)
    const published = await publish(report, settings, { pr, headSha: process.env.GITHUB_SHA })
    if (published.commentId) saveState('commentId', String(published.commentId))
    if (published.checkRunId) saveState('checkRunId', String(published.checkRunId))
    for (const notice of report.notices) core.info(`agent-credit-gate: ${notice}`)
    const d = report.decision
    if (d?.decision === 'fail' && d.onExhaust === 'fail') core.setFailed(d.reason)
    else if (d?.decision === 'fail' && d.onExhaust === 'skip')
      core.notice(`${d.reason} The agent step is skipped (allowed=false).`)
    else if (d?.decision === 'fail' || d?.decision === 'warn') core.warning(d.reason)
    else if (d) core.info(d.reason)
  } catch (error) {
    core.setOutput('allowed', 'false')
    core.setFailed(error instanceof Error ? error.message : String(error))
  }
}
