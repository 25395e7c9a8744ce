/**
 * The gate applied to one version of the ledger document: decide on that version's money, and hold
 * the money when the run is allowed. Pure, so the CAS loop only applies it and what is decided is
 * exactly what is written. The account the decision was made on (credit, overage, external spend) is
 * recorded in the document with the hold, so `status` and every report show the same figures.
 */
import type { BudgetSettings, LimitSettings } from '../config/settings.js'
import type { BudgetState, Credit, Decision } from '../budget/types.js'
import { decide, gatedFigure } from '../budget/decide.js'
import { consequencesOf } from '../budget/consequences.js'
import { judgeSpend, limitsFor, refusalReason, type RunScope, type SpendJudgement } from './spend-limits.js'
import { crossings, type Alert, type BudgetUse } from '../budget/alerts.js'
import { judgeLimits, type LimitJudgement } from '../budget/limits.js'
import { accountInForce, creditFor, sameAccount } from '../budget/credit.js'
import { recordPrevented, reserve, type ReserveOutcome } from './operations.js'
import { cycleMoney } from './money.js'
import { usd } from '../budget/format.js'
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
  /** Limits beside the monthly budget, and alerts (absent: the monthly budget alone). */
  limits?: LimitSettings
  /** Where the run belongs and whose money it is (absent: no scoped budget applies). */
  scope?: RunScope & { association?: string }
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
  /** The limits beside the monthly budget, with what each scope used before this run. */
  spend: SpendJudgement
  /** Threshold crossings this hold caused, recorded with it: the gate posts them after the write. */
  alerts: Alert[]
  /** The budgets count only real money and this run's dollars are notional: no dollar budget applies. */
  notionalExempt: boolean
  /** Whether this run's dollars are real money or notional (when its scope was given). */
  money?: RunScope['money']
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
  const appliesTo = req.limits?.appliesTo ?? 'all'
  const { state } = cycleMoney(doc, credit, budget.externalSpendUsd, now, {
    excludeKey: req.key,
    appliesTo
  })
  const meters = doc.meters ?? req.carried?.meters
  const gatedUsd = gatedFigure(req.estimate, budget.gateOn)
  const limits = judgeLimits(meters?.[req.account], now, { warnAtPct: budget.warnAtPct, gatedUsd })
  // Budgets over real money only leave a subscription's notional dollars unchecked (its windows still apply).
  const notionalExempt = appliesTo === 'real' && req.scope?.money !== 'real'
  let decision = decide({
    state: notionalExempt ? { ...state, remainingUsd: Infinity, creditUsd: Infinity } : state,
    estimate: req.estimate,
    gateOn: budget.gateOn,
    warnAtPct: budget.warnAtPct,
    onExhaust: budget.onExhaust,
    maxRunUsd: budget.maxRunUsd,
    limits,
    now
  })
  if (notionalExempt) {
    // No dollar budget applies: decide() capped the run at max-run-usd when one is set; else at max-turns.
    if (decision.allowed && !Number.isFinite(decision.maxBudgetUsd))
      decision = { ...decision, maxBudgetUsd: Math.max(decision.holdUsd, req.estimate.maxUsd), capBy: 'hold' }
    if (decision.decision === 'pass')
      decision = {
        ...decision,
        reason: `The ${budget.gateOn} estimate ${usd(gatedUsd)} is notional (a subscription's API-equivalent dollars); the budgets count real money only (budget-applies-to: real).`
      }
  }
  const spendLimits = req.scope && req.limits && !notionalExempt ? limitsFor(req.limits, req.scope) : []
  const holdUsd = decision.allowed ? decision.holdUsd : gatedUsd
  const spend = judgeSpend(doc, spendLimits, holdUsd, { now, appliesTo, excludeKey: req.key })
  if (decision.decision === 'fail' && !decision.limit && !decision.refusedBy)
    decision = { ...decision, refusedBy: 'ledger budget' }
  else if (decision.decision !== 'fail' && spend.refusal) {
    const { allowed, says } = consequencesOf({ decision: 'fail', onExhaust: budget.onExhaust })
    decision = {
      ...decision,
      decision: 'fail',
      allowed,
      holdUsd: allowed ? decision.holdUsd : 0,
      maxBudgetUsd: allowed ? decision.holdUsd : 0,
      capBy: 'hold',
      reason: `${refusalReason(spend.refusal, budget.gateOn, holdUsd)}: ${says}.`,
      refusedBy: spend.refusal.limit.input
    }
  } else if (decision.allowed && spend.uses.length > 0) {
    // The cap stops a run only where going on would pass a limit: what is left of the tightest one.
    const left = Math.min(...spend.uses.map(u => u.limit.usd - u.usedUsd))
    if (left < decision.maxBudgetUsd)
      decision = { ...decision, maxBudgetUsd: Math.max(decision.holdUsd, left), capBy: 'limit' }
  }
  const verdict = {
    state,
    decision,
    budget,
    credit,
    accountChanges: inForce.changes,
    limits,
    spend,
    alerts: [] as Alert[],
    notionalExempt,
    ...(req.scope ? { money: req.scope.money } : {})
  }
  if (!decision.allowed) {
    // A refused or skipped run is counted, with its p50, in the write its hold would have been.
    const next = recordPrevented(doc, {
      key: req.key,
      jobId: req.jobId,
      at: now.toISOString(),
      p50Usd: req.estimate.p50Usd,
      by: decision.refusedBy ?? decision.limit?.label ?? 'ledger budget',
      ...(req.scope?.actor ? { actor: req.scope.actor } : {}),
      ...(req.scope?.pr !== undefined ? { pr: req.scope.pr } : {}),
      ...(req.scope ? { money: req.scope.money } : {})
    })
    return { doc: next, result: { ...verdict, held: false } }
  }
  const r = reserve(
    doc,
    {
      key: req.key,
      jobId: req.jobId,
      holdUsd: decision.holdUsd,
      estimate: { ...req.estimate, gateOn: budget.gateOn },
      model: req.model,
      priceTableAsOf: req.priceTableAsOf,
      holdHours: req.holdHours,
      ...(req.scope
        ? {
            scope: {
              repository: req.scope.repository,
              money: req.scope.money,
              ...(req.scope.actor ? { actor: req.scope.actor } : {}),
              ...(req.scope.association ? { association: req.scope.association } : {}),
              ...(req.scope.pr !== undefined ? { pr: req.scope.pr } : {})
            }
          }
        : {})
    },
    now
  )
  const result = { ...verdict, held: true, outcome: r.outcome }
  // A hold from an earlier try of this key changed nothing: the document is as it was.
  if (r.outcome !== 'reserved') return { doc: r.doc, result }
  if (!sameAccount(inForce.account, doc.account))
    r.doc.account = { ...inForce.account, setAt: now.toISOString(), setBy: req.key }
  // The first write of a cycle carries the meters and job history the previous one ended with.
  const next = withCarried(r.doc, req.carried)
  if (req.limits && !notionalExempt) {
    result.alerts = crossings(
      budgetUses(state, spend, decision.holdUsd),
      req.limits.alertAtPct,
      doc.alerts ?? [],
      req.scope ? `${req.scope.repository}, run ${req.key}` : `run ${req.key}`
    )
    if (result.alerts.length > 0)
      next.alerts = [
        ...(doc.alerts ?? []),
        ...result.alerts.map(a => ({ budget: a.budget, pct: a.pct, at: now.toISOString(), by: req.key }))
      ]
  }
  return { doc: next, result }
}

/** Every budget's use before and after a hold of `holdUsd`: the monthly one and each limit beside it. */
function budgetUses(state: BudgetState, spend: SpendJudgement, holdUsd: number): BudgetUse[] {
  const before = state.spentUsd + state.heldUsd
  return [
    {
      budget: 'monthly',
      input: 'the monthly budget',
      label: 'this cycle',
      usd: state.budgetUsd,
      beforeUsd: before,
      afterUsd: before + holdUsd
    },
    ...spend.uses.map(u => ({
      budget: `${u.limit.input}:${u.limit.scope}`,
      input: u.limit.input,
      label: u.limit.label,
      usd: u.limit.usd,
      beforeUsd: u.usedUsd,
      afterUsd: u.usedUsd + holdUsd
    }))
  ]
}
