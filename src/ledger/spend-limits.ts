/**
 * Budgets beside the monthly one — per job and per ledger in any rolling 24 hours, per pull request,
 * per repository, per job and per person — judged by the monthly budget's rule: what the scope has
 * spent, plus its live holds, plus this run's hold must fit. Pure, over one ledger document, so the
 * check happens in the same compare-and-swap write as the hold and concurrent gates never overshoot.
 */
import type { AppliesTo, Auth, LimitSettings } from '../config/settings.js'
import type { LedgerDocument, LedgerEntry } from './document.js'
import realMoney from '../budget/real-money.json' with { type: 'json' }
import { usd } from '../budget/format.js'
import { counted, documentSums } from './sums.js'

/** Real money (API key, usage credits) or notional (a subscription's API-equivalent dollars). */
export type Money = 'real' | 'notional'

/** Where a run belongs: what each scoped budget matches it on. */
export interface RunScope {
  repository: string
  jobId: string
  actor?: string
  pr?: number
  money: Money
}

/** One budget a run must fit, besides the monthly one. */
export interface SpendLimit {
  /** The input that sets it, which the report names. */
  input: string
  /** "this job's rolling 24 hours", in the report's words. */
  label: string
  usd: number
  /** `day`: holds taken in the last 24 hours; `cycle`: this billing cycle. */
  window: 'cycle' | 'day'
  /** The scope's key, e.g. `pr:acme/api#12` (alerts and compacted spend are kept under it). */
  scope: string
}

/** Whether a run's dollars are real money: an API key, or a model a subscription bills as usage credits. */
export function moneyOf(auth: Auth, family: string | undefined, now: Date): Money {
  if (auth === 'api-key') return 'real'
  const billed = realMoney.subscriptionUsageCredits.find(m => m.family === family)
  return billed && now.toISOString().slice(0, 10) >= billed.since ? 'real' : 'notional'
}

/** The scope keys an entry's money counts under (compaction keeps settled dollars per key). */
export function scopeKeys(e: Pick<LedgerEntry, 'repository' | 'jobId' | 'actor' | 'pr'>): string[] {
  return [
    'all',
    `job:${e.jobId}`,
    ...(e.repository ? [`repository:${e.repository}`] : []),
    ...(e.actor ? [`actor:${e.actor}`] : []),
    ...(e.repository && e.pr !== undefined ? [`pr:${e.repository}#${e.pr}`] : [])
  ]
}

/** The dollar limits beside the monthly budget: each one's input and the setting it is parsed into. */
const SPEND_LIMITS = [
  { input: 'max-daily-usd', setting: 'maxDailyUsd' },
  { input: 'ledger-max-daily-usd', setting: 'ledgerMaxDailyUsd' },
  { input: 'max-pr-usd', setting: 'maxPrUsd' },
  { input: 'repository-budget-usd', setting: 'repositoryBudgetUsd' },
  { input: 'job-budget-usd', setting: 'jobBudgetUsd' },
  { input: 'max-actor-usd', setting: 'maxActorUsd' }
] as const satisfies ReadonlyArray<{ input: string; setting: keyof LimitSettings }>

/** The inputs of the dollar limits beside the monthly budget. */
export const SPEND_LIMIT_INPUTS = SPEND_LIMITS.map(l => l.input)

/** The limits that apply to this run (a per-PR limit only on a pull request, per-person only with an actor). */
export function limitsFor(l: LimitSettings, run: Omit<RunScope, 'money'>): SpendLimit[] {
  const out: SpendLimit[] = []
  const add = (
    input: string,
    value: number | undefined,
    label: string,
    window: 'cycle' | 'day',
    scope: string
  ) => {
    if (value !== undefined) out.push({ input, label, usd: value, window, scope })
  }
  add('max-daily-usd', l.maxDailyUsd, "this job's last 24 hours", 'day', `job:${run.jobId}`)
  add('ledger-max-daily-usd', l.ledgerMaxDailyUsd, "the ledger's last 24 hours", 'day', 'all')
  if (run.pr !== undefined)
    add('max-pr-usd', l.maxPrUsd, `pull request #${run.pr}`, 'cycle', `pr:${run.repository}#${run.pr}`)
  add(
    'repository-budget-usd',
    l.repositoryBudgetUsd,
    `${run.repository}'s budget`,
    'cycle',
    `repository:${run.repository}`
  )
  add('job-budget-usd', l.jobBudgetUsd, "this job's budget", 'cycle', `job:${run.jobId}`)
  if (run.actor !== undefined)
    add(
      'max-actor-usd',
      l.maxActorUsd,
      `${run.actor}'s ${l.actorPeriod === 'day' ? 'last 24 hours' : 'spend this cycle'}`,
      l.actorPeriod,
      `actor:${run.actor}`
    )
  return out
}

/** The scope keys whose money a run's limits judge: what a row store sums for its gate (CycleFocus.scopes). */
export const limitScopes = (l: LimitSettings, run: Omit<RunScope, 'money'>): string[] => [
  ...new Set(limitsFor(l, run).map(x => x.scope))
]

/** Whether a budget counts this entry's dollars (`budget-applies-to: real` leaves notional ones out). */
export const counts = (appliesTo: AppliesTo, money: Money | undefined) =>
  appliesTo === 'all' || money === 'real'

/**
 * What each limit's scope has spent and holds: settled actuals plus live holds (this run's own left
 * out), within its window — for `day`, entries whose hold was taken in the last 24 hours. One sum of the
 * document (a row store's unloaded entries included, src/ledger/sums.ts) serves every limit.
 */
function usedBy(
  doc: LedgerDocument,
  limits: SpendLimit[],
  a: { now: Date; appliesTo: AppliesTo; excludeKey?: string }
): number[] {
  if (limits.length === 0) return []
  const { byScope } = documentSums(doc, a.now, [...new Set(limits.map(l => l.scope))], a.excludeKey)
  return limits.map(limit => {
    const s = byScope[limit.scope]
    if (limit.window === 'day') return counted(s.day, a.appliesTo)
    const folded = doc.compacted.byScope?.[limit.scope]
    return (
      counted(s.settled, a.appliesTo) +
      counted(s.held, a.appliesTo) +
      (folded ? counted(folded, a.appliesTo) : 0)
    )
  })
}

/** Micro-dollars, so a sum of holds that fits exactly is not refused by a rounding error. */
const micro = (x: number) => Math.round(x * 1e6)

export interface SpendJudgement {
  /** Each limit with what its scope used before this run. */
  uses: Array<{ limit: SpendLimit; usedUsd: number }>
  /** The first limit this run does not fit. */
  refusal?: { limit: SpendLimit; usedUsd: number }
}

/** Every limit's use before this run, and the first one `gatedUsd` more would pass. */
export function judgeSpend(
  doc: LedgerDocument,
  limits: SpendLimit[],
  gatedUsd: number,
  a: { now: Date; appliesTo: AppliesTo; excludeKey?: string }
): SpendJudgement {
  const used = usedBy(doc, limits, a)
  const uses = limits.map((limit, i) => ({ limit, usedUsd: used[i] }))
  const refusal = uses.find(u => micro(u.usedUsd) + micro(gatedUsd) > micro(u.limit.usd))
  return { uses, ...(refusal ? { refusal } : {}) }
}

/** The refusal's reason, naming the budget: "… does not fit max-daily-usd ($5.00 for this job's last 24 hours; $4.10 used)". */
export function refusalReason(
  r: { limit: SpendLimit; usedUsd: number },
  gateOn: string,
  gatedUsd: number
): string {
  const left = Math.max(0, r.limit.usd - r.usedUsd)
  return `The ${gateOn} estimate ${usd(gatedUsd)} does not fit ${r.limit.input} (${usd(r.limit.usd)} for ${r.limit.label}; ${usd(r.usedUsd)} spent or held, ${usd(left)} left)`
}

/** The cycle's settled dollars, real money and notional apart (entries from before this was recorded: unlabelled). */
export function moneySplit(doc: LedgerDocument | null): {
  realUsd: number
  notionalUsd: number
  unlabelledUsd: number
} {
  const folded = doc?.compacted.byScope?.all ?? { usd: 0, realUsd: 0 }
  const out = {
    realUsd: folded.realUsd,
    notionalUsd: folded.usd - folded.realUsd,
    unlabelledUsd: (doc?.compacted.settledUsd ?? 0) - folded.usd
  }
  for (const e of doc?.entries ?? []) {
    if (e.status !== 'settled') continue
    const usd = e.actualUsd ?? 0
    if (e.money === 'real') out.realUsd += usd
    else if (e.money === 'notional') out.notionalUsd += usd
    else out.unlabelledUsd += usd
  }
  return out
}

/** One group of `status`'s spend by actor, job or pull request: settled and held, real money apart. */
export interface SpendGroup {
  key: string
  runs: number
  settledUsd: number
  heldUsd: number
  realUsd: number
}

/** The cycle's live entries grouped by actor, job and pull request (folded entries are not grouped). */
export function spendGroups(
  doc: LedgerDocument | null,
  now: Date
): { byActor: SpendGroup[]; byJob: SpendGroup[]; byPr: SpendGroup[] } {
  const groups = {
    byActor: new Map<string, SpendGroup>(),
    byJob: new Map<string, SpendGroup>(),
    byPr: new Map<string, SpendGroup>()
  }
  for (const e of doc?.entries ?? []) {
    const live = e.status === 'held' && Date.parse(e.expiresAt) > now.getTime()
    if (e.status !== 'settled' && !live) continue
    const keys: Array<[keyof typeof groups, string]> = [
      ['byActor', e.actor ?? '(unknown)'],
      ['byJob', e.jobId]
    ]
    if (e.pr !== undefined) keys.push(['byPr', `${e.repository ?? ''}#${e.pr}`])
    for (const [group, key] of keys) {
      const g = groups[group].get(key) ?? { key, runs: 0, settledUsd: 0, heldUsd: 0, realUsd: 0 }
      g.runs++
      if (e.status !== 'settled') g.heldUsd += e.holdUsd
      else {
        g.settledUsd += e.actualUsd ?? 0
        if (e.money === 'real') g.realUsd += e.actualUsd ?? 0
      }
      groups[group].set(key, g)
    }
  }
  const sorted = (m: Map<string, SpendGroup>) =>
    [...m.values()].sort((a, b) => b.settledUsd + b.heldUsd - (a.settledUsd + a.heldUsd))
  return { byActor: sorted(groups.byActor), byJob: sorted(groups.byJob), byPr: sorted(groups.byPr) }
}
