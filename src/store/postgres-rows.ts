/**
 * Fields ↔ columns for the PostgreSQL ledger: each entry field and account figure has its own column;
 * a field this version has no column for (a newer ledger's) rides in the row's `extra` JSON, so nothing
 * a step records is lost.
 */
import type { EntryRow } from './types.js'

type Kind = 'text' | 'time' | 'number' | 'bool' | 'json'

/** [field, column, kind] */
export type Columns = ReadonlyArray<readonly [string, string, Kind]>

/** A column a field, in `kinds` order, named as the field in snake_case unless `renamed` names it. */
function columns(kinds: Record<string, Kind>, renamed: Record<string, string> = {}): Columns {
  return Object.entries(kinds).map(([field, kind]) => {
    const column = renamed[field] ?? field.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`)
    return [field, column, kind] as const
  })
}

export const ENTRY_COLUMNS = columns({
  key: 'text',
  jobId: 'text',
  status: 'text',
  createdAt: 'time',
  updatedAt: 'time',
  expiresAt: 'time',
  holdUsd: 'number',
  estimateP50Usd: 'number',
  estimateP90Usd: 'number',
  estimateMaxUsd: 'number',
  gateOn: 'text',
  actualUsd: 'number',
  claudeReportedUsd: 'number',
  unverified: 'bool',
  withoutHold: 'bool',
  model: 'text',
  turns: 'number',
  subtype: 'text',
  usage: 'json',
  behaviour: 'json',
  priceTableAsOf: 'text',
  settledAt: 'time',
  stoppedBy: 'text'
})

export const ACCOUNT_COLUMNS = columns(
  {
    plan: 'text',
    seats: 'number',
    monthlyCredits: 'number',
    overageUsd: 'number',
    externalSpendUsd: 'number',
    billingCycleDay: 'number',
    setAt: 'time',
    setBy: 'text'
  },
  // The cycles table holds more than the account, so its columns say which figure is whose.
  { monthlyCredits: 'monthly_credits_usd', setAt: 'account_set_at', setBy: 'account_set_by' }
)

/** The column values of `obj` in `columns` order, then its other fields as one JSON value (or null). */
export function toColumns(columns: Columns, obj: Record<string, unknown>): unknown[] {
  const known = new Set(columns.map(([f]) => f))
  const values = columns.map(([field, , kind]) => {
    const v = obj[field]
    if (v === undefined || v === null) return null
    return kind === 'json' ? JSON.stringify(v) : v
  })
  const extra = Object.fromEntries(Object.entries(obj).filter(([f, v]) => !known.has(f) && v !== undefined))
  return [...values, Object.keys(extra).length > 0 ? JSON.stringify(extra) : null]
}

/** The fields of a row read with `columns` (and `extraColumn`), nulls left out, times as ISO text. */
export function fromColumns(
  columns: Columns,
  row: Record<string, unknown>,
  extraColumn: string
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [field, column, kind] of columns) {
    const v = row[column]
    if (v === null || v === undefined) continue
    out[field] = kind === 'time' ? (v as Date).toISOString() : v
  }
  const extra = row[extraColumn]
  if (extra && typeof extra === 'object') Object.assign(out, extra)
  return out
}

export const entryFromRow = (row: Record<string, unknown>) =>
  fromColumns(ENTRY_COLUMNS, row, 'extra') as EntryRow
