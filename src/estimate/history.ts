/**
 * History makes the estimate better: the last N settled actuals of the same job key are blended
 * with the model, weight n / (n + K). With few runs the model dominates; with many, the runs do.
 */
import type { BlendedEstimate, PastRun } from './types.js'

/** Pseudo-count of the model: at K runs, model and history weigh the same. */
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

export function blendHistory(
  model: { p50Usd: number; p90Usd: number; maxUsd: number },
  past: PastRun[],
  maxRuns: number
): BlendedEstimate {
  const runs = [...past]
    .sort((a, b) => b.settledAt.localeCompare(a.settledAt))
    .slice(0, maxRuns)
    .filter(r => Number.isFinite(r.actualUsd) && r.actualUsd >= 0)
  const n = runs.length
  if (n === 0) return { ...model, source: 'model', sampleSize: 0, model }
  const actuals = runs.map(r => r.actualUsd).sort((a, b) => a - b)
  const h50 = quantile(actuals, 0.5)
  const h90 = quantile(actuals, 0.9)
  const w = n / (n + MODEL_WEIGHT_RUNS)
  const p50Usd = w * h50 + (1 - w) * model.p50Usd
  let p90Usd = Math.max(p50Usd, w * h90 + (1 - w) * model.p90Usd)
  if (n >= TRUST_P90_AT) p90Usd = Math.max(p90Usd, h90)
  const ratios = runs
    .filter(r => r.estimateP50Usd !== undefined && r.estimateP50Usd > 0)
    .map(r => r.actualUsd / (r.estimateP50Usd as number))
    .sort((a, b) => a - b)
  return {
    p50Usd,
    p90Usd,
    maxUsd: Math.max(model.maxUsd, actuals[actuals.length - 1], p90Usd),
    source: 'blended',
    sampleSize: n,
    model,
    history: { p50Usd: h50, p90Usd: h90, weight: w },
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
