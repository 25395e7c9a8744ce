import type { TokenUsage } from '../pricing/types.js'

export type ClaudeOutputFormat = 'json' | 'json-verbose' | 'stream-json' | 'execution-file'

/** One model's usage over the run, as Claude reported it. */
export interface ModelUsageRecord {
  /** The key Claude used (may carry a `[1m]` suffix or be a provider id). */
  model: string
  usage: TokenUsage
  claudeCostUsd?: number
  costBasis?: string
  /**
   * Where the 5m/1h split of this model's cache writes came from: `reported` by modelUsage (CLIs from
   * 2.1.311), `main-loop` from the result's usage.cache_creation (older CLIs), or `unknown` (priced at
   * the 5-minute rate, as Claude Code prices writes whose TTL it does not know).
   */
  ttlSplit: 'reported' | 'main-loop' | 'unknown'
}

/** What we read from one Claude result file: the last `result` message. */
export interface ClaudeRunResult {
  format: ClaudeOutputFormat
  subtype: string
  isError: boolean
  numTurns: number
  durationMs?: number
  totalCostUsd?: number
  /** The field Claude's figure came from: `cost_usd` in the oldest results. */
  costField?: 'total_cost_usd' | 'cost_usd'
  byModel: ModelUsageRecord[]
  /** The result's own usage (the main loop), summed over token classes: 0 for an empty run. */
  mainLoopTokens: number
  /** How 1-hour cache writes were assigned to models when the file has several (one sentence). */
  ttlNote?: string
  /** The model the run started with (the init message's `model`). */
  mainModel?: string
  /** The newest timestamp the file carries (ISO 8601): the day the run's prices are looked up by. */
  endedAt?: string
  geo?: string
  speed?: string
  claudeCodeVersion?: string
  apiKeySource?: string
  sessionId?: string
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
  /**
   * What `usd` is: Claude's usage priced with our table (`our-prices`, the default), or Claude's own
   * figure (`claude-reported`) when the file has no per-model usage to price.
   */
  basis?: 'our-prices' | 'claude-reported'
  /** The day whose prices were used (YYYY-MM-DD) and how that day was known. */
  pricedOn?: { day: string; from: string }
  /** The date of the price table that produced `usd`. */
  priceTableAsOf?: string
  /** No usable result file: the hold was kept as spent. */
  unverified: boolean
  subtype?: string
  isError?: boolean
  turns?: number
  durationMs?: number
  cacheHitRate?: number
  tokens?: TokenUsage
  byModel?: Array<{ model: string; usd: number; claudeReportedUsd?: number; row?: string }>
}
