/**
 * `ledger copy` between file ledgers as a user runs it: a copy stopped part-way is finished by running
 * it again (a cycle already there, identical, is kept), and a target whose cycle differs is refused and
 * left as it was.
 */
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { runCli, SMALL_RUN } from '../support/cli.js'
import { tempDir } from '../support/temp-dirs.js'

const NOVEMBER = new Date('2026-11-20T12:00:00Z')
const DECEMBER = new Date('2026-12-03T12:00:00Z')

describe('ledger copy, run again', () => {
  const dir = tempDir('copy')
  mkdirSync(join(dir, 'from'))
  mkdirSync(join(dir, 'to'))
  const source = `file:${join(dir, 'from', 'ledger.json')}`
  const target = `file:${join(dir, 'to', 'ledger.json')}`
  const cli = (now: Date, ...argv: string[]) => runCli(argv, { cwd: dir, now })
  const files = (side: string) =>
    readdirSync(join(dir, side))
      .filter(f => f.endsWith('.json'))
      .sort()

  it('finishes a copy that stopped part-way, keeping the cycle already copied', async () => {
    expect(
      (await cli(NOVEMBER, 'gate', ...SMALL_RUN, '--plan', 'pro', '--run-id', '1', '--ledger', source)).code
    ).toBe(0)
    expect(
      (await cli(DECEMBER, 'gate', ...SMALL_RUN, '--plan', 'pro', '--run-id', '2', '--ledger', source)).code
    ).toBe(0)
    const first = await cli(DECEMBER, 'ledger', 'copy', '--from', source, '--to', target)
    expect(first.out).toMatch(/copied 2 cycle\(s\)/)
    // As if the copy had stopped after its first cycle: the second never reached the target.
    rmSync(join(dir, 'to', 'ledger.2026-12-01.json'))
    const again = await cli(DECEMBER, 'ledger', 'copy', '--from', source, '--to', target)
    expect(again.code).toBe(0)
    expect(again.out).toMatch(/copied 1 cycle\(s\)/)
    expect(again.out).toMatch(/2026-11-01: 1 entries, .*\(there already, identical: kept\)/)
    expect(again.out).toMatch(/2026-12-01: 1 entries, .*recorded actuals\n/)
    expect(files('to')).toEqual(files('from'))
  })

  it('refuses a target whose cycle differs from the source, and changes nothing there', async () => {
    await cli(DECEMBER, 'gate', ...SMALL_RUN, '--plan', 'pro', '--run-id', '3', '--ledger', source)
    const before = readFileSync(join(dir, 'to', 'ledger.2026-12-01.json'), 'utf8')
    const r = await cli(DECEMBER, 'ledger', 'copy', '--from', source, '--to', target)
    expect(r.code).toBe(1)
    expect(r.err.trim().split('\n')).toHaveLength(1)
    expect(r.err).toMatch(/holds cycle 2026-12-01 already, and not as .* has it; nothing of it was changed/)
    expect(readFileSync(join(dir, 'to', 'ledger.2026-12-01.json'), 'utf8')).toBe(before)
  })
})
