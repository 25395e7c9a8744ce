import { describe, expect, it } from '@jest/globals'
import { cycleAt } from '../../src/budget/cycle.js'
import { budgetState, decide } from '../../src/budget/decide.js'
import { creditFor } from '../../src/budget/credit.js'

const budget = {
  plan: 'pro' as const,
  billingCycleDay: 1,
  overageUsd: 0,
  externalSpendUsd: 0,
  warnAtPct: 80,
  gateOn: 'p90' as const,
  onExhaust: 'fail' as const
}

describe('billing cycle', () => {
  it('clamps day 31 to the last day of February, in leap and other years', () => {
    expect(cycleAt(new Date('2027-02-28T12:00:00Z'), 31)).toMatchObject({
      start: '2027-02-28T00:00:00.000Z',
      resetsAt: '2027-03-31T00:00:00.000Z'
    })
    expect(cycleAt(new Date('2028-02-29T00:00:00Z'), 31).start).toBe('2028-02-29T00:00:00.000Z')
    expect(cycleAt(new Date('2027-02-27T23:59:59Z'), 31).start).toBe('2027-01-31T00:00:00.000Z')
  })
  it('puts 23:59:59 on the day before the reset in the old cycle and midnight in the new', () => {
    expect(cycleAt(new Date('2026-12-04T23:59:59Z'), 5).resetsAt).toBe('2026-12-05T00:00:00.000Z')
    expect(cycleAt(new Date('2026-12-05T00:00:00Z'), 5).start).toBe('2026-12-05T00:00:00.000Z')
    expect(cycleAt(new Date('2026-12-05T23:59:59Z'), 5).id).toBe('2026-12-05')
  })
  it('rolls over the year', () => {
    expect(cycleAt(new Date('2027-01-03T00:00:00Z'), 15)).toMatchObject({
      id: '2026-12-15',
      resetsAt: '2027-01-15T00:00:00.000Z'
    })
  })
})

describe('decision', () => {
  const credit = creditFor(budget)
  const est = { p50Usd: 1, p90Usd: 2, maxUsd: 5 }
  it('says which credit figure it used', () => {
    expect(credit.label).toMatch(/^\$20\.00 Pro credit \(plan preset/)
    expect(creditFor({ ...budget, monthlyCredits: 35 }).label).toMatch(/monthly-credits/)
  })
  it('passes, warns past warn-at, and fails when the gated estimate does not fit', () => {
    const state = (settled: number, held = 0) =>
      budgetState({ credit, settledUsd: settled, heldUsd: held, externalSpendUsd: 0 })
    const d = (s: ReturnType<typeof state>, onExhaust: 'fail' | 'warn' | 'skip' = 'fail') =>
      decide({ state: s, estimate: est, gateOn: 'p90', warnAtPct: 80, onExhaust })
    expect(d(state(1)).decision).toBe('pass')
    expect(d(state(14, 1)).decision).toBe('warn')
    expect(d(state(17, 1.5))).toMatchObject({ decision: 'fail', allowed: false, maxBudgetUsd: 0 })
    expect(d(state(17, 1.5), 'warn')).toMatchObject({ decision: 'fail', allowed: true })
    expect(d(state(17, 1.5), 'skip').reason).toBe(
      'The p90 estimate $2.00 does not fit the $1.50 left of $20.00 this cycle: the agent step is skipped (allowed=false).'
    )
  })
  it('counts external spend and overage', () => {
    const s = budgetState({
      credit: { ...credit, overageUsd: 5 },
      settledUsd: 3,
      heldUsd: 1,
      externalSpendUsd: 4
    })
    expect(s).toMatchObject({ budgetUsd: 25, spentUsd: 7, remainingUsd: 17 })
  })
})
