/**
 * Ledger operations: pure functions from a document to the next one. Each is idempotent under the
 * run's key, so a retried request or a re-run of the same attempt never counts twice.
 */
import { createHash } from 'node:crypto'
import type { Cycle } from '../budget/types.js'
import type { JobKey, GateOn } from '../config/settings.js'
import type { PastRun } from '../estimate/types.js'
import { behaviourSchema, type LedgerDocument, type LedgerEntry, type PreventedRun } from './document.js'
import { historyOf, keepInHistory, learnable } from './history.js'
import { counts, scopeKeys } from './spend-limits.js'
import { counted, documentSums } from './sums.js'
import type { AppliesTo } from '../config/settings.js'

/** Settled entries kept in full; older ones are folded into `compacted` (and the job's `history`). */
export const KEEP_ENTRIES = 200

/** The idempotency key of one gated step of one run attempt. */
export function entryKey(job: JobKey): string {
  return [job.runId, job.runAttempt, job.repository, job.workflow, job.job, job.step]
    .map(p => encodeURIComponent(String(p)))
    .join('/')
}

/** The history key of a job: the same step of the same job across runs. */
export function jobIdOf(job: JobKey): string {
  return [job.repository, job.workflow, job.job, job.step].join('/')
}

const shortHash = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 16)

export function emptyDocument(cycle: Cycle): LedgerDocument {
  return {
    schema: 'agent-credit-gate/ledger@1',
    cycle,
    revision: 0,
    entries: [],
    compacted: { runs: 0, settledUsd: 0, byDay: {}, byJob: {}, keys: [] }
  }
}

function compact(doc: LedgerDocument): void {
  const done = doc.entries.filter(e => e.status !== 'held')
  if (done.length <= KEEP_ENTRIES) return
  const fold = new Set(
    done
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))
      .slice(0, done.length - KEEP_ENTRIES)
      .map(e => e.key)
  )
  const c = doc.compacted
  const folded = doc.entries.filter(x => fold.has(x.key))
  // The job's newest runs stay whole for its next estimates, and go on to the next cycle from there.
  doc.history = keepInHistory(doc.history, folded)
  for (const e of folded) {
    c.keys.push(shortHash(e.key))
    if (e.status !== 'settled') continue
    const usd = e.actualUsd ?? 0
    const day = (e.settledAt ?? e.updatedAt).slice(0, 10)
    c.runs++
    c.settledUsd += usd
    c.byDay[day] = (c.byDay[day] ?? 0) + usd
    const byScope = (c.byScope ??= {})
    for (const k of scopeKeys(e)) {
      const kept = (byScope[k] ??= { usd: 0, realUsd: 0 })
      kept.usd += usd
      if (e.money === 'real') kept.realUsd += usd
    }
    const job = (c.byJob[e.jobId] ??= { runs: 0, usd: 0, recent: [] })
    job.runs++
    job.usd += usd
  }
  doc.entries = doc.entries.filter(e => !fold.has(e.key))
}

export interface ReserveRequest {
  key: string
  jobId: string
  holdUsd: number
  estimate: { p50Usd: number; p90Usd: number; maxUsd: number; gateOn: GateOn }
  model?: string
  priceTableAsOf: string
  holdHours: number
  /** Where the run belongs and whose money it is: what scoped budgets and `status` group by. */
  scope?: Pick<LedgerEntry, 'repository' | 'actor' | 'association' | 'pr' | 'money'>
}

export type ReserveOutcome = 'reserved' | 'already-held' | 'already-settled' | 'already-released'

/** Hold money for a run; the same key again changes nothing. */
export function reserve(
  doc: LedgerDocument,
  req: ReserveRequest,
  now: Date
): { doc: LedgerDocument; outcome: ReserveOutcome } {
  const existing = doc.entries.find(e => e.key === req.key)
  if (existing)
    return {
      doc,
      outcome:
        existing.status === 'held'
          ? 'already-held'
          : existing.status === 'settled'
            ? 'already-settled'
            : 'already-released'
    }
  if (doc.compacted.keys.includes(shortHash(req.key))) return { doc, outcome: 'already-settled' }
  const next = structuredClone(doc)
  const at = now.toISOString()
  next.entries.push({
    key: req.key,
    jobId: req.jobId,
    status: 'held',
    createdAt: at,
    updatedAt: at,
    expiresAt: new Date(now.getTime() + req.holdHours * 3_600_000).toISOString(),
    holdUsd: req.holdUsd,
    estimate: req.estimate,
    model: req.model,
    priceTableAsOf: req.priceTableAsOf,
    ...req.scope
  })
  return { doc: next, outcome: 'reserved' }
}

/** What settling records; `jobId` and `priceTableAsOf` matter only when the hold is missing. */
export type SettleRequest = Pick<LedgerEntry, 'key'> & { actualUsd: number } & Partial<
    Pick<
      LedgerEntry,
      | 'claudeReportedUsd'
      | 'unverified'
      | 'model'
      | 'sideModels'
      | 'turns'
      | 'subtype'
      | 'usage'
      | 'behaviour'
      | 'stoppedBy'
      | 'jobId'
      | 'priceTableAsOf'
    >
  >

/**
 * Why settling a settled entry again replaces its figure: it was kept unverified (no usable result) and
 * this one is priced, or the caller asked to replace it. Undefined: settling again changes nothing.
 */
export function correctionOf(
  found: LedgerEntry | undefined,
  req: { unverified?: boolean; replace?: boolean }
): 'unverified' | 'replace' | undefined {
  if (found?.status !== 'settled') return undefined
  if (req.replace) return 'replace'
  return found.unverified && !req.unverified ? 'unverified' : undefined
}

/**
 * Replace a hold by the actual; settling twice changes nothing, except to correct a settled figure
 * (correctionOf), which the entry keeps in `corrections`.
 */
export function settle(
  doc: LedgerDocument,
  req: SettleRequest & { replace?: boolean },
  now: Date
): { doc: LedgerDocument; outcome: 'settled' | 'already-settled' | 'settled-without-hold' | 'corrected' } {
  const at = now.toISOString()
  const found = doc.entries.find(e => e.key === req.key)
  const correction = correctionOf(found, req)
  if (
    (found?.status === 'settled' && !correction) ||
    (!found && doc.compacted.keys.includes(shortHash(req.key)))
  ) {
    return { doc, outcome: 'already-settled' }
  }
  const next = structuredClone(doc)
  const fields = {
    status: 'settled' as const,
    updatedAt: at,
    settledAt: at,
    actualUsd: req.actualUsd,
    ...(req.claudeReportedUsd !== undefined ? { claudeReportedUsd: req.claudeReportedUsd } : {}),
    ...(req.unverified ? { unverified: true } : {}),
    ...(req.model ? { model: req.model } : {}),
    ...(req.sideModels?.length ? { sideModels: req.sideModels } : {}),
    ...(req.turns !== undefined ? { turns: req.turns } : {}),
    ...(req.subtype ? { subtype: req.subtype } : {}),
    ...(req.usage ? { usage: req.usage } : {}),
    ...(req.stoppedBy ? { stoppedBy: req.stoppedBy } : {}),
    // Behaviour only teaches the next estimate: a value the document could not be read back with is
    // left out rather than risk the ledger.
    ...(req.behaviour && behaviourSchema.safeParse(req.behaviour).success ? { behaviour: req.behaviour } : {})
  }
  let outcome: 'settled' | 'settled-without-hold' | 'corrected' = 'settled'
  const entry = next.entries.find(e => e.key === req.key)
  if (entry && correction) {
    outcome = 'corrected'
    const previous = {
      at,
      previousUsd: entry.actualUsd ?? 0,
      ...(entry.unverified ? { previousUnverified: true } : {}),
      why: correction
    }
    delete entry.unverified
    Object.assign(entry, fields, { corrections: [...(entry.corrections ?? []), previous] })
  } else if (entry) Object.assign(entry, fields)
  else {
    outcome = 'settled-without-hold'
    next.entries.push({
      key: req.key,
      jobId: req.jobId ?? req.key,
      createdAt: at,
      expiresAt: at,
      holdUsd: 0,
      estimate: { p50Usd: 0, p90Usd: 0, maxUsd: 0, gateOn: 'p90' },
      priceTableAsOf: req.priceTableAsOf ?? '',
      withoutHold: true,
      ...fields
    })
  }
  compact(next)
  return { doc: next, outcome }
}

/** Prevented runs kept in full; older ones are folded into `compacted.prevented`. */
const KEEP_PREVENTED = 200

/** Count a run the gate refused or skipped; the same key again changes nothing. */
export function recordPrevented(doc: LedgerDocument, run: PreventedRun): LedgerDocument {
  if (doc.prevented?.some(p => p.key === run.key)) return doc
  const next = structuredClone(doc)
  const list = (next.prevented ??= [])
  list.push(run)
  if (list.length > KEEP_PREVENTED) {
    const folded = list.splice(0, list.length - KEEP_PREVENTED)
    const c = (next.compacted.prevented ??= { runs: 0, p50Usd: 0 })
    c.runs += folded.length
    c.p50Usd += folded.reduce((s, p) => s + p.p50Usd, 0)
  }
  return next
}

/** What the gate prevented this cycle: refused and skipped runs and the p50 they would likely have spent. */
export function preventedTotals(doc: LedgerDocument | null): { runs: number; p50Usd: number } {
  const folded = doc?.compacted.prevented ?? { runs: 0, p50Usd: 0 }
  const kept = doc?.prevented ?? []
  return { runs: folded.runs + kept.length, p50Usd: folded.p50Usd + kept.reduce((s, p) => s + p.p50Usd, 0) }
}

/** Drop a hold whose agent step never ran. */
export function release(
  doc: LedgerDocument,
  key: string,
  now: Date
): { doc: LedgerDocument; outcome: 'released' | 'not-held' } {
  const found = doc.entries.find(e => e.key === key)
  if (found?.status !== 'held') return { doc, outcome: 'not-held' }
  const next = structuredClone(doc)
  const entry = next.entries.find(e => e.key === key) as LedgerEntry
  entry.status = 'released'
  entry.updatedAt = now.toISOString()
  compact(next)
  return { doc: next, outcome: 'released' }
}

/**
 * What the cycle has spent and holds; expired holds stop counting, `excludeKey` leaves one run out, and
 * `appliesTo: real` counts real money only (the burn-down then too).
 */
export function totals(
  doc: LedgerDocument,
  now: Date,
  excludeKey?: string,
  appliesTo: AppliesTo = 'all'
): { settledUsd: number; heldUsd: number; byDay: Array<{ date: string; cumulativeUsd: number }> } {
  const real = appliesTo === 'real'
  const byDay = new Map(real ? [] : Object.entries(doc.compacted.byDay))
  let settledUsd = real ? (doc.compacted.byScope?.all?.realUsd ?? 0) : doc.compacted.settledUsd
  for (const e of doc.entries) {
    if (!counts(appliesTo, e.money) || e.status !== 'settled') continue
    settledUsd += e.actualUsd ?? 0
    const day = (e.settledAt ?? e.updatedAt).slice(0, 10)
    byDay.set(day, (byDay.get(day) ?? 0) + (e.actualUsd ?? 0))
  }
  // Live holds as every store sums them (a row store's unloaded ones included).
  const heldUsd = counted(documentSums(doc, now, [], excludeKey).held, appliesTo)
  let cumulative = 0
  const days = [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b))
  return {
    settledUsd,
    heldUsd,
    byDay: days.map(([date, usd]) => ({ date, cumulativeUsd: (cumulative += usd) }))
  }
}

/** What the estimate learns from one settled entry. */
function pastRunOf(e: LedgerEntry): PastRun {
  return {
    actualUsd: e.actualUsd as number,
    estimateP50Usd: e.estimate.p50Usd || undefined,
    turns: e.turns,
    settledAt: e.settledAt ?? e.updatedAt,
    ...(e.behaviour ? { behaviour: e.behaviour } : {}),
    ...(e.model ? { model: e.model } : {}),
    ...(e.sideModels?.length ? { sideModels: e.sideModels } : {})
  }
}

/**
 * The newest settled (verified) runs of a history key, for the estimate's history blend: this cycle's
 * entries, then the job's history (folded away, or carried from earlier cycles).
 */
export function pastRuns(doc: LedgerDocument, jobId: string, n: number): PastRun[] {
  const live = doc.entries.filter(e => e.jobId === jobId && learnable(e))
  const keys = new Set(live.map(e => e.key))
  const kept = historyOf(doc, jobId).filter(e => !keys.has(e.key))
  return [...[...live, ...kept].map(pastRunOf), ...(doc.compacted.byJob[jobId]?.recent ?? [])]
    .sort((a, b) => b.settledAt.localeCompare(a.settledAt))
    .slice(0, n)
}

/**
 * When a run whose model `matches` was last active in this ledger: the newest settle, or the start of
 * a live hold (a run under way keeps its cache warm). The prompt cache belongs to the account, and a
 * ledger is one account's budget, so every job in it counts; `excludeKey` leaves out the run asking (a
 * retried gate finds its own hold). Undefined when there is none.
 */
export function lastRunAt(
  doc: LedgerDocument,
  matches: (model: string | undefined) => boolean,
  now: Date,
  excludeKey?: string
): string | undefined {
  let last: string | undefined
  let lastMs = -Infinity
  for (const e of doc.entries) {
    if (!matches(e.model) || e.key === excludeKey) continue
    const at =
      e.status === 'settled'
        ? (e.settledAt ?? e.updatedAt)
        : e.status === 'held' && Date.parse(e.expiresAt) > now.getTime()
          ? e.createdAt
          : undefined
    const ms = at ? Date.parse(at) : NaN
    if (ms <= now.getTime() && ms > lastMs) {
      last = at
      lastMs = ms
    }
  }
  return last
}
