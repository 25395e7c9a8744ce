/**
 * The hold and Claude's cap, apart: the ledger holds the p90, Claude is stopped only where going on
 * would really exhaust the budget (what is left after the cycle's spend and others' holds) or pass
 * `max-run-usd`. Pure: decide() and the ledger's hold operation over plain documents.
 */
import { describe, expect, it } from '@jest/globals'
import { budgetState, decide } from '../../src/budget/decide.js'
import { holdAndCap } from '../../src/budget/cap.js'
import { creditFor } from '../../src/budget/credit.js'
import { consequencesOf } from '../../src/budget/consequences.js'
import { cycleAt } from '../../src/budget/cycle.js'
import { emptyDocument, settle, totals } from '../../src/ledger/operations.js'
import { holdIfAllowed, type HoldRequest } from '../../src/ledger/hold.js'
import type { BudgetSettings, OnExhaust } from '../../src/config/settings.js'

const budget: BudgetSettings = {
  explicit: ['monthly-credits'],
  plan: 'pro',
  seats: 1,
  monthlyCredits: 10,
  billingCycleDay: 1,
  overageUsd: 0,
  externalSpendUsd: 0,
  warnAtPct: 100,
  gateOn: 'p90',
  onExhaust: 'fail'
}
const credit = creditFor(budget)
const left = (remaining: number, held = 0) =>
  budgetState({ credit, settledUsd: 10 - remaining - held, heldUsd: held, externalSpendUsd: 0 })
const est = { p50Usd: 0.3, p90Usd: 0.5, maxUsd: 2 }
const decideOn = (
  state: ReturnType<typeof left>,
  opts: { maxRunUsd?: number; onExhaust?: OnExhaust; estimate?: typeof est } = {}
) =>
  decide({
    state,
    estimate: opts.estimate ?? est,
    gateOn: 'p90',
    warnAtPct: 100,
    onExhaust: opts.onExhaust ?? 'fail',
    maxRunUsd: opts.maxRunUsd
  })

describe("the hold and Claude's cap", () => {
  it('holds the p90 but caps the run at all that is left, so a run costing more than its p90 is not cut off', () => {
    const d = decideOn(left(8))
    expect(d).toMatchObject({ decision: 'pass', holdUsd: 0.5, maxBudgetUsd: 8, capBy: 'budget' })
    // A run that really costs 1.4× its p90 fits under its cap and the budget.
    const actual = est.p90Usd * 1.4
    expect(actual).toBeGreaterThan(d.holdUsd)
    expect(actual).toBeLessThanOrEqual(d.maxBudgetUsd)
  })

  it("with little left, caps the run at what is left after others' live holds", () => {
    const d = decideOn(left(0.7, 3))
    expect(d).toMatchObject({ decision: 'pass', holdUsd: 0.5, capBy: 'budget' })
    expect(d.maxBudgetUsd).toBeCloseTo(0.7, 12)
  })

  it('bounds the hold and the cap by max-run-usd', () => {
    expect(decideOn(left(8), { maxRunUsd: 2 })).toMatchObject({
      decision: 'pass',
      holdUsd: 0.5,
      maxBudgetUsd: 2,
      capBy: 'max-run-usd',
      maxRunUsd: 2
    })
    // The p90 is past the ceiling but the p50 is not: the run holds the ceiling, no more.
    expect(decideOn(left(8), { maxRunUsd: 0.4 })).toMatchObject({
      decision: 'pass',
      holdUsd: 0.4,
      maxBudgetUsd: 0.4,
      capBy: 'max-run-usd'
    })
    // Less left than the ceiling: what is left binds.
    expect(decideOn(left(1.5), { maxRunUsd: 2 })).toMatchObject({ maxBudgetUsd: 1.5, capBy: 'budget' })
  })

  it('refuses a run whose p50 exceeds max-run-usd, as on-exhaust says', () => {
    const fail = decideOn(left(8), { maxRunUsd: 0.25 })
    expect(fail).toMatchObject({
      decision: 'fail',
      allowed: false,
      holdUsd: 0,
      maxBudgetUsd: 0,
      refusedBy: 'max-run-usd'
    })
    expect(fail.reason).toBe(
      'The p50 estimate $0.30 exceeds max-run-usd $0.25: a typical run would be stopped at the ceiling with its work unfinished: the step fails.'
    )
    expect(consequencesOf(fail).word).toBe('Refused: over max-run-usd')
    const skip = decideOn(left(8), { maxRunUsd: 0.25, onExhaust: 'skip' })
    expect(skip).toMatchObject({ decision: 'fail', allowed: false })
    expect(consequencesOf(skip)).toMatchObject({ word: 'Skipped: over max-run-usd', failsStep: false })
    // warn lets it run, still never past the ceiling.
    expect(decideOn(left(8), { maxRunUsd: 0.25, onExhaust: 'warn' })).toMatchObject({
      decision: 'fail',
      allowed: true,
      holdUsd: 0.25,
      maxBudgetUsd: 0.25
    })
    // At the ceiling exactly, the run may go.
    expect(decideOn(left(8), { maxRunUsd: 0.3 }).decision).toBe('pass')
  })

  it('refuses when the hold does not fit, and a run on-exhaust: warn lets through is capped at its hold', () => {
    expect(decideOn(left(0.4))).toMatchObject({ decision: 'fail', allowed: false, maxBudgetUsd: 0 })
    expect(decideOn(left(0.4), { onExhaust: 'warn' })).toMatchObject({
      allowed: true,
      holdUsd: 0.5,
      maxBudgetUsd: 0.5,
      capBy: 'hold'
    })
  })

  it('never gives a cap below the hold, nor a hold above the ceiling', () => {
    for (const gatedUsd of [0, 0.01, 0.5, 3, 40])
      for (const remainingUsd of [-5, 0, 0.2, 0.5, 4, 100])
        for (const maxRunUsd of [undefined, 0.1, 1, 50]) {
          const m = holdAndCap({ gatedUsd, remainingUsd, maxRunUsd })
          expect(m.capUsd).toBeGreaterThanOrEqual(m.holdUsd)
          expect(m.holdUsd).toBeLessThanOrEqual(maxRunUsd ?? Infinity)
          expect(m.capUsd).toBeLessThanOrEqual(maxRunUsd ?? Infinity)
          if (remainingUsd >= m.holdUsd) expect(m.capUsd).toBeLessThanOrEqual(remainingUsd)
        }
  })
})

describe('in the ledger', () => {
  const now = new Date('2026-11-24T12:00:00Z')
  const req = (key: string, over: Partial<HoldRequest> = {}): HoldRequest => ({
    key,
    jobId: 'acme/api/ci/review/gate',
    budget,
    estimate: est,
    model: 'claude-sonnet-4-6',
    priceTableAsOf: '2026-11-23',
    holdHours: 6,
    account: 'acme/api',
    ...over
  })

  it("holds the hold, not the cap: each gate's cap is what the others' holds leave, and the holds always fit", () => {
    let doc = emptyDocument(cycleAt(now, 1))
    const caps: number[] = []
    for (let i = 0; i < 25; i++) {
      const r = holdIfAllowed(doc, req(`run-${i}`), now)
      doc = r.doc
      if (!r.result.decision.allowed) break
      caps.push(r.result.decision.maxBudgetUsd)
      expect(r.result.decision.maxBudgetUsd).toBeCloseTo(r.result.state.remainingUsd, 12)
    }
    // 10 / 0.5 = 20 holds fit; the 21st is refused.
    expect(caps).toHaveLength(20)
    expect(totals(doc, now).heldUsd).toBeCloseTo(10, 9)
    expect(caps[0]).toBeCloseTo(10, 9)
    expect(caps[19]).toBeCloseTo(0.5, 9)
  })

  it('settles a run that spent past its hold at what it spent: the next gate sees that much less left', () => {
    let doc = holdIfAllowed(emptyDocument(cycleAt(now, 1)), req('a'), now).doc
    doc = settle(doc, { key: 'a', actualUsd: 1.7 }, now).doc
    expect(totals(doc, now)).toMatchObject({ settledUsd: 1.7, heldUsd: 0 })
    const next = holdIfAllowed(doc, req('b'), now).result.decision
    expect(next.maxBudgetUsd).toBeCloseTo(10 - 1.7, 12)
  })
})
