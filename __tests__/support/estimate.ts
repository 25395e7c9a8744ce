/** The estimate a user's settings produce from counted inputs, without files, a ledger or a process. */
import { buildEstimate, type CountedInputs } from '../../src/estimate/report.js'
import { parseSettings, type RawInputs } from '../../src/config/parse.js'
import { builtInTable, resolveModel } from '../../src/pricing/table.js'
import type { PastRun } from '../../src/estimate/types.js'
import type { LedgerView } from '../../src/estimate/prefix-cache.js'

export const NOW = new Date('2026-11-24T12:00:00Z')
const table = builtInTable()

/** An exact count of `tokens` (as count_tokens would give). */
export const exactly = (tokens: number) => ({
  tokens,
  low: tokens,
  high: tokens,
  family: 'A' as const,
  method: 'offline' as const
})

/** Prompt, context and the Sonnet 4.5 prefix of the claude-code preset (21,658 tokens). */
export const counted = (prompt: number, context = 0, prefix = 21_658): CountedInputs => ({
  prompt: exactly(prompt),
  context: exactly(context),
  prefixTokens: prefix,
  prefixSource: 'test'
})

export function estimateOf(
  inputs: RawInputs,
  opts: { counted?: CountedInputs; pastRuns?: PastRun[]; ledger?: LedgerView } = {}
) {
  const settings = parseSettings({ prompt: 'x', model: 'claude-sonnet-4-5', ...inputs }, {}, 'cli')
  return buildEstimate({
    settings: settings.estimate,
    table,
    model: resolveModel(table, settings.estimate.model),
    counted: opts.counted ?? counted(1_000),
    pastRuns: opts.pastRuns ?? [],
    ledger: opts.ledger,
    now: NOW
  })
}

/** The assumption the report lists under `name`. */
export const assumption = (e: ReturnType<typeof estimateOf>, name: string) =>
  e.assumptions.find(a => a.name === name)!
