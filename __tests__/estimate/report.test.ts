import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/errors.js'
import { SHIPPED } from '../../src/estimate/presets.js'
import type { PastRun } from '../../src/estimate/types.js'
import { assumption, counted, estimateOf as estimate } from '../support/estimate.js'

describe('the estimate a user sees', () => {
  it('refuses a first request over the model’s context window, naming the window and the count', () => {
    const run = () => estimate({}, { counted: counted(1_000, 3_400_000) })
    expect(run).toThrow(InputError)
    expect(run).toThrow(
      /^context-files: the first request would be 3,422,658 tokens \(agent prefix 21,658 \+ prompt 1,000 \+ context files 3,400,000\), over the 200,000-token context window of claude-sonnet-4-5/
    )
  })
  it('names the source of the cache TTL it used', () => {
    expect(assumption(estimate({ 'cache-ttl': '1h' }), 'cache TTL')).toMatchObject({
      value: '1h',
      source: 'input'
    })
    expect(assumption(estimate({ auth: 'api-key' }), 'cache TTL')).toMatchObject({
      value: '5m',
      source: expect.stringMatching(/^auto: api-key auth/)
    })
    expect(assumption(estimate({ 'claude-version': '2.1.331' }), 'cache TTL')).toMatchObject({
      value: '1h',
      source: expect.stringMatching(/^auto: subscription on Claude Code 2\.1\.331/)
    })
    expect(assumption(estimate({ 'claude-version': '2.1.100' }), 'cache TTL')).toMatchObject({
      value: SHIPPED.measuredTtl.value,
      source: expect.stringMatching(/nothing is known about Claude Code 2\.1\.100.*measured default/)
    })
    expect(assumption(estimate({}), 'cache TTL').source).toMatch(
      /no claude-version given, so the measured default/
    )
  })
  it('takes the TTL this job’s settled runs actually used before anything else', () => {
    const past: PastRun[] = [
      { actualUsd: 1, turns: 5, settledAt: '2026-11-20T10:00:00Z', behaviour: { cacheTtl: '5m' } },
      { actualUsd: 1, turns: 5, settledAt: '2026-11-23T10:00:00Z', behaviour: { cacheTtl: '1h' } }
    ]
    expect(
      assumption(estimate({ 'claude-version': '2.1.4' }, { pastRuns: past }), 'cache TTL')
    ).toMatchObject({
      value: '1h',
      source: expect.stringMatching(
        /this job's last settled run \(2026-11-23 10:00\) wrote 1h cache; 1 of its 2/
      )
    })
  })
  it('reads the shared agent prefix when the ledger saw a run of the model within the TTL, and says so', () => {
    const warm = estimate({}, { ledger: { lastRunAt: '2026-11-24T11:57:00Z' } })
    const cold = estimate({}, { ledger: { lastRunAt: '2026-11-24T09:00:00Z' } })
    const none = estimate({})
    expect(assumption(warm, 'agent prefix on the first request').source).toMatch(
      /^ledger: a run of claude-sonnet-4-5 was active 3 min ago, within the 5m TTL/
    )
    expect(assumption(cold, 'agent prefix on the first request').source).toMatch(/3 h ago, past the 5m TTL/)
    expect(assumption(none, 'agent prefix on the first request').source).toMatch(
      /^assumed: no ledger consulted/
    )
    expect(warm.estimate.loop.p50Usd).toBeLessThan(cold.estimate.loop.p50Usd)
    expect(none.estimate.loop.p50Usd).toBeCloseTo(cold.estimate.loop.p50Usd, 12)
  })
  it('reads nothing of the prefix on a cold first request on Bedrock or Vertex: their caches stay in the account', () => {
    for (const model of ['us.anthropic.claude-sonnet-4-5', 'claude-sonnet-4-5@20250929']) {
      const e = estimate({ model })
      expect(assumption(e, 'agent prefix on the first request').value).toMatch(
        /^cold: none of the 21\.7k prefix tokens/
      )
      expect(e.estimate.loop.perTurn[0].usage.cacheReadTokens).toBe(0)
    }
    const warm = estimate(
      { model: 'us.anthropic.claude-sonnet-4-5' },
      { ledger: { lastRunAt: '2026-11-24T11:58:00Z' } }
    )
    expect(warm.estimate.loop.perTurn[0].usage.cacheReadTokens).toBeGreaterThan(0)
  })
  it('states the basis of p90 and max: given turns, or the turn distribution capped at max-turns', () => {
    expect(assumption(estimate({ 'expected-turns': '8', 'max-turns': '20' }), 'p90 and max').value).toMatch(
      /^p90: the run at 8 turns at the 90th percentile of the spread of cost at a known turn count \(leave-one-source-out, 351 runs\); max: the run at max-turns 20/
    )
    expect(assumption(estimate({ 'max-turns': '20' }), 'p90 and max').value).toMatch(
      /^p90: 90th percentile over turns \(log-normal, median 10\.2, σ 1\.11, capped at max-turns 20\) and the spread/
    )
  })
  it('turns per-turn inputs into per-request behaviour', () => {
    const e = estimate({ 'growth-per-turn': '1500', 'output-per-turn': '300' })
    const q = SHIPPED.families.sonnet.requestsPerTurn.value
    expect(assumption(e, 'output per request').value).toBe(`${Math.round(300 / q)} tokens`)
    expect(assumption(e, 'context growth').value).toMatch(
      new RegExp(`^${Math.round(1500 / q).toLocaleString('en-US')} × k\\^1\\.00`)
    )
  })
  it('uses a pooled fit for a family without calibration runs, and the published output per turn for Haiku', () => {
    const e = estimate({ model: 'claude-haiku-4-5' })
    expect(assumption(e, 'API requests per turn').source).toMatch(/pooled fit over 351 runs \(no haiku runs/)
    expect(assumption(e, 'output per request').source).toMatch(/^380 per turn/)
  })
  it('labels a compaction when the context outgrows the window', () => {
    const e = estimate({ 'max-turns': '200', 'expected-turns': '150' }, { counted: counted(1_000, 150_000) })
    expect(e.estimate.loop.compactions).toBeGreaterThan(0)
    expect(assumption(e, 'compaction').value).toMatch(
      /each when a request would pass 90% of the 200,000-token window/
    )
  })
})
