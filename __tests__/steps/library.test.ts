/**
 * The library as an app calls it: gateRun holds and hands the cap over, record settles the hold with a
 * result message (the SDK's shape), release drops it, and a misspelt input is one line with a guess.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { gateRun, type ResultMessage } from '../../src/library/index.js'
import { builtInTable } from '../../src/pricing/table.js'
import { actualFromText } from '../../src/usage/measure.js'
import { tempDir } from '../support/temp-dirs.js'

const NOW = new Date('2026-11-24T12:00:00Z')
const resultText = readFileSync('__tests__/fixtures/result-success.json', 'utf8')

function app() {
  const dir = tempDir('lib')
  const inputs = {
    prompt: 'Review the diff.',
    model: 'sonnet',
    agent: 'none',
    'max-turns': 3,
    'monthly-credits': 100,
    ledger: `file:${join(dir, 'ledger.json')}`
  }
  const entries = () =>
    readdirSync(dir)
      .filter(f => /^ledger\..+\.json$/.test(f))
      .flatMap(f => JSON.parse(readFileSync(join(dir, f), 'utf8')).entries as Array<Record<string, unknown>>)
  return { dir, inputs, entries, env: {}, now: () => NOW }
}

describe('the library', () => {
  it('gates with a cap, and records the result message priced with our table', async () => {
    const a = app()
    const run = await gateRun({ inputs: a.inputs, cwd: a.dir, env: a.env, now: a.now, runId: 'sdk-1' })
    expect(run.allowed).toBe(true)
    expect(run.maxBudgetUsd).toBeGreaterThan(0)
    expect(a.entries()[0]).toMatchObject({ status: 'held', holdUsd: run.holdUsd })
    const recorded = await run.record(JSON.parse(resultText) as ResultMessage)
    const expected = actualFromText(builtInTable(), resultText, 'r', { day: '2026-11-24', from: 'test' })
    expect(recorded.outcome).toBe('settled')
    expect(recorded.actual.usd).toBeCloseTo(expected.usd, 12)
    expect(a.entries()[0]).toMatchObject({ status: 'settled', key: run.key })
    expect(a.entries()[0].actualUsd).toBeCloseTo(expected.usd, 9)
  })

  it('releases the hold when the agent never ran', async () => {
    const a = app()
    const run = await gateRun({ inputs: a.inputs, cwd: a.dir, env: a.env, now: a.now })
    await run.release()
    expect(a.entries()[0].status).toBe('released')
  })

  it('releases the hold in the cycle it was taken in, when the billing cycle reset meanwhile', async () => {
    const a = app()
    const times = [new Date('2026-11-30T23:59:00Z'), new Date('2026-12-01T00:01:00Z')]
    const run = await gateRun({ inputs: a.inputs, cwd: a.dir, env: a.env, now: () => times.shift() ?? NOW })
    await run.release()
    expect(a.entries()).toHaveLength(1)
    expect(a.entries()[0]).toMatchObject({ key: run.key, status: 'released' })
  })

  it('a refused run is not allowed and gets no cap', async () => {
    const a = app()
    const run = await gateRun({
      inputs: { ...a.inputs, 'monthly-credits': 1, 'external-spend': 1, 'on-exhaust': 'skip' },
      cwd: a.dir,
      env: a.env,
      now: a.now
    })
    expect(run.allowed).toBe(false)
    expect(run.maxBudgetUsd).toBeUndefined()
    expect(run.decision?.decision).toBe('fail')
  })

  it('a misspelt input is one line with a guess', async () => {
    const a = app()
    await expect(gateRun({ inputs: { ...a.inputs, 'monthly-credit': 5 }, cwd: a.dir })).rejects.toMatchObject(
      {
        problems: [
          'inputs: "monthly-credit" is not an input; did you mean "monthly-credits"? (README lists them)'
        ]
      }
    )
  })
})
