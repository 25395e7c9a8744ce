/**
 * The agent-loop cost model (docs/estimation.md), priced per API request, not per turn: Claude Code's
 * `num_turns` counts tool results + 1, and parallel tool calls share one request. Request i sends
 * L_i = S + P + K + a·(i−1)^α input-side tokens. The first request reads from cache the part of the
 * agent prefix another run left there; every later one reads the previous request back and writes
 * only the new tail, unless the cache expired in between (a TTL gap). Near the context window the loop
 * compacts. p90 and max come from the fitted spread (spread.ts).
 */
import type { ModelEntry, TokenUsage } from '../pricing/types.js'
import { addUsage, NO_USAGE, priceUsage } from '../pricing/cost.js'
import type { LoopEstimate, LoopParams, TurnRow } from './types.js'
import { costQuantile, spreadScale, turnProbabilities, turnQuantile } from './spread.js'

/** Claude Code compacts when a request would pass this share of the context window. */
export const COMPACT_AT = 0.9
/** The summary a compaction leaves behind, as a share of the window (capped). */
const SUMMARY_SHARE = 0.05
const SUMMARY_MAX = 20_000

/** `expected`: the profile the run will have; `uncached`: caching off; `ideal`: the best cache. */
type Profile = 'expected' | 'uncached' | 'ideal'

interface Run {
  rows: TurnRow[]
  usage: TokenUsage
  compactions: number
}

/** API requests a run of `turns` turns makes: the first, then requestsPerTurn per further turn. */
export function requestsFor(turns: number, requestsPerTurn: number): number {
  return Math.max(1, Math.round(1 + (turns - 1) * requestsPerTurn))
}

/** The turn a request completes (the inverse of requestsFor), capped at max-turns. */
function turnOf(request: number, requestsPerTurn: number, maxTurns: number): number {
  return Math.min(maxTurns, Math.max(1, Math.round(1 + (request - 1) / Math.max(requestsPerTurn, 1e-9))))
}

/**
 * Usage of a request that sends `context` tokens, reads `read` of them, sends up to `uncached` of the
 * rest past the last cache breakpoint, and caches the rest (or not).
 */
function request(
  context: number,
  read: number,
  output: number,
  ttl: '5m' | '1h' | 'off',
  cacheTail: boolean,
  uncached = 0
): TokenUsage {
  if (ttl === 'off') return { ...NO_USAGE, inputTokens: context, outputTokens: output }
  const fresh = context - read
  const plain = cacheTail ? Math.min(fresh, uncached) : fresh
  const written = fresh - plain
  return {
    ...NO_USAGE,
    cacheReadTokens: read,
    inputTokens: plain,
    cacheWrite5mTokens: ttl === '5m' ? written : 0,
    cacheWrite1hTokens: ttl === '1h' ? written : 0,
    outputTokens: output
  }
}

/**
 * The loop's requests up to `requests`, in one profile. The ideal cache reads every token it sent
 * before at the 5-minute rate, reads the shared agent prefix on the first request, and does not
 * write what no later request reads (the last request's tail): so it never costs more than no cache.
 */
function simulate(model: ModelEntry, p: LoopParams, requests: number, profile: Profile): Run {
  const b = p.behaviour
  const ttl = profile === 'uncached' ? 'off' : profile === 'ideal' ? '5m' : p.cacheTtl
  const hit = profile === 'ideal' ? 1 : b.cacheHitRate * (1 - b.ttlGapsPerRequest)
  const limit = COMPACT_AT * model.contextWindow
  const summary = Math.min(SUMMARY_MAX, Math.round(SUMMARY_SHARE * model.contextWindow))
  const grown = (k: number) => b.growthScale * Math.pow(k, b.growthExponent)
  const rows: TurnRow[] = []
  let usage = NO_USAGE
  let cumulative = 0
  let compactions = 0
  const push = (row: Omit<TurnRow, 'usd' | 'cumulativeUsd'>) => {
    const usd = priceUsage(model, row.usage).usd
    cumulative += usd
    usage = addUsage(usage, row.usage)
    rows.push({ ...row, usd, cumulativeUsd: cumulative })
  }
  let context = p.prefixTokens + p.promptTokens + p.contextTokens
  let cached = Math.min(context, profile === 'ideal' ? p.sharedPrefixTokens : p.cachedPrefixTokens)
  for (let i = 1; i <= requests; i++) {
    const turn = turnOf(i, b.requestsPerTurn, p.maxTurns)
    let read = i === 1 ? cached : Math.round(cached * hit)
    if (i > 1) {
      const next = context + Math.round(grown(i - 1) - grown(i - 2))
      if (next > limit && context > p.prefixTokens + summary) {
        // The compaction request reads the context back and writes a summary; the loop goes on from
        // the agent prefix (still cached) and the summary.
        push({
          request: i,
          turn,
          kind: 'compaction',
          contextTokens: context,
          usage: request(context, read, summary, ttl, false),
          compacted: true
        })
        compactions++
        read = Math.round(Math.min(p.prefixTokens, cached) * hit)
        context = p.prefixTokens + summary + (next - context)
      } else context = next
    }
    const last = i === requests
    const cacheTail = profile !== 'ideal' || !last
    push({
      request: i,
      turn,
      kind: 'request',
      contextTokens: context,
      usage: request(
        context,
        Math.min(read, context),
        b.outputPerRequest,
        ttl,
        cacheTail,
        profile === 'ideal' ? 0 : Math.round(b.uncachedPerRequest)
      ),
      compacted: false
    })
    cached = ttl === 'off' ? 0 : context
  }
  return { rows, usage, compactions }
}

/** Main-loop cost after each request (index r − 1), compaction rows included: one pass over the rows. */
function costsAfterRequests(rows: TurnRow[]): number[] {
  const after: number[] = []
  for (const row of rows) after[row.request - 1] = row.cumulativeUsd
  return after
}
const lastOf = (xs: number[]) => xs[xs.length - 1]

/**
 * p50 at the median turn count, p90 over the turn distribution and the fitted spread, max at
 * max-turns at the spread's 90th percentile. The side and subagent allowance is on every figure.
 */
export function estimateLoop(model: ModelEntry, p: LoopParams): LoopEstimate {
  const b = p.behaviour
  const side = 1 + b.sideShare
  // The job's own runs correct what the model still misses about them (history.ts): every figure.
  const c = p.calibration ?? 1
  const requestsAt = (turns: number) => requestsFor(turns, b.requestsPerTurn)
  const full = simulate(model, p, requestsAt(p.maxTurns), 'expected')
  const after = costsAfterRequests(full.rows)
  const costAt = (turns: number) => after[requestsAt(turns) - 1] * side * c
  const first = full.rows[0].usage
  const known = priceUsage(model, { ...first, outputTokens: 0 }).usd * side * c
  const ttl = p.cacheTtl === 'off' ? undefined : p.cacheTtl
  const prefixWrite =
    priceUsage(model, {
      ...NO_USAGE,
      inputTokens: ttl ? 0 : p.prefixTokens,
      cacheWrite5mTokens: ttl === '5m' ? p.prefixTokens : 0,
      cacheWrite1hTokens: ttl === '1h' ? p.prefixTokens : 0
    }).usd * c
  const probs = turnProbabilities(p.turns, p.maxTurns)
  const spread = { scores: p.spreadScores, weights: p.spreadWeights }
  const costs = probs.map((_, i) => costAt(i + 1))
  const scales = costs.map(c => spreadScale(c, known, prefixWrite))
  const p50Turns = turnQuantile(probs, 0.5)
  const p90Turns = turnQuantile(probs, 0.9)
  const p50Usd = costs[p50Turns - 1]
  const p90Usd = Math.max(p50Usd, costQuantile(probs, costs, scales, spread, 0.9))
  const atMax = costQuantile([1], [costs[p.maxTurns - 1]], [scales[p.maxTurns - 1]], spread, 0.9)
  const p50Requests = requestsAt(p50Turns)
  const p50Run = simulate(model, p, p50Requests, 'expected')
  const uncached = lastOf(costsAfterRequests(simulate(model, p, p50Requests, 'uncached').rows)) * side * c
  const ideal = lastOf(costsAfterRequests(simulate(model, p, p50Requests, 'ideal').rows)) * side * c
  return {
    p50Usd,
    p90Usd,
    maxUsd: Math.max(p90Usd, atMax),
    turns: { p50: p50Turns, p90: p90Turns, max: p.maxTurns },
    requests: { p50: p50Requests, p90: requestsAt(p90Turns), max: requestsAt(p.maxTurns) },
    tokens: p50Run.usage,
    perTurn: full.rows,
    sideUsd: p50Usd - p50Usd / side,
    mainLoopUsd: p50Usd / side,
    uncachedUsd: uncached,
    idealUsd: ideal,
    cacheWasteUsd: Math.max(0, p50Usd - ideal),
    firstRequestTokens: p.prefixTokens + p.promptTokens + p.contextTokens,
    compactions: full.compactions,
    spreadScaleUsd: scales[p50Turns - 1],
    basis: basisOf(p)
  }
}

/** How p90 and max were derived, in a sentence the report shows. */
function basisOf(p: LoopParams): string {
  const spread = `the spread of cost at a known turn count (${p.spreadSource ?? `leave-one-out, ${p.spreadScores.length} runs`})`
  const turns =
    p.turns.kind === 'given'
      ? `p90: the run at ${Math.min(p.turns.turns, p.maxTurns)} turns at the 90th percentile of ${spread}`
      : `p90: 90th percentile over turns (log-normal, median ${p.turns.median.toFixed(1)}, σ ${p.turns.sigma.toFixed(2)}, capped at max-turns ${p.maxTurns}) and ${spread}`
  return `${turns}; max: the run at max-turns ${p.maxTurns} at the same percentile of the spread`
}
