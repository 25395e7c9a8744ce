/**
 * The agent-loop cost model (docs/estimation.md). Turn i sends L_i = S + P + K + (i−1)·g input-side
 * tokens. With a cache, the previous request is read back (share = hit rate; the rest is written
 * again) and only the new tail is written; without one, every turn pays for all of L_i — so uncached
 * cost grows with T² and cached cost mostly with T.
 */
import type { ModelEntry, TokenUsage } from '../pricing/types.js'
import { addUsage, NO_USAGE, priceUsage } from '../pricing/cost.js'
import type { LoopEstimate, LoopParams, TurnRow } from './types.js'

/** Compact when a request would pass this share of the context window (Claude Code auto-compacts near the limit). */
const COMPACT_AT = 0.9
/** The summary a compaction leaves behind, as a share of the window (capped). */
const SUMMARY_SHARE = 0.05
const SUMMARY_MAX = 20_000
/** p90 turns sit this far from the expected turns toward the cap (runs are right-skewed). */
const P90_TURN_SHARE = 0.6

interface Run {
  rows: TurnRow[]
  usd: number
  usage: TokenUsage
  compactions: number
}

function simulate(
  model: ModelEntry,
  p: LoopParams,
  turns: number,
  ttl: LoopParams['cacheTtl'],
  hit: number
): Run {
  const rows: TurnRow[] = []
  const base = p.prefixTokens + p.promptTokens + p.contextTokens
  const limit = COMPACT_AT * model.contextWindow
  const summary = Math.min(SUMMARY_MAX, Math.round(SUMMARY_SHARE * model.contextWindow))
  let usage = NO_USAGE
  let usd = 0
  let context = base
  let cached = 0 // tokens of the previous request that are in the cache
  let compactions = 0
  for (let turn = 1; turn <= turns; turn++) {
    let compacted = false
    if (turn > 1) context += p.growthPerTurn
    if (context > limit && turn > 1) {
      // The compaction request reads the whole context and writes a summary; the loop restarts from it.
      const req: TokenUsage =
        ttl === 'off'
          ? { ...NO_USAGE, inputTokens: context, outputTokens: summary }
          : {
              ...NO_USAGE,
              cacheReadTokens: Math.round(cached * hit),
              inputTokens: context - Math.round(cached * hit),
              outputTokens: summary
            }
      usd += priceUsage(model, req).usd
      usage = addUsage(usage, req)
      context = p.prefixTokens + p.promptTokens + summary
      cached = ttl === 'off' ? 0 : Math.min(cached, p.prefixTokens)
      compactions++
      compacted = true
    }
    let req: TokenUsage
    if (ttl === 'off') {
      req = { ...NO_USAGE, inputTokens: context, outputTokens: p.outputPerTurn }
    } else {
      const read = Math.round(Math.min(cached, context) * hit)
      const write = context - read
      req = {
        ...NO_USAGE,
        cacheReadTokens: read,
        cacheWrite5mTokens: ttl === '5m' ? write : 0,
        cacheWrite1hTokens: ttl === '1h' ? write : 0,
        outputTokens: p.outputPerTurn
      }
      cached = context
    }
    const cost = priceUsage(model, req).usd
    usd += cost
    usage = addUsage(usage, req)
    rows.push({ turn, contextTokens: context, usage: req, usd: cost, cumulativeUsd: usd, compacted })
  }
  return { rows, usd, usage, compactions }
}

/** p50 at the expected turns, p90 between expected and the cap (widened by token uncertainty), max at the cap. */
export function estimateLoop(model: ModelEntry, p: LoopParams): LoopEstimate {
  const expected = Math.max(1, Math.min(p.expectedTurns, p.maxTurns))
  const p90Turns = Math.min(
    p.maxTurns,
    Math.max(expected, Math.round(expected + P90_TURN_SHARE * (p.maxTurns - expected)))
  )
  const full = simulate(model, p, p.maxTurns, p.cacheTtl, p.cacheHitRate)
  const at = (turns: number) => full.rows[turns - 1].cumulativeUsd
  const p50 = simulate(model, p, expected, p.cacheTtl, p.cacheHitRate)
  const ideal = simulate(model, p, expected, p.cacheTtl === 'off' ? '5m' : p.cacheTtl, 1)
  const uncached = simulate(model, p, expected, 'off', 0)
  const widen = 1 + Math.max(0, p.tokenUncertainty)
  return {
    p50Usd: p50.usd,
    p90Usd: Math.max(p50.usd, at(p90Turns) * widen),
    maxUsd: Math.max(at(p90Turns) * widen, full.usd * widen),
    turns: { p50: expected, p90: p90Turns, max: p.maxTurns },
    tokens: p50.usage,
    perTurn: full.rows,
    uncachedUsd: uncached.usd,
    idealUsd: ideal.usd,
    cacheWasteUsd: Math.max(0, p50.usd - ideal.usd),
    firstRequestTokens: p.prefixTokens + p.promptTokens + p.contextTokens,
    compactions: full.compactions
  }
}
