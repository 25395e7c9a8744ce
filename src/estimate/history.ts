/**
 * History teaches the estimate how this job behaves, not only what it cost: from the job's settled
 * runs it fits its own turn count, requests per turn, context growth, output, cache reads, TTL gaps and
 * side share,
 * and blends each with the preset by sample size, weight n / (n + K). The next run is then estimated
 * with those parameters (and this run's own prompt and context). From TRUST_P90_AT runs on, the gate
 * never holds less than the runs' own 90th percentile.
 */
import type { BlendedEstimate, LoopBehaviour, PastRun } from './types.js'
import type { SourcedBehaviour } from './presets.js'
import { requestsFor } from './loop.js'
import {
  growthScaleOf,
  outputPerRequestOf,
  readBackOf,
  requestsPerTurnOf,
  sideShareOf,
  ttlGapRateOf,
  turnsOf,
  type Estimated
} from './estimators.js'

/** Pseudo-count of the preset: at K runs, preset and history weigh the same. */
export const MODEL_WEIGHT_RUNS = 5
/** From this many runs on, the gate never holds less than the runs' own p90. */
const TRUST_P90_AT = 5

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 1) return sorted[0]
  const pos = q * (sorted.length - 1)
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo)
}

const weight = (n: number) => n / (n + MODEL_WEIGHT_RUNS)

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
  blend('sideShare', sideShareOf(runs), v => `median side-model share ${(v * 100).toFixed(1)}%`)
  const own = turnsOf(runs)
  if (!own) return { behaviour: b, sources, turns }
  const n = own.runs
  const w = weight(n)
  // Variances pool by degrees of freedom: one run says nothing about the spread.
  const sigma = Math.sqrt(
    ((n - 1) * (own.sigma ?? 0) ** 2 + MODEL_WEIGHT_RUNS * turns.sigma ** 2) / (n - 1 + MODEL_WEIGHT_RUNS)
  )
  return {
    behaviour: b,
    sources,
    turns: {
      median: Math.exp(w * Math.log(own.median) + (1 - w) * Math.log(turns.median)),
      sigma,
      source: `history: ${n} run${n === 1 ? '' : 's'} of this job took ${Math.round(own.median)} turns (geometric mean), weight ${Math.round(w * 100)}%, blended with ${turns.source}`
    }
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
