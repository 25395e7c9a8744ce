/**
 * What a gate decides on, summed: the cycle's live holds, and per scope (`job:`, `repository:`, `actor:`,
 * `pr:`, `all`) its spend this cycle and in the last 24 hours. One pure function sums a document's
 * entries for every store; a store that keeps a cycle as rows sums the entries it did not load in SQL
 * (the same rules, src/store/postgres-sums.ts) and hands them over as `unloaded`, so a gate's transaction
 * reads a few sums instead of every live hold, and every store decides on the same figures.
 */
import type { AppliesTo } from '../config/settings.js'
import type { LedgerDocument, LedgerEntry } from './document.js'
import { scopeKeys } from './spend-limits.js'
import type { ScopeSum, Unloaded, Usd } from '../store/types.js'

export type { ScopeSum, Unloaded, Usd }

/** A scope's money in a document: its loaded entries' settled actuals too (the rest are in `compacted.byScope`). */
export type DocumentScopeSum = ScopeSum & { settled: Usd }

/** A ledger document as a gate decides on it: with a row store's sums of the entries it left unloaded. */
export type SummedDocument = LedgerDocument & { unloaded?: Unloaded }

const DAY_MS = 86_400_000

const noUsd = (): Usd => ({ usd: 0, realUsd: 0 })
const noScope = (): DocumentScopeSum => ({ held: noUsd(), day: noUsd(), settled: noUsd() })
const add = (to: Usd, usd: number, real: boolean) => {
  to.usd += usd
  if (real) to.realUsd += usd
}
const plus = (a: Usd, b: Usd): Usd => ({ usd: a.usd + b.usd, realUsd: a.realUsd + b.realUsd })

/** The figure of `u` a budget counts. */
export const counted = (u: Usd, appliesTo: AppliesTo) => (appliesTo === 'real' ? u.realUsd : u.usd)

/** Whether an entry's hold still counts at `t` (ms): held and not expired. */
const liveAt = (e: Pick<LedgerEntry, 'status' | 'expiresAt'>, t: number) =>
  e.status === 'held' && Date.parse(e.expiresAt) > t

/**
 * Sum `entries` as a gate counts them at `now`: live holds, and for each of `scopes` its live holds, its
 * settled actuals and its money created in the last 24 hours (a settled run's actual, a live hold).
 * `excludeKey` (the run asking) counts nowhere. The SQL of a row store mirrors this function exactly.
 */
export function sumEntries(
  entries: readonly LedgerEntry[],
  now: Date,
  scopes: readonly string[],
  excludeKey?: string
): { held: Usd; byScope: Record<string, DocumentScopeSum> } {
  const t = now.getTime()
  const held = noUsd()
  const byScope: Record<string, DocumentScopeSum> = Object.fromEntries(scopes.map(s => [s, noScope()]))
  for (const e of entries) {
    if (e.key === excludeKey) continue
    const live = liveAt(e, t)
    const usd = e.status === 'settled' ? (e.actualUsd ?? 0) : live ? e.holdUsd : 0
    if (usd === 0) continue
    const real = e.money === 'real'
    if (live) add(held, usd, real)
    if (scopes.length === 0) continue
    const today = Date.parse(e.createdAt) > t - DAY_MS
    for (const k of scopeKeys(e)) {
      const s = byScope[k]
      if (!s) continue
      add(live ? s.held : s.settled, usd, real)
      if (today) add(s.day, usd, real)
    }
  }
  return { held, byScope }
}

/**
 * The document's sums at `now`: its entries' (sumEntries) plus what a row store summed instead of
 * loading. Sums taken at another instant, or without a scope asked for now, would be wrong money: that
 * is a programming error, never a silent under-count.
 */
export function documentSums(
  doc: SummedDocument,
  now: Date,
  scopes: readonly string[],
  excludeKey?: string
): { held: Usd; byScope: Record<string, DocumentScopeSum> } {
  const own = sumEntries(doc.entries, now, scopes, excludeKey)
  const u = doc.unloaded
  if (!u) return own
  if (u.at !== now.toISOString())
    throw new Error(
      `ledger: the store summed this cycle at ${u.at}, the step decides at ${now.toISOString()}; pass the step's now in its focus`
    )
  const missing = scopes.find(s => !u.byScope[s])
  if (missing !== undefined)
    throw new Error(
      `ledger: the store did not sum the scope ${missing}; name it in the step's focus (scopes)`
    )
  return {
    held: plus(own.held, u.held),
    byScope: Object.fromEntries(
      scopes.map(s => [
        s,
        {
          held: plus(own.byScope[s].held, u.byScope[s].held),
          day: plus(own.byScope[s].day, u.byScope[s].day),
          settled: own.byScope[s].settled
        }
      ])
    )
  }
}

/** Settled actuals of `entries` per scope key (a row store takes the loaded ones out of its per-scope totals). */
export function settledByScope(entries: readonly LedgerEntry[]): Map<string, Usd & { runs: number }> {
  const out = new Map<string, Usd & { runs: number }>()
  for (const e of entries) {
    if (e.status !== 'settled') continue
    for (const k of scopeKeys(e)) {
      const s = out.get(k) ?? { runs: 0, ...noUsd() }
      s.runs++
      add(s, e.actualUsd ?? 0, e.money === 'real')
      out.set(k, s)
    }
  }
  return out
}
