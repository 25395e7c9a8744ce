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
