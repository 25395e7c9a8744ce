/**
 * What a newcomer meets first is true: the version and the exit codes, the credit line that says the
 * Agent SDK credit is paused, plain Bedrock model ids, a refusal that says the credit it was decided
 * on changed, a cheaper model priced from the same requests as the estimate, and the Node versions the
 * bundled dependencies declare.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { fileLedgerCli, runCli } from '../support/cli.js'
import { builtInTable, resolveModel } from '../../src/pricing/table.js'
import { creditFor } from '../../src/budget/credit.js'
import { priceUsage } from '../../src/pricing/cost.js'
import type { TokenUsage } from '../../src/pricing/types.js'

const NOW = new Date('2026-11-24T12:00:00Z')
const run = (...argv: string[]) => runCli(argv, { cwd: process.cwd(), now: NOW })
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  version: string
  engines: { node: string }
}

describe('the CLI says what it is', () => {
  it('--version prints the version', async () => {
    const r = await run('--version')
    expect(r).toMatchObject({ code: 0, out: `${pkg.version}\n` })
  })
  it('--help documents the exit codes (1 error, 2 refused)', async () => {
    const r = await run('--help')
    expect(r.out).toMatch(/Exit codes: 0 done .*1 an error[\s\S]*2 refused by the gate \(on-exhaust fail\)/)
    expect(r.out).not.toMatch(/monthly credit\./)
  })
})

describe('the credit line', () => {
  it('says the Agent SDK credit a preset stands for was paused on its launch day', () => {
    expect(creditFor({ plan: 'pro', overageUsd: 0 }).label).toBe(
      '$20.00 Pro credit (plan preset; the Agent SDK credit was paused on 2026-06-15, its launch day, so this is a budget you keep, not a credit Anthropic meters; override with monthly-credits)'
    )
  })
  it('and a subscription gate says its dollars are API-equivalent', async () => {
    const l = fileLedgerCli(NOW)
    const r = await l.gate('1')
    expect(r.out).toMatch(
      /^On a subscription every dollar here is API-equivalent \(the tokens at list price\), not a bill/m
    )
  })
})

describe('Bedrock model ids', () => {
  it.each([
    'anthropic.claude-sonnet-4-5-20250929-v1:0',
    'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0'
  ])('%s is Sonnet 4.5', id => {
    expect(resolveModel(builtInTable(), id).id).toBe('claude-sonnet-4-5')
  })
})

describe('a refusal after the credit changed', () => {
  it('says the figures it was decided on are not the ledger’s', async () => {
    const l = fileLedgerCli(NOW)
    expect((await l.gate('1', ['--plan', 'max-5x', '--external-spend', '20'])).code).toBe(0)
    const r = await l.gate('2', ['--plan', 'pro'])
    expect(r.code).toBe(2)
    expect(r.out).toMatch(
      /^decision: Refused: over budget: .*; decided on this gate's figures, not the ledger's: credit \$200\.00 Max 5x credit → \$20\.00 Pro credit \(not recorded, since nothing was held\)\.$/m
    )
  })
})

describe('ways out', () => {
  it('price a cheaper model from the same requests as the estimate (never one summed request)', async () => {
    const l = fileLedgerCli(NOW)
    const r = JSON.parse(
      (
        await l.cli([
          'gate',
          '--prompt',
          'Review the diff. '.repeat(2000),
          '--model',
          'sonnet',
          '--max-turns',
          '12',
          '--monthly-credits',
          '0.25',
          '--json'
        ])
      ).out
    )
    expect(r.decision.decision).not.toBe('pass')
    const haiku = r.waysOut.cheaperModels.find((m: { alias: string }) => m.alias === 'haiku')
    // Request by request: Haiku's long-prompt row (above 100k tokens) prices no request here, though
    // the run's summed tokens are far above it.
    const rows = r.estimate.loop.perTurn as Array<{ usage: TokenUsage; contextTokens: number }>
    const table = builtInTable()
    const priced = (id: string) =>
      rows.reduce((s, t) => s + priceUsage(resolveModel(table, id), t.usage).usd, 0)
    const ratio = priced('claude-haiku-5-5') / priced('claude-sonnet-5-5')
    expect(haiku.gatedUsd / r.decision.gatedUsd).toBeCloseTo(ratio, 9)
    expect(ratio).toBeLessThan(0.1)
    const summed = rows.reduce((s, t) => s + t.contextTokens, 0)
    expect(summed).toBeGreaterThan(100_000)
  })
})

describe('the Node versions bundled dependencies declare', () => {
  // Checked by hand: its code uses nothing past ES2020, and every GitHub answer in the tests goes
  // through its parse on Node 20. A new entry here needs the same check and a line in the README.
  const CHECKED: Record<string, string> = { 'content-type': '>=22' }
  /** Whether a range admits Node `major` (the forms npm packages use: ">= 20", "18 || 20 || >=22"). */
  const admits = (range: string, major: number) =>
    range.split('||').some(alt => {
      const parts = alt
        .trim()
        .replace(/([<>]=?)\s+/g, '$1')
        .split(/\s+/)
      return parts.every(p => {
        const m = /^(>=|<=|>|<|\^|~)?\s*(\d+)(?:\.(\d+))?/.exec(p.trim())
        if (!m) return true
        const n = Number(m[2])
        return m[1] === '>='
          ? major >= n
          : m[1] === '>'
            ? major > n
            : m[1] === '<='
              ? major <= n
              : m[1] === '<'
                ? major < n
                : major === n
      })
    })
  it('admit package.json’s engines floor, or are the checked ones the README names', () => {
    const floor = Number(/\d+/.exec(pkg.engines.node)![0])
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { dev?: boolean; engines?: { node?: string } }>
    }
    const stricter = Object.entries(lock.packages)
      .filter(([path, p]) => path && !p.dev && p.engines?.node && !admits(p.engines.node, floor))
      .map(([path, p]) => [path.replace(/^.*node_modules\//, ''), p.engines!.node!])
    expect(Object.fromEntries(stricter)).toEqual(CHECKED)
    const readme = readFileSync('README.md', 'utf8')
    for (const name of Object.keys(CHECKED)) expect(readme).toContain(`\`${name}\``)
  })
})
