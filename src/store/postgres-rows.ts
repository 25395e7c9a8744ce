/**
 * Fields ↔ columns for the PostgreSQL ledger: each entry field and account figure has its own column;
 * a field this version has no column for (a newer ledger's) rides in the row's `extra` JSON, so nothing
 * a step records is lost.
 */
import type { EntryRow } from './types.js'

type Kind = 'text' | 'time' | 'number' | 'bool' | 'json'

/** [field, column, kind] */
export type Columns = ReadonlyArray<readonly [string, string, Kind]>

export const ENTRY_COLUMNS: Columns = [
  ['key', 'key', 'text'],
  ['jobId', 'job_id', 'text'],
  ['status', 'status', 'text'],
  ['createdAt', 'created_at', 'time'],
  ['updatedAt', 'updated_at', 'time'],
  ['expiresAt', 'expires_at', 'time'],
  ['holdUsd', 'hold_usd', 'number'],
  ['estimateP50Usd', 'estimate_p50_usd', 'number'],
  ['estimateP90Usd', 'estimate_p90_usd', 'number'],
  ['estimateMaxUsd', 'estimate_max_usd', 'number'],
  ['gateOn', 'gate_on', 'text'],
  ['actualUsd', 'actual_usd', 'number'],
  ['claudeReportedUsd', 'claude_reported_usd', 'number'],
  ['unverified', 'unverified', 'bool'],
  ['withoutHold', 'without_hold', 'bool'],
  ['model', 'model', 'text'],
  ['turns', 'turns', 'number'],
  ['subtype', 'subtype', 'text'],
  ['usage', 'usage', 'json'],
  ['behaviour', 'behaviour', 'json'],
  ['priceTableAsOf', 'price_table_as_of', 'text'],
  ['settledAt', 'settled_at', 'time'],
  ['stoppedBy', 'stopped_by', 'text']
]

export const ACCOUNT_COLUMNS: Columns = [
  ['plan', 'plan', 'text'],
  ['seats', 'seats', 'number'],
  ['monthlyCredits', 'monthly_credits_usd', 'number'],
  ['overageUsd', 'overage_usd', 'number'],
  ['externalSpendUsd', 'external_spend_usd', 'number'],
  ['billingCycleDay', 'billing_cycle_day', 'number'],
  ['setAt', 'account_set_at', 'time'],
  ['setBy', 'account_set_by', 'text']
]

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
