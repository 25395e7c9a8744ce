import type { JobKey, OnExhaust } from '../config/settings.js'
import type { BlendedEstimate, LoopEstimate } from '../estimate/types.js'
import type { BudgetState, Credit, Cycle, Decision, Runway } from '../budget/types.js'
import type { TokenUsage } from '../pricing/types.js'

/**
 * The JSON report: everything main and post know about one gated run. Written to `report-file`,
 * and the single input of every renderer (comment, summary, check run, CLI report).
 * Every dollar figure sits under a key that says what it is: `estimate`, `actual` (our recorded
 * actual) or `claudeReportedUsd` (API-equivalent figure from Claude), with `priceTable` naming the table.
 */
export interface GateReport {
  schema: 'agent-credit-gate/report@1'
  /** `estimate` (no ledger), `gated` (main ran the gate), `settled` (post recorded the actual). */
  phase: 'estimate' | 'gated' | 'settled'
  generatedAt: string
  job: JobKey
  model: { requested: string; id: string; displayName: string }
  priceTable: { asOf: string; source: string }
  /** What the estimate assumed, each with where the value came from. */
  assumptions: Array<{ name: string; value: string; source: string }>
  estimate: {
    label: 'estimate'
    loop: LoopEstimate
    blended: BlendedEstimate
    /** Token count of prompt + context files, with interval and method. */
    inputTokens: {
      prompt: number
      context: number
      prefix: number
      low: number
      high: number
      method: string
    }
  }
  budget?: {
    credit: Credit
    cycle: Cycle
    state: BudgetState
    warnAtPct: number
    onExhaust: OnExhaust
  }
  decision?: Decision
  runway?: Runway
  /** The ledger that was used, e.g. `github:acme/ops@refs/agent-credit-gate/ledger` or `file:…`. */
  ledger?: { location: string; error?: string }
  actual?: {
    label: 'actual'
    usd: number
    claudeReportedUsd?: number
    /** Why our figure and Claude's differ beyond rounding, if they do. */
    mismatch?: string
    unverified: boolean
    subtype?: string
    isError?: boolean
    turns?: number
    durationMs?: number
    cacheHitRate?: number
    cacheWasteUsd?: number
    tokens?: TokenUsage
    byModel?: Array<{ model: string; usd: number; claudeReportedUsd?: number }>
  }
  /** Last settled runs of this job key, newest first. */
  recentRuns?: Array<{ settledAt: string; actualUsd: number; estimateP50Usd?: number; turns?: number }>
  /** Cumulative settled spend by day of the cycle, for the burn-down. */
  burnDown?: Array<{ date: string; cumulativeUsd: number }>
  /** Pull request the run belongs to, if any (number and head SHA). */
  pullRequest?: { number: number; headSha: string; fork: boolean }
  notices: string[]
}
