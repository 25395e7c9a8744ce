/**
 * `record` and `release` from the CLI against a local ledger: a run is named by its run id, money is
 * never counted twice, and what is printed is what the ledger holds.
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
        '40'
      ],
      { cwd: w.dir, now: NOW }
    )
    expect(other.code).toBe(0)
    copyFileSync(fixture('result-success.json'), join(w.dir, 'a.json'))
    const r = await w.cli('record', '--run-id', '88', '--usage-file', 'a.json')
    expect(r.code).toBe(0)
    const b = gated.estimate.blended
    expect(r.out).toContain(`estimate p50 ${usd(b.p50Usd)}, p90 ${usd(b.p90Usd)}, max ${usd(b.maxUsd)}`)
    // The unrelated report is left as it was, not completed with this run's actual.
    const report = JSON.parse(
      readFileSync(join(w.dir, '.agent-credit-gate/agent-credit-gate-report.json'), 'utf8')
    )
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
