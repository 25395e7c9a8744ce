/** Pure: settings + counted inputs + price table + history → the estimate part of the report. */
import type { EstimateSettings } from '../config/settings.js'
import type { ModelEntry, PriceTable } from '../pricing/types.js'
import type { TokenCount } from '../tokens/types.js'
import type { BlendedEstimate, LoopEstimate, PastRun } from './types.js'
import { estimateLoop } from './loop.js'
import { blendHistory } from './history.js'
import { resolveCacheTtl } from './ttl.js'
import { presetDefaults } from './presets.js'

export interface CountedInputs {
  prompt: TokenCount
  context: TokenCount
  /** The agent's fixed prefix for this model, tokens (0 for agent none). */
  prefixTokens: number
  /** Where the prefix figure comes from, for the assumptions list. */
  prefixSource: string
}

/** One assumption of the estimate and where its value came from. */
export interface Assumption {
  name: string
  value: string
  source: string
}

/** The estimate as a report shows it: the model, the price table, the assumptions and the figures. */
export interface EstimateView {
  model: { requested: string; id: string; displayName: string }
  priceTable: { asOf: string; source: string }
  /** What the estimate assumed, each with where the value came from. */
  assumptions: Assumption[]
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
}

/** Build the estimate: loop model, history blend, assumptions with sources. */
export function buildEstimate(args: {
  settings: EstimateSettings
  table: PriceTable
  model: ModelEntry
  counted: CountedInputs
  pastRuns: PastRun[]
}): EstimateView {
  const { table, model, counted, pastRuns } = args
  const e = args.settings
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
  const assumptions: Assumption[] = []
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
    }
  }
}
