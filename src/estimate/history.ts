/**
 * History teaches the estimate how this job behaves, not only what it cost: from the job's settled
 * runs it fits its own turn count, requests per turn, context growth, output, cache reads, TTL gaps,
 * fan-out and the size of its first request. From OWN_AT runs on each is the job's own; with fewer,
 * each blends with the preset, weight n / OWN_AT. The next run is estimated with those parameters,
 * corrected by what the model still misses about the job's past runs (their actual ÷ the model at
 * their own turns), and spread by their own scores beside the calibration scores. From TRUST_P90_AT
 * runs on, the gate never holds less than the runs' own 90th percentile.
 */
import type { BlendedEstimate, FanOut, LoopBehaviour, PastRun } from './types.js'
import type { SourcedBehaviour } from './presets.js'
import { requestsFor } from './loop.js'
import {
  firstRequestOf,
  growthScaleOf,
  median,
  subagentsOf,
  uncachedPerRequestOf,
  outputPerRequestOf,
  readBackOf,
  requestsPerTurnOf,
  sideShareOf,
  ttlGapRateOf,
  turnsOf,
  type Estimated
} from './estimators.js'

/** From this many runs on, a job's parameters and turn distribution are its own. */
export const OWN_AT = 3
/** Pseudo-count of the calibration scores beside the job's own: at K runs, both weigh the same. */
export const SPREAD_PRIOR_RUNS = 3
/** From this many runs on, the gate never holds less than the runs' own p90. */
const TRUST_P90_AT = 5

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 1) return sorted[0]
  const pos = q * (sorted.length - 1)
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo)
}

/** The weight of the job's own runs: all of it from OWN_AT runs on. */
export const ownWeight = (n: number) => Math.min(1, n / OWN_AT)
const weight = ownWeight

/** The newest usable settled runs of the job, at most maxRuns. */
export function usableRuns(past: PastRun[], maxRuns: number): PastRun[] {
  return [...past]
    .sort((a, b) => b.settledAt.localeCompare(a.settledAt))
    .slice(0, maxRuns)
    .filter(r => Number.isFinite(r.actualUsd) && r.actualUsd >= 0)
}

export interface Learned {
  behaviour: LoopBehaviour
  sources: Record<keyof LoopBehaviour, string>
  turns: { median: number; sigma: number; source: string }
  /** The job's first request (input side, median over its runs), when its runs say. */
  firstRequest?: Estimated
  /** The job's fan-out besides its cost share: subagents per run, the side models seen. */
  fanOut?: FanOut
}

/**
 * The preset behaviour and turn distribution moved toward this job's own runs, parameter by
 * parameter, each by how many of its runs say something about it (estimators.ts, the same estimators
 * that fit the presets).
 */
export function learnFromHistory(
  preset: SourcedBehaviour,
  turns: { median: number; sigma: number; source: string },
  runs: PastRun[]
): Learned {
  const b = { ...preset.behaviour }
  const sources = { ...preset.sources }
  const blend = (
    key: keyof LoopBehaviour,
    own: Estimated | undefined,
    what: (v: number) => string,
    log = false
  ) => {
    if (!own) return
    const w = weight(own.runs)
    b[key] = log
      ? Math.exp(w * Math.log(own.value) + (1 - w) * Math.log(b[key]))
      : w * own.value + (1 - w) * b[key]
    sources[key] =
      `history: ${what(own.value)} over ${own.runs} run${own.runs === 1 ? '' : 's'} of this job (weight ${Math.round(w * 100)}%), blended with ${preset.sources[key]}`
  }
  blend('requestsPerTurn', requestsPerTurnOf(runs), v => `${v.toFixed(2)} requests per turn`)
  blend(
    'growthScale',
    growthScaleOf(runs, b.growthExponent),
    v => `growth ${Math.round(v)}·k^${b.growthExponent}`,
    true
  )
  blend(
    'outputPerRequest',
    outputPerRequestOf(runs, t => requestsFor(t, b.requestsPerTurn)),
    v => `${Math.round(v)} output tokens per request`
  )
  blend('ttlGapsPerRequest', ttlGapRateOf(runs), v => `${(v * 100).toFixed(2)}% expired-cache requests`)
  blend('cacheHitRate', readBackOf(runs), v => `${v.toFixed(4)} of the previous request read back`)
  blend('sideShare', sideShareOf(runs), v => `median fan-out share ${(v * 100).toFixed(1)}%`)
  blend(
    'uncachedPerRequest',
    uncachedPerRequestOf(runs),
    v => `${Math.round(v)} uncached input tokens per request`
  )
  const learned = { behaviour: b, sources, firstRequest: firstRequestOf(runs), fanOut: fanOutOf(runs) }
  const own = turnsOf(runs)
  if (!own) return { ...learned, turns }
  const n = own.runs
  const w = weight(n)
  // Variances pool by degrees of freedom (one run says nothing about the spread); the preset's counts
  // as PRIOR_DF, fewer once the job's own runs take over.
  const prior = n >= OWN_AT ? 2 : 5
  const sigma = Math.sqrt(((n - 1) * (own.sigma ?? 0) ** 2 + prior * turns.sigma ** 2) / (n - 1 + prior))
  return {
    ...learned,
    turns: {
      median: Math.exp(w * Math.log(own.median) + (1 - w) * Math.log(turns.median)),
      sigma,
      source: `history: ${n} run${n === 1 ? '' : 's'} of this job took ${Math.round(own.median)} turns (geometric mean), weight ${Math.round(w * 100)}%, blended with ${turns.source}`
    }
  }
}

/** Subagents per run and the side models the job's runs used, costliest first. */
function fanOutOf(runs: PastRun[]): FanOut | undefined {
  const sub = subagentsOf(runs)
  const cost = new Map<string, number>()
  for (const r of runs)
    for (const m of r.sideModels ?? []) cost.set(m.model, (cost.get(m.model) ?? 0) + m.usd)
  if (!sub && cost.size === 0) return undefined
  return {
    subagentsPerRun: sub?.value ?? 0,
    models: [...cost.entries()].sort((x, y) => y[1] - x[1]).map(([m]) => m),
    source: `history: ${runs.length} run${runs.length === 1 ? '' : 's'} of this job`
  }
}

/** A past run as the model sees it at its own turn count: its p50 and the spread's scale there. */
export interface Replayed {
  actualUsd: number
  p50Usd: number
  scaleUsd: number
}

/**
 * What the model still misses about this job, and how its runs spread around it: the correction is
 * the median of actual ÷ p50 over its runs (all of it from OWN_AT runs on, blended below), and the
 * spread puts the job's own scores beside the calibration scores, weight n / (n + SPREAD_PRIOR_RUNS).
 */
export function jobCorrection(
  replayed: Replayed[],
  preset: { scores: number[]; weights?: number[] }
): { calibration: number; scores: number[]; weights: number[]; source: string } | undefined {
  const usable = replayed.filter(r => r.p50Usd > 0 && r.scaleUsd > 0 && r.actualUsd > 0)
  const n = usable.length
  if (n === 0) return undefined
  const ratio = median(usable.map(r => r.actualUsd / r.p50Usd))
  const calibration = Math.exp(ownWeight(n) * Math.log(ratio))
  const own = usable.map(r => (r.actualUsd - calibration * r.p50Usd) / (calibration * r.scaleUsd))
  const mass = n / (n + SPREAD_PRIOR_RUNS)
  const presetWeights = preset.weights ?? preset.scores.map(() => 1)
  const presetTotal = presetWeights.reduce((a, x) => a + x, 0)
  const all = [
    ...own.map(score => ({ score, weight: mass / n })),
    ...preset.scores.map((score, i) => ({ score, weight: ((1 - mass) * presetWeights[i]) / presetTotal }))
  ].sort((x, y) => x.score - y.score)
  return {
    calibration,
    scores: all.map(x => x.score),
    weights: all.map(x => x.weight),
    source: `this job's ${n} run${n === 1 ? '' : 's'} (weight ${Math.round(mass * 100)}%) beside ${preset.scores.length} calibration runs; its runs came to ${ratio.toFixed(2)}× the model at their own turn counts, applied ${calibration.toFixed(2)}×`
  }
}

/**
 * The figures the gate uses: the estimate with the job's learned behaviour, never below the job's own
 * p90 from TRUST_P90_AT runs on, beside the preset-only model and the job's actuals.
 */
export function blendHistory(
  model: { p50Usd: number; p90Usd: number; maxUsd: number },
  learned: { p50Usd: number; p90Usd: number; maxUsd: number },
  runs: PastRun[]
): BlendedEstimate {
  const n = runs.length
  if (n === 0) return { ...model, source: 'model', sampleSize: 0, model }
  const actuals = runs.map(r => r.actualUsd).sort((a, b) => a - b)
  const h50 = quantile(actuals, 0.5)
  const h90 = quantile(actuals, 0.9)
  let p90Usd = Math.max(learned.p50Usd, learned.p90Usd)
  if (n >= TRUST_P90_AT) p90Usd = Math.max(p90Usd, h90)
  const ratios = runs
    .filter(r => r.estimateP50Usd !== undefined && r.estimateP50Usd > 0)
    .map(r => r.actualUsd / (r.estimateP50Usd as number))
    .sort((a, b) => a - b)
  return {
    p50Usd: learned.p50Usd,
    p90Usd,
    maxUsd: Math.max(learned.maxUsd, actuals[actuals.length - 1], p90Usd),
    source: 'blended',
    sampleSize: n,
    model,
    history: { p50Usd: h50, p90Usd: h90, weight: weight(n) },
    ...(ratios.length
      ? {
          calibration: {
            runs: ratios.length,
            minRatio: ratios[0],
            maxRatio: ratios[ratios.length - 1],
            medianRatio: quantile(ratios, 0.5)
          }
        }
      : {})
  }
}

/** "last 10 runs: actual was 0.8×–1.3× the p50 estimate" */
export function calibrationSentence(b: BlendedEstimate): string | undefined {
  const c = b.calibration
  if (!c) return undefined
  const x = (r: number) => `${r.toFixed(1)}×`
  return `last ${c.runs} run${c.runs === 1 ? '' : 's'}: actual was ${c.minRatio === c.maxRatio ? x(c.minRatio) : `${x(c.minRatio)}–${x(c.maxRatio)}`} the p50 estimate`
}
