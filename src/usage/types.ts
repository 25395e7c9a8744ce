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
}
