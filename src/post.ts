import * as core from '@actions/core'
import { readState } from './state.js'

/** The post step: read Claude's result, settle the hold, update the reports. */
export async function run(): Promise<void> {
  try {
    const state = readState()
    if (!state.mainRan) core.info('agent-credit-gate: main step did not run; nothing to settle.')
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  }
}
