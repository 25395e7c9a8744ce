import type { ModelEntry, PriceRow, PricedUsage, TokenUsage } from './types.js'

/** The row Claude Code prices a request with: fast mode, then the long-prompt row, else standard. */
export function rowFor(
  model: ModelEntry,
  promptTokens: number,
  speed?: string
): { row: PriceRow; kind: PricedUsage['row'] } {
  if (speed && speed !== 'standard' && model.fast) return { row: model.fast, kind: 'fast' }
  if (model.longPrompt && promptTokens > model.longPrompt.aboveTokens) {
    return { row: model.longPrompt.prices, kind: 'long-prompt' }
  }
  return { row: model.prices, kind: 'standard' }
}

/**
 * Price one API response (or one model's summed usage) exactly as Claude Code 2.1.331 does:
 * per-class rates per million tokens, 5m/1h writes apart, ×1.1 on tokens for US-only inference,
 * web searches per request on top.
 */
export function priceUsage(
  model: ModelEntry,
  usage: TokenUsage,
  ctx: { geo?: string; speed?: string; usGeoMultiplier?: number } = {}
): PricedUsage {
  const prompt =
    usage.inputTokens + usage.cacheReadTokens + usage.cacheWrite5mTokens + usage.cacheWrite1hTokens
  const { row, kind } = rowFor(model, prompt, ctx.speed)
  const geo = ctx.geo === 'us' ? (ctx.usGeoMultiplier ?? 1.1) : 1
  const per = (tokens: number, rate: number) => ((tokens * rate) / 1e6) * geo
  const byClass = {
    input: per(usage.inputTokens, row.input),
    output: per(usage.outputTokens, row.output),
    cacheRead: per(usage.cacheReadTokens, row.cacheRead),
    cacheWrite5m: per(usage.cacheWrite5mTokens, row.cacheWrite5m),
    cacheWrite1h: per(usage.cacheWrite1hTokens, row.cacheWrite1h),
    webSearch: usage.webSearchRequests * model.webSearchUsd
  }
  // Sum in Claude Code's order (tokens first, then the multiplier, then web search) to match its floats.
  const tokens =
    (usage.inputTokens * row.input +
      usage.outputTokens * row.output +
      usage.cacheReadTokens * row.cacheRead +
      usage.cacheWrite1hTokens * row.cacheWrite1h +
      usage.cacheWrite5mTokens * row.cacheWrite5m) /
    1e6
  return { usd: tokens * geo + byClass.webSearch, byClass, row: kind, geoMultiplier: geo }
}

/** Zero usage, for sums. */
export const NO_USAGE: TokenUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  webSearchRequests: 0
}

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWrite5mTokens: a.cacheWrite5mTokens + b.cacheWrite5mTokens,
    cacheWrite1hTokens: a.cacheWrite1hTokens + b.cacheWrite1hTokens,
    webSearchRequests: a.webSearchRequests + b.webSearchRequests
  }
}
