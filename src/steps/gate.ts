/**
 * `gate` / the action's main step: estimate with this job's history, decide on the cycle's money and
 * hold it, all on the ledger version that is written. A ledger that cannot be reached fails closed (no
 * hold, the step fails) unless on-ledger-error is warn, which goes on loudly without a hold.
 */
import type { Settings } from '../config/settings.js'
import type { Cycle } from '../budget/types.js'
import { cycleAt } from '../budget/cycle.js'
import { creditFor } from '../budget/credit.js'
import { entryKey, jobIdOf, pastRuns } from '../ledger/operations.js'
import { holdIfAllowed } from '../ledger/hold.js'
import { cycleView } from '../ledger/money.js'
import { ledgerWaited, readCycle, updateLedger } from '../ledger/update.js'
import type { GateReport } from '../report/types.js'
import { InputError } from '../errors.js'
import { describeError } from '../github/errors.js'
import { failedOnRefWrite } from '../store/github.js'
import { prepareEstimate, type EstimateWith } from './estimate.js'
import type { LedgerDeps } from './deps.js'

export interface GateOutcome {
  report: GateReport
  /** Set when a hold for this run is in the ledger (new, or from an earlier try of the same key). */
  holdKey?: string
  /** The cycle the hold was written in (post may run after the reset). */
  cycle?: Cycle
}

export async function gate(settings: Settings, deps: LedgerDeps): Promise<GateOutcome> {
  const estimateWith = await prepareEstimate(settings, deps)
  const { now, store } = deps
  const cycle = cycleAt(now, settings.budget.billingCycleDay)
  const credit = creditFor(settings.budget)
  const jobId = jobIdOf(settings.job)
  const key = entryKey(settings.job)
  const rateLimitBefore = store.rateLimitWaitMs?.() ?? 0
  try {
    const before = await readCycle(store, cycle)
    const estimated = estimateWith(
      before.doc ? pastRuns(before.doc, jobId, settings.estimate.historyRuns) : []
    )
    const { result, doc, wait } = await updateLedger(
      store,
      cycle,
      current =>
        holdIfAllowed(
          current,
          {
            key,
            jobId,
            credit,
            budget: settings.budget,
            estimate: estimated.estimate.blended,
            model: estimated.model.id,
            priceTableAsOf: estimated.priceTable.asOf,
            holdHours: settings.ledger.holdHours
          },
          now
        ),
      { first: before }
    )
    const view = cycleView({
      doc,
      credit,
      cycle,
      budget: settings.budget,
      jobId,
      now,
      gatedUsd: result.decision.gatedUsd,
      excludeKey: key
    })
    const report: GateReport = {
      ...estimated,
      phase: 'gated',
      budget: { ...view.budget, state: result.state },
      decision: result.decision,
      runway: view.runway,
      ledger: {
        location: store.describe(),
        waited: ledgerWaited(wait, (store.rateLimitWaitMs?.() ?? 0) - rateLimitBefore)
      },
      recentRuns: view.recentRuns,
      burnDown: view.burnDown
    }
    if (result.outcome && result.outcome !== 'reserved') {
      report.notices.push(
        `ledger: this run's hold already existed (${result.outcome}); nothing was counted twice`
      )
    }
    return { report, holdKey: result.held ? key : undefined, cycle }
  } catch (error) {
    if (error instanceof InputError) throw error
    return unheld(settings, key, error, estimateWith)
  }
}

/**
 * The ledger could not be read or written: fail closed (on-ledger-error: fail), or go on without a hold
 * and say so (warn). A ref update that got no usable answer may still have landed: then its hold counts
 * until it expires, and the message names the command that releases it.
 */
function unheld(settings: Settings, key: string, error: unknown, estimateWith: EstimateWith): GateOutcome {
  const message = `ledger: ${describeError(error)}`
  const fate = failedOnRefWrite(error)
    ? `if GitHub applied the last ledger write, its hold counts until it expires; release it with: agent-credit-gate release --key ${key}`
    : undefined
  if (settings.ledger.onLedgerError === 'fail') {
    throw new Error(
      `${message}; failing closed (on-ledger-error: fail): the agent step must not run; ${fate ?? 'no hold was written'}`
    )
  }
  const report = estimateWith([])
  report.ledger = { location: settings.ledger.location.kind, error: message }
  report.notices.push(
    `${message}; going on WITHOUT a hold (on-ledger-error: warn): this run is not counted${fate ? `; ${fate}` : ''}`
  )
  return { report }
}
