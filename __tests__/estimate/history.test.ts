import { describe, expect, it } from '@jest/globals'
import { calibrationSentence } from '../../src/estimate/history.js'
import type { PastRun } from '../../src/estimate/types.js'
import type { RunBehaviour } from '../../src/usage/types.js'
import { assumption, counted, estimateOf } from '../support/estimate.js'

/** The estimate of a 60-turn-capped Sonnet 4.5 job, with a ledger that saw no recent run. */
const estimate = (pastRuns: PastRun[], inputs: Record<string, string> = {}) =>
  estimateOf({ 'max-turns': '60', ...inputs }, { counted: counted(1_500), pastRuns, ledger: {} })

/** n runs of a job that takes 40 turns in 40 requests, reading 4k tokens a request. */
const longRuns = (n: number, behaviour: RunBehaviour = {}, usd = 2): PastRun[] =>
  Array.from({ length: n }, (_, i) => ({
    actualUsd: usd,
    estimateP50Usd: 1,
    turns: 40,
    settledAt: `2026-11-${String(10 + i).padStart(2, '0')}T00:00:00Z`,
    behaviour: {
      requests: 40,
      growthTokens: 39 * 4_000,
      outputTokens: 40 * 500,
      cacheTtl: '5m',
      ...behaviour
    }
  }))

describe('history: the estimate learns how this job behaves', () => {
  it('uses the presets alone without runs', () => {
    expect(estimate([]).estimate.blended).toMatchObject({ source: 'model', sampleSize: 0 })
  })
  it('moves toward a job that takes more turns and reads more, the more runs it has', () => {
    const model = estimate([]).estimate.blended.p50Usd
    const one = estimate(longRuns(1)).estimate
    const two = estimate(longRuns(2)).estimate
    const ten = estimate(longRuns(10)).estimate
    expect(one.blended.p50Usd).toBeGreaterThan(model)
    expect(two.loop.turns.p50).toBeGreaterThan(one.loop.turns.p50)
    expect(ten.loop.turns.p50).toBeGreaterThan(one.loop.turns.p50)
    expect(ten.blended).toMatchObject({ source: 'blended', sampleSize: 10, model: { p50Usd: model } })
    expect(one.blended.history!.weight).toBeCloseTo(1 / 3, 12)
    expect(ten.blended.history!.weight).toBe(1)
  })
  it('from 3 runs on, uses the job’s own turn distribution and behaviour, not the preset’s', () => {
    const three = estimate(longRuns(3)).estimate
    // Three runs of 40 turns: the job's own median, whatever the preset says.
    expect(three.loop.turns.p50).toBe(40)
    expect(estimate(longRuns(3), { 'expected-turns': '40' }).estimate.blended.p50Usd).toBeCloseTo(
      three.blended.p50Usd,
      6
    )
  })
  it('learns the size of the job’s first request: what it loads beyond the agent prefix and the prompt', () => {
    const big = longRuns(3, { firstRequestTokens: 90_000 })
    const e = estimate(big)
    expect(assumption(e, 'context loaded up front').value).toBe(
      `${(90_000 - 21_658 - 1_500).toLocaleString('en-US')} tokens beyond the agent prefix, prompt and context files`
    )
    expect(e.estimate.loop.firstRequestTokens).toBe(90_000)
    // At the job's own 40 turns its correction gives its own dollars either way; at 20 turns the
    // larger first request weighs more.
    const at20 = (runs: PastRun[]) => estimate(runs, { 'expected-turns': '20' }).estimate.loop.p50Usd
    expect(at20(big)).toBeGreaterThan(at20(longRuns(3)))
  })
  it('corrects what the model misses about the job: its runs’ actual over the model at their own turns', () => {
    const at = (usd: number) => estimate(longRuns(3, {}, usd), { 'expected-turns': '40' }).estimate
    const cheap = at(1)
    const dear = at(2)
    // The same behaviour, twice the dollars: the model's figure is corrected by the ratio.
    expect(dear.loop.p50Usd / cheap.loop.p50Usd).toBeCloseTo(2, 6)
    expect(assumption({ ...estimate(longRuns(3, {}, 2)) }, 'job correction').source).toMatch(
      /^this job's 3 runs \(weight 50%\) beside \d+ calibration runs/
    )
  })
  it('spreads the p90 by the job’s own runs: a steady job holds less than an erratic one', () => {
    const steady = longRuns(6)
    const erratic = longRuns(6).map((r, i) => ({ ...r, actualUsd: i % 2 ? 0.5 : 4 }))
    const p90 = (runs: PastRun[]) => estimate(runs, { 'expected-turns': '40' }).estimate.loop
    const s = p90(steady)
    const e = p90(erratic)
    expect(e.p90Usd / e.p50Usd).toBeGreaterThan(s.p90Usd / s.p50Usd)
  })
  it('names history as the source of each learned value', () => {
    const e = estimate(longRuns(3))
    const source = (name: string) => assumption(e, name).source
    expect(source('API requests per turn')).toMatch(
      /^history: 1\.00 requests per turn over 3 runs of this job \(weight 100%\)/
    )
    expect(source('output per request')).toMatch(/^history: 500 output tokens per request over 3 runs/)
    expect(source('turns')).toMatch(/history: 3 runs of this job took 40 turns/)
  })
  it('learns TTL gaps: a job whose tool calls outlast the cache pays for re-writes', () => {
    // Two runs: below 3 the correction by their dollars is partial, so the behaviour still shows.
    const steady = estimate(longRuns(2)).estimate.loop.p50Usd
    const gappy = estimate(longRuns(2, { cacheMisses: 10 })).estimate.loop.p50Usd
    expect(gappy).toBeGreaterThan(steady)
  })
  it('still learns turns and dollars from runs recorded before behaviour was kept', () => {
    const old = longRuns(6).map(({ behaviour: _b, ...r }) => r)
    const e = estimate(old).estimate
    expect(e.loop.turns.p50).toBeGreaterThan(estimate([]).estimate.loop.turns.p50)
    // From five runs on, the gate never holds less than the job's own p90.
    expect(e.blended.p90Usd).toBeGreaterThanOrEqual(2)
  })
  it('keeps the expected-turns input over what history says', () => {
    expect(estimate(longRuns(10), { 'expected-turns': '5' }).estimate.loop.turns.p50).toBe(5)
  })
  it('says how past estimates compared with what the runs cost', () => {
    const b = estimate(longRuns(10)).estimate.blended
    expect(calibrationSentence(b)).toBe('last 10 runs: actual was 2.0× the p50 estimate')
  })
})
