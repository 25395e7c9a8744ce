/**
 * Changing billing-cycle-day on a ledger that already has spend: the running cycle is kept until it ends
 * (its spend stays in view), the next cycle starts where it ended, and then cycles reset on the new day.
 */
import { describe, expect, it } from '@jest/globals'
import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../support/cli.js'

const fixture = (name: string) => join(process.cwd(), '__tests__/fixtures', name)

function ledger() {
  const dir = mkdtempSync(join(tmpdir(), 'acg-cycle-day-'))
  copyFileSync(fixture('result-success.json'), join(dir, 'result.json'))
  const cli = (at: string, ...argv: string[]) =>
    runCli([...argv, '--ledger', `file:${join(dir, 'ledger.json')}`], { cwd: dir, now: new Date(at) })
  const gate = async (at: string, runId: string, day: string) => {
    const r = await cli(
      at,
      'gate',
      '--prompt',
      'Review the diff.',
      '--model',
      'haiku',
      '--agent',
      'none',
      '--max-turns',
      '3',
      '--run-id',
      runId,
      '--billing-cycle-day',
      day,
      '--json'
    )
    expect(r.err).toBe('')
    return JSON.parse(r.out)
  }
  return { cli, gate }
}

describe('a change of billing-cycle-day', () => {
  it('keeps the running cycle and its spend until it ends, then starts the next cycle where it ended', async () => {
    const l = ledger()
    await l.gate('2026-11-10T09:00:00Z', 'a', '1')
    const recorded = await l.cli(
      '2026-11-10T10:00:00Z',
      'record',
      '--run-id',
      'a',
      '--usage-file',
      'result.json',
      '--json'
    )
    const spent = JSON.parse(recorded.out).ledger.actualUsd
    // The reset day is corrected to the 5th on the 24th: the cycle of Nov 1 runs on, its spend in view.
    const moved = await l.gate('2026-11-24T12:00:00Z', 'b', '5')
    expect(moved.budget.cycle).toMatchObject({ id: '2026-11-01', resetsAt: '2026-12-01T00:00:00.000Z' })
    expect(moved.budget.state.settledUsd).toBeCloseTo(spent, 12)
    expect(moved.notices).toContain(
      "billing-cycle-day: the ledger's running cycle 2026-11-01 → 2026-12-01 resets on day 1; it is kept until it ends so its spend stays counted, and cycles reset on day 5 from then on"
    )
    const status = await l.cli('2026-11-24T13:00:00Z', 'status', '--billing-cycle-day', '5', '--json')
    expect(JSON.parse(status.out)).toMatchObject({
      cycle: { id: '2026-11-01' },
      state: { settledUsd: spent }
    })
    // After the reset: a short cycle to the new day, then whole cycles on the 5th.
    const bridge = await l.gate('2026-12-02T12:00:00Z', 'c', '5')
    expect(bridge.budget.cycle).toEqual({
      id: '2026-12-01',
      start: '2026-12-01T00:00:00.000Z',
      resetsAt: '2026-12-05T00:00:00.000Z'
    })
    expect(bridge.budget.state.settledUsd).toBe(0)
    expect((await l.gate('2026-12-03T12:00:00Z', 'd', '5')).budget.cycle.id).toBe('2026-12-01')
    expect((await l.gate('2026-12-06T12:00:00Z', 'e', '5')).budget.cycle).toMatchObject({
      id: '2026-12-05',
      resetsAt: '2027-01-05T00:00:00.000Z'
    })
  })
  it('works the other way round: a ledger on the 5th moved to the 1st keeps its cycle to the 5th', async () => {
    const l = ledger()
    await l.gate('2026-11-24T09:00:00Z', 'a', '5')
    const moved = await l.gate('2026-11-24T12:00:00Z', 'b', '1')
    expect(moved.budget.cycle).toMatchObject({ id: '2026-11-05', resetsAt: '2026-12-05T00:00:00.000Z' })
    expect(moved.budget.state.heldUsd).toBeGreaterThan(0)
    expect((await l.gate('2026-12-06T12:00:00Z', 'c', '1')).budget.cycle).toMatchObject({
      id: '2026-12-05',
      resetsAt: '2027-01-01T00:00:00.000Z'
    })
  })
})
