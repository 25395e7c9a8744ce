/**
 * Changing billing-cycle-day on a ledger that already has spend: the running cycle is kept until it ends
 * (its spend stays in view), the next cycle starts where it ended, and then cycles reset on the new day.
 */
import { describe, expect, it } from '@jest/globals'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileLedgerCli } from '../support/cli.js'

const fixture = (name: string) => join(process.cwd(), '__tests__/fixtures', name)

/** A file ledger whose gates name their reset day, at the instant each call gives. */
function ledger() {
  const l = fileLedgerCli(new Date('2026-11-01T00:00:00Z'))
  copyFileSync(fixture('result-success.json'), join(l.dir, 'result.json'))
  const cli = (at: string, ...argv: string[]) => l.cli(argv, new Date(at))
  const gate = async (at: string, runId: string, day: string) => {
    const r = await l.gate(runId, ['--billing-cycle-day', day, '--json'], new Date(at))
    expect(r.err).toBe('')
    return JSON.parse(r.out)
  }
  return { cli, gate, dir: l.dir }
}

describe('a change of billing-cycle-day', () => {
  it('a ledger that stays on day 1 keeps no reset-day document', async () => {
    const l = ledger()
    await l.gate('2026-11-10T09:00:00Z', 'a', '1')
    const { readdirSync } = await import('node:fs')
    expect(readdirSync(l.dir).filter(f => f.startsWith('ledger.'))).toEqual(['ledger.2026-11-01.json'])
  })
  it('a new ledger on the 5th starts with a whole cycle on the 5th, and says nothing', async () => {
    const l = ledger()
    const first = await l.gate('2026-11-03T09:00:00Z', 'a', '5')
    expect(first.budget.cycle).toEqual({
      id: '2026-10-05',
      start: '2026-10-05T00:00:00.000Z',
      resetsAt: '2026-11-05T00:00:00.000Z'
    })
    expect(first.notices.filter((n: string) => n.startsWith('billing-cycle-day'))).toEqual([])
  })
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
    // After the reset: the cycle of the 5th, from where the old one ended, then whole cycles on the 5th.
    const bridge = await l.gate('2026-12-02T12:00:00Z', 'c', '5')
    expect(bridge.budget.cycle).toEqual({
      id: '2026-11-05',
      start: '2026-12-01T00:00:00.000Z',
      resetsAt: '2026-12-05T00:00:00.000Z'
    })
    expect(bridge.budget.state.settledUsd).toBe(0)
    expect(bridge.notices).toContain(
      "billing-cycle-day: the ledger moves from day 1 to day 5: this cycle runs 2026-12-01 → 2026-12-05 (from the ledger's last reset, so no two cycles overlap)"
    )
    // A command given no reset day uses the ledger's.
    const plain = await l.cli('2026-12-03T12:00:00Z', 'status', '--json')
    expect(JSON.parse(plain.out).cycle.id).toBe('2026-11-05')
    expect((await l.gate('2026-12-03T12:00:00Z', 'd', '5')).budget.cycle.id).toBe('2026-11-05')
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
    expect((await l.gate('2026-12-06T12:00:00Z', 'c', '1')).budget.cycle).toEqual({
      id: '2026-12-01',
      start: '2026-12-05T00:00:00.000Z',
      resetsAt: '2027-01-01T00:00:00.000Z'
    })
  })
})
