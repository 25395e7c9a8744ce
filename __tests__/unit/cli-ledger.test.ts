/**
 * The CLI over a local ledger, as users run it: a run named by its run id; record and release that never
 * count money twice and print what the ledger holds; the cycle's account (credit, overage, external spend)
 * kept in the ledger so status and every report agree; one word and one figure per state; and a change of
 * billing-cycle-day that keeps the running cycle's spend in view.
 */
import { describe, expect, it } from '@jest/globals'
import { copyFileSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileLedgerCli, runCli } from '../support/cli.js'
import { usd } from '../../src/budget/format.js'

const NOW = new Date('2026-11-24T12:00:00Z')
const fixture = (name: string) => join(process.cwd(), '__tests__/fixtures', name)

/** A file ledger and the text of its documents, to show what a refused command left alone. */
function workspace() {
  const l = fileLedgerCli(NOW)
  const cli = (...argv: string[]) => l.cli(argv)
  const gate = (runId: string) => l.gate(runId, ['--json'])
  const ledgerText = () =>
    readdirSync(l.dir)
      .filter(f => f.startsWith('ledger.'))
      .map(f => readFileSync(join(l.dir, f), 'utf8'))
      .join()
  return { dir: l.dir, cli, gate, ledgerText }
}

describe('record', () => {
  it('records a run named by its run id, and a second, different file for it is refused with what the ledger keeps', async () => {
    const w = workspace()
    expect((await w.gate('77')).code).toBe(0)
    copyFileSync(fixture('result-success.json'), join(w.dir, 'a.json'))
    copyFileSync(fixture('result-error-max-turns.json'), join(w.dir, 'b.json'))
    const first = await w.cli('record', '--run-id', '77', '--usage-file', 'a.json', '--json')
    expect(first.code).toBe(0)
    const kept = JSON.parse(first.out).ledger.actualUsd
    const before = w.ledgerText()
    const second = await w.cli('record', '--run-id', '77', '--usage-file', 'b.json')
    expect(second.code).toBe(1)
    expect(second.out.split('\n')[0]).toBe(`already settled: run 77 gate: actual ${usd(kept)}`)
    expect(second.out).toMatch(
      /note: not recorded: run 77 gate was already settled at \$\S+ on 2026-11-24 12:00 UTC, and the ledger keeps that figure .*this file prices at \$/
    )
    expect(w.ledgerText()).toBe(before)
    // The same file again is a retry: nothing changes and it succeeds.
    const again = await w.cli('record', '--run-id', '77', '--usage-file', 'a.json')
    expect(again.code).toBe(0)
    expect(again.out).toMatch(/already recorded at .* the same figure; nothing changed/)
  })
  it("uses the run's own estimate from the ledger, not an unrelated estimate left in the shared report file", async () => {
    const w = workspace()
    const gated = JSON.parse((await w.gate('88')).out)
    const other = await runCli(
      [
        'estimate',
        '--prompt',
        'Something else entirely. '.repeat(400),
        '--model',
        'opus',
        '--max-turns',
        '40',
        '--report-file',
        'report.json'
      ],
      { cwd: w.dir, now: NOW }
    )
    expect(other.code).toBe(0)
    copyFileSync(fixture('result-success.json'), join(w.dir, 'a.json'))
    const r = await w.cli(
      'record',
      '--run-id',
      '88',
      '--usage-file',
      'a.json',
      '--report-file',
      'report.json'
    )
    expect(r.code).toBe(0)
    const b = gated.estimate.blended
    expect(r.out).toContain(`estimate p50 ${usd(b.p50Usd)}, p90 ${usd(b.p90Usd)}, max ${usd(b.maxUsd)}`)
    // The unrelated report is left as it was, not completed with this run's actual.
    const report = JSON.parse(readFileSync(join(w.dir, 'report.json'), 'utf8'))
    expect(report.phase).toBe('estimate')
  })
  it('a run id that holds nothing fails, lists the live holds and writes nothing', async () => {
    const w = workspace()
    await w.gate('99')
    const before = w.ledgerText()
    copyFileSync(fixture('result-success.json'), join(w.dir, 'a.json'))
    const r = await w.cli('record', '--run-id', '98', '--usage-file', 'a.json')
    expect(r.code).toBe(1)
    expect(r.err).toMatch(
      /^agent-credit-gate: run-id: nothing in the ledger is held under run 98, .*live holds: run 99 gate \$\S+ \(--key 99\/1\/local%2Flocal\/local\/local\/gate\)\n$/
    )
    expect(w.ledgerText()).toBe(before)
  })
})

describe('release', () => {
  it('releases a run named by its run id; a second release fails with the live holds', async () => {
    const w = workspace()
    await w.gate('55')
    const r = await w.cli('release', '--run-id', '55')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^released: run 55 gate: \$\S+ counts again/)
    const again = await w.cli('release', '--run-id', '55')
    expect(again.code).toBe(1)
    expect(again.err).toMatch(/run-id: run 55 gate is released, nothing is held; no hold is live this cycle/)
  })
})

describe('the cycle account in the ledger', () => {
  it('status after a gate with --plan max-5x shows the Max 5x credit, as the ledger records it', async () => {
    const l = fileLedgerCli(NOW)
    expect((await l.gate('1', ['--plan', 'max-5x'])).code).toBe(0)
    const status = await l.cli(['status'])
    expect(status.out).toMatch(
      /^credit: \$200\.00 Max 5x credit .*; as the ledger records it \(run 1 gate, 2026-11-24\)$/m
    )
    expect(JSON.parse((await l.cli(['status', '--json'])).out).credit.creditUsd).toBe(200)
  })
  it('a later gate without --plan decides on the ledger’s credit; one with another plan changes it and says so', async () => {
    const l = fileLedgerCli(NOW)
    await l.gate('1', ['--plan', 'max-5x'])
    const later = JSON.parse((await l.gate('2', ['--json'])).out)
    expect(later.budget.credit.creditUsd).toBe(200)
    const changed = JSON.parse((await l.gate('3', ['--plan', 'pro', '--json'])).out)
    expect(changed.budget.credit.creditUsd).toBe(20)
    expect(changed.notices).toContain(
      "ledger: this cycle's account changed with this gate's inputs: credit $200.00 Max 5x credit → $20.00 Pro credit"
    )
    expect((await l.cli(['status'])).out).toMatch(/^credit: \$20\.00 Pro credit/m)
  })
})

describe('one word and one figure per state', () => {
  it('external spend past the credit reads "$x over the $20.00 budget" everywhere, never a negative remaining', async () => {
    const l = fileLedgerCli(NOW)
    const gate = await l.gate('1', ['--external-spend', '25', '--on-exhaust', 'warn'])
    expect(gate.code).toBe(0)
    expect(gate.out).toMatch(
      /^cycle 2026-11-01 → resets 2026-12-01: spent \$25\.00, held \$0\.00, \$5\.00 over the \$20\.00 budget$/m
    )
    expect(gate.out).toMatch(
      /^decision: Over budget: The p90 estimate \$\S+ does not fit this cycle, already \$5\.00 over the \$20\.00 budget: continuing with a warning \(on-exhaust: warn\)\.$/m
    )
    expect(gate.out).not.toMatch(/remaining -|FAIL|allowed=/)
    const status = await l.cli(['status'])
    expect(status.out).toMatch(
      /spent \$25\.00 \(external \$25\.00\) · held \$\S+ · \$\S+ over the \$20\.00 budget/
    )
    expect(status.out).not.toMatch(/remaining -/)
  })
})

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
