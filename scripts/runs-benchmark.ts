/**
 * The accuracy benchmark of the estimate on published runs (`npm run accuracy:runs`), as functions a
 * test can run on a few runs: leave-one-source-out (every source predicted by presets fitted on the
 * others only, spread included: what a new user's runs see) and the job data with a time split (each
 * run estimated with its job's earlier runs as history). Measures; asserts nothing.
 *
 * The tables say nothing of the cap handed to Claude: it is not a figure of the estimate but what is
 * left of the budget when the run starts (src/budget/cap.ts), so it depends on the budget and on the
 * runs in flight. scripts/cap-replay.ts measures it by replaying the runs against a ledger.
 */
import type { FittedPresets } from '../src/estimate/presets.js'
import { asPast, fitRuns, predict, type CalibrationRun, type PredictOptions } from './runs-fit.js'

/** How one run came out against its estimate. */
export interface Row {
  /** The group the row is counted in: its model family, or how much history it had. */
  group: string
  source: string
  /** actual ÷ p50 */
  ratio: number
  /** actual ≤ p90 (the hold) */
  inside: boolean
  /** actual ÷ hold */
  efficiency: number
}

/** The gate's estimate of a run, as the cap replay needs it. */
export type Estimate = { p50Usd: number; p90Usd: number; maxUsd: number }

/** A run and the estimate the benchmark made of it, in the group its row is counted in. */
export interface Predicted {
  run: CalibrationRun
  group: string
  estimate: Estimate
}

export function rowOf(
  r: CalibrationRun,
  b: { p50Usd: number; p90Usd: number },
  group: string = r.family
): Row {
  return {
    group,
    source: r.source,
    ratio: r.actual.usd / b.p50Usd,
    inside: r.actual.usd <= b.p90Usd,
    efficiency: r.actual.usd / b.p90Usd
  }
}

/** As the gate sees a run with its turn count given: max-turns max(turns, 10), a ledger of earlier runs. */
export const turnsGiven = (r: CalibrationRun): PredictOptions => ({
  expectedTurns: r.turns,
  maxTurns: Math.max(r.turns, 10),
  ledger: 'gate'
})
/** The same with the defaults: the turn count left to the distribution. */
export const withDefaults = (r: CalibrationRun): PredictOptions => ({
  maxTurns: Math.max(r.turns, 10),
  ledger: 'gate'
})

export interface Benchmark {
  /** The presets each source was predicted with: fitted without it. */
  fits: Map<string, FittedPresets>
  given: Row[]
  defaults: Row[]
  /** Each run's estimate behind the rows, in the same order. */
  predicted: { given: Predicted[]; defaults: Predicted[] }
}

/** The row and the prediction of a run, kept side by side. */
function pushPredicted(out: Omit<Benchmark, 'fits'>, mode: 'given' | 'defaults', p: Predicted): void {
  out[mode].push(rowOf(p.run, p.estimate, p.group))
  out.predicted[mode].push(p)
}

/** Every source predicted by presets fitted on the other sources only. */
export function leaveOneSourceOut(runs: CalibrationRun[]): Benchmark {
  const out: Benchmark = { fits: new Map(), given: [], defaults: [], predicted: { given: [], defaults: [] } }
  for (const source of new Set(runs.map(r => r.source))) {
    const fitted = fitRuns(
      runs.filter(r => r.source !== source),
      runs
    )
    out.fits.set(source, fitted)
    for (const r of runs.filter(x => x.source === source)) {
      const at = (opts: PredictOptions) => predict(r, fitted, runs, opts).estimate.blended
      pushPredicted(out, 'given', { run: r, group: r.family, estimate: at(turnsGiven(r)) })
      pushPredicted(out, 'defaults', { run: r, group: r.family, estimate: at(withDefaults(r)) })
    }
  }
  return out
}

/** How much history a run had, as the job table groups it. */
export const historyBucket = (n: number) =>
  n === 0 ? 'no history' : n < 3 ? '1-2 runs' : n < 6 ? '3-5 runs' : '6+ runs'

/**
 * The runs of jobs with a time split: each run estimated with its job's runs that ended before it
 * started as history (the newest history-runs, 10), by presets fitted without its source.
 */
export function jobHistory(
  runs: CalibrationRun[],
  fits: Map<string, FittedPresets>
): Omit<Benchmark, 'fits'> {
  const jobbed = runs.filter(r => r.job && fits.has(r.source))
  const out: Omit<Benchmark, 'fits'> = { given: [], defaults: [], predicted: { given: [], defaults: [] } }
  for (const r of jobbed) {
    const start = Date.parse(r.startedAt)
    const past = jobbed
      .filter(o => o.job === r.job && o.source === r.source && Date.parse(o.endedAt) <= start)
      .map(asPast)
    const fitted = fits.get(r.source) as FittedPresets
    const group = historyBucket(Math.min(past.length, 10))
    const at = (opts: PredictOptions) =>
      predict(r, fitted, runs, { ...opts, pastRuns: past }).estimate.blended
    pushPredicted(out, 'given', { run: r, group, estimate: at(turnsGiven(r)) })
    pushPredicted(out, 'defaults', { run: r, group, estimate: at(withDefaults(r)) })
  }
  return out
}

/**
 * What a hold that already knew a source could reach: the hold efficiency at exactly 90% of the
 * source's runs covered, measured on the runs themselves (in-sample, so a reference for a model that
 * has not seen the source, not a bound on every model). With the defaults, one hold for every run of
 * the source, its 90th-percentile cost (efficiency: actual ÷ that). With the turn count given, a hold
 * on the source's own cost curve in turns (least squares of ln cost on ln turns within the source) at
 * the 90th percentile of its residuals. The group is the run's model family, as in the other tables.
 */
export function referenceRows(runs: CalibrationRun[]): { given: Row[]; defaults: Row[] } {
  const out = { given: [] as Row[], defaults: [] as Row[] }
  for (const source of new Set(runs.map(r => r.source))) {
    const mine = runs.filter(r => r.source === source)
    const x = mine.map(r => Math.log(Math.max(1, r.turns)))
    const y = mine.map(r => Math.log(r.actual.usd))
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length
    const [mx, my] = [mean(x), mean(y)]
    const sxx = x.reduce((s, xi) => s + (xi - mx) ** 2, 0)
    const slope = sxx > 0 ? x.reduce((s, xi, i) => s + (xi - mx) * (y[i] - my), 0) / sxx : 0
    const residuals = y.map((yi, i) => yi - my - slope * (x[i] - mx))
    const hold = quantile(
      mine.map(r => r.actual.usd),
      0.9
    )
    const residualAt90 = quantile(residuals, 0.9)
    const residualAt50 = quantile(residuals, 0.5)
    mine.forEach((r, i) => {
      const row = (p50: number, p90: number) => rowOf(r, { p50Usd: p50, p90Usd: p90 })
      out.defaults.push(
        row(
          quantile(
            mine.map(o => o.actual.usd),
            0.5
          ),
          hold
        )
      )
      const curve = Math.exp(y[i] - residuals[i])
      out.given.push(row(curve * Math.exp(residualAt50), curve * Math.exp(residualAt90)))
    })
  }
  return out
}

export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b)
  const pos = q * (s.length - 1)
  const lo = Math.floor(pos)
  return s[lo] + (s[Math.ceil(pos)] - s[lo]) * (pos - lo)
}

/** The benchmark's figures over some rows. */
export function summary(rows: Row[]) {
  const ratios = rows.map(r => r.ratio)
  return {
    n: rows.length,
    medianRatio: quantile(ratios, 0.5),
    p10Ratio: quantile(ratios, 0.1),
    p90Ratio: quantile(ratios, 0.9),
    insideShare: rows.filter(r => r.inside).length / rows.length,
    holdEfficiency: quantile(
      rows.map(r => r.efficiency),
      0.5
    )
  }
}

const HEAD = [
  '| runs | n | median actual/p50 | p10–p90 actual/p50 | ≤ p90 | hold efficiency (median actual/hold) |',
  '| --- | --- | --- | --- | --- | --- |'
]

function line(name: string, rows: Row[]): string {
  const s = summary(rows)
  const f2 = (x: number) => x.toFixed(2)
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`
  return `| ${name} | ${s.n} | ${f2(s.medianRatio)} | ${f2(s.p10Ratio)}–${f2(s.p90Ratio)} | ${pct(s.insideShare)} | ${f2(s.holdEfficiency)} |`
}

/**
 * A table's lines, one per set of items: per source (and its groups, when it has more than one), per
 * group over all sources, and all. `at` says where an item's source and group are.
 */
export function groupedLines<T>(
  items: T[],
  at: (x: T) => { source: string; group: string },
  lineOf: (name: string, xs: T[]) => string,
  bySource = true
): string[] {
  const groups = (xs: T[]) => [...new Set(xs.map(x => at(x).group))].sort()
  const inGroup = (xs: T[], g: string) => xs.filter(x => at(x).group === g)
  const out: string[] = []
  for (const s of bySource ? [...new Set(items.map(x => at(x).source))] : []) {
    const mine = items.filter(x => at(x).source === s)
    out.push(lineOf(s, mine))
    if (groups(mine).length > 1) for (const g of groups(mine)) out.push(lineOf(`${s} ${g}`, inGroup(mine, g)))
  }
  for (const g of groups(items)) out.push(lineOf(`all ${g}`, inGroup(items, g)))
  out.push(lineOf('all', items))
  return out
}

/** A markdown table: per source (and its groups), per group over all sources, and all. */
export function markdownTable(rows: Row[], bySource = true): string[] {
  return [...HEAD, ...groupedLines(rows, r => r, line, bySource)]
}

/** One row over some rows, for a summary table. */
export const markdownLine = line
export const markdownHead = HEAD
