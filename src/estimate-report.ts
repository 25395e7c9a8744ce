/** Pure: settings + counted inputs + price table + history → the estimate part of the report. */
import type { Settings } from './config/settings.js'
import type { ModelEntry, PriceTable } from './pricing/types.js'
import type { TokenCount } from './tokens/types.js'
import type { PastRun } from './estimate/types.js'
import type { GateReport } from './report/types.js'
import { estimateLoop } from './estimate/loop.js'
import { blendHistory } from './estimate/history.js'
import { resolveCacheTtl } from './estimate/ttl.js'
import { presetDefaults } from './estimate/presets.js'

export interface CountedInputs {
  prompt: TokenCount
  context: TokenCount
  /** The agent's fixed prefix for this model, tokens (0 for agent none). */
  prefixTokens: number
  /** Where the prefix figure comes from, for the assumptions list. */
  prefixSource: string
}

/** Build the estimate report (phase `estimate`): loop model, history blend, assumptions with sources. */
export function buildEstimateReport(args: {
  settings: Settings
  table: PriceTable
  model: ModelEntry
  counted: CountedInputs
  pastRuns: PastRun[]
  now: Date
  notices: string[]
}): GateReport {
  const { settings, table, model, counted, pastRuns, now } = args
  const e = settings.estimate
  const preset = presetDefaults(e.agent, e.maxTurns)
  const ttl = resolveCacheTtl(e.cacheTtl, e.auth)
  const pick = <T>(given: T | undefined, fallback: T, name: string, unit = '') => {
    assumptions.push({
      name,
      value: `${given ?? fallback}${unit}`,
      source: given === undefined ? `${e.agent} preset default` : 'input'
    })
    return given ?? fallback
  }
  const assumptions: GateReport['assumptions'] = []
  const expectedTurns = pick(e.expectedTurns, preset.expectedTurns, 'expected turns')
  const growthPerTurn = pick(e.growthPerTurn, preset.growthPerTurn, 'context growth per turn', ' tokens')
  const outputPerTurn = pick(e.outputPerTurn, preset.outputPerTurn, 'output per turn', ' tokens')
  const cacheHitRate = pick(e.cacheHitRate, preset.cacheHitRate, 'cache hit rate')
  assumptions.push(
    { name: 'max turns', value: String(e.maxTurns), source: 'input' },
    {
      name: 'cache TTL',
      value: ttl,
      source: e.cacheTtl === 'auto' ? `auto: ${e.auth} auth` : 'input'
    },
    { name: 'agent prefix', value: `${counted.prefixTokens} tokens`, source: counted.prefixSource },
    {
      name: 'prompt + context tokens',
      value: `${counted.prompt.tokens + counted.context.tokens}`,
      source: `${counted.prompt.method} count, tokenizer family ${model.tokenizer}`
    }
  )
  const inputTokens = counted.prompt.tokens + counted.context.tokens
  const low = counted.prompt.low + counted.context.low
  const high = counted.prompt.high + counted.context.high
  const tokenUncertainty = inputTokens > 0 ? Math.max(high - inputTokens, inputTokens - low) / inputTokens : 0
  const loop = estimateLoop(model, {
    prefixTokens: counted.prefixTokens,
    promptTokens: counted.prompt.tokens,
    contextTokens: counted.context.tokens,
    growthPerTurn,
    outputPerTurn,
    expectedTurns: Math.min(expectedTurns, e.maxTurns),
    maxTurns: e.maxTurns,
    cacheTtl: ttl,
    cacheHitRate,
    tokenUncertainty
  })
  const blended = blendHistory(
    { p50Usd: loop.p50Usd, p90Usd: loop.p90Usd, maxUsd: loop.maxUsd },
    pastRuns,
    e.historyRuns
  )
  return {
    schema: 'agent-credit-gate/report@1',
    phase: 'estimate',
    generatedAt: now.toISOString(),
    job: settings.job,
    model: { requested: e.model, id: model.id, displayName: model.displayName },
    priceTable: { asOf: table.asOf, source: table.source },
    assumptions,
    estimate: {
      label: 'estimate',
      loop,
      blended,
      inputTokens: {
        prompt: counted.prompt.tokens,
        context: counted.context.tokens,
        prefix: counted.prefixTokens,
        low,
        high,
        method: counted.prompt.method
      }
    },
    notices: [...args.notices]
  }
}
