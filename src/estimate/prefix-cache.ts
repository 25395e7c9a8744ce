/**
 * How much of the agent's prefix the first request finds in the cache. Claude Code caches its system
 * prompt and tools: a run of the same agent and model within the TTL leaves most of the prefix there
 * (warm), and part of it is cached beyond one session even when no such run is known (cold). The
 * ledger knows when the last run of this model was active; without a ledger the run is taken as cold.
 */
import { SHIPPED, type FittedPresets } from './presets.js'

/** What the ledger says about recent runs: undefined when no ledger was consulted. */
export interface LedgerView {
  /** When a run of this model last settled or started, if one is in the ledger. */
  lastRunAt?: string
}

export interface FirstRequestCache {
  /** Prefix tokens read from cache on the first request. */
  cachedPrefixTokens: number
  /** Prefix tokens an ideal cache reads on the first request (a run of this agent just ran). */
  sharedPrefixTokens: number
  /** The assumption made, for the report. */
  value: string
  source: string
}

const TTL_MS = { '5m': 5 * 60_000, '1h': 60 * 60_000 }

/**
 * Bedrock and Vertex keep caches within the account: nothing is cached beyond the account's own runs
 * (a Claude Code 2.1.233 run on Vertex read none of its prefix on its first request). Known only when
 * the model is named by its provider id.
 */
export function cloudProvider(requestedModel: string): 'bedrock' | 'vertex' | undefined {
  const m = requestedModel.trim().toLowerCase()
  if (/^(bedrock\/|((us|eu|apac|global|jp|au)\.)?anthropic\.)/.test(m)) return 'bedrock'
  if (/^vertex(_ai)?\//.test(m) || /@\d{8}$/.test(m)) return 'vertex'
  return undefined
}

function ago(ms: number): string {
  const min = Math.round(ms / 60_000)
  if (min < 1) return 'less than a minute ago'
  if (min < 120) return `${min} min ago`
  const h = Math.round(min / 60)
  return h < 48 ? `${h} h ago` : `${Math.round(h / 24)} days ago`
}

export function firstRequestCache(args: {
  prefixTokens: number
  ttl: '5m' | '1h' | 'off'
  model: string
  /** The model as the user named it: a Bedrock or Vertex id says where the cache lives. */
  requestedModel: string
  ledger: LedgerView | undefined
  now: Date
  fitted?: FittedPresets
}): FirstRequestCache {
  const shares = (args.fitted ?? SHIPPED).prefixCache
  const S = args.prefixTokens
  const shared = Math.round(S * shares.warmShare.value)
  const k = (n: number) => `${(n / 1000).toFixed(1)}k`
  if (args.ttl === 'off' || S === 0) {
    return {
      cachedPrefixTokens: 0,
      sharedPrefixTokens: args.ttl === 'off' ? shared : 0,
      value: S === 0 ? 'no agent prefix' : 'no cache',
      source: args.ttl === 'off' ? 'cache-ttl: off' : 'agent: none'
    }
  }
  const warm = {
    cachedPrefixTokens: shared,
    sharedPrefixTokens: shared,
    value: `warm: ${k(shared)} of ${k(S)} prefix tokens read`
  }
  const provider = cloudProvider(args.requestedModel)
  const coldTokens = provider ? 0 : Math.round(S * shares.coldShare.value)
  const cold = {
    cachedPrefixTokens: coldTokens,
    sharedPrefixTokens: shared,
    value: provider
      ? `cold: none of the ${k(S)} prefix tokens read (${provider} keeps caches within the account)`
      : `cold: ${k(coldTokens)} of ${k(S)} prefix tokens read (the part cached beyond one session)`
  }
  const why = `${shares.warmShare.why}; ${provider ? `${provider}: nothing is cached beyond the account's own runs` : shares.coldShare.why}`
  if (!args.ledger) {
    return {
      ...cold,
      source: `assumed: no ledger consulted, so no recent run of ${args.model} is known; ${why}`
    }
  }
  const last = args.ledger.lastRunAt
  if (!last) return { ...cold, source: `ledger: no run of ${args.model} in this cycle's ledger; ${why}` }
  const gap = args.now.getTime() - Date.parse(last)
  if (gap <= TTL_MS[args.ttl]) {
    return {
      ...warm,
      source: `ledger: a run of ${args.model} was active ${ago(Math.max(0, gap))}, within the ${args.ttl} TTL; ${why}`
    }
  }
  return {
    ...cold,
    source: `ledger: the last run of ${args.model} was active ${ago(gap)}, past the ${args.ttl} TTL; ${why}`
  }
}
