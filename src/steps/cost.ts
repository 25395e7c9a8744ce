/** `cost`: price a Claude result file, or any client's usage log, with our table, no ledger. */
import type { Settings } from '../config/settings.js'
import { parseClaudeOutput } from '../usage/parse.js'
import { priceRun, type RunCost } from '../usage/cost.js'
import { dayOf } from '../pricing/dated.js'
import { resolveModel } from '../pricing/table.js'
import { isMessagesLog, priceLog } from '../usage/messages-jsonl.js'
import type { ClaudeOutputFormat } from '../usage/types.js'
import { priceTableFor } from './estimate.js'
import { usageFilePath } from './record.js'
import type { StepDeps } from './deps.js'

export interface CostReport {
  /** The file priced. */
  path: string
  format: ClaudeOutputFormat
  /** Our figure: Claude's usage priced with our table (or Claude's own figure when `basis` says so). */
  usd: number
  basis: RunCost['basis']
  /** The day whose prices were used, and how it was known. */
  pricedOn: RunCost['pricedOn']
  notes: string[]
  /** Claude's API-equivalent total_cost_usd. */
  claudeReportedUsd?: number
  mismatch: string | null
  byModel: RunCost['byModel']
  subtype: string
  isError: boolean
  turns: number
  priceTableAsOf: string
  label: string
}

export async function cost(settings: Settings, deps: StepDeps): Promise<CostReport> {
  const path = usageFilePath(settings, deps)
  const table = await priceTableFor(settings, deps)
  const text = await deps.files.read(path, 'usage-file')
  const today = { day: dayOf(deps.now), from: 'today: the file does not say when it ran' }
  // A usage log from any client is priced as record and run price it (docs/recipes.md).
  if (isMessagesLog(text)) {
    const priced = priceLog(table, text, path, today)
    return {
      path,
      format: 'messages-jsonl',
      usd: priced.usd,
      basis: priced.basis,
      pricedOn: priced.pricedOn,
      notes: [],
      mismatch: null,
      byModel: priced.byModel.map(m => ({ ...m, resolvedId: resolveModel(table, m.model).id })),
      subtype: priced.subtype,
      isError: priced.isError,
      turns: priced.turns,
      priceTableAsOf: table.asOf,
      label: 'actual: the logged API responses priced with our table, one by one'
    }
  }
  const parsed = parseClaudeOutput(text, path)
  const run = priceRun(table, parsed, today)
  return {
    path,
    format: parsed.format,
    usd: run.usd,
    basis: run.basis,
    pricedOn: run.pricedOn,
    notes: run.notes,
    claudeReportedUsd: run.claudeReportedUsd,
    mismatch: run.mismatch ?? null,
    byModel: run.byModel,
    subtype: run.subtype,
    isError: run.isError,
    turns: run.turns,
    priceTableAsOf: table.asOf,
    label: 'actual: Claude usage priced with our table; claudeReportedUsd is Claude’s API-equivalent figure'
  }
}
