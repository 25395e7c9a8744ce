import { describe, expect, it } from '@jest/globals'
import {
  replay,
  replayBudgets,
  replayPivot,
  replaySummary,
  type ReplayRun
} from '../../scripts/cap-replay.js'

/** A run of source `a` with its p90 as the hold (p50 and max do not matter to the replay's money). */
const run = (startedAt: string, endedAt: string, actualUsd: number, p90Usd: number): ReplayRun => ({
  source: 'a',
  group: 'sonnet',
  startedAt,
  endedAt,
  actualUsd,
  estimate: { p50Usd: p90Usd / 2, p90Usd, maxUsd: p90Usd * 2 }
})

/**
 * By hand, against $20 a month:
 * - A (10:00–10:30, $5, hold $8) starts alone: cap $20, spends $5.
 * - B (10:10–10:40, $14, hold $6) starts while A holds $8: cap $12, cut there, spends $12. November
 *   ends at $17 spent, so B's $14 would have fit ($17 − $12 + $14 = $19): cut with room.
 * - C (11:00, hold $4) finds $17 spent, $3 left: refused.
 * - D (1 December, $25, hold $10) starts a new cycle: cap $20, cut, and $25 would not have fit.
 */
const A = run('2026-11-10T10:00:00Z', '2026-11-10T10:30:00Z', 5, 8)
const B = run('2026-11-10T10:10:00Z', '2026-11-10T10:40:00Z', 14, 6)
const C = run('2026-11-10T11:00:00Z', '2026-11-10T11:10:00Z', 1, 4)
const D = run('2026-12-01T09:00:00Z', '2026-12-01T09:20:00Z', 25, 10)
// Given out of order: the replay gates them by their start.
const runs = [D, B, C, A]

const budgets = replayBudgets()
const pro = budgets.find(b => b.credit.creditUsd === 20)!
const unbounded = budgets.find(b => b.name === 'unbounded')!

describe('the cap replayed: runs gated in time order against a monthly budget', () => {
  it('offers the plans’ $20, $100, $200 and $500 credits, and no budget', () => {
    expect(budgets.map(b => b.credit.creditUsd)).toEqual([20, 100, 200, 500, Infinity])
  })

  it('caps a run at what others’ live holds leave, refuses what does not fit, and resets each month', () => {
    const out = replay(runs, pro.credit)
    expect(out.map(o => o.run)).toEqual([A, B, C, D])
    expect(out.map(o => o.cycle)).toEqual(['2026-11-01', '2026-11-01', '2026-11-01', '2026-12-01'])
    expect(out.map(o => o.admitted)).toEqual([true, true, false, true])
    expect(out.map(o => o.holdUsd)).toEqual([8, 6, 0, 10])
    expect(out.map(o => o.othersHeldUsd)).toEqual([0, 8, 0, 0])
    expect(out.map(o => o.capUsd)).toEqual([20, 12, 0, 20])
    expect(out.map(o => o.spentUsd)).toEqual([5, 12, 0, 20])
    expect(out.map(o => o.cut)).toEqual([false, true, false, true])
    expect(out.map(o => o.cutWithRoom)).toEqual([false, true, false, false])
    expect(replaySummary(out)).toEqual({
      n: 4,
      admitted: 3,
      refused: 1,
      cut: 2,
      cutWithRoom: 1,
      aboveHold: 2,
      // B started while A held $8; the closest to the cap was D, $5 past it.
      besideOthers: 1,
      leastRoomUsd: -5,
      aboveCapShare: 2 / 3,
      // The median of actual ÷ hold over the admitted runs: 5/8, 14/6, 25/10.
      holdEfficiency: 14 / 6
    })
  })

  it('with no budget admits every run and cuts none', () => {
    const out = replay(runs, unbounded.credit)
    expect(out.map(o => o.spentUsd)).toEqual([5, 14, 1, 25])
    expect(replaySummary(out)).toMatchObject({
      admitted: 4,
      refused: 0,
      cut: 0,
      cutWithRoom: 0,
      aboveHold: 2
    })
  })

  it('sums it up per budget: cut of admitted (cut with room), refused', () => {
    expect(replayPivot(runs, [pro, unbounded])).toEqual([
      '| runs | n | $20 (pro) | unbounded |',
      '| --- | --- | --- | --- |',
      '| all | 4 | 2/3 (1), 1 refused | 0/4 (0), 0 refused |'
    ])
  })
})
