/**
 * The cap, replayed: each source's runs through the gate's money policy in time order, so the share of
 * runs Claude's `--max-budget-usd` would stop is measured under the real cap, not taken as the p90.
 * The cap depends on the budget, the cycle's spend and the other runs in flight (src/budget/cap.ts), so
 * it can only be measured by replaying runs against a ledger. Measures; asserts nothing.
 *
 * Each source is one ledger (one author's setup). Its runs are gated in order of their start; a run
 * that started before this one and has not ended holds its hold, one that has ended counts what it
 * spent. The decision and the cap are the gate's own pure functions (`budgetState`, `decide`, whose
 * cap is `holdAndCap`'s), with the p90 gated and `on-exhaust: skip`. Claude stops at the cap: a run
 * spends min(actual, cap). Claude checks the cap after each turn, so a real run ends slightly past
 * it; the replay ignores that.
 */
import { budgetState, decide } from '../src/budget/decide.js'
import { creditFor } from '../src/budget/credit.js'
import { cycleAt } from '../src/budget/cycle.js'
import { usd } from '../src/budget/format.js'
import type { Credit } from '../src/budget/types.js'
import type { Plan } from '../src/config/settings.js'
import { groupedLines, quantile, type Estimate, type Predicted } from './runs-benchmark.js'

/** A run as the replay needs it: when it ran, what it cost, and the gate's estimate of it. */
export interface ReplayRun {
  /** The ledger it is gated against: one source, one ledger. */
  source: string
  /** Its model family, for the rows per family. */
  group: string
  startedAt: string
  endedAt: string
  actualUsd: number
  estimate: Estimate
}

/** A run the benchmark predicted, as the replay takes it: its real start and end, its actual. */
export const replayRunOf = (p: Predicted): ReplayRun => ({
  source: p.run.source,
  group: p.group,
  startedAt: p.run.startedAt,
  endedAt: p.run.endedAt,
  actualUsd: p.run.actual.usd,
  estimate: p.estimate
})

/** What the gate and Claude's cap made of one run. */
export interface Outcome {
  run: ReplayRun
  /** The billing cycle it was gated in (billing-cycle-day 1: the calendar month, UTC). */
  cycle: string
  admitted: boolean
  /** What other runs in flight held when it started: what its cap lost to them. */
  othersHeldUsd: number
  holdUsd: number
  capUsd: number
  /** What it spent: min(actual, cap), 0 when refused. */
  spentUsd: number
  /** Claude stopped it: its actual is above its cap. */
  cut: boolean
  /**
   * Cut, yet had it run to its actual the cycle's spend would still have fit the budget at the
   * cycle's end: the cut came only from other runs' holds standing above what they spent.
   */
  cutWithRoom: boolean
}

/** A monthly budget to replay against: a plan's credit, or none. */
export interface ReplayBudget {
  name: string
  credit: Credit
}

/** The plans whose credit the replay takes as budgets: $20, $100, $200 and $500 a month. */
const PLANS: Plan[] = ['pro', 'max', 'max-5x', 'team']

/** The budgets replayed: each plan's credit as src/config/plans.json gives it, and no budget at all. */
export function replayBudgets(): ReplayBudget[] {
  const plans = PLANS.map(plan => {
    const credit = creditFor({ plan, overageUsd: 0 })
    return { name: `$${credit.creditUsd} (${plan})`, credit }
  })
  const unbounded = creditFor({ plan: 'pro', monthlyCredits: Infinity, overageUsd: 0 })
  return [...plans, { name: 'unbounded', credit: unbounded }]
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
const endOf = (o: Outcome) => Date.parse(o.run.endedAt)

/** One run gated against the cycle as the runs before it left it. */
function gate(run: ReplayRun, earlier: Outcome[], credit: Credit): Outcome {
  const at = Date.parse(run.startedAt)
  const cycle = cycleAt(new Date(at), 1).id
  const mine = earlier.filter(o => o.admitted && o.cycle === cycle)
  const othersHeldUsd = sum(mine.filter(o => endOf(o) > at).map(o => o.holdUsd))
  const state = budgetState({
    credit,
    settledUsd: sum(mine.filter(o => endOf(o) <= at).map(o => o.spentUsd)),
    heldUsd: othersHeldUsd,
    externalSpendUsd: 0
  })
  const d = decide({ state, estimate: run.estimate, gateOn: 'p90', warnAtPct: 80, onExhaust: 'skip' })
  const spentUsd = d.allowed ? Math.min(run.actualUsd, d.maxBudgetUsd) : 0
  const cut = d.allowed && run.actualUsd > d.maxBudgetUsd
  return {
    run,
    cycle,
    admitted: d.allowed,
    othersHeldUsd,
    holdUsd: d.holdUsd,
    capUsd: d.maxBudgetUsd,
    spentUsd,
    cut,
    cutWithRoom: false
  }
}

/** Marks the cut runs whose actual would still have fit their cycle's budget at its end. */
function withRoom(outcomes: Outcome[], credit: Credit): Outcome[] {
  const budget = credit.creditUsd + credit.overageUsd
  const spent = new Map<string, number>()
  for (const o of outcomes) spent.set(o.cycle, (spent.get(o.cycle) ?? 0) + o.spentUsd)
  return outcomes.map(o =>
    o.cut ? { ...o, cutWithRoom: (spent.get(o.cycle) ?? 0) - o.spentUsd + o.run.actualUsd <= budget } : o
  )
}

/**
 * One ledger's runs (a source) gated in order of their start against a monthly budget: returns each
 * run's outcome, in that order.
 */
export function replay(runs: ReplayRun[], credit: Credit): Outcome[] {
  const order = [...runs].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt))
  const outcomes: Outcome[] = []
  for (const run of order) outcomes.push(gate(run, outcomes, credit))
  return withRoom(outcomes, credit)
}

/** Every source replayed on its own ledger. */
export function replaySources(runs: ReplayRun[], credit: Credit): Outcome[] {
  return [...new Set(runs.map(r => r.source))].flatMap(s =>
    replay(
      runs.filter(r => r.source === s),
      credit
    )
  )
}

/** The replay's figures over some outcomes. */
export function replaySummary(outcomes: Outcome[]) {
  const admitted = outcomes.filter(o => o.admitted)
  const cut = admitted.filter(o => o.cut)
  return {
    n: outcomes.length,
    admitted: admitted.length,
    refused: outcomes.length - admitted.length,
    cut: cut.length,
    cutWithRoom: cut.filter(o => o.cutWithRoom).length,
    /** Admitted runs whose actual is above their hold: what a cap at the hold would have cut. */
    aboveHold: admitted.filter(o => o.run.actualUsd > o.holdUsd).length,
    /** Admitted runs that started while others of their ledger held money: only these can be cut with room. */
    besideOthers: admitted.filter(o => o.othersHeldUsd > 0).length,
    /** The closest an admitted run came to its cap: the least cap − actual (negative: cut). */
    leastRoomUsd: Math.min(...admitted.map(o => o.capUsd - o.run.actualUsd)),
    /** cut ÷ admitted: the share of the runs let through that Claude's cap stopped. */
    aboveCapShare: admitted.length ? cut.length / admitted.length : 0,
    /** Median actual ÷ hold over the admitted runs. */
    holdEfficiency: admitted.length
      ? quantile(
          admitted.map(o => o.run.actualUsd / o.holdUsd),
          0.5
        )
      : NaN
  }
}

const REPLAY_HEAD = [
  '| budget | runs | n | admitted | refused | cut (actual > cap) | share above cap | cut with room | above hold | started beside others | least cap − actual | hold efficiency (median actual/hold) |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |'
]

function replayLine(budget: string, name: string, outcomes: Outcome[]): string {
  const s = replaySummary(outcomes)
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`
  return `| ${budget} | ${name} | ${s.n} | ${s.admitted} | ${s.refused} | ${s.cut} | ${pct(s.aboveCapShare)} | ${s.cutWithRoom} | ${s.aboveHold} | ${s.besideOthers} | ${usd(s.leastRoomUsd)} | ${s.holdEfficiency.toFixed(2)} |`
}

/** Rows of one budget's outcomes: per source (and its families), per family over all sources, and all. */
const replayRows = (budget: string, outcomes: Outcome[]): string[] =>
  groupedLines(
    outcomes,
    o => o.run,
    (name, os) => replayLine(budget, name, os)
  )

/** What each source's runs really cost per cycle (by their start), against which the budgets bind. */
export function cycleSpend(runs: ReplayRun[]): string[] {
  const spent = new Map<string, number>()
  for (const r of runs) {
    const key = `${r.source} ${cycleAt(new Date(r.startedAt), 1).id.slice(0, 7)}`
    spent.set(key, (spent.get(key) ?? 0) + r.actualUsd)
  }
  return [...spent].map(([key, x]) => `${key}: ${usd(x)}`)
}

/** The replay table: every budget, each source on its own ledger. */
export function replayTable(runs: ReplayRun[], budgets: ReplayBudget[] = replayBudgets()): string[] {
  return [...REPLAY_HEAD, ...budgets.flatMap(b => replayRows(b.name, replaySources(runs, b.credit)))]
}

/**
 * The replay in one table for the docs: per source and all, one column per budget, each cell "runs cut
 * of runs admitted (of them cut with room), runs refused".
 */
export function replayPivot(runs: ReplayRun[], budgets: ReplayBudget[] = replayBudgets()): string[] {
  const outcomes = budgets.map(b => replaySources(runs, b.credit))
  const cell = (os: Outcome[]) => {
    const s = replaySummary(os)
    return `${s.cut}/${s.admitted} (${s.cutWithRoom}), ${s.refused} refused`
  }
  const row = (name: string, keep: (o: Outcome) => boolean) =>
    `| ${name} | ${outcomes[0].filter(keep).length} | ${outcomes.map(os => cell(os.filter(keep))).join(' | ')} |`
  const sources = [...new Set(runs.map(r => r.source))]
  return [
    `| runs | n | ${budgets.map(b => b.name).join(' | ')} |`,
    `| --- | --- | ${budgets.map(() => '---').join(' | ')} |`,
    ...(sources.length > 1 ? sources.map(s => row(s, o => o.run.source === s)) : []),
    row('all', () => true)
  ]
}
