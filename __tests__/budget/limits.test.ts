/** How the gate judges the subscription's windows from what earlier runs observed. */
import { describe, expect, it } from '@jest/globals'
import { judgeLimits, resetWords } from '../../src/budget/limits.js'
import { emptyDocument } from '../../src/ledger/operations.js'
import { carryMeters, metersOf, observeMeters } from '../../src/ledger/meters.js'
import { documentSchema } from '../../src/ledger/document.js'
import { cycleAt } from '../../src/budget/cycle.js'
import type { MeterReport } from '../../src/usage/meters.js'

const NOW = new Date('2026-11-30T12:00:00Z')
const at = (h: number) => new Date(NOW.getTime() + h * 3_600_000)
const RESET = at(3).toISOString()
const report = (r: Partial<MeterReport>): MeterReport => ({ readings: [], events: 1, notes: [], ...r })

/** The meters of account `acme` after runs that each reported `r` and spent `usd`. */
function observed(...runs: Array<[MeterReport, number, Date?]>) {
  let doc = emptyDocument(cycleAt(NOW, 1))
  runs.forEach(([r, usd, when], i) => {
    doc = observeMeters(doc, 'acme', r, { key: `run-${i}`, usd, now: when ?? NOW })
  })
  expect(documentSchema.safeParse(doc).success).toBe(true)
  return metersOf(doc, 'acme')
}

describe('the gate on subscription windows', () => {
  it('refuses while a window Claude rejected has not reset, naming the window and the reset', () => {
    const m = observed([
      report({ readings: [{ meter: 'five_hour', status: 'rejected', utilization: 1, resetsAt: RESET }] }),
      0.4
    ])
    const j = judgeLimits(m, NOW, { warnAtPct: 80, gatedUsd: 1 })
    expect(j.refusal).toMatchObject({
      meter: 'five_hour',
      resetsAt: RESET,
      reason: '5-hour limit reached; resets 15:00 UTC.'
    })
    expect(judgeLimits(m, at(3.1), { warnAtPct: 80, gatedUsd: 1 }).refusal).toBeUndefined()
  })

  it('binds on the exhausted window that resets last', () => {
    const m = observed([
      report({
        readings: [
          { meter: 'five_hour', status: 'rejected', resetsAt: RESET },
          { meter: 'seven_day', status: 'rejected', resetsAt: at(50).toISOString() }
        ]
      }),
      0
    ])
    expect(judgeLimits(m, NOW, { warnAtPct: 80, gatedUsd: 1 }).refusal).toMatchObject({
      meter: 'seven_day',
      reason: 'Weekly limit reached; resets Dec 2, 14:00 UTC.'
    })
  })

  it('assumes a reset one window after it was seen when Claude did not say, and says so', () => {
    const m = observed([report({ readings: [{ meter: 'five_hour', status: 'rejected' }] }), 0, at(-1)])
    const j = judgeLimits(m, NOW, { warnAtPct: 80, gatedUsd: 1 })
    expect(j.refusal).toMatchObject({ assumedReset: true, resetsAt: at(4).toISOString() })
    expect(j.refusal!.reason).toContain('assumed')
  })

  it('warns on Claude’s warning or a utilization at warn-at, never on a guess', () => {
    const m = observed([
      report({
        readings: [
          { meter: 'five_hour', status: 'allowed_warning', resetsAt: RESET },
          { meter: 'seven_day', status: 'allowed', utilization: 0.81, resetsAt: at(40).toISOString() },
          { meter: 'seven_day_opus', status: 'allowed', resetsAt: at(40).toISOString() }
        ]
      }),
      0
    ])
    expect(judgeLimits(m, NOW, { warnAtPct: 80, gatedUsd: 1 }).warnings).toEqual([
      '5-hour limit near: Claude warned; resets 15:00 UTC.',
      'Weekly limit near: 81% used; resets Dec 2, 04:00 UTC.'
    ])
  })

  it('estimates a run’s share of a window from two observations with settled dollars between them', () => {
    const five = (u: number) =>
      report({ readings: [{ meter: 'five_hour', status: 'allowed', utilization: u, resetsAt: RESET }] })
    // $2 of runs moved the window from 59% to 71%: 6% per dollar.
    const m = observed([five(0.59), 0.5], [five(0.71), 2])
    const j = judgeLimits(m, NOW, { warnAtPct: 80, gatedUsd: 1 })
    expect(j.shares).toEqual([expect.objectContaining({ meter: 'five_hour', lastSeen: 0.71 })])
    expect(j.shares[0].share).toBeCloseTo(0.06, 9)
    expect(j.shares[0].sentence).toBe('≈ 6% of the 5-hour window; last seen 71%')
    // One observation, or two in different windows: no estimate.
    expect(judgeLimits(observed([five(0.59), 0.5]), NOW, { warnAtPct: 80, gatedUsd: 1 }).shares).toEqual([])
  })

  it('counts the dollar credit spent until its reset after an out-of-credits stop', () => {
    const m = observed([
      report({
        stop: {
          kind: 'out-of-credits',
          meter: 'overage',
          resetsAt: at(30).toISOString(),
          message: "You're out of usage credits"
        }
      }),
      0.2
    ])
    expect(judgeLimits(m, NOW, { warnAtPct: 80, gatedUsd: 1 }).creditSpent).toEqual({
      until: at(30).toISOString(),
      message: "You're out of usage credits"
    })
  })

  it('keeps the meters of each account apart and carries them into the next cycle', () => {
    let doc = emptyDocument(cycleAt(NOW, 1))
    doc = observeMeters(
      doc,
      'acme',
      report({ readings: [{ meter: 'five_hour', status: 'rejected', resetsAt: RESET }] }),
      {
        key: 'a',
        usd: 1,
        now: NOW
      }
    )
    expect(metersOf(doc, 'other')).toBeUndefined()
    // An API-key account never shows a meter: nothing is written for it.
    expect(observeMeters(doc, 'api', report({ events: 0 }), { key: 'b', usd: 1, now: NOW })).toBe(doc)
    const next = carryMeters(emptyDocument(cycleAt(at(24 * 2), 1)), doc)
    expect(metersOf(next, 'acme')?.readings[0]).toMatchObject({
      meter: 'five_hour',
      seenBy: 'a',
      seenAt: NOW.toISOString()
    })
  })

  it('lifts a stop once a later run gets through', () => {
    const stop = report({ stop: { kind: 'window', meter: 'five_hour', resetsAt: RESET, message: 'x' } })
    const ok = report({
      readings: [{ meter: 'five_hour', status: 'allowed', resetsAt: at(8).toISOString() }]
    })
    expect(observed([stop, 0])?.stop).toBeDefined()
    expect(observed([stop, 0], [ok, 0.1, at(4)])?.stop).toBeUndefined()
  })

  it('says a reset in the reader’s terms', () => {
    expect(resetWords('2026-11-30T15:40:00Z', NOW)).toBe('15:40 UTC')
    expect(resetWords('2026-12-01T09:05:00Z', NOW)).toBe('Dec 1, 09:05 UTC')
  })
})
