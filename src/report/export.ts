/**
 * `export`: a cycle's settled runs for FinOps tools. `focus` writes the FOCUS 1.2 columns the spec makes
 * mandatory (and the ones that name the run: ResourceId = the job, Tags = actor, pull request,
 * repository, …) as CSV; `csv` and `json` write this ledger's own fields. Notional dollars (a
 * subscription's API-equivalent) are billed at 0: nobody pays them; their list figure stays in ListCost.
 */
import type { Cycle } from '../budget/types.js'
import type { LedgerDocument } from '../ledger/document.js'

export const EXPORT_FORMATS = ['focus', 'csv', 'json'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** One settled run as `csv` and `json` export it. */
export interface ExportRecord {
  key: string
  jobId: string
  repository: string | null
  actor: string | null
  association: string | null
  pr: number | null
  model: string | null
  /** `real`, `notional`, or null for runs recorded before this was kept. */
  money: 'real' | 'notional' | null
  /** Our recorded actual: the run's cost at list prices (API-equivalent when notional). */
  actualUsd: number
  /** Claude's own total_cost_usd, when its result gave one. */
  claudeReportedUsd: number | null
  heldAt: string
  settledAt: string
  priceTableAsOf: string
}

/** The cycle's settled runs, oldest first (runs folded into the document's totals are not listed). */
function exportRecords(doc: LedgerDocument | null): ExportRecord[] {
  return (doc?.entries ?? [])
    .filter(e => e.status === 'settled')
    .map(e => ({
      key: e.key,
      jobId: e.jobId,
      repository: e.repository ?? null,
      actor: e.actor ?? null,
      association: e.association ?? null,
      pr: e.pr ?? null,
      model: e.model ?? null,
      money: e.money ?? null,
      actualUsd: e.actualUsd ?? 0,
      claudeReportedUsd: e.claudeReportedUsd ?? null,
      heldAt: e.createdAt,
      settledAt: e.settledAt ?? e.updatedAt,
      priceTableAsOf: e.priceTableAsOf
    }))
    .sort((a, b) => a.settledAt.localeCompare(b.settledAt))
}

/** A FOCUS row: a value for every column FOCUS_COLUMNS lists, and for no other. */
type FocusRow = Record<(typeof FOCUS_COLUMNS)[number], string | number | null>

/** FOCUS 1.2 rows: one Usage charge per settled run, in USD, for the account's billing cycle. */
function focusRows(records: ExportRecord[], cycle: Cycle, account: string): FocusRow[] {
  return records.map(r => {
    // Unlabelled runs are billed as recorded: the ledger cannot tell they were notional.
    const billed = r.money === 'notional' ? 0 : r.actualUsd
    const tags: Record<string, string | number> = {
      'agent-credit-gate/run': r.key,
      'agent-credit-gate/money': r.money ?? 'unlabelled',
      'agent-credit-gate/price-table': r.priceTableAsOf,
      ...(r.repository ? { 'agent-credit-gate/repository': r.repository } : {}),
      ...(r.actor ? { 'agent-credit-gate/actor': r.actor } : {}),
      ...(r.pr !== null ? { 'agent-credit-gate/pull-request': r.pr } : {}),
      ...(r.model ? { 'agent-credit-gate/model': r.model } : {})
    }
    return {
      BilledCost: billed,
      BillingAccountId: account,
      BillingAccountName: account,
      BillingCurrency: 'USD',
      BillingPeriodEnd: cycle.resetsAt,
      BillingPeriodStart: cycle.start,
      ChargeCategory: 'Usage',
      ChargeClass: null,
      ChargeDescription: `Claude agent run of ${r.jobId}${r.model ? ` (${r.model})` : ''}${r.money === 'notional' ? ', notional: subscription API-equivalent' : ''}`,
      ChargePeriodEnd: r.settledAt,
      ChargePeriodStart: r.heldAt,
      ContractedCost: billed,
      EffectiveCost: billed,
      InvoiceIssuerName: 'Anthropic',
      ListCost: r.actualUsd,
      PricingQuantity: null,
      PricingUnit: null,
      ProviderName: 'Anthropic',
      PublisherName: 'Anthropic',
      ResourceId: r.jobId,
      ResourceName: r.jobId,
      ServiceCategory: 'AI and Machine Learning',
      ServiceName: 'Claude',
      SubAccountId: r.repository,
      Tags: JSON.stringify(tags)
    }
  })
}

/** RFC 4180 CSV: a header of `columns`, every field that needs it quoted, nulls empty. */
function toCsv<R extends object>(rows: R[], columns: ReadonlyArray<keyof R & string>): string {
  const field = (v: unknown) => {
    if (v === null || v === undefined) return ''
    const s = String(v)
    // A leading = + - @ would run as a formula in a spreadsheet: quoted with a leading apostrophe.
    const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s
    return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe
  }
  return [columns.join(','), ...rows.map(r => columns.map(c => field(r[c])).join(','))].join('\r\n') + '\r\n'
}

/** The export in `format`. */
export function renderExport(
  format: ExportFormat,
  doc: LedgerDocument | null,
  cycle: Cycle,
  account: string
): string {
  const records = exportRecords(doc)
  if (format === 'json') return JSON.stringify(records, null, 2) + '\n'
  if (format === 'csv') return toCsv(records, CSV_COLUMNS)
  return toCsv(focusRows(records, cycle, account), FOCUS_COLUMNS)
}

const CSV_COLUMNS: Array<keyof ExportRecord> = [
  'key',
  'jobId',
  'repository',
  'actor',
  'association',
  'pr',
  'model',
  'money',
  'actualUsd',
  'claudeReportedUsd',
  'heldAt',
  'settledAt',
  'priceTableAsOf'
]

/** The columns a FOCUS export writes, in the spec's alphabetical order. */
export const FOCUS_COLUMNS = [
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'ContractedCost',
  'EffectiveCost',
  'InvoiceIssuerName',
  'ListCost',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'ResourceId',
  'ResourceName',
  'ServiceCategory',
  'ServiceName',
  'SubAccountId',
  'Tags'
] as const
