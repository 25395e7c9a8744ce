import type { GateOn, OnExhaust } from '../config/settings.js'
import type { BudgetState, Credit, Cycle, Decision, DecisionKind, Runway } from './types.js'
import { usd } from './format.js'
import { consequencesOf, moneyLeft } from './consequences.js'
import { resetWords, type LimitJudgement } from './limits.js'
import { holdAndCap, runLimitRefusal } from './cap.js'

/** The figure the gate checks and holds: the `gate-on` estimate. */
export function gatedFigure(estimate: { p50Usd: number; p90Usd: number; maxUsd: number }, gateOn: GateOn) {
  return gateOn === 'p50' ? estimate.p50Usd : gateOn === 'p90' ? estimate.p90Usd : estimate.maxUsd
}

/** remaining = credit + overage − settled − live holds − external spend. */
export function budgetState(a: {
  credit: Credit
  settledUsd: number
  heldUsd: number
  externalSpendUsd: number
}): BudgetState {
  const budgetUsd = a.credit.creditUsd + a.credit.overageUsd
  const spentUsd = a.settledUsd + a.externalSpendUsd
  return {
    creditUsd: a.credit.creditUsd,
    overageUsd: a.credit.overageUsd,
    budgetUsd,
    settledUsd: a.settledUsd,
    heldUsd: a.heldUsd,
    externalSpendUsd: a.externalSpendUsd,
    spentUsd,
    remainingUsd: budgetUsd - spentUsd - a.heldUsd
  }
}

/**
 * The gate's decision, a pure function of the cycle's money, the estimate, the budget settings and the
 * subscription's meters as earlier runs saw them: fail when a window is exhausted (before any dollar
 * check: the run could not start), or when out of credit, or when a per-run limit refuses it, or when
 * its hold does not fit what is left; warn when it would cross warn-at % of the credit or a window is
 * near its limit; else pass. The hold and Claude's cap come from one policy (src/budget/cap.ts).
 */
export function decide(a: {
  state: BudgetState
  estimate: { p50Usd: number; p90Usd: number; maxUsd: number }
  gateOn: GateOn
  warnAtPct: number
  onExhaust: OnExhaust
  /** The per-run ceiling (`max-run-usd`). */
  maxRunUsd?: number
  limits?: LimitJudgement
  now?: Date
}): Decision {
  const gatedUsd = gatedFigure(a.estimate, a.gateOn)
  const s = a.state
  const money = holdAndCap({ gatedUsd, remainingUsd: s.remainingUsd, maxRunUsd: a.maxRunUsd })
  const { holdUsd } = money
  // What a decision holds and hands Claude: nothing when the run may not go on.
  const base = (allowed: boolean) => ({
    gateOn: a.gateOn,
    onExhaust: a.onExhaust,
    gatedUsd,
    holdUsd: allowed ? holdUsd : 0,
    maxBudgetUsd: allowed ? money.capUsd : 0,
    capBy: money.capBy,
    ...(a.maxRunUsd !== undefined ? { maxRunUsd: a.maxRunUsd } : {}),
    allowed
  })
  const refusal = a.limits?.refusal
  if (refusal) {
    const limit = {
      kind: 'window' as const,
      meter: refusal.meter,
      label: refusal.label,
      resetsAt: refusal.resetsAt
    }
    const { allowed, says } = consequencesOf({ decision: 'fail', onExhaust: a.onExhaust, limit })
    return {
      ...base(allowed),
      decision: 'fail',
      reason: `${refusal.reason.replace(/\.$/, '')}: ${says}.`,
      limit
    }
  }
  const spent = a.limits?.creditSpent
  if (spent) {
    const limit = {
      kind: 'out-of-credits' as const,
      label: 'usage credits',
      ...(spent.until ? { resetsAt: spent.until } : {})
    }
    const { allowed, says } = consequencesOf({ decision: 'fail', onExhaust: a.onExhaust, limit })
    const until = spent.until && a.now ? resetWords(spent.until, a.now) : 'the reset'
    return {
      ...base(allowed),
      decision: 'fail',
      reason: `Out of credit: an earlier run ended "${spent.message}", so the credit counts as spent until ${until}: ${says}.`,
      limit
    }
  }
  const perRun = runLimitRefusal({ p50Usd: a.estimate.p50Usd, maxRunUsd: a.maxRunUsd })
  if (perRun) {
    const refusedBy = perRun.input
    const { allowed, says } = consequencesOf({ decision: 'fail', onExhaust: a.onExhaust, refusedBy })
    return { ...base(allowed), decision: 'fail', reason: `${perRun.reason}: ${says}.`, refusedBy }
  }
  const held = holdUsd === gatedUsd ? `The ${a.gateOn} estimate ${usd(gatedUsd)}` : `The hold ${usd(holdUsd)}`
  if (holdUsd > s.remainingUsd) {
    const { allowed, says } = consequencesOf({ decision: 'fail', onExhaust: a.onExhaust })
    return {
      ...base(allowed),
      decision: 'fail',
      reason: `${held} does not fit ${s.remainingUsd >= 0 ? `the ${moneyLeft(s)} this cycle` : `this cycle, already ${moneyLeft(s)}`}: ${says}.`
    }
  }
  const after = s.spentUsd + s.heldUsd + holdUsd
  const line = (a.warnAtPct / 100) * s.creditUsd
  const near = a.limits?.warnings ?? []
  if (after > line || near.length > 0) {
    const dollars =
      after > line
        ? [
            `This run (holding ${usd(holdUsd)}) takes the cycle to ${usd(after)}, past ${a.warnAtPct}% of the ${usd(s.creditUsd)} credit.`
          ]
        : []
    const warnedBy: Array<'credit' | 'window'> = [
      ...(after > line ? (['credit'] as const) : []),
      ...(near.length > 0 ? (['window'] as const) : [])
    ]
    return { ...base(true), decision: 'warn', reason: [...dollars, ...near].join(' '), warnedBy }
  }
  return {
    ...base(true),
    decision: 'pass',
    reason: `${held} fits the ${usd(s.remainingUsd)} left of ${usd(s.budgetUsd)} this cycle.`
  }
}

/**
 * Where the cycle stands now, by the same lines the gate draws: over the budget (fail), past warn-at %
 * of the credit (warn), or within it (pass). A settled report says this instead of repeating the
 * gate's decision, which was about money before the run.
 */
export function standing(state: BudgetState, warnAtPct: number): DecisionKind {
  if (state.remainingUsd < 0) return 'fail'
  if (state.spentUsd + state.heldUsd > (warnAtPct / 100) * state.creditUsd) return 'warn'
  return 'pass'
}

/** At this cycle's burn rate, when the budget runs out, and how many more such runs fit. */
export function runway(a: { state: BudgetState; cycle: Cycle; now: Date; gatedUsd: number }): Runway {
  const start = Date.parse(a.cycle.start)
  const days = Math.max(1, (a.now.getTime() - start) / 86_400_000)
  const burn = a.state.spentUsd / days
  const left = Math.max(0, a.state.remainingUsd)
  let exhaustsOn: string | undefined
  if (burn > 0) {
    const at = a.now.getTime() + (left / burn) * 86_400_000
    if (at < Date.parse(a.cycle.resetsAt)) exhaustsOn = new Date(at).toISOString().slice(0, 10)
  }
  return {
    burnUsdPerDay: burn,
    exhaustsOn,
    runsThatFit: a.gatedUsd > 0 ? Math.floor(left / a.gatedUsd) : 0
  }
}
