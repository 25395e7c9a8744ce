import type { TokenUsage } from '../pricing/types.js'
import type { GateOn } from '../config/settings.js'

/** One run's money in the ledger. */
export interface LedgerEntry {
  /** Idempotency key: runId/runAttempt/jobId/step. */
  key: string
  /** repository/workflow/job/step: the history key. */
  jobId: string
  status: 'held' | 'settled' | 'released'
  createdAt: string
  updatedAt: string
  /** After this instant a still-held entry stops counting. */
  expiresAt: string
  holdUsd: number
  estimate: { p50Usd: number; p90Usd: number; maxUsd: number; gateOn: GateOn }
  /** Our priced actual (settled only). */
  actualUsd?: number
  /** Claude's own total_cost_usd beside ours. */
  claudeReportedUsd?: number
  /** Settled without a usage file: the hold was kept as spent. */
  unverified?: boolean
  model?: string
  turns?: number
  subtype?: string
  usage?: TokenUsage
  priceTableAsOf: string
  /** When the actual was recorded (settled only). */
  settledAt?: string
}
