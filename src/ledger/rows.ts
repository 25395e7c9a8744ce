/**
 * A cycle kept as rows (the PostgreSQL store) seen as the ledger document the pure operations work on,
 * and back. The document is the cycle's live state: every hold, the newest entries and the step's own
 * rows in full; the settled money of all other rows summed by day into `compacted`, exactly as a
 * document ledger folds old entries. So reserve, settle, release, the limits and the meters decide on
 * rows the way they decide on a document, and only the rows an operation changed are written back.
 */
import type { Cycle } from '../budget/types.js'
import type { CycleExtras, CycleRows, EntryRow, RowChanges } from '../store/types.js'
import { parseDocument, type LedgerDocument, type LedgerEntry } from './document.js'
import { emptyDocument } from './operations.js'
import { settledByScope, type SummedDocument } from './sums.js'

/** Sums left after taking loaded rows out of a cycle's totals: below this they are rounding, not money. */
const NANO_USD = 1e-9
const clean = (usd: number) => (Math.abs(usd) < NANO_USD ? 0 : Math.round(usd / NANO_USD) * NANO_USD)

/** An entry as a flat row: `estimate` as four fields. */
export function entryToRow(e: LedgerEntry): EntryRow {
  const { estimate, ...rest } = e
  return {
    ...rest,
    estimateP50Usd: estimate.p50Usd,
    estimateP90Usd: estimate.p90Usd,
    estimateMaxUsd: estimate.maxUsd,
    gateOn: estimate.gateOn
  }
}

function rowToEntry(row: EntryRow): unknown {
  const { estimateP50Usd, estimateP90Usd, estimateMaxUsd, gateOn, ...rest } = row
  return {
    ...rest,
    estimate: { p50Usd: estimateP50Usd, p90Usd: estimateP90Usd, maxUsd: estimateMaxUsd, gateOn }
  }
}

/** The document of `rows` (validated like any document: a bad row stops the step and is not overwritten). */
export function documentOf(rows: CycleRows, cycle: Cycle, where: string): SummedDocument {
  if (!rows.cycle) return emptyDocument(cycle)
  const base = emptyDocument(cycle)
  const folded = (rows.cycle.folded as LedgerDocument['compacted'] | undefined) ?? base.compacted
  const compacted = structuredClone(folded)
  const extras = rows.cycle.extras ?? {}
  if (extras.preventedFolded) compacted.prevented = extras.preventedFolded as typeof compacted.prevented
  const entries = rows.entries.map(rowToEntry) as LedgerEntry[]
  // What the loaded settled rows hold by day; the rest of each day's total is summed, not listed.
  const loaded = new Map<string, { runs: number; usd: number }>()
  for (const e of entries) {
    if (e.status !== 'settled') continue
    const day = (e.settledAt ?? e.updatedAt).slice(0, 10)
    const d = loaded.get(day) ?? { runs: 0, usd: 0 }
    loaded.set(day, { runs: d.runs + 1, usd: d.usd + (e.actualUsd ?? 0) })
  }
  // The same for the settled money per scope (what budgets per PR, person, repository and job count).
  const loadedByScope = settledByScope(entries)
  for (const [scope, all] of Object.entries(rows.settledByScope ?? {})) {
    const mine = loadedByScope.get(scope)
    const usd = clean(all.usd - (mine?.usd ?? 0))
    const realUsd = clean(all.realUsd - (mine?.realUsd ?? 0))
    if (all.runs - (mine?.runs ?? 0) <= 0 && usd <= 0) continue
    const byScope = (compacted.byScope ??= {})
    const kept = byScope[scope] ?? { usd: 0, realUsd: 0 }
    byScope[scope] = { usd: clean(kept.usd + usd), realUsd: clean(kept.realUsd + realUsd) }
  }
  for (const [day, all] of Object.entries(rows.settledByDay)) {
    const runs = all.runs - (loaded.get(day)?.runs ?? 0)
    const usd = clean(all.usd - (loaded.get(day)?.usd ?? 0))
    if (runs <= 0 && usd <= 0) continue
    compacted.runs += runs
    compacted.settledUsd = clean(compacted.settledUsd + usd)
    compacted.byDay[day] = clean((compacted.byDay[day] ?? 0) + usd)
  }
  const raw = {
    schema: base.schema,
    cycle: { id: rows.cycle.id, start: rows.cycle.start, resetsAt: rows.cycle.resetsAt },
    ...(rows.cycle.account ? { account: rows.cycle.account } : {}),
    revision: rows.cycle.revision,
    entries,
    ...(Object.keys(rows.meters).length > 0 ? { meters: rows.meters } : {}),
    ...(rows.cycle.history ? { history: rows.cycle.history } : {}),
    ...(extras.prevented ? { prevented: extras.prevented } : {}),
    ...(extras.alerts ? { alerts: extras.alerts } : {}),
    compacted
  }
  const doc: SummedDocument = parseDocument(raw, where)
  if (rows.unloaded) doc.unloaded = rows.unloaded
  return doc
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The rows `after` changes relative to `before`. Entries an operation folded into `compacted` are
 * left as they are: a row store keeps every entry, and sums what it does not load.
 */
export function changesOf(before: LedgerDocument, after: LedgerDocument): RowChanges {
  const old = new Map(before.entries.map(e => [e.key, e]))
  const meters = Object.fromEntries(
    Object.entries(after.meters ?? {}).filter(([account, m]) => !same(m, before.meters?.[account]))
  )
  return {
    cycle: {
      start: after.cycle.start,
      resetsAt: after.cycle.resetsAt,
      ...(after.account ? { account: after.account } : {}),
      ...(after.history && !same(after.history, before.history) ? { history: after.history } : {}),
      ...(same(extrasOf(after), extrasOf(before)) ? {} : { extras: extrasOf(after) })
    },
    entries: after.entries.filter(e => !same(e, old.get(e.key))).map(entryToRow),
    meters
  }
}

/** The document's cycle-wide records a row store keeps on the cycle's row. */
function extrasOf(doc: LedgerDocument): CycleExtras {
  return {
    ...(doc.prevented ? { prevented: doc.prevented } : {}),
    ...(doc.alerts ? { alerts: doc.alerts } : {}),
    ...(doc.compacted.prevented ? { preventedFolded: doc.compacted.prevented } : {})
  }
}

/** A whole document as rows, to copy it into a row store (its folded part kept as it is). */
export function rowsOfDocument(doc: LedgerDocument): { rows: RowChanges; revision: number } {
  const folded = doc.compacted.runs > 0 || doc.compacted.keys.length > 0 ? doc.compacted : undefined
  return {
    rows: {
      cycle: {
        start: doc.cycle.start,
        resetsAt: doc.cycle.resetsAt,
        ...(doc.account ? { account: doc.account } : {}),
        ...(folded ? { folded } : {}),
        ...(doc.history ? { history: doc.history } : {}),
        extras: extrasOf(doc)
      },
      entries: doc.entries.map(entryToRow),
      meters: doc.meters ?? {}
    },
    revision: doc.revision
  }
}
