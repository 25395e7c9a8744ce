import * as core from '@actions/core'
import { readActionSettings } from './inputs.js'
import { saveHandoff, saveStarted } from './state.js'
import { outputsFor } from './outputs.js'
import { publish, runnerContext } from './publish.js'
import { actionDeps } from './deps.js'
import { log } from './log.js'
import { gate } from '../steps/gate.js'
import { consequencesOf } from '../budget/consequences.js'

/** The main step: read inputs, gate (estimate, decide, hold), hand post the hold, report, act on the decision. */
export async function run(): Promise<void> {
  try {
    saveStarted()
    const settings = readActionSettings()
    const deps = actionDeps(settings)
    const { report, holdKey, cycle } = await gate(settings, deps)
    const handoff = {
      holdKey: holdKey ?? '',
      cycle,
      holdUsd: holdKey ? (report.decision?.holdUsd ?? 0) : 0,
      reportFile: settings.reports.reportFile,
      commentId: 0,
      checkRunId: 0
    }
    // Handed over before publishing: a hold must reach post even if the reports fail.
    saveHandoff(handoff)
    for (const [name, value] of Object.entries(outputsFor(report, settings.reports.reportFile))) {
      core.setOutput(name, value)
    }
    // With a hold, post publishes the full report when the agent has run: main's summary stays short.
    const summary = holdKey ? 'short' : 'full'
    const published = await publish(report, settings, runnerContext(settings, deps.files, undefined, summary))
    saveHandoff({ ...handoff, commentId: published.commentId ?? 0, checkRunId: published.checkRunId ?? 0 })
    // An alert that could not be posted warns; it never fails the run.
    for (const notice of report.notices)
      if (notice.startsWith('warning: ')) core.warning(`agent-credit-gate: ${notice.slice(9)}`)
      else core.info(`agent-credit-gate: ${notice}`)
    if (report.decision) {
      const c = consequencesOf(report.decision)
      if (c.failsStep) core.setFailed(report.decision.reason)
      else log(c.level, report.decision.reason)
    }
  } catch (error) {
    core.setOutput('allowed', 'false')
    core.setFailed(error instanceof Error ? error.message : String(error))
  }
}
