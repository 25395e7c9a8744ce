import type { PriceTable, TokenUsage } from '../pricing/types.js'
import { addUsage, NO_USAGE, priceUsage } from '../pricing/cost.js'
import { resolveModel } from '../pricing/table.js'
import { pricesOn } from '../pricing/dated.js'
import { InputError } from '../errors.js'
import type { ClaudeRunResult } from './types.js'

/** The day a run is priced by (YYYY-MM-DD, UTC) and how it was known. */
export interface PricingDay {
  day: string
  /** e.g. `the file's timestamps`, `the gate's hold`, `today: the file does not say when it ran`. */
  from: string
}

/** A run priced with our table, beside Claude's own figure. */
export interface RunCost {
  /** The recorded actual: Claude's usage priced with our table, or Claude's own figure when `basis` says so. */
  usd: number
  /** `our-prices`, or `claude-reported` when the file has no per-model usage to price. */
  basis: 'our-prices' | 'claude-reported'
  /** Claude Code's total_cost_usd (API-equivalent). */
  claudeReportedUsd?: number
  /** Why the two differ beyond rounding, when they do. */
  mismatch?: string
  /** What else the reader must know about how the figure was made (e.g. how 1-hour writes were assigned). */
  notes: string[]
  pricedOn: PricingDay
  byModel: Array<{ model: string; resolvedId: string; usd: number; claudeReportedUsd?: number; row: string }>
  tokens: TokenUsage
  cacheHitRate: number
  turns: number
  durationMs?: number
  subtype: string
  isError: boolean
}

/** Cache reads ÷ all input-side tokens (0 when nothing was sent). */
export function cacheHitRate(u: TokenUsage): number {
  const all = u.inputTokens + u.cacheReadTokens + u.cacheWrite5mTokens + u.cacheWrite1hTokens
  return all === 0 ? 0 : u.cacheReadTokens / all
}

/** The day to price `run` by: the file's own newest timestamp, else the caller's fallback. */
function pricingDay(run: ClaudeRunResult, fallback: PricingDay): PricingDay {
  return run.endedAt ? { day: run.endedAt.slice(0, 10), from: "the result file's timestamps" } : fallback
}

const close = (a: number, b: number) => Math.abs(a - b) <= Math.max(1e-6, 0.005 * Math.max(a, b))
const money = (n: number) => `$${n.toFixed(4)}`

/**
 * Price every model of a run with the prices in force on the day it ran (the file's own timestamps, else
 * `fallback`); an unknown model is an error, not $0.
 * A run with no per-model usage is recorded at Claude's own figure (said so); one with neither usage nor a
 * figure cannot be priced (an InputError, so the hold is kept as spent); an empty run (a slash command
 * that called no model: zero tokens and a total_cost_usd of 0) costs $0 and says nothing.
 */
export function priceRun(table: PriceTable, run: ClaudeRunResult, fallback: PricingDay): RunCost {
  const on = pricingDay(run, fallback)
  const ctx = { geo: run.geo, speed: run.speed, usGeoMultiplier: table.usGeoMultiplier }
  let asIf5m = 0
  const byModel = run.byModel.map(m => {
    const { model, row } = pricesOn(resolveModel(table, m.model), on.day)
    const usd = priceUsage(model, m.usage, ctx).usd
    const allWrites = m.usage.cacheWrite5mTokens + m.usage.cacheWrite1hTokens
    asIf5m += priceUsage(model, { ...m.usage, cacheWrite5mTokens: allWrites, cacheWrite1hTokens: 0 }, ctx).usd
    return { model: m.model, resolvedId: model.id, usd, claudeReportedUsd: m.claudeCostUsd, row }
  })
  const tokens = run.byModel.reduce((sum, m) => addUsage(sum, m.usage), NO_USAGE)
  const claude = run.totalCostUsd
  const base = {
    claudeReportedUsd: claude,
    pricedOn: on,
    byModel,
    tokens,
    cacheHitRate: cacheHitRate(tokens),
    turns: run.numTurns,
    durationMs: run.durationMs,
    subtype: run.subtype,
    isError: run.isError
  }
  if (byModel.length === 0) {
    // A slash command or a refused login called no model: nothing was spent, nothing to explain.
    if (claude === 0 && run.mainLoopTokens === 0) return { ...base, usd: 0, basis: 'our-prices', notes: [] }
    // No figure of any kind is not "$0": it is a result cut short, or not Claude Code's.
    if (claude === undefined && run.mainLoopTokens === 0) {
      throw new InputError([
        'usage-file: the result carries no usage, no modelUsage and no total_cost_usd, so there is nothing to price (not $0: a result cut short, or not Claude Code’s?); give the whole result Claude wrote'
      ])
    }
    if (claude === undefined) {
      throw new InputError([
        'usage-file: the result has token counts but no per-model usage and no cost figure (a very old Claude Code?), so it cannot be priced'
      ])
    }
    // Older shapes carry only a total: it is the only figure there is; say whose it is.
    const field = run.costField ?? 'total_cost_usd'
    return {
      ...base,
      usd: claude,
      basis: 'claude-reported',
      notes: [
        `the result has no per-model usage (an older Claude Code): the actual is Claude's own ${field} (API-equivalent), not priced with our table`
      ]
    }
  }
  const usd = byModel.reduce((s, m) => s + m.usd, 0)
  const notes = run.ttlNote ? [run.ttlNote] : []
  let mismatch: string | undefined
  if (claude !== undefined && !close(usd, claude)) {
    const apart = byModel
      .filter(m => m.claudeReportedUsd !== undefined && !close(m.usd, m.claudeReportedUsd))
      .map(m => `${m.model} ${money(m.claudeReportedUsd as number)} vs ${money(m.usd)} (${m.row})`)
    mismatch = close(asIf5m, claude)
      ? `Claude reported ${money(claude)} but the usage prices at ${money(usd)}: this CLI priced 1-hour cache writes at the 5-minute rate; we record our figure`
      : `Claude reported ${money(claude)} but the usage prices at ${money(usd)} with our table (${table.asOf}, prices in force on ${on.day})` +
        `${apart.length ? `: ${apart.join('; ')}` : ''}; we record our figure`
  }
  return { ...base, usd, basis: 'our-prices', mismatch, notes }
}
