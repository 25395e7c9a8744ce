/** Pure: settings + counted inputs + price table + what the ledger knows → the estimate part of the report. */
import type { EstimateSettings } from '../config/settings.js'
import type { ModelEntry, PriceTable } from '../pricing/types.js'
import type { TokenCount } from '../tokens/types.js'
import { InputError } from '../errors.js'
import type { BlendedEstimate, LoopBehaviour, LoopEstimate, LoopParams, PastRun, TurnModel } from './types.js'
import { COMPACT_AT, estimateLoop } from './loop.js'
import {
  blendHistory,
  jobCorrection,
  learnFromHistory,
  OWN_AT,
  ownWeight,
  usableRuns,
  type Learned,
  type Replayed
} from './history.js'
import { resolveCacheTtl } from './ttl.js'
import { firstRequestCache, type LedgerView } from './prefix-cache.js'
import { presetBehaviour, SHIPPED, type FittedPresets } from './presets.js'

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

const n = (x: number) => Math.round(x).toLocaleString('en-US')

/** A first request over the window cannot run: say which input makes it too big. */
function checkWindow(e: EstimateSettings, model: ModelEntry, counted: CountedInputs): void {
  const { prefixTokens: s, prompt, context } = counted
  const first = s + prompt.tokens + context.tokens
  if (first <= model.contextWindow) return
  const input = context.tokens >= prompt.tokens ? 'context-files' : e.promptFile ? 'prompt-file' : 'prompt'
  throw new InputError([
    `${input}: the first request would be ${n(first)} tokens (agent prefix ${n(s)} + prompt ${n(prompt.tokens)} + context files ${n(context.tokens)}), over the ${n(model.contextWindow)}-token context window of ${model.id}; load fewer files up front (the agent can read them as it goes) or pick a model with a larger window`
  ])
}

/** The behaviour and turn model after history and inputs, each value with its source. */
function behaviourFor(
  e: EstimateSettings,
  model: ModelEntry,
  runs: PastRun[],
  fitted: FittedPresets
): {
  behaviour: LoopBehaviour
  sources: Record<keyof LoopBehaviour, string>
  turns: TurnModel
  turnsSource: string
  learned: Learned
} {
  const preset = presetBehaviour(e.agent, model, fitted)
  const t = fitted.turns
  const learned = learnFromHistory(
    preset,
    {
      median: t.median.value,
      sigma: t.sigma.value,
      source: `the preset (median ${t.median.value}, σ ${t.sigma.value}: ${t.median.why})`
    },
    runs
  )
  const b = { ...learned.behaviour }
  const sources = { ...learned.sources }
  // Inputs are per turn, as users count; the loop runs per request.
  if (e.growthPerTurn !== undefined) {
    b.growthScale = e.growthPerTurn / b.requestsPerTurn
    b.growthExponent = 1
    sources.growthScale = `input growth-per-turn ${e.growthPerTurn} ÷ ${b.requestsPerTurn.toFixed(2)} requests per turn`
    sources.growthExponent = 'input growth-per-turn: linear growth'
  }
  if (e.outputPerTurn !== undefined) {
    b.outputPerRequest = e.outputPerTurn / b.requestsPerTurn
    sources.outputPerRequest = `input output-per-turn ${e.outputPerTurn} ÷ ${b.requestsPerTurn.toFixed(2)} requests per turn`
  }
  if (e.cacheHitRate !== undefined) {
    b.cacheHitRate = e.cacheHitRate
    sources.cacheHitRate = 'input'
  }
  if (e.expectedTurns !== undefined) {
    return {
      behaviour: b,
      sources,
      turns: { kind: 'given', turns: e.expectedTurns },
      turnsSource: 'input expected-turns',
      learned
    }
  }
  const d = learned.turns
  return {
    behaviour: b,
    sources,
    learned,
    turns: { kind: 'distribution', median: d.median, sigma: d.sigma },
    turnsSource: `log-normal, median ${d.median.toFixed(1)}, σ ${d.sigma.toFixed(2)}, capped at max-turns: ${d.source}`
  }
}

/**
 * The loop as this job's own runs describe it: its first request's real size (what it loads up front
 * beyond this prompt and these files), and a correction and spread from replaying its past runs at
 * their own turn counts with the learned behaviour (history.ts).
 */
function jobLoop(
  model: ModelEntry,
  p: LoopParams,
  learned: Learned,
  runs: PastRun[],
  presetUpFront: number
): {
  params: LoopParams
  upFront: { tokens: number; source: string }
  correction?: ReturnType<typeof jobCorrection>
} {
  const known = p.prefixTokens + p.promptTokens + p.contextTokens - presetUpFront
  let upFront = { tokens: presetUpFront, source: "the preset (no first-request size in this job's runs)" }
  const first = learned.firstRequest
  if (first) {
    const w = ownWeight(first.runs)
    const tokens = Math.round(w * Math.max(0, first.value - known) + (1 - w) * presetUpFront)
    upFront = {
      tokens,
      source: `history: this job's first requests carried ${Math.round(first.value).toLocaleString('en-US')} tokens (median of ${first.runs} run${first.runs === 1 ? '' : 's'}, weight ${Math.round(w * 100)}%), beyond this run's prefix, prompt and files`
    }
  }
  const own = { ...p, contextTokens: p.contextTokens - presetUpFront + upFront.tokens }
  const replayed: Replayed[] = runs
    .filter(r => (r.turns ?? 0) >= 1)
    .map(r => {
      const size = r.behaviour?.firstRequestTokens
      const at = estimateLoop(model, {
        ...own,
        // A past run's prompt is not kept, its first request's size is: all of it stands in as context.
        ...(size !== undefined && size >= p.prefixTokens
          ? { promptTokens: 0, contextTokens: size - p.prefixTokens }
          : {}),
        turns: { kind: 'given', turns: r.turns as number },
        maxTurns: r.turns as number
      })
      return { actualUsd: r.actualUsd, p50Usd: at.p50Usd, scaleUsd: at.spreadScaleUsd }
    })
  const correction = jobCorrection(replayed, { scores: p.spreadScores, weights: p.spreadWeights })
  return {
    params: correction
      ? {
          ...own,
          calibration: correction.calibration,
          spreadScores: correction.scores,
          spreadWeights: correction.weights,
          spreadSource: correction.source
        }
      : own,
    upFront,
    correction
  }
}

/** Build the estimate: the loop model with the job's learned behaviour, assumptions with sources. */
export function buildEstimate(args: {
  settings: EstimateSettings
  table: PriceTable
  model: ModelEntry
  counted: CountedInputs
  pastRuns: PastRun[]
  /** What the ledger says about recent runs; undefined when none was consulted. */
  ledger?: LedgerView
  now: Date
  /** The fitted presets (the shipped ones unless a calibration run passes its own). */
  fitted?: FittedPresets
}): EstimateView {
  const { table, model, counted } = args
  const e = args.settings
  const fitted = args.fitted ?? SHIPPED
  checkWindow(e, model, counted)
  const runs = usableRuns(args.pastRuns, e.historyRuns)
  const ttl = resolveCacheTtl({
    setting: e.cacheTtl,
    auth: e.auth,
    claudeVersion: e.claudeVersion,
    pastRuns: runs,
    fitted
  })
  const prefix = firstRequestCache({
    prefixTokens: counted.prefixTokens,
    ttl: ttl.ttl,
    model: model.id,
    requestedModel: e.model,
    ledger: args.ledger,
    now: args.now,
    fitted
  })
  const presetUpFront = e.agent === 'none' ? 0 : (fitted.contextUpFront?.value ?? 0)
  const base = {
    prefixTokens: counted.prefixTokens,
    cachedPrefixTokens: prefix.cachedPrefixTokens,
    sharedPrefixTokens: prefix.sharedPrefixTokens,
    promptTokens: counted.prompt.tokens,
    contextTokens: counted.context.tokens + presetUpFront,
    maxTurns: e.maxTurns,
    cacheTtl: ttl.ttl,
    spreadScores: fitted.spread.scores,
    spreadWeights: fitted.spread.weights,
    spreadSource: `${fitted.spread.weights ? 'leave-one-source-out' : 'leave-one-out'}, ${fitted.spread.scores.length} runs`
  }
  const params = (b: ReturnType<typeof behaviourFor>): LoopParams => ({
    ...base,
    behaviour: b.behaviour,
    turns: b.turns
  })
  const presetOnly = behaviourFor(e, model, [], fitted)
  const modelLoop = estimateLoop(model, params(presetOnly))
  const chosen = runs.length ? behaviourFor(e, model, runs, fitted) : presetOnly
  const job = runs.length ? jobLoop(model, params(chosen), chosen.learned, runs, presetUpFront) : undefined
  const loop = job ? estimateLoop(model, job.params) : modelLoop
  const blended = blendHistory(
    { p50Usd: modelLoop.p50Usd, p90Usd: modelLoop.p90Usd, maxUsd: modelLoop.maxUsd },
    { p50Usd: loop.p50Usd, p90Usd: loop.p90Usd, maxUsd: loop.maxUsd },
    runs
  )
  const assumptions = assumptionsOf({
    e,
    model,
    counted,
    chosen,
    loop,
    ttl,
    prefix,
    fitted,
    runs,
    upFront: job?.upFront ?? { tokens: presetUpFront, source: fitted.contextUpFront?.why ?? 'none' },
    correction: job?.correction
  })
  const low = counted.prompt.low + counted.context.low
  const high = counted.prompt.high + counted.context.high
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

/** What the estimate assumed, each with where the value came from: the report's assumptions table. */
function assumptionsOf(a: {
  e: EstimateSettings
  model: ModelEntry
  counted: CountedInputs
  chosen: ReturnType<typeof behaviourFor>
  loop: LoopEstimate
  ttl: ReturnType<typeof resolveCacheTtl>
  prefix: ReturnType<typeof firstRequestCache>
  fitted: FittedPresets
  runs: PastRun[]
  upFront: { tokens: number; source: string }
  correction?: ReturnType<typeof jobCorrection>
}): Assumption[] {
  const { e, model, counted, chosen, loop, ttl, prefix, fitted, runs } = a
  const fan = chosen.learned.fanOut
  const b = chosen.behaviour
  const s = chosen.sources
  const assumptions: Assumption[] = [
    {
      name: 'turns',
      value: `p50 ${loop.turns.p50}, p90 ${loop.turns.p90}, max ${loop.turns.max}`,
      source: chosen.turnsSource
    },
    { name: 'max turns', value: String(e.maxTurns), source: 'input' },
    {
      name: 'API requests per turn',
      value: `${b.requestsPerTurn.toFixed(2)} (${loop.requests.p50} requests at p50, ${loop.requests.max} at max)`,
      source: s.requestsPerTurn
    },
    {
      name: 'context growth',
      value: `${n(b.growthScale)} × k^${b.growthExponent.toFixed(2)} tokens after k requests (${n(b.growthScale * Math.pow(Math.max(1, loop.requests.p50 - 1), b.growthExponent))} by the p50's last request)`,
      source: `${s.growthScale}; exponent: ${s.growthExponent}`
    },
    { name: 'output per request', value: `${n(b.outputPerRequest)} tokens`, source: s.outputPerRequest },
    { name: 'cache TTL', value: ttl.ttl, source: ttl.source },
    { name: 'agent prefix on the first request', value: prefix.value, source: prefix.source },
    { name: 'cache hit rate', value: b.cacheHitRate.toFixed(4), source: s.cacheHitRate },
    {
      name: 'TTL gaps',
      value: `${(b.ttlGapsPerRequest * 100).toFixed(2)}% of requests`,
      source: s.ttlGapsPerRequest
    },
    {
      name: 'fan-out (side models and subagents)',
      value:
        `+${(b.sideShare * 100).toFixed(1)}% of the main loop ($${loop.sideUsd.toFixed(4)} at p50, main loop $${loop.mainLoopUsd.toFixed(4)})` +
        `; ${(fan?.subagentsPerRun ?? fitted.subagentsPerRun?.value ?? 0).toFixed(1)} subagents per run` +
        (fan?.models.length ? ` on ${fan.models.join(', ')}` : ''),
      source: `${s.sideShare}; subagents: ${fan?.source ?? fitted.subagentsPerRun?.why ?? 'none'}`
    },
    {
      name: 'context loaded up front',
      value: `${n(a.upFront.tokens)} tokens beyond the agent prefix, prompt and context files`,
      source: a.upFront.source
    },
    {
      name: 'uncached input',
      value: `${n(b.uncachedPerRequest)} tokens per request (${n(loop.tokens.inputTokens)} at p50)`,
      source: s.uncachedPerRequest
    },
    { name: 'p90 and max', value: loop.basis, source: fitted.spread.why },
    { name: 'agent prefix', value: `${counted.prefixTokens} tokens`, source: counted.prefixSource },
    {
      name: 'prompt + context tokens',
      value: `${counted.prompt.tokens + counted.context.tokens}`,
      source: `${counted.prompt.method} count, tokenizer family ${model.tokenizer}`
    }
  ]
  if (loop.compactions > 0) {
    assumptions.push({
      name: 'compaction',
      value: `${loop.compactions} up to max turns, each when a request would pass ${COMPACT_AT * 100}% of the ${n(model.contextWindow)}-token window`,
      source:
        'Claude Code auto-compacts near the window: the compaction request reads the context and writes a summary, and the loop goes on from the agent prefix and the summary'
    })
  }
  if (runs.length) {
    assumptions.push({
      name: 'history',
      value: `${runs.length} settled run${runs.length === 1 ? '' : 's'} of this job`,
      source: `behaviour learned per parameter: the job's own from ${OWN_AT} runs on, blended with the preset by n / ${OWN_AT} below`
    })
  }
  if (a.correction) {
    assumptions.push({
      name: 'job correction',
      value: `${a.correction.calibration.toFixed(2)}× the model`,
      source: a.correction.source
    })
  }
  return assumptions
}
