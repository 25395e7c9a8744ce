/** `release`: drop a hold whose agent step never ran, so its money counts again. */
import type { Settings } from '../config/settings.js'
import { cycleAt } from '../budget/cycle.js'
import { release as releaseHold } from '../ledger/operations.js'
import { updateLedger } from '../ledger/update.js'
import { describeError } from '../github/errors.js'
import type { LedgerDeps } from './deps.js'

export interface ReleaseOutcome {
  key: string
  outcome: 'released' | 'not-held'
}

export async function release(settings: Settings, key: string, deps: LedgerDeps): Promise<ReleaseOutcome> {
  const cycle = cycleAt(deps.now, settings.budget.billingCycleDay)
  const { result } = await updateLedger(deps.store, cycle, doc => {
    const r = releaseHold(doc, key, deps.now)
    return { doc: r.doc, result: r.outcome }
  }).catch(error => {
    throw new Error(`ledger: ${describeError(error)}; nothing was released: run the command again`)
  })
  return { key, outcome: result }
}
