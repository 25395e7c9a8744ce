import { describe, expect, it } from '@jest/globals'
import { SHIPPED } from '../../src/estimate/presets.js'
import type { PastRun } from '../../src/estimate/types.js'
import { assumption, counted, estimateOf } from '../support/estimate.js'

const estimate = (pastRuns: PastRun[] = [], inputs: Record<string, string> = {}) =>
  estimateOf(
    { 'max-turns': '30', 'expected-turns': '12', ...inputs },
    { counted: counted(1_500), pastRuns, ledger: {} }
  )

/** n runs of a job of 12 turns that starts `subagents` Haiku subagents costing `share` of its main loop. */
const fanningRuns = (n: number, share: number, subagents: number): PastRun[] =>
  Array.from({ length: n }, (_, i) => ({
    actualUsd: 0.5 * (1 + share),
    turns: 12,
    settledAt: `2026-11-${String(10 + i).padStart(2, '0')}T00:00:00Z`,
    model: 'claude-sonnet-4-5-20250929',
    sideModels: [{ model: 'claude-haiku-4-5-20251001', usd: 0.5 * share }],
    behaviour: { requests: 8, growthTokens: 7 * 3_000, outputTokens: 8 * 400, sideShare: share, subagents }
  }))

describe('fan-out: side models and subagents as part of the loop', () => {
  it('shows the main loop and the fan-out apart, and they add up to the p50', () => {
    const loop = estimate().estimate.loop
    expect(loop.sideUsd).toBeGreaterThan(0)
    expect(loop.mainLoopUsd + loop.sideUsd).toBeCloseTo(loop.p50Usd, 12)
    expect(loop.sideUsd / loop.mainLoopUsd).toBeCloseTo(SHIPPED.sideShare.value, 12)
  })
  it('by default takes its share and its subagents from the calibration data, and says so', () => {
    const a = assumption(estimate(), 'fan-out (side models and subagents)')
    expect(a.value).toMatch(
      /^\+\d+\.\d% of the main loop \(\$\d+\.\d{4} at p50, main loop \$\d+\.\d{4}\); \d+\.\d subagents per run$/
    )
    expect(a.source).toContain(SHIPPED.sideShare.why)
  })
  it('learns from a job whose subagents cost as much as its main loop: how many, on which model, how big', () => {
    const plain = estimate().estimate.loop
    const e = estimate(fanningRuns(3, 1, 3))
    const loop = e.estimate.loop
    expect(loop.sideUsd / loop.mainLoopUsd).toBeCloseTo(1, 12)
    expect(loop.sideUsd).toBeGreaterThan(plain.sideUsd * 10)
    expect(assumption(e, 'fan-out (side models and subagents)').value).toMatch(
      /^\+100\.0% of the main loop .*; 3\.0 subagents per run on claude-haiku-4-5-20251001$/
    )
  })
  it('blends a job’s fan-out with the data’s below 3 runs', () => {
    const share = (n: number) => {
      const loop = estimate(fanningRuns(n, 1, 3)).estimate.loop
      return loop.sideUsd / loop.mainLoopUsd
    }
    expect(share(1)).toBeCloseTo(SHIPPED.sideShare.value + (1 - SHIPPED.sideShare.value) / 3, 12)
    expect(share(2)).toBeGreaterThan(share(1))
    expect(share(3)).toBeCloseTo(1, 12)
  })
})

describe('uncached input', () => {
  it('is priced on every request, as the data’s runs send it', () => {
    const loop = estimate().estimate.loop
    expect(SHIPPED.uncachedPerRequest.value).toBeGreaterThan(0)
    expect(loop.tokens.inputTokens).toBe(Math.round(SHIPPED.uncachedPerRequest.value) * loop.requests.p50)
  })
})
