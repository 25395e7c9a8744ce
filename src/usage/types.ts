import type { TokenUsage } from '../pricing/types.js'

export type ClaudeOutputFormat = 'json' | 'json-verbose' | 'stream-json' | 'execution-file'

/** One model's usage over the run, as Claude reported it. */
export interface ModelUsageRecord {
  /** The key Claude used (may carry a `[1m]` suffix or be a provider id). */
  model: string
  usage: TokenUsage
  claudeCostUsd?: number
  costBasis?: string
  /** False for CLIs before 2.1.311: all cache writes are then recorded as 5-minute writes. */
  ttlSplitReported: boolean
}

/** What we read from one Claude result file: the last `result` message. */
export interface ClaudeRunResult {
  format: ClaudeOutputFormat
  subtype: string
  isError: boolean
  numTurns: number
  durationMs?: number
  totalCostUsd?: number
  byModel: ModelUsageRecord[]
  geo?: string
  speed?: string
  claudeCodeVersion?: string
  apiKeySource?: string
  sessionId?: string
  /** How the main loop behaved (requests, growth, output, TTL), for the estimate's history. */
  behaviour?: RunBehaviour
  /** The model of the main loop's requests, when the file has them. */
  mainModel?: string
}

/**
 * How one run's main agent loop behaved: what history learns from a settled run (docs/estimation.md).
 * Every field is optional: a `--output-format json` result has no per-request series, old CLIs no TTL.
 */
export interface RunBehaviour {
  /** Main-loop API requests: assistant messages outside subagents, deduplicated by message id. */
  requests?: number
  /** Tokens the main loop's context grew by from its first request to its last (compactions excluded). */
  growthTokens?: number
  /** Main-loop output tokens (the result's `usage`, which leaves out subagents and side calls). */
  outputTokens?: number
  /** The TTL bucket the main loop's cache writes went to. */
  cacheTtl?: '5m' | '1h'
  /** Requests that re-wrote most of the previous request instead of reading it: a TTL gap. */
  cacheMisses?: number
  /** Share 0–1 of the previous request read back from cache, over the requests without a TTL gap. */
  readBack?: number
  /** Cost of the other models (side calls, subagents) ÷ the main model's cost. */
  sideShare?: number
}

/** A run's recorded actual, as reports show it: our figure, Claude's beside it. */
export interface RecordedActual {
  label: 'actual'
  /** Our figure: Claude's usage priced with our table (kept as the hold when unverified). */
  usd: number
  /** Claude Code's total_cost_usd (API-equivalent). */
  claudeReportedUsd?: number
  /** Why our figure and Claude's differ beyond rounding, if they do. */
  mismatch?: string
  /** No usable result file: the hold was kept as spent. */
  unverified: boolean
  subtype?: string
  isError?: boolean
  turns?: number
  durationMs?: number
  cacheHitRate?: number
  tokens?: TokenUsage
  byModel?: Array<{ model: string; usd: number; claudeReportedUsd?: number }>
  /** How the main loop behaved, recorded in the ledger for the next estimate of this job. */
  behaviour?: RunBehaviour
}
