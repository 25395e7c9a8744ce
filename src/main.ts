import * as core from '@actions/core'
import { readActionSettings } from './config/action-inputs.js'
import { saveState } from './state.js'
import plans from './config/plans.json' with { type: 'json' }

/** The main step: read inputs, estimate, gate, report. */
export async function run(): Promise<void> {
  try {
    const settings = readActionSettings()
    saveState('mainRan', true)
    core.setOutput('budget-usd', plans.plans[settings.budget.plan].creditUsd)
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  }
}
