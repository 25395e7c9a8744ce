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

const model = z.object({
  id: z.string().min(1, 'expected a model id such as claude-sonnet-5-5'),
  displayName: z.string().default(''),
  family: z.string().default('custom'),
  tokenizer: z.enum(['A', 'B'], { error: 'expected tokenizer A or B' }).default('B'),
  ids: z.array(z.string()).default([]),
  prices: row,
  longPrompt: z.object({ aboveTokens: z.number().int().positive(), prices: row }).optional(),
  fast: row.optional(),
  webSearchUsd: z.number().min(0).default(0.01),
  contextWindow: z.number().int().positive().default(200000),
  maxOutputTokens: z.number().int().positive().default(32000)
})

/** A price table file: the built-in one, or a user's `pricing-file` (which may extend or replace it). */
export const priceTableSchema = z.object({
  mode: z.enum(['extend', 'replace']).default('extend'),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected the date the prices were taken, YYYY-MM-DD'),
  source: z.string().min(1, 'expected where the prices come from'),
  usGeoMultiplier: z.number().positive().default(1.1),
  aliases: z.record(z.string(), z.string()).default({}),
  models: z.array(model).min(1, 'expected at least one model')
})

export type PriceTableFile = z.output<typeof priceTableSchema>
