/** USD per million tokens for one price row. */
export interface PriceRow {
  input: number
  output: number
  cacheWrite5m: number
  cacheWrite1h: number
  cacheRead: number
}

/** One model of the price table. */
export interface ModelEntry {
  /** Canonical id, e.g. `claude-sonnet-5-5`. */
  id: string
  displayName: string
  /** haiku | sonnet | opus | fable | mythos (newest of a family is its alias target). */
  family: string
  /** Tokenizer family: `A` (Claude 3 … 4.6, Haiku 4.5) or `B` (Opus 4.7+, Sonnet 5+, Fable, Mythos, 5.5 models). */
  tokenizer: 'A' | 'B'
  /** Every other id that names this model: dated first-party ids and provider ids. */
  ids: string[]
  prices: PriceRow
  /** Prices that apply to a whole request whose prompt exceeds `aboveTokens`. */
  longPrompt?: { aboveTokens: number; prices: PriceRow }
  /** Fast-mode prices (usage.speed === 'fast'). */
  fast?: PriceRow
  /** USD per web search request. */
  webSearchUsd: number
  /** Context window in tokens. */
  contextWindow: number
  maxOutputTokens: number
}

/** The whole price table: data, dated, with its source. */
export interface PriceTable {
  /** Date (YYYY-MM-DD) the prices were taken. */
  asOf: string
  source: string
  /** Multiplier on token cost when usage.inference_geo === 'us'. */
  usGeoMultiplier: number
  /** Alias → canonical id (opus, sonnet, haiku, fable). */
  aliases: Record<string, string>
  models: ModelEntry[]
}

/** Token usage by class: one API request, or the sum of a run's requests for one model. */
export interface TokenUsage {
  inputTokens: number
  outputTokens: number
  cacheReadTokens: number
  cacheWrite5mTokens: number
  cacheWrite1hTokens: number
  webSearchRequests: number
}

/** USD by token class plus the total, and which price row was used. */
export interface PricedUsage {
  usd: number
  byClass: {
    input: number
    output: number
    cacheRead: number
    cacheWrite5m: number
    cacheWrite1h: number
    webSearch: number
  }
  row: 'standard' | 'long-prompt' | 'fast'
  geoMultiplier: number
}
