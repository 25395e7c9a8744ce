/** The price table's schema (built-in table and users' `pricing-file`), and the token usage classes. */
import { z } from 'zod'

const usd = z
  .number({ error: 'expected a number of USD per million tokens' })
  .min(0, 'expected 0 or more USD')

const row = z.object({
  input: usd,
  output: usd,
  cacheWrite5m: usd,
  cacheWrite1h: usd,
  cacheRead: usd
})

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date, YYYY-MM-DD')

/** Prices a model had before a change: in force on every day before `until`. */
const earlierPrices = z.object({
  /** The first day these prices no longer applied (the day the next prices took effect). */
  until: day,
  prices: row,
  longPrompt: z.object({ aboveTokens: z.number().int().positive(), prices: row }).optional(),
  fast: row.optional(),
  /** Where the earlier prices and the date of the change come from. */
  source: z.string().min(1, 'expected where these prices come from')
})

const model = z.object({
  /** Canonical id, e.g. `claude-sonnet-5-5`. */
  id: z.string().min(1, 'expected a model id such as claude-sonnet-5-5'),
  displayName: z.string().default(''),
  /** haiku | sonnet | opus | fable | mythos (newest of a family is its alias target). */
  family: z.string().default('custom'),
  /** Tokenizer family: `A` (Claude 3 … 4.6, Haiku 4.5) or `B` (Opus 4.7+, Sonnet 5+, Fable, Mythos, 5.5 models). */
  tokenizer: z.enum(['A', 'B'], { error: 'expected tokenizer A or B' }).default('B'),
  /** Every other id that names this model: dated first-party ids and provider ids. */
  ids: z.array(z.string()).default([]),
  /** The prices in force now (since `pricesSince` when the model's prices ever changed). */
  prices: row,
  /** The day the current prices took effect, when the model had other prices before. */
  pricesSince: day.optional(),
  /** Earlier prices by effective date, oldest first: a run is priced with those in force on its day. */
  earlier: z.array(earlierPrices).default([]),
  /** Prices that apply to a whole request whose prompt exceeds `aboveTokens`. */
  longPrompt: z.object({ aboveTokens: z.number().int().positive(), prices: row }).optional(),
  /** Fast-mode prices (usage.speed === 'fast'). */
  fast: row.optional(),
  /** USD per web search request. */
  webSearchUsd: z.number().min(0).default(0.01),
  contextWindow: z.number().int().positive().default(200000),
  maxOutputTokens: z.number().int().positive().default(32000)
})

/** A price table file: the built-in one, or a user's `pricing-file` (which may extend or replace it). */
export const priceTableSchema = z.object({
  mode: z.enum(['extend', 'replace']).default('extend'),
  /** Date (YYYY-MM-DD) the prices were taken. */
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected the date the prices were taken, YYYY-MM-DD'),
  source: z.string().min(1, 'expected where the prices come from'),
  /** Multiplier on token cost when usage.inference_geo === 'us'. */
  usGeoMultiplier: z.number().positive().default(1.1),
  /** Alias → canonical id (opus, sonnet, haiku, fable). */
  aliases: z.record(z.string(), z.string()).default({}),
  models: z.array(model).min(1, 'expected at least one model')
})

/** Token usage by class: one API request, or the sum of a run's requests for one model. */
export const tokenUsageSchema = z.object({
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  cacheReadTokens: z.number().int().min(0),
  cacheWrite5mTokens: z.number().int().min(0),
  cacheWrite1hTokens: z.number().int().min(0),
  webSearchRequests: z.number().int().min(0)
})

export type PriceTableFile = z.output<typeof priceTableSchema>
/** The whole price table in force: data, dated, with its source. */
export type PriceTable = Omit<PriceTableFile, 'mode'>
/** One model of the price table. */
export type ModelEntry = z.output<typeof model>
/** Prices a model had before a change, and when they stopped applying. */
export type EarlierPrices = z.output<typeof earlierPrices>
/** USD per million tokens for one price row. */
export type PriceRow = z.output<typeof row>
export type TokenUsage = z.output<typeof tokenUsageSchema>
