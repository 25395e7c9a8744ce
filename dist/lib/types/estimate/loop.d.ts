/**
 * The agent-loop cost model (docs/estimation.md), priced per API request, not per turn: Claude Code's
 * `num_turns` counts tool results + 1, and parallel tool calls share one request. Request i sends
 * L_i = S + P + K + a·(i−1)^α input-side tokens. The first request reads from cache the part of the
 * agent prefix another run left there; every later one reads the previous request back and writes
 * only the new tail, unless the cache expired in between (a TTL gap). Near the context window the loop
 * compacts. p90 and max come from the fitted spread (spread.ts).
 */
import type { ModelEntry } from '../pricing/types.js';
import type { LoopEstimate, LoopParams } from './types.js';
/** Claude Code compacts when a request would pass this share of the context window. */
export declare const COMPACT_AT = 0.9;
/** API requests a run of `turns` turns makes: the first, then requestsPerTurn per further turn. */
export declare function requestsFor(turns: number, requestsPerTurn: number): number;
/**
 * p50 at the median turn count, p90 over the turn distribution and the fitted spread, max at
 * max-turns at the spread's 90th percentile. The side and subagent allowance is on every figure.
 */
export declare function estimateLoop(model: ModelEntry, p: LoopParams): LoopEstimate;
