/**
 * The gate applied to one version of the ledger document: decide on that version's money, and hold
 * the money when the run is allowed. Pure, so the CAS loop only applies it and what is decided is
 * exactly what is written.
 */
import type { BudgetSettings } from '../config/settings.js'
import type { BudgetState, Credit, Decision } from '../budget/types.js'
import { decide } from '../budget/decide.js'
import { reserve, type ReserveOutcome } from './operations.js'
import { cycleMoney } from './money.js'
import type { LedgerDocument } from './document.js'

export interface HoldRequest {
  /** Idempotency key of this run's gated step. */
  key: string
  /** History key of the job. */
  jobId: string
  credit: Credit
  budget: BudgetSettings
  /** The estimate the gate checks (`budget.gateOn` picks the figure). */
  estimate: { p50Usd: number; p90Usd: number; maxUsd: number }
  model: string
  priceTableAsOf: string
  holdHours: number
}

export interface HoldVerdict {
  /** The money the decision was made on (this run's own hold left out). */
  state: BudgetState
  decision: Decision
  /** A hold for this key is in the document (new, or from an earlier try of the same key). */
  held: boolean
  /** What reserve did when the run was allowed. */
  outcome?: ReserveOutcome
}

/** Decide on `doc`'s money and, when allowed, reserve the hold in the next version. */
export function holdIfAllowed(
  doc: LedgerDocument,
  req: HoldRequest,
  now: Date
): { doc: LedgerDocument; result: HoldVerdict } {
  const { state } = cycleMoney(doc, req.credit, req.budget.externalSpendUsd, now, req.key)
  const decision = decide({
    state,
    estimate: req.estimate,
    gateOn: req.budget.gateOn,
    warnAtPct: req.budget.warnAtPct,
    onExhaust: req.budget.onExhaust
  })
  if (!decision.allowed) return { doc, result: { state, decision, held: false } }
  const r = reserve(
    doc,
    {
      key: req.key,
      jobId: req.jobId,
      holdUsd: decision.maxBudgetUsd,
      estimate: { ...req.estimate, gateOn: req.budget.gateOn },
      model: req.model,
      priceTableAsOf: req.priceTableAsOf,
      holdHours: req.holdHours
    },
    now
  )
  return { doc: r.doc, result: { state, decision, held: true, outcome: r.outcome } }
}
