/**
 * p90 and max as a real spread (docs/estimation.md): the cost of a run is the model's cost at its turn
 * count plus a score × a scale, where the scores are the leave-one-out residuals of the calibration
 * runs and the scale is what is uncertain about the run — the loop after the first request's known
 * input, plus one agent-prefix write (side calls and subagents that write their own prefix). The turn
 * count is given, or log-normal and capped at max-turns. Quantiles over both are exact: the score
 * distribution is a step function, searched by bisection.
 */
import type { TurnModel } from './types.js'

/** Standard normal CDF via erf (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * x)
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
  const erf = 1 - poly * Math.exp(-x * x)
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2
}

/** P(turns = t) for t = 1…maxTurns (index t − 1): a run that would go on ends at max-turns. */
export function turnProbabilities(model: TurnModel, maxTurns: number): number[] {
  if (model.kind === 'given') {
    return Array.from({ length: maxTurns }, (_, i) => (i + 1 === Math.min(model.turns, maxTurns) ? 1 : 0))
  }
  const cdf = (t: number) => normalCdf((Math.log(t) - Math.log(model.median)) / model.sigma)
  const probs: number[] = []
  let below = 0
  for (let t = 1; t <= maxTurns; t++) {
    const upTo = t === maxTurns ? 1 : cdf(t + 0.5)
    probs.push(upTo - below)
    below = upTo
  }
  return probs
}

/** The smallest turn count whose cumulative probability reaches q. */
export function turnQuantile(probs: number[], q: number): number {
  let sum = 0
  for (let i = 0; i < probs.length; i++) {
    sum += probs[i]
    if (sum >= q - 1e-12) return i + 1
  }
  return probs.length
}

/** Leave-one-out scores (sorted) and, when they are not all worth the same, their weights. */
export interface Spread {
  scores: number[]
  /** Parallel to scores; absent: every score weighs 1. Sources weigh the same however many runs each has. */
  weights?: number[]
}

/**
 * The chance a new run lands at or below z: the weight of the scores at or below z over the total
 * plus one mean weight — a new run is as likely to land beyond all n of them as between any two (the
 * conformal reading of leave-one-out residuals, which keeps coverage honest on a small calibration set).
 */
export function scoreCdfOf(spread: Spread): (z: number) => number {
  const { scores, weights } = spread
  const cumulative: number[] = []
  let total = 0
  for (let i = 0; i < scores.length; i++) cumulative.push((total += weights ? weights[i] : 1))
  const denominator = total + (scores.length ? total / scores.length : 1)
  return (z: number) => {
    let lo = 0
    let hi = scores.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (scores[mid] <= z) lo = mid + 1
      else hi = mid
    }
    return lo === 0 ? 0 : cumulative[lo - 1] / denominator
  }
}

/** Share of the (equally weighted) scores at or below z, over n + 1. */
export function scoreCdf(sortedScores: number[], z: number): number {
  return scoreCdfOf({ scores: sortedScores })(z)
}

/** What the spread multiplies: the loop after the first request's known input, plus one prefix write. */
export function spreadScale(costUsd: number, knownUsd: number, prefixWriteUsd: number): number {
  return Math.max(costUsd - knownUsd, 0) + prefixWriteUsd
}

/**
 * The q-quantile of cost when turns t have probability probs[t − 1], the model's cost at t turns is
 * costs[t − 1] and the cost spreads as costs + score × scales. Infinity when the calibration set is too
 * small to reach q (fewer than q / (1 − q) runs).
 */
export function costQuantile(
  probs: number[],
  costs: number[],
  scales: number[],
  spread: Spread,
  q: number
): number {
  const sortedScores = spread.scores
  const n = sortedScores.length
  if (n === 0 || q > n / (n + 1) + 1e-12) return Infinity
  const cdf = scoreCdfOf(spread)
  const live = probs.map((p, i) => i).filter(i => probs[i] > 0)
  const at = (x: number) => live.reduce((sum, i) => sum + probs[i] * cdf((x - costs[i]) / scales[i]), 0)
  let lo = live.reduce((m, i) => Math.min(m, costs[i] + sortedScores[0] * scales[i]), Infinity) - 1e-9
  let hi = live.reduce((m, i) => Math.max(m, costs[i] + sortedScores[n - 1] * scales[i]), -Infinity)
  for (let k = 0; k < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); k++) {
    const mid = (lo + hi) / 2
    if (at(mid) >= q - 1e-12) hi = mid
    else lo = mid
  }
  return hi
}
