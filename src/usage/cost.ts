import type { PriceTable, TokenUsage } from '../pricing/types.js'
import { addUsage, NO_USAGE, priceUsage } from '../pricing/cost.js'
import { resolveModel } from '../pricing/table.js'
import type { ClaudeRunResult } from './types.js'

/** A run priced with our table, beside Claude's own figure. */
export interface RunCost {
  /** Our figure: Claude's usage priced with our table (the recorded actual). */
  usd: number
  /** Claude Code's total_cost_usd (API-equivalent). */
  claudeReportedUsd?: number
  /** Why the two differ beyond rounding, when they do. */
  mismatch?: string
  byModel: Array<{ model: string; resolvedId: string; usd: number; claudeReportedUsd?: number }>
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

/** Price every model of a run with our table; an unknown model is an error, not $0. */
export function priceRun(table: PriceTable, run: ClaudeRunResult): RunCost {
  const ctx = { geo: run.geo, speed: run.speed, usGeoMultiplier: table.usGeoMultiplier }
  let asIf5m = 0
  const byModel = run.byModel.map(m => {
    const model = resolveModel(table, m.model)
    const usd = priceUsage(model, m.usage, ctx).usd
    asIf5m += priceUsage(
      model,
      {
        ...m.usage,
        cacheWrite5mTokens: m.usage.cacheWrite5mTokens + m.usage.cacheWrite1hTokens,
        cacheWrite1hTokens: 0
      },
      ctx
    ).usd
    return { model: m.model, resolvedId: model.id, usd, claudeReportedUsd: m.claudeCostUsd }
  })
  const tokens = run.byModel.reduce((sum, m) => addUsage(sum, m.usage), NO_USAGE)
  let usd = byModel.reduce((s, m) => s + m.usd, 0)
  const claude = run.totalCostUsd
  let mismatch: string | undefined
  if (byModel.length === 0 && claude !== undefined) {
    // Oldest shapes carry only a total: record Claude's figure, and say so.
    usd = claude
    mismatch =
      'the result file has no per-model usage (an old CLI?): the actual is Claude’s own total_cost_usd'
  } else if (claude !== undefined && Math.abs(usd - claude) > Math.max(1e-6, 0.005 * Math.max(usd, claude))) {
    const explained = Math.abs(asIf5m - claude) <= Math.max(1e-6, 0.005 * claude)
    mismatch = explained
      ? `Claude reported $${claude.toFixed(4)} but the usage prices at $${usd.toFixed(4)}: this CLI priced 1-hour cache writes at the 5-minute rate (CLIs before 2.1.311 did); we record our figure`
      : `Claude reported $${claude.toFixed(4)} but the usage prices at $${usd.toFixed(4)} with our table (${table.asOf}); we record our figure`
  }
  return {
    usd,
    claudeReportedUsd: claude,
    mismatch,
    byModel,
    tokens,
    cacheHitRate: cacheHitRate(tokens),
    turns: run.numTurns,
    durationMs: run.durationMs,
    subtype: run.subtype,
    isError: run.isError
  }
}
