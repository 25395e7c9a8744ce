/**
 * The gate applied to one version of the ledger document: decide on that version's money, and hold
 * the money when the run is allowed. Pure, so the CAS loop only applies it and what is decided is
 * exactly what is written. The account the decision was made on (credit, overage, external spend) is
 * recorded in the document with the hold, so `status` and every report show the same figures.
 */
import type { BudgetSettings } from '../config/settings.js'
import type { BudgetState, Credit, Decision } from '../budget/types.js'
import { decide, gatedFigure } from '../budget/decide.js'
import { judgeLimits, type LimitJudgement } from '../budget/limits.js'
import { accountInForce, creditFor, sameAccount } from '../budget/credit.js'
import { reserve, type ReserveOutcome } from './operations.js'
import { cycleMoney } from './money.js'
import type { LedgerDocument } from './document.js'
import { withCarried, type Carried } from './carry.js'

export interface HoldRequest {
  /** Idempotency key of this run's gated step. */
  key: string
  /** History key of the job. */
  jobId: string
  /** The gate's budget settings; the account inputs it did not give come from the document. */
  budget: BudgetSettings
  /** The estimate the gate checks (`budget.gateOn` picks the figure). */
  estimate: { p50Usd: number; p90Usd: number; maxUsd: number }
  model: string
  priceTableAsOf: string
  holdHours: number
  /** Whose subscription windows the run uses (`account`). */
  account: string
  /** What the previous cycle ended with (meters, job history), for a cycle whose document does not carry it yet. */
  carried?: Carried
}

export interface HoldVerdict {
  /** The money the decision was made on (this run's own hold left out). */
  state: BudgetState
  decision: Decision
  /** The budget and credit the decision was made on (the document's account, with the gate's inputs). */
  budget: BudgetSettings
  credit: Credit
  /** How this gate changed the cycle's recorded account, one line per figure. */
  accountChanges: string[]
  /** The subscription's windows as earlier runs saw them, judged for this run. */
  limits: LimitJudgement
  /** A hold for this key is in the document (new, or from an earlier try of the same key). */
  held: boolean
  /** What reserve did when the run was allowed. */
  outcome?: ReserveOutcome
}

/** Decide on `doc`'s money and, when allowed, reserve the hold (and the account) in the next version. */
export function holdIfAllowed(
  doc: LedgerDocument,
  req: HoldRequest,
  now: Date
): { doc: LedgerDocument; result: HoldVerdict } {
  const inForce = accountInForce(req.budget, doc.account)
  const { budget } = inForce
  const credit = creditFor(budget)
  const { state } = cycleMoney(doc, credit, budget.externalSpendUsd, now, req.key)
  const meters = doc.meters ?? req.carried?.meters
  const limits = judgeLimits(meters?.[req.account], now, {
    warnAtPct: budget.warnAtPct,
    gatedUsd: gatedFigure(req.estimate, budget.gateOn)
  })
  const decision = decide({
    state,
    estimate: req.estimate,
    gateOn: budget.gateOn,
    warnAtPct: budget.warnAtPct,
    onExhaust: budget.onExhaust,
    maxRunUsd: budget.maxRunUsd,
    limits,
    now
  })
  const verdict = { state, decision, budget, credit, accountChanges: inForce.changes, limits }
  if (!decision.allowed) return { doc, result: { ...verdict, held: false } }
  const r = reserve(
    doc,
    {
      key: req.key,
      jobId: req.jobId,
      holdUsd: decision.holdUsd,
      estimate: { ...req.estimate, gateOn: budget.gateOn },
      model: req.model,
      priceTableAsOf: req.priceTableAsOf,
      holdHours: req.holdHours
    },
    now
  )
  if (r.outcome === 'reserved' && !sameAccount(inForce.account, doc.account))
    r.doc.account = { ...inForce.account, setAt: now.toISOString(), setBy: req.key }
  // The first write of a cycle carries the meters and job history the previous one ended with.
  if (r.outcome === 'reserved') r.doc = withCarried(r.doc, req.carried)
  return { doc: r.doc, result: { ...verdict, held: true, outcome: r.outcome } }
}
