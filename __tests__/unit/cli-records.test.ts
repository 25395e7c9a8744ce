/**
 * Records that can be corrected, as a newcomer meets them: a result file `record` cannot read settles
 * nothing and leaves the hold live; a model the price table lacks keeps the hold as spent and can be
 * recorded again with a pricing file; `record --replace` corrects a settled figure and the entry keeps
 * the earlier one; a settled or released run id cannot be gated again; `gate` prints the key that
 * `record` and `release` need; and the CLI leaves no report file behind unless asked.
 */
import { describe, expect, it } from '@jest/globals'
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileLedgerCli, runCli, SMALL_RUN } from '../support/cli.js'

const NOW = new Date('2026-11-24T12:00:00Z')
const fixture = (name: string) => join(process.cwd(), '__tests__/fixtures', name)

function workspace() {
  const l = fileLedgerCli(NOW)
  copyFileSync(fixture('result-success.json'), join(l.dir, 'a.json'))
  copyFileSync(fixture('result-error-max-turns.json'), join(l.dir, 'b.json'))
  writeFileSync(join(l.dir, 'truncated.json'), '[{"type":"system","subtype":"init"},{"type":"assis')
  writeFileSync(
    join(l.dir, 'unpriced.json'),
    JSON.stringify({
      type: 'result',
      subtype: 'success',
      total_cost_usd: 0.5,
      modelUsage: { 'claude-newmodel-9': { inputTokens: 1000, outputTokens: 100 } }
    })
  )
  writeFileSync(
    join(l.dir, 'prices.json'),
    JSON.stringify({
      asOf: '2026-11-30',
      source: 'a test table',
      models: [
        {
          id: 'claude-newmodel-9',
          prices: { input: 1, output: 5, cacheWrite5m: 1.25, cacheWrite1h: 2, cacheRead: 0.1 }
        }
      ]
    })
  )
  const cli = (...argv: string[]) => l.cli(argv)
  const ledger = () =>
    JSON.parse(
      readFileSync(
        join(
          l.dir,
          readdirSync(l.dir).find(f => /^ledger\.\d{4}-\d\d-\d\d\.json$/.test(f))!
        ),
        'utf8'
      )
    ) as { entries: Array<Record<string, unknown>> }
  return { ...l, cli, ledger }
}

describe('record of a file it cannot read', () => {
  it.each([
    [
      'missing',
      'nope.json',
      /usage-file: no Claude result at nope\.json; nothing was recorded: the hold of \$\S+ stays live until 2026-11-24 18:00 UTC/
    ],
    [
      'truncated',
      'truncated.json',
      /usage-file: .*truncated or broken.*; nothing was recorded: the hold of \$\S+ stays live/
    ],
    [
      'a folder',
      '.',
      /usage-file: cannot read "\." \(it is a folder\); give a file path; nothing was recorded/
    ]
  ])('%s: exits 1, settles nothing, and the right file is then recorded', async (_what, file, error) => {
    const w = workspace()
    expect((await w.gate('7')).code).toBe(0)
    const bad = await w.cli('record', '--run-id', '7', '--usage-file', file)
    expect(bad.code).toBe(1)
    expect(bad.err.trim().split('\n')).toHaveLength(1)
    expect(bad.err).toMatch(error)
    expect(w.ledger().entries[0]).toMatchObject({ status: 'held' })
    const good = await w.cli('record', '--run-id', '7', '--usage-file', 'a.json')
    expect(good.code).toBe(0)
    expect(good.out).toMatch(/^recorded: run 7 gate: actual \$/)
  })
  it('a release, as the error suggests, then works', async () => {
    const w = workspace()
    await w.gate('8')
    expect((await w.cli('record', '--run-id', '8', '--usage-file', 'nope.json')).code).toBe(1)
    const released = await w.cli('release', '--run-id', '8')
    expect(released.code).toBe(0)
    expect(released.out).toMatch(/^released: run 8 gate/)
  })
})

describe('a model the price table lacks', () => {
  it('keeps the hold as spent (unverified, exit 1), and recording it again with a pricing file corrects it', async () => {
    const w = workspace()
    await w.gate('9')
    const held = w.ledger().entries[0].holdUsd as number
    const first = await w.cli('record', '--run-id', '9', '--usage-file', 'unpriced.json')
    expect(first.code).toBe(1)
    expect(first.err).toMatch(
      /recorded the hold as spent \(unverified\), not a priced actual; record the same file again with --pricing-file/
    )
    expect(w.ledger().entries[0]).toMatchObject({ status: 'settled', unverified: true, actualUsd: held })
    const again = await w.cli(
      'record',
      '--run-id',
      '9',
      '--usage-file',
      'unpriced.json',
      '--pricing-file',
      'prices.json'
    )
    expect(again.code).toBe(0)
    expect(again.out).toMatch(/^corrected: run 9 gate: actual \$0\.0015/)
    const e = w.ledger().entries[0]
    expect(e).toMatchObject({ status: 'settled', actualUsd: 0.0015 })
    expect(e.unverified).toBeUndefined()
    expect(e.corrections).toEqual([
      { at: NOW.toISOString(), previousUsd: held, previousUnverified: true, why: 'unverified' }
    ])
  })
})

describe('record --replace', () => {
  it('corrects a settled figure on request and keeps the earlier one in the entry', async () => {
    const w = workspace()
    await w.gate('10')
    const first = JSON.parse(
      (await w.cli('record', '--run-id', '10', '--usage-file', 'a.json', '--json')).out
    )
    const refused = await w.cli('record', '--run-id', '10', '--usage-file', 'b.json')
    expect(refused.code).toBe(1)
    expect(refused.out).toMatch(/to correct the ledger with this file's figure, record again with --replace/)
    const replaced = await w.cli('record', '--run-id', '10', '--usage-file', 'b.json', '--replace', '--json')
    expect(replaced.code).toBe(0)
    const r = JSON.parse(replaced.out)
    expect(r.outcome).toBe('corrected')
    expect(r.ledger.actualUsd).not.toBeCloseTo(first.ledger.actualUsd, 6)
    expect(r.ledger.corrections).toEqual([
      { at: NOW.toISOString(), previousUsd: first.ledger.actualUsd, why: 'replace' }
    ])
  })
})

describe('gating a run id again', () => {
  it('a settled run id is refused with exit 1 and what the ledger keeps; a new run id gates', async () => {
    const w = workspace()
    await w.gate('11')
    await w.cli('record', '--run-id', '11', '--usage-file', 'a.json')
    const before = JSON.stringify(w.ledger())
    const again = await w.gate('11')
    expect(again.code).toBe(1)
    expect(again.out).toBe('')
    expect(again.err).toMatch(
      /^agent-credit-gate: run-id: run 11 gate is already settled at \$\S+, so nothing is held for it and this gate holds nothing; give this run a new --run-id/
    )
    expect(JSON.stringify(w.ledger())).toBe(before)
    expect((await w.gate('12')).code).toBe(0)
  })
  it('a released run id is refused too', async () => {
    const w = workspace()
    await w.gate('13')
    await w.cli('release', '--run-id', '13')
    const again = await w.gate('13')
    expect(again.code).toBe(1)
    expect(again.err).toMatch(/run-id: run 13 gate was released, so nothing is held for it/)
  })
})

describe('gate without --run-id', () => {
  it('prints the key record and release need, in text and in --json, and record --key settles it', async () => {
    const w = workspace()
    const text = await w.cli('gate', ...SMALL_RUN)
    const key = /key (local-\S+);/.exec(text.out)?.[1]
    expect(key).toBeDefined()
    expect(text.out).toContain(`agent-credit-gate record --key ${key} --usage-file F`)
    const json = JSON.parse((await w.cli('gate', ...SMALL_RUN, '--json')).out)
    expect(json.key).toMatch(/^local-[a-z0-9]+\/1\/local%2Flocal\/local\/local\/gate$/)
    const r = await w.cli('record', '--key', key!, '--usage-file', 'a.json')
    expect(r.code).toBe(0)
  })
})

describe('the report file', () => {
  it('is written only when asked (--report-file), and report reads it back', async () => {
    const w = workspace()
    await w.cli('estimate', ...SMALL_RUN)
    await w.gate('14')
    expect(existsSync(join(w.dir, '.agent-credit-gate'))).toBe(false)
    const report = (...argv: string[]) => runCli(['report', ...argv], { cwd: w.dir, now: NOW })
    const noFile = await report()
    expect(noFile.code).toBe(1)
    expect(noFile.err).toMatch(
      /report-file: the CLI writes a report file only when asked: run gate \(or estimate\) with --report-file PATH/
    )
    expect((await w.gate('15', ['--report-file', 'r.json'])).code).toBe(0)
    const shown = await report('--report-file', 'r.json', '--format', 'json')
    expect(JSON.parse(shown.out).job.runId).toBe('15')
  })
})
