/**
 * Reading the subscription's meters from Claude's own output. The fixtures in fixtures/meters/ are what
 * the real Claude Code 2.1.331 CLI wrote, run headless against a local fake of the Messages API that
 * sent `anthropic-ratelimit-unified-*` headers (see fixtures/meters/README.md and
 * __tests__/e2e/real-claude-meters.test.ts, which re-checks them against the CLI).
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readMeters } from '../../src/usage/meters.js'

const lines = (name: string) =>
  readFileSync(join(process.cwd(), '__tests__/fixtures/meters', name), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(l => JSON.parse(l))

const event = (info: unknown) => ({ type: 'rate_limit_event', rate_limit_info: info })

describe('meters in Claude output', () => {
  it('reads every window of a subscription run that stayed within its limits', () => {
    const m = readMeters(lines('allowed.jsonl'))
    expect(m.events).toBe(1)
    expect(m.readings).toEqual([
      { meter: 'five_hour', status: 'allowed', utilization: 0.31, resetsAt: expect.stringMatching(/Z$/) },
      { meter: 'seven_day', status: 'allowed', utilization: 0.12, resetsAt: expect.stringMatching(/Z$/) }
    ])
    expect(m.overage).toEqual({ status: 'rejected', disabledReason: 'org_level_disabled', inUse: false })
    expect(m.stop).toBeUndefined()
    expect(m.notes).toEqual([])
  })

  it('sees a 5-hour warning', () => {
    const m = readMeters(lines('five-hour-warning.jsonl'))
    expect(m.readings[0]).toMatchObject({ meter: 'five_hour', status: 'allowed_warning', utilization: 0.86 })
    expect(m.stop).toBeUndefined()
  })

  it('names the window and its reset when a limit stops a run mid-way', () => {
    const m = readMeters(lines('five-hour-rejected-mid-run.jsonl'))
    expect(m.events).toBe(2)
    const five = m.readings.find(r => r.meter === 'five_hour')
    expect(five).toMatchObject({ status: 'rejected', utilization: 1 })
    expect(m.stop).toEqual({
      kind: 'window',
      meter: 'five_hour',
      resetsAt: five!.resetsAt,
      message: expect.stringMatching(/^You've hit your 5-hour limit/)
    })
  })

  it('names the weekly window when the first request is refused', () => {
    const m = readMeters(lines('weekly-rejected-first-request.jsonl'))
    expect(m.stop).toMatchObject({
      kind: 'window',
      meter: 'seven_day',
      message: expect.stringMatching(/weekly limit/)
    })
    expect(m.readings.find(r => r.meter === 'seven_day')?.status).toBe('rejected')
  })

  it('finds nothing in an API-key run: those runs have no windows', () => {
    expect(readMeters(lines('api-key.jsonl'))).toEqual({ readings: [], events: 0, notes: [] })
  })

  it('tells an out-of-credits stop from a window', () => {
    const m = readMeters([
      event({
        status: 'rejected',
        rateLimitType: 'overage',
        resetsAt: 1796022048,
        overageStatus: 'rejected',
        overageDisabledReason: 'out_of_credits'
      }),
      {
        type: 'result',
        subtype: 'error_during_execution',
        is_error: true,
        errorCode: 'credits_required',
        result: "You're out of usage credits"
      }
    ])
    expect(m.stop).toMatchObject({ kind: 'out-of-credits', meter: 'overage' })
    expect(m.overage).toMatchObject({ status: 'rejected', disabledReason: 'out_of_credits' })
  })

  it('tolerates bad events: malformed, utilization over 1, resets in milliseconds, unknown windows', () => {
    const m = readMeters([
      event('not an object'),
      { type: 'rate_limit_event' },
      event({ status: 'sometimes', rateLimitType: 'five_hour', resetsAt: 'soon' }),
      event({
        status: 'allowed_warning',
        rateLimitType: 'five_hour',
        utilization: 1.2,
        resetsAt: 1796022048000
      }),
      event({ status: 'allowed', rateLimitType: 'ten_minute_burst', resetsAt: 1796022048 }),
      event({ status: 'allowed', rateLimitType: '../../etc', resetsAt: 1796022048 }),
      event({
        status: 'allowed',
        rateLimitType: 'seven_day',
        utilization: -3,
        unexpected: { deeply: ['nested'] }
      })
    ])
    expect(m.readings).toEqual([
      { meter: 'five_hour', status: 'allowed_warning', utilization: 1, resetsAt: '2026-11-30T07:00:48.000Z' },
      { meter: 'ten_minute_burst', status: 'allowed', resetsAt: '2026-11-30T07:00:48.000Z' },
      { meter: 'seven_day', status: 'allowed' }
    ])
    expect(m.notes).toEqual([
      'a rate_limit_event without rate_limit_info: skipped',
      'utilization 1.2 over 1: shown as 100%',
      'resetsAt in milliseconds: read as such'
    ])
  })

  it('keeps a utilization seen earlier in the same window when a later event leaves it out', () => {
    const m = readMeters([
      event({
        status: 'allowed_warning',
        rateLimitType: 'five_hour',
        utilization: 0.8,
        resetsAt: 1796022048
      }),
      event({ status: 'allowed', rateLimitType: 'five_hour', resetsAt: 1796022048 })
    ])
    expect(m.readings).toEqual([
      { meter: 'five_hour', status: 'allowed', utilization: 0.8, resetsAt: '2026-11-30T07:00:48.000Z' }
    ])
  })
})
