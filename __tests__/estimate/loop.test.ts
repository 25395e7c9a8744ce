import { describe, expect, it } from '@jest/globals'
import { estimateLoop } from '../../src/estimate/loop.js'
import { blendHistory, calibrationSentence } from '../../src/estimate/history.js'
import { builtInTable, resolveModel } from '../../src/pricing/table.js'
import type { LoopParams } from '../../src/estimate/types.js'

const table = builtInTable()
const sonnet45 = resolveModel(table, 'claude-sonnet-4-5')
const params = (over: Partial<LoopParams> = {}): LoopParams => ({
  prefixTokens: 20_000,
  promptTokens: 1_000,
  contextTokens: 0,
  growthPerTurn: 2_000,
  outputPerTurn: 400,
  expectedTurns: 5,
  maxTurns: 10,
  cacheTtl: '5m',
  cacheHitRate: 1,
  tokenUncertainty: 0,
  ...over
})
const secondDiff = (xs: number[]) => xs.slice(2).map((x, i) => x - 2 * xs[i + 1] + xs[i])
const perTurnCosts = (p: LoopParams) => estimateLoop(sonnet45, p).perTurn.map(r => r.cumulativeUsd)

describe('agent-loop estimate', () => {
  it('grows quadratically with turns without a cache and close to linearly with one', () => {
    const uncached = secondDiff(perTurnCosts(params({ cacheTtl: 'off', maxTurns: 20 })))
    const cached = secondDiff(perTurnCosts(params({ maxTurns: 20 })))
    // Uncached: every turn re-pays all previous growth, a constant second difference g × input price.
    for (const d of uncached) expect(d).toBeCloseTo((2_000 * 3) / 1e6, 9)
    // Cached: only the re-read prefix grows, at a tenth of the price.
    for (const d of cached) expect(Math.abs(d)).toBeLessThan(uncached[0] / 5)
  })
  it('matches a run a user can check by hand', () => {
    const e = estimateLoop(sonnet45, params({ expectedTurns: 2, maxTurns: 2 }))
    // Turn 1 writes 21,000 tokens at $3.75/M and outputs 400 at $15/M.
    const t1 = (21_000 * 3.75 + 400 * 15) / 1e6
    // Turn 2 reads those 21,000 at $0.30/M, writes the 2,000 new ones, outputs 400.
    const t2 = (21_000 * 0.3 + 2_000 * 3.75 + 400 * 15) / 1e6
    expect(e.p50Usd).toBeCloseTo(t1 + t2, 12)
  })
  it('prices 1-hour writes above 5-minute ones', () => {
    expect(estimateLoop(sonnet45, params({ cacheTtl: '1h' })).p50Usd).toBeGreaterThan(
      estimateLoop(sonnet45, params()).p50Usd
    )
  })
  it('orders p50 ≤ p90 ≤ max and shows no cache waste at a perfect hit rate', () => {
    const e = estimateLoop(sonnet45, params({ tokenUncertainty: 0.05 }))
    expect(e.p50Usd).toBeLessThanOrEqual(e.p90Usd)
    expect(e.p90Usd).toBeLessThanOrEqual(e.maxUsd)
    expect(e.cacheWasteUsd).toBeCloseTo(0, 12)
    expect(estimateLoop(sonnet45, params({ cacheHitRate: 0.5 })).cacheWasteUsd).toBeGreaterThan(0)
  })
  it('counts a cache miss as a re-write: lower hit rates cost more', () => {
    expect(estimateLoop(sonnet45, params({ cacheHitRate: 0.5 })).p50Usd).toBeGreaterThan(
      estimateLoop(sonnet45, params()).p50Usd
    )
  })
  it('compacts when the context passes the window, keeping every request under it', () => {
    const e = estimateLoop(sonnet45, params({ growthPerTurn: 30_000, maxTurns: 30 }))
    expect(e.compactions).toBeGreaterThan(0)
    for (const r of e.perTurn) expect(r.contextTokens).toBeLessThanOrEqual(sonnet45.contextWindow)
  })
  it('applies the long-prompt row per request on Haiku 5.5', () => {
    const haiku = resolveModel(table, 'claude-haiku-5-5')
    const small = estimateLoop(haiku, params({ prefixTokens: 90_000, expectedTurns: 1, maxTurns: 1 }))
    const big = estimateLoop(haiku, params({ prefixTokens: 110_000, expectedTurns: 1, maxTurns: 1 }))
    expect(big.p50Usd / small.p50Usd).toBeGreaterThan(4)
  })
})

describe('history', () => {
  const runs = (usd: number[]) =>
    usd.map((u, i) => ({
      actualUsd: u,
      estimateP50Usd: 1,
      settledAt: `2026-11-${String(10 + i).padStart(2, '0')}T00:00:00Z`
    }))
  it('uses the model alone without runs', () => {
    expect(blendHistory({ p50Usd: 1, p90Usd: 2, maxUsd: 3 }, [], 10)).toMatchObject({
      source: 'model',
      p50Usd: 1,
      sampleSize: 0
    })
  })
  it('moves toward the actuals as runs accumulate, and never holds less than their p90', () => {
    const b = blendHistory({ p50Usd: 1, p90Usd: 1.2, maxUsd: 3 }, runs([2, 2, 2, 2, 2, 2, 2, 2, 2, 4]), 10)
    expect(b.p50Usd).toBeGreaterThan(1.5)
    expect(b.p90Usd).toBeGreaterThanOrEqual(2.2 - 1e-9)
    expect(b.maxUsd).toBeGreaterThanOrEqual(4)
    expect(calibrationSentence(b)).toBe('last 10 runs: actual was 2.0×–4.0× the p50 estimate')
  })
})
