/**
 * Calibration of the offline counter, shared by `npm run fit:tokens` (writes the factors) and
 * `npm run accuracy` (reports them): per chunk class, true ÷ estimated tokens fitted by ridge least
 * squares on relative error (pulled toward 1, so a class seen in few texts stays near neutral), and
 * leave-one-out residuals to size the interval and to report what a text outside the set would see.
 */
import { readFileSync } from 'node:fs'
import { CHUNK_CLASSES } from '../src/tokens/chunk-class.js'
import { calibrate, createTokenCounter, type ChunkCounts } from '../src/tokens/index.js'

export const REF = process.env.ACG_REFERENCE ?? 'reference/tokens'
export const CALIBRATION = `${REF}/haiku-4-5.calibration.json`
/** Categories CI prompts are made of (the accuracy targets). */
export const CI_CATEGORIES = new Set([
  'english-prose',
  'code-python',
  'code-js',
  'structured',
  'urls',
  'numbers'
])
/** Below this the 7-token message frame dominates the count: such samples are set aside. */
export const MIN_TOKENS = 5
const RIDGE = 0.5

export interface Sample {
  category: string
  name?: string
  text: string
  expected: number
  counts: ChunkCounts
}

export function loadSamples(): Sample[] {
  const cal = JSON.parse(readFileSync(CALIBRATION, 'utf8')) as { samples: Omit<Sample, 'counts'>[] }
  const counter = createTokenCounter()
  return cal.samples.map(s => ({ ...s, counts: counter.raw(s.text) }))
}

const mid = (s: Sample) => CHUNK_CLASSES.map((_, i) => (s.counts.upper[i] + s.counts.lower[i]) / 2)

/** Factors minimising Σ(estimate/true − 1)² + RIDGE·Σ(factor − 1)². */
export function fitFactors(samples: Sample[]): number[] {
  const n = CHUNK_CLASSES.length
  const a = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? RIDGE : 0)))
  const b = new Array<number>(n).fill(RIDGE)
  for (const s of samples) {
    const z = mid(s).map(v => v / s.expected)
    for (let i = 0; i < n; i++) {
      b[i] += z[i]
      for (let j = 0; j < n; j++) a[i][j] += z[i] * z[j]
    }
  }
  return solve(a, b)
}

/** Gaussian elimination with partial pivoting (the system is small and well conditioned by the ridge). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length
  for (let i = 0; i < n; i++) {
    let p = i
    for (let k = i + 1; k < n; k++) if (Math.abs(a[k][i]) > Math.abs(a[p][i])) p = k
    ;[a[i], a[p]] = [a[p], a[i]]
    ;[b[i], b[p]] = [b[p], b[i]]
    for (let k = i + 1; k < n; k++) {
      const m = a[k][i] / a[i][i]
      for (let j = i; j < n; j++) a[k][j] -= m * a[i][j]
      b[k] -= m * b[i]
    }
  }
  const x = new Array<number>(n).fill(0)
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]
    for (let j = i + 1; j < n; j++) s -= a[i][j] * x[j]
    x[i] = s / a[i][i]
  }
  return x
}

export interface Residual {
  sample: Sample
  /** Estimate with factors fitted without this sample. */
  point: number
  /** Interval half-width around it, in tokens (without the absolute term). */
  spread: number
  /** The class holding most of the sample's tokens. */
  dominant: number
}

/** Leave-one-out: each sample estimated with factors fitted on the others (half-widths as given). */
export function leaveOneOut(samples: Sample[], halfWidth = CHUNK_CLASSES.map(() => 0)): Residual[] {
  return samples.map(sample => {
    const m = mid(sample)
    return {
      sample,
      ...calibrate(sample.counts, fitFactors(samples.filter(o => o !== sample)), halfWidth),
      dominant: m.indexOf(Math.max(...m))
    }
  })
}

/**
 * Per class, the relative half-width that would have held every held-out sample dominated by that
 * class (beyond the tilings' gap and the absolute term), with a 50% margin and a 5% floor; classes
 * that dominate no sample take the widest half-width of the Latin-text classes.
 */
export function fitHalfWidths(residuals: Residual[], absTokens: number): number[] {
  const need = CHUNK_CLASSES.map(() => 0)
  const seen = CHUNK_CLASSES.map(() => false)
  for (const r of residuals) {
    const miss = Math.max(0, Math.abs(r.sample.expected - r.point) - r.spread - absTokens) / r.point
    need[r.dominant] = Math.max(need[r.dominant], miss)
    seen[r.dominant] = true
  }
  const widths = need.map(n => Math.max(0.05, Math.round(n * 1.5 * 100) / 100))
  const latin = Math.max(...(['word', 'digits'] as const).map(c => widths[CHUNK_CLASSES.indexOf(c)]))
  return widths.map((w, i) => (seen[i] ? w : latin))
}
