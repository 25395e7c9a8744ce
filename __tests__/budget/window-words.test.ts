/**
 * What the gate says about a subscription window, in the words a newcomer reads: a warning names its
 * cause (the window, not the credit), the runway counts the window, a run stopped on a window with no
 * `rejected` event before it refuses the next one, and a refusal never says its cause twice.
 */
import { describe, expect, it } from '@jest/globals'
import { judgeLimits, metersView } from '../../src/budget/limits.js'
import { budgetState, decide, runway } from '../../src/budget/decide.js'
import { consequencesOf, decisionLine } from '../../src/budget/consequences.js'
import { creditFor } from '../../src/budget/credit.js'
import { emptyDocument } from '../../src/ledger/operations.js'
import { metersOf, observeMeters } from '../../src/ledger/meters.js'
import { cycleAt } from '../../src/budget/cycle.js'
import { headlineOf } from '../../src/report/headline.js'
import { metersText } from '../../src/report/meters.js'
import type { GateReport } from '../../src/report/types.js'
import type { MeterReport } from '../../src/usage/meters.js'

const NOW = new Date('2026-11-30T12:00:00Z')
const at = (h: number) => new Date(NOW.getTime() + h * 3_600_000).toISOString()
const report = (r: Partial<MeterReport>): MeterReport => ({ readings: [], events: 1, notes: [], ...r })
const five = (utilization: number, status: 'allowed' | 'allowed_warning' = 'allowed') =>
  report({ readings: [{ meter: 'five_hour', status, utilization, resetsAt: at(3) }] })

function meters(...runs: Array<[MeterReport, number]>) {
  let doc = emptyDocument(cycleAt(NOW, 1))
  runs.forEach(([r, usd], i) => {
    doc = observeMeters(doc, 'acme', r, { key: `run-${i}/1/acme%2Fapi/ci/review/gate`, usd, now: NOW })
  })
  return metersOf(doc, 'acme')
}

/** The gate's report for a $0.19 run with $19.68 of $20.00 left, on the windows `m`. */
function gated(m: ReturnType<typeof meters>): GateReport {
  const credit = creditFor({ plan: 'pro', overageUsd: 0 })
  const state = budgetState({ credit, settledUsd: 0.32, heldUsd: 0, externalSpendUsd: 0 })
  const estimate = { p50Usd: 0.1, p90Usd: 0.19, maxUsd: 0.21 }
  const limits = judgeLimits(m, NOW, { warnAtPct: 80, gatedUsd: 0.19 })
  const decision = decide({
    state,
    estimate,
    gateOn: 'p90',
    warnAtPct: 80,
    onExhaust: 'skip',
    limits,
    now: NOW
  })
  const cycle = cycleAt(NOW, 1)
  return {
    generatedAt: NOW.toISOString(),
    estimate: { blended: estimate },
    budget: { credit, cycle, state, warnAtPct: 80 },
    decision,
    runway: runway({ state, cycle, now: NOW, gatedUsd: 0.19 }),
    meters: metersView('acme', limits),
    notices: []
  } as unknown as GateReport
}

describe('a warning names its cause', () => {
  it('with the credit nearly untouched and the 5-hour window at 86%, it is the window, not the credit', () => {
    const r = gated(meters([five(0.86), 0.1]))
    expect(r.decision!.decision).toBe('warn')
    expect(r.decision!.warnedBy).toEqual(['window'])
    const h = headlineOf(r)
    expect(h.facts.join(' ')).not.toMatch(/80% line/)
    expect(h.next).toMatch(/^The agent runs, but a subscription window is near its limit;/)
    expect(h.next).not.toMatch(/credit is running low/)
    expect(consequencesOf(r.decision).annotation?.title).toBe('Subscription window near its limit')
  })
  it('the runway says how many runs fit in the window when two observations give a run’s share of it', () => {
    // $2 of runs moved the window from 62% to 86%: 12% a dollar, so a $0.19 run takes ≈ 2.3%.
    const r = gated(meters([five(0.62), 0.5], [five(0.86), 2]))
    // 14% left ÷ 2.28% a run = 6 runs, this one among them.
    expect(headlineOf(r).next).toMatch(
      /about 5 more runs like this fit in the 5-hour window, 86% used \(resets 15:00 UTC\)\./
    )
    expect(headlineOf(r).next).not.toMatch(/more runs like this fit before the reset/)
  })
  it('without a share, the runway says the credit’s count is not the window’s', () => {
    expect(headlineOf(gated(meters([five(0.86), 0.1]))).next).toMatch(
      /the credit fits about \d+ more runs like this, but the 5-hour window is 86% used \(resets 15:00 UTC\): fewer may fit before it resets/
    )
  })
})

describe('a window a run stopped on', () => {
  const stopped = (message: string) =>
    meters([
      report({
        readings: [{ meter: 'five_hour', status: 'allowed_warning', utilization: 0.97, resetsAt: at(3) }],
        stop: { kind: 'window', message }
      }),
      0.4
    ])
  it('refuses the next run until it resets, though Claude sent no rejected event', () => {
    const m = stopped("You've hit your 5-hour limit · resets 3pm (UTC)")
    const j = judgeLimits(m, NOW, { warnAtPct: 80, gatedUsd: 0.19 })
    expect(j.refusal).toMatchObject({ meter: 'five_hour', resetsAt: at(3), assumedReset: false })
    expect(j.refusal!.reason).toMatch(/^5-hour limit reached \(a run stopped on it 12:00 UTC: "You've hit/)
    expect(j.warnings).toEqual([])
  })
  it('shows as reached, not "97% within its limit" or "near"', () => {
    const m = stopped("You've hit your 5-hour limit")
    const lines = metersText(metersView('acme', judgeLimits(m, NOW, { warnAtPct: 80, gatedUsd: 1 })), NOW)
    expect(lines.join('\n')).toMatch(/5-hour limit: 97% used, limit reached \(a run stopped on it\)/)
    expect(lines.join('\n')).not.toMatch(/within its limit|near its limit/)
  })
})

describe('a refusal says its cause once', () => {
  it('"Skipped: 5-hour limit reached; resets …", not "5-hour limit reached: 5-hour limit reached"', () => {
    const m = meters([
      report({ readings: [{ meter: 'five_hour', status: 'rejected', utilization: 1, resetsAt: at(3) }] }),
      0.4
    ])
    const d = gated(m).decision!
    const line = decisionLine(consequencesOf(d).word, d.reason)
    expect(line).toBe(
      'Skipped: 5-hour limit reached; resets 15:00 UTC: the agent step is skipped (allowed=false).'
    )
    expect(line).not.toMatch(/reached: 5-hour limit reached/)
  })
})
