import type { TokenUsage } from '../pricing/types.js'

/** The parameters of one agent-loop estimate (docs/estimation.md). */
export interface LoopParams {
  /** S: the agent's fixed prefix (system prompt + tools), tokens. */
  prefixTokens: number
  /** P: the prompt, tokens. */
  promptTokens: number
  /** K: context loaded up front, tokens. */
  contextTokens: number
  /** g: tokens the context grows by each turn (tool results + assistant output). */
  growthPerTurn: number
  /** Output tokens per turn. */
  outputPerTurn: number
  /** Turns of a typical run (the p50). */
  expectedTurns: number
  /** Hard cap on turns (the max). */
  maxTurns: number
  /** Cache TTL requested; `off` = no caching. */
  cacheTtl: '5m' | '1h' | 'off'
  /** Share 0–1 of previously sent context that is read from cache (the rest is re-written). */
  cacheHitRate: number
  /** Relative half-width of the token-count interval (e.g. 0.05), widens p90. */
  tokenUncertainty: number
}

/** One request of the modelled loop. */
export interface TurnRow {
  turn: number
  /** Input-side tokens sent this turn (after compaction). */
  contextTokens: number
  usage: TokenUsage
  usd: number
  cumulativeUsd: number
  /** True when the context was compacted before this turn. */
  compacted: boolean
}

/** What the loop model returns: the distribution, the breakdown and the cache counterfactuals. */
export interface LoopEstimate {
  p50Usd: number
  p90Usd: number
  maxUsd: number
  turns: { p50: number; p90: number; max: number }
  /** Tokens by class at p50 turns. */
  tokens: TokenUsage
  /** Every turn up to max turns. */
  perTurn: TurnRow[]
  /** Same p50 run with caching off. */
  uncachedUsd: number
  /** Same p50 run with an ideal cache (every previously sent token read, never re-written). */
  idealUsd: number
  /** p50Usd − idealUsd: what the declared cache profile costs beyond ideal. */
  cacheWasteUsd: number
  /** Input-side tokens of the first request (S + P + K). */
  firstRequestTokens: number
  /** How many times the context window forced a compaction up to max turns. */
  compactions: number
}

/** The estimate after past actuals of the same job key are blended in. */
export interface BlendedEstimate {
  p50Usd: number
  p90Usd: number
  maxUsd: number
  /** `model` when no usable history, else `blended`. */
  source: 'model' | 'blended'
  /** How many past actuals were used. */
  sampleSize: number
  model: { p50Usd: number; p90Usd: number; maxUsd: number }
  history?: { p50Usd: number; p90Usd: number; weight: number }
  /** Past actual ÷ past p50 estimate, when past estimates are known. */
  calibration?: { runs: number; minRatio: number; maxRatio: number; medianRatio: number }
}

/** A past settled run of a job key, as history reads it from the ledger. */
export interface PastRun {
  actualUsd: number
  estimateP50Usd?: number
  turns?: number
  settledAt: string
  /** The model the run used, when the ledger knows it (reports label the runs with it). */
  model?: string
}
