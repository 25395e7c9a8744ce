import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parseClaudeOutput } from '../../src/usage/parse.js'
import { priceRun } from '../../src/usage/cost.js'
import { builtInTable } from '../../src/pricing/table.js'

const fixture = (name: string) => readFileSync(`__tests__/fixtures/${name}`, 'utf8')
const table = builtInTable()
/** The fixtures carry no timestamps: price them as of a day after every dated price change. */
const DAY = { day: '2026-11-24', from: 'the test' }

describe('Claude output files', () => {
  it.each([
    ['result-success.json', 'json'],
    ['result-error-max-turns.json', 'json'],
    ['real-world__cli-2.1.233__vertex__opus-5__say-ok.json', 'json'],
    ['stream.jsonl', 'stream-json'],
    ['claude-execution-output.json', 'execution-file']
  ])('%s is read as %s and priced exactly as Claude Code prices it', (name, format) => {
    const run = parseClaudeOutput(fixture(name), name)
    expect(run.format).toBe(format)
    const cost = priceRun(table, run, DAY)
    for (const m of cost.byModel) expect(Math.abs(m.usd - (m.claudeReportedUsd ?? NaN))).toBeLessThan(1e-9)
    expect(Math.abs(cost.usd - (cost.claudeReportedUsd ?? NaN))).toBeLessThan(1e-9)
    expect(cost.mismatch).toBeUndefined()
  })
  it('reads a one-line verbose array and takes the last result, never the assistant lines', () => {
    const lines = fixture('stream.jsonl')
      .trim()
      .split('\n')
      .map(l => JSON.parse(l))
    const run = parseClaudeOutput(JSON.stringify(lines), 'v.json')
    expect(run.format).toBe('json-verbose')
    expect(run.numTurns).toBe(2)
    expect(priceRun(table, run, DAY).usd).toBeCloseTo(0.102756, 9)
  })
  it('reports the outcome of a run that hit max turns', () => {
    const run = parseClaudeOutput(fixture('result-error-max-turns.json'), 'r.json')
    expect(run).toMatchObject({ subtype: 'error_max_turns', isError: true, numTurns: 1 })
  })
  it('flags a CLI that priced 1-hour writes at the 5-minute rate', () => {
    const r = JSON.parse(fixture('result-error-max-turns.json'))
    r.total_cost_usd = (3 * 2 + 180 * 10 + 21500 * 2.5) / 1e6
    const cost = priceRun(table, parseClaudeOutput(JSON.stringify(r), 'old.json'), DAY)
    expect(cost.mismatch).toMatch(/1-hour cache writes at the 5-minute rate/)
    expect(cost.usd).toBeCloseTo(0.087806, 9)
  })
  it.each([
    ['', /is empty/],
    ['{"hello": 1}', /not Claude output/],
    ['[{"type":"assistant"', /truncated or broken/],
    [
      '{"type":"result","modelUsage":{"claude-opus-5":{"inputTokens":-5}}}',
      /bad modelUsage.claude-opus-5.inputTokens/
    ],
    ['['.repeat(100) + ']'.repeat(100), /nests deeper/]
  ])('refuses %j with one clear line', (text, message) => {
    expect(() => parseClaudeOutput(text, 'x.json')).toThrow(message)
  })
  it('refuses to price an unknown model as $0', () => {
    const r = JSON.parse(fixture('result-success.json'))
    r.modelUsage = { 'claude-nonexistent-9': r.modelUsage['claude-sonnet-5-5'] }
    expect(() => priceRun(table, parseClaudeOutput(JSON.stringify(r), 'x.json'), DAY)).toThrow(
      /unknown model/
    )
  })
})
