/**
 * Estimators of loop behaviour from settled runs. The same functions fit the presets on the
 * calibration runs (`npm run accuracy:runs`) and learn a job's behaviour from its own runs (history),
 * so a parameter means the same thing in both. Each returns the value and how many runs said something.
 */
import type { PastRun } from './types.js'

export interface Estimated {
  value: number
  runs: number
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
const mean = (xs: number[]) => sum(xs) / xs.length

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

/** Runs with a per-request series and a turn count. */
const withRequests = (runs: PastRun[]) =>
  runs.filter(r => (r.behaviour?.requests ?? 0) >= 1 && (r.turns ?? 0) >= 1)

/** Σ(requests − 1) ÷ Σ(turns − 1): the requests a further turn adds, weighted by run length. */
export function requestsPerTurnOf(runs: PastRun[]): Estimated | undefined {
  const multi = withRequests(runs).filter(r => r.turns! > 1)
  if (multi.length === 0) return undefined
  const q = sum(multi.map(r => r.behaviour!.requests! - 1)) / sum(multi.map(r => r.turns! - 1))
  return q > 0 ? { value: Math.min(q, 1), runs: multi.length } : undefined
}

/** Runs whose context grew over more than one request: ln(growth) against ln(requests − 1). */
function growthPoints(runs: PastRun[]): Array<{ x: number; y: number }> {
  return withRequests(runs)
    .filter(r => r.behaviour!.requests! > 1 && (r.behaviour!.growthTokens ?? 0) > 0)
    .map(r => ({ x: Math.log(r.behaviour!.requests! - 1), y: Math.log(r.behaviour!.growthTokens!) }))
}

/**
 * α of growth = a·k^α, one slope shared by all groups (least squares within each group, so a group's
 * own level does not tilt it). Undefined when no group has two different request counts.
 */
export function growthExponentOf(groups: PastRun[][]): number | undefined {
  let sxy = 0
  let sxx = 0
  for (const g of groups) {
    const pts = growthPoints(g)
    if (pts.length < 2) continue
    const mx = mean(pts.map(p => p.x))
    const my = mean(pts.map(p => p.y))
    sxy += sum(pts.map(p => (p.x - mx) * (p.y - my)))
    sxx += sum(pts.map(p => (p.x - mx) ** 2))
  }
  return sxx > 0 ? sxy / sxx : undefined
}

/** a of growth = a·k^α for a given α: the geometric mean of growth ÷ (requests − 1)^α. */
export function growthScaleOf(runs: PastRun[], alpha: number): Estimated | undefined {
  const pts = growthPoints(runs)
  if (pts.length === 0) return undefined
  return { value: Math.exp(mean(pts.map(p => p.y - alpha * p.x))), runs: pts.length }
}

/**
 * Σ output ÷ Σ requests. A run without a per-request series still says its output; its requests are
 * then inferred from its turns with `requestsOf`.
 */
export function outputPerRequestOf(
  runs: PastRun[],
  requestsOf: (turns: number) => number
): Estimated | undefined {
  const spoke = runs.filter(r => r.behaviour?.outputTokens !== undefined && (r.turns ?? 0) >= 1)
  if (spoke.length === 0) return undefined
  const requests = sum(spoke.map(r => r.behaviour!.requests ?? requestsOf(r.turns!)))
  return { value: sum(spoke.map(r => r.behaviour!.outputTokens!)) / requests, runs: spoke.length }
}

/** Expired-cache requests ÷ requests after the first. */
export function ttlGapRateOf(runs: PastRun[]): Estimated | undefined {
  const counted = withRequests(runs).filter(
    r => r.behaviour!.cacheMisses !== undefined && r.behaviour!.requests! > 1
  )
  if (counted.length === 0) return undefined
  const requests = sum(counted.map(r => r.behaviour!.requests! - 1))
  return { value: sum(counted.map(r => r.behaviour!.cacheMisses!)) / requests, runs: counted.length }
}

/** Share of the previous request read back, weighted by each run's requests after the first. */
export function readBackOf(runs: PastRun[]): Estimated | undefined {
  const counted = withRequests(runs).filter(
    r => r.behaviour!.readBack !== undefined && r.behaviour!.requests! > 1
  )
  if (counted.length === 0) return undefined
  const w = counted.map(r => r.behaviour!.requests! - 1)
  return {
    value: sum(counted.map((r, i) => r.behaviour!.readBack! * w[i])) / sum(w),
    runs: counted.length
  }
}

/** The median share of cost spent on side and subagent models. */
export function sideShareOf(runs: PastRun[]): Estimated | undefined {
  const shares = runs.filter(r => r.behaviour?.sideShare !== undefined).map(r => r.behaviour!.sideShare!)
  return shares.length ? { value: median(shares), runs: shares.length } : undefined
}

/** Geometric mean and log standard deviation (n − 1) of the turn counts; sigma needs two runs. */
export function turnsOf(runs: PastRun[]): { median: number; sigma?: number; runs: number } | undefined {
  const logs = runs.filter(r => (r.turns ?? 0) >= 1).map(r => Math.log(r.turns!))
  if (logs.length === 0) return undefined
  const m = mean(logs)
  const n = logs.length
  return {
    median: Math.exp(m),
    sigma: n > 1 ? Math.sqrt(sum(logs.map(x => (x - m) ** 2)) / (n - 1)) : undefined,
    runs: n
  }
}

/** The value at or above half the total weight (the plain median when all weigh the same). */
export function weightedMedian(values: number[], weights: number[]): number {
  const order = values.map((v, i) => i).sort((a, b) => values[a] - values[b])
  const half = sum(weights) / 2
  let seen = 0
  for (const i of order) {
    seen += weights[i]
    if (seen >= half - 1e-12) return values[i]
  }
  return values[order[order.length - 1]]
}

/** Σ uncached input ÷ Σ requests: what each request sends past the last cache breakpoint. */
export function uncachedPerRequestOf(runs: PastRun[]): Estimated | undefined {
  const counted = withRequests(runs).filter(r => r.behaviour!.uncachedInputTokens !== undefined)
  if (counted.length === 0) return undefined
  return {
    value:
      sum(counted.map(r => r.behaviour!.uncachedInputTokens!)) /
      sum(counted.map(r => r.behaviour!.requests!)),
    runs: counted.length
  }
}

/** The median input-side size of the runs' first requests. */
export function firstRequestOf(runs: PastRun[]): Estimated | undefined {
  const sizes = runs
    .map(r => r.behaviour?.firstRequestTokens)
    .filter((n): n is number => n !== undefined && n > 0)
  return sizes.length ? { value: median(sizes), runs: sizes.length } : undefined
}

/** Subagents per run, over the runs whose stream says (a series without them says 0). */
export function subagentsOf(runs: PastRun[]): Estimated | undefined {
  const counted = runs.map(r => r.behaviour?.subagents).filter((n): n is number => n !== undefined)
  return counted.length ? { value: mean(counted), runs: counted.length } : undefined
}
