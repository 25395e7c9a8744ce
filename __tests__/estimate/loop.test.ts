import { describe, expect, it } from '@jest/globals'
import { estimateLoop, requestsFor } from '../../src/estimate/loop.js'
import { builtInTable, resolveModel } from '../../src/pricing/table.js'
import type { LoopBehaviour, LoopParams } from '../../src/estimate/types.js'

const table = builtInTable()
const sonnet45 = resolveModel(table, 'claude-sonnet-4-5')
const behaviour = (over: Partial<LoopBehaviour> = {}): LoopBehaviour => ({
  requestsPerTurn: 1,
  growthScale: 2_000,
  growthExponent: 1,
  outputPerRequest: 400,
  cacheHitRate: 1,
  ttlGapsPerRequest: 0,
  sideShare: 0,
  uncachedPerRequest: 0,
  ...over
})
const params = (over: Partial<LoopParams> = {}, b: Partial<LoopBehaviour> = {}): LoopParams => ({
  prefixTokens: 20_000,
  cachedPrefixTokens: 0,
  sharedPrefixTokens: 16_000,
  promptTokens: 1_000,
  contextTokens: 0,
  behaviour: behaviour(b),
  turns: { kind: 'given', turns: 5 },
  maxTurns: 10,
  cacheTtl: '5m',
  spreadScores: [-0.3, -0.1, 0, 0.1, 0.2, 0.4, 0.5, 0.8, 1.2],
  ...over
})
const secondDiff = (xs: number[]) => xs.slice(2).map((x, i) => x - 2 * xs[i + 1] + xs[i])
const perRequestCosts = (p: LoopParams) => estimateLoop(sonnet45, p).perTurn.map(r => r.cumulativeUsd)

describe('the agent loop, priced per API request', () => {
  it('matches a run a user can check by hand', () => {
    const e = estimateLoop(sonnet45, params({ turns: { kind: 'given', turns: 2 }, maxTurns: 2 }))
    // Request 1 writes 21,000 tokens at $3.75/M and outputs 400 at $15/M.
    const r1 = (21_000 * 3.75 + 400 * 15) / 1e6
    // Request 2 reads those 21,000 at $0.30/M, writes the 2,000 new ones, outputs 400.
    const r2 = (21_000 * 0.3 + 2_000 * 3.75 + 400 * 15) / 1e6
    expect(e.p50Usd).toBeCloseTo(r1 + r2, 12)
    expect(e.perTurn.map(r => r.usd)).toEqual([expect.closeTo(r1, 12), expect.closeTo(r2, 12)])
  })
  it('counts requests, not turns: parallel tool calls share a request', () => {
    expect(requestsFor(10, 0.5)).toBe(6)
    expect(requestsFor(1, 0.5)).toBe(1)
    const e = estimateLoop(sonnet45, params({ turns: { kind: 'given', turns: 9 } }, { requestsPerTurn: 0.5 }))
    expect(e.requests.p50).toBe(5)
    expect(e.perTurn.filter(r => r.kind === 'request')).toHaveLength(requestsFor(10, 0.5))
    expect(e.perTurn[e.requests.p50 - 1].turn).toBe(9)
  })
  it('grows quadratically without a cache and close to linearly with one', () => {
    const uncached = secondDiff(perRequestCosts(params({ cacheTtl: 'off', maxTurns: 20 })))
    const cached = secondDiff(perRequestCosts(params({ maxTurns: 20 })))
    // Uncached: every request re-pays all previous growth, a constant second difference g × input price.
    for (const d of uncached) expect(d).toBeCloseTo((2_000 * 3) / 1e6, 9)
    // Cached: only the re-read context grows, at a tenth of the price.
    for (const d of cached) expect(Math.abs(d)).toBeLessThan(uncached[0] / 5)
  })
  it('grows the context less per request later in a run when the growth exponent is below 1', () => {
    const rows = estimateLoop(sonnet45, params({ maxTurns: 20 }, { growthExponent: 0.6 })).perTurn
    const growth = rows.slice(1).map((r, i) => r.contextTokens - rows[i].contextTokens)
    expect(growth[0]).toBe(2_000)
    for (let i = 1; i < growth.length; i++) expect(growth[i]).toBeLessThanOrEqual(growth[i - 1])
  })
  it('prices 1-hour writes above 5-minute ones', () => {
    expect(estimateLoop(sonnet45, params({ cacheTtl: '1h' })).p50Usd).toBeGreaterThan(
      estimateLoop(sonnet45, params()).p50Usd
    )
  })
  it('reads the cached part of the agent prefix on the first request instead of writing it', () => {
    const cold = estimateLoop(sonnet45, params())
    const warm = estimateLoop(sonnet45, params({ cachedPrefixTokens: 16_000 }))
    expect(cold.p50Usd - warm.p50Usd).toBeCloseTo((16_000 * (3.75 - 0.3)) / 1e6, 12)
    expect(warm.perTurn[0].usage.cacheReadTokens).toBe(16_000)
  })
  it('re-writes the context after a TTL gap: more gaps cost more', () => {
    const none = estimateLoop(sonnet45, params())
    const some = estimateLoop(sonnet45, params({}, { ttlGapsPerRequest: 0.2 }))
    expect(some.p50Usd).toBeGreaterThan(none.p50Usd)
    expect(some.perTurn[1].usage.cacheReadTokens).toBe(Math.round(21_000 * 0.8))
  })
  it('adds the side and subagent allowance to every figure, and says how much', () => {
    const base = estimateLoop(sonnet45, params())
    const side = estimateLoop(sonnet45, params({}, { sideShare: 0.1 }))
    expect(side.p50Usd).toBeCloseTo(base.p50Usd * 1.1, 12)
    expect(side.sideUsd).toBeCloseTo(base.p50Usd * 0.1, 12)
  })
  it('adds up: the rows up to the p50 request plus the side allowance are the p50', () => {
    for (const turns of [1, 3, 7]) {
      const e = estimateLoop(sonnet45, params({ turns: { kind: 'given', turns } }, { sideShare: 0.07 }))
      const lastRow = e.perTurn.filter(r => r.request <= e.requests.p50).pop()!
      expect(lastRow.cumulativeUsd + e.sideUsd).toBeCloseTo(e.p50Usd, 12)
    }
  })
  it('compacts near the context window in a labelled row, keeping every request under the window', () => {
    const e = estimateLoop(sonnet45, params({ maxTurns: 40 }, { growthScale: 30_000 }))
    expect(e.compactions).toBeGreaterThan(0)
    const compactions = e.perTurn.filter(r => r.kind === 'compaction')
    expect(compactions).toHaveLength(e.compactions)
    for (const r of compactions) expect(r.compacted).toBe(true)
    for (const r of e.perTurn) expect(r.contextTokens).toBeLessThanOrEqual(sonnet45.contextWindow)
  })
  it('applies the long-prompt row per request on Haiku 5.5', () => {
    const haiku = resolveModel(table, 'claude-haiku-5-5')
    const one = { turns: { kind: 'given' as const, turns: 1 }, maxTurns: 1 }
    const small = estimateLoop(haiku, params({ ...one, prefixTokens: 90_000 }))
    const big = estimateLoop(haiku, params({ ...one, prefixTokens: 110_000 }))
    expect(big.p50Usd / small.p50Usd).toBeGreaterThan(4)
  })
})

describe('p90 and max', () => {
  it('with the turn count given: p50 plus the ⌈0.9(n+1)⌉-th leave-one-out score times the scale', () => {
    const p = params()
    const e = estimateLoop(sonnet45, p)
    // 9 scores: the 9th of 9 is the first whose rank reaches 0.9 × 10.
    expect(e.p90Usd).toBeCloseTo(e.p50Usd + 1.2 * e.spreadScaleUsd, 9)
    expect(e.turns).toEqual({ p50: 5, p90: 5, max: 10 })
  })
  it('cannot give a p90 from too few calibration runs', () => {
    expect(estimateLoop(sonnet45, params({ spreadScores: [0, 0.1, 0.2] })).p90Usd).toBe(Infinity)
  })
  it('with the turn count unknown: spreads over log-normal turns, capped at max-turns', () => {
    const turns = { kind: 'distribution' as const, median: 10, sigma: 0.9 }
    const short = estimateLoop(sonnet45, params({ turns, maxTurns: 12 }))
    const long = estimateLoop(sonnet45, params({ turns, maxTurns: 100 }))
    expect(short.turns.p50).toBe(10)
    expect(short.turns.p90).toBe(12)
    expect(long.turns.p90).toBeGreaterThan(25)
    expect(long.p50Usd).toBeCloseTo(short.p50Usd, 12)
    expect(long.p90Usd).toBeGreaterThan(short.p90Usd)
    // A cap below the typical run: every run ends at the cap.
    const capped = estimateLoop(sonnet45, params({ turns, maxTurns: 3 }))
    expect(capped.turns).toEqual({ p50: 3, p90: 3, max: 3 })
  })
  it('orders p50 ≤ p90 ≤ max, and ideal ≤ uncached and ideal ≤ p50, whatever the profile', () => {
    const models = ['claude-sonnet-4-5', 'claude-opus-4-5', 'claude-haiku-5-5', 'claude-sonnet-5-5'].map(m =>
      resolveModel(table, m)
    )
    let cases = 0
    for (const model of models)
      for (const cacheTtl of ['5m', '1h', 'off'] as const)
        for (const turns of [1, 2, 6, 30])
          for (const [prefix, prompt] of [
            [0, 300],
            [20_000, 1_000],
            [12_000, 150_000]
          ])
            for (const b of [
              {},
              { growthExponent: 0.6, ttlGapsPerRequest: 0.1, cacheHitRate: 0.9, sideShare: 0.2 }
            ]) {
              const e = estimateLoop(
                model,
                params(
                  {
                    cacheTtl,
                    prefixTokens: prefix,
                    cachedPrefixTokens: Math.round(prefix * 0.6),
                    sharedPrefixTokens: Math.round(prefix * 0.8),
                    promptTokens: prompt,
                    turns: { kind: 'distribution', median: turns, sigma: 0.8 },
                    maxTurns: 40
                  },
                  b
                )
              )
              cases++
              expect(e.p50Usd).toBeLessThanOrEqual(e.p90Usd)
              expect(e.p90Usd).toBeLessThanOrEqual(e.maxUsd)
              expect(e.idealUsd).toBeLessThanOrEqual(e.uncachedUsd + 1e-12)
              expect(e.idealUsd).toBeLessThanOrEqual(e.p50Usd + 1e-12)
              expect(e.cacheWasteUsd).toBeCloseTo(e.p50Usd - e.idealUsd, 12)
            }
    expect(cases).toBe(4 * 3 * 4 * 3 * 2)
  })
})
