import { describe, expect, it } from '@jest/globals'
import { loadRuns } from '../../scripts/runs-fit.js'
import {
  jobHistory,
  leaveOneSourceOut,
  markdownTable,
  referenceRows,
  summary
} from '../../scripts/runs-benchmark.js'

/** A few runs of two sources, and the runs of one job of a third: small enough to fit in a test. */
const vecsum = loadRuns(['reference/real-runs']).slice(0, 6)
const obers = loadRuns(['reference/real-runs-more'])
const jobs = loadRuns(['reference/real-runs-jobs'])
  .filter(r => r.job === '00_planning/review')
  .slice(0, 5)
const runs = [...vecsum, ...obers, ...jobs]

describe('the accuracy benchmark (npm run accuracy:runs) on a few runs', () => {
  const b = leaveOneSourceOut(runs)
  it('predicts every source with presets fitted on the other sources only', () => {
    expect([...b.fits.keys()]).toEqual([
      'freeideas/vecsum',
      'SimonErich/obers_ui',
      'tielec/ai-workflow-agent'
    ])
    expect(b.fits.get('SimonErich/obers_ui')!.runs).toBe(vecsum.length + jobs.length)
    expect(b.fits.get('freeideas/vecsum')!.runs).toBe(obers.length + jobs.length)
    expect(b.given).toHaveLength(runs.length)
    expect(b.defaults).toHaveLength(runs.length)
    // The estimates behind the rows, for the cap replay: one per row, in the same order.
    expect(b.predicted.defaults.map(p => p.run.actual.usd / p.estimate.p90Usd)).toEqual(
      b.defaults.map(row => row.efficiency)
    )
  })
  it('measures median actual/p50, share ≤ p90 and hold efficiency per source and family', () => {
    const s = summary(b.defaults)
    expect(s.n).toBe(runs.length)
    expect(s.medianRatio).toBeGreaterThan(0)
    expect(s.insideShare).toBeGreaterThanOrEqual(0)
    expect(s.insideShare).toBeLessThanOrEqual(1)
    expect(s.holdEfficiency).toBeGreaterThan(0)
    const table = markdownTable(b.defaults)
    for (const row of [
      'freeideas/vecsum',
      'SimonErich/obers_ui',
      'tielec/ai-workflow-agent',
      'all opus',
      'all sonnet',
      'all'
    ])
      expect(table.some(line => line.startsWith(`| ${row} |`))).toBe(true)
  })
  it('gives the reference a hold that knew each source reaches: 90% covered within each source', () => {
    const ref = referenceRows(runs)
    for (const rows of [ref.given, ref.defaults]) {
      expect(rows).toHaveLength(runs.length)
      for (const source of new Set(runs.map(r => r.source))) {
        const mine = rows.filter(r => r.source === source)
        const inside = summary(mine).insideShare
        // Interpolated 90th percentile: ⌊0.9·(n − 1)⌋ + 1 of n distinct costs are at or below it.
        expect(inside).toBeGreaterThanOrEqual((Math.floor(0.9 * (mine.length - 1)) + 1) / mine.length)
        expect(inside).toBeLessThan(1)
      }
    }
  })
  it('estimates a job’s later runs with its earlier ones as history', () => {
    const h = jobHistory(runs, b.fits)
    expect(h.defaults.map(r => r.group)).toEqual([
      'no history',
      '1-2 runs',
      '1-2 runs',
      '3-5 runs',
      '3-5 runs'
    ])
  })
})
