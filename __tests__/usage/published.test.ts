/**
 * Published Claude Code results (__tests__/fixtures/published/, sources in its README): what we record
 * for each, to the cent Claude's own bill would show.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parseClaudeOutput } from '../../src/usage/parse.js'
import { priceRun } from '../../src/usage/cost.js'
import { measureActual } from '../../src/usage/measure.js'
import { builtInTable } from '../../src/pricing/table.js'

const table = builtInTable()
const DAY = { day: '2026-11-24', from: 'the test' }
const text = (name: string) => readFileSync(`__tests__/fixtures/published/${name}`, 'utf8')
const json = (name: string) => JSON.parse(text(name))
const price = (result: unknown, day = DAY) =>
  priceRun(table, parseClaudeOutput(JSON.stringify(result), 'r.json'), day)

describe('1-hour cache writes in results whose modelUsage has no 5m/1h split', () => {
  it('a Sonnet 4.6 run Claude priced at $0.1648 records $0.2247 and says Claude priced 1-hour writes at the 5-minute rate', () => {
    const cost = price(json('sonnet-4-6__1h-writes-priced-at-5m__0.1648.json'))
    expect(cost.usd).toBeCloseTo(0.2247321, 7)
    expect(cost.claudeReportedUsd).toBe(0.1647786)
    expect(cost.mismatch).toMatch(
      /this CLI priced 1-hour cache writes at the 5-minute rate; we record our figure/
    )
  })
  it('a longer Sonnet 4.6 run Claude priced at $1.6520 records $1.8142', () => {
    const cost = price(json('sonnet-4-6__1h-writes-priced-at-5m__1.6520.json'))
    expect(cost.usd).toBeCloseTo(1.651978 + (72079 * (6 - 3.75)) / 1e6, 7)
    expect(cost.mismatch).toMatch(/5-minute rate/)
  })
  it('an Opus 4.8 run records what Claude reported ($0.0822), the split read from usage.cache_creation', () => {
    const cost = price(json('opus-4-8__split-only-in-usage__0.0822.json'))
    expect(cost.usd).toBeCloseTo(0.0822255, 9)
    expect(cost.mismatch).toBeUndefined()
    expect(cost.notes).toEqual([])
  })
  it('without usage.cache_creation the iterations give the split', () => {
    const r = json('opus-4-8__split-only-in-usage__0.0822.json')
    delete r.usage.cache_creation
    expect(price(r).usd).toBeCloseTo(0.0822255, 9)
  })
  it('with two models the main loop writes go to the model that has them, and the other model is exact', () => {
    const cost = price(json('sonnet-5-and-haiku__main-loop-split__0.9236.json'))
    const sonnet5 = (20323 * 2 + 1800 * 10 + 528763 * 0.2 + 112657 * 4) / 1e6
    expect(cost.byModel.map(m => [m.model, +m.usd.toFixed(7)])).toEqual([
      ['claude-haiku-4-5-20251001', 0.001024],
      ['claude-sonnet-5', +sonnet5.toFixed(7)]
    ])
    expect(cost.notes).toEqual([])
    // This CLI priced Sonnet 5 at Sonnet 4.x rates ($3/$15): the difference is named, per model.
    expect(cost.mismatch).toMatch(/claude-sonnet-5 \$0\.9225 vs \$0\.6150 \(current prices\)/)
  })
  it('says how 1-hour writes were assigned when several models wrote to the cache', () => {
    const r = json('sonnet-5-and-haiku__main-loop-split__0.9236.json')
    r.modelUsage['claude-haiku-4-5-20251001'].cacheCreationInputTokens = 4000
    const started = [{ type: 'system', subtype: 'init', model: 'claude-sonnet-5' }, r]
    const cost = priceRun(table, parseClaudeOutput(JSON.stringify(started), 'r.json'), DAY)
    expect(cost.notes).toEqual([
      "1-hour cache writes: the result's usage (the main loop) has 112,657, given to claude-sonnet-5 (the model the run started with); " +
        'the cache writes of claude-haiku-4-5-20251001 are priced at the 5-minute rate, the TTL Claude Code asks for on subagents and side requests'
    ])
    expect(cost.byModel[0].usd).toBeCloseTo((944 * 1 + 16 * 5 + 4000 * 1.25) / 1e6, 12)
  })
})

describe('results that are not a priced run', () => {
  it('an empty result (a slash command: no model, 0 tokens, $0) records $0 and says nothing', () => {
    const cost = price(json('slash-command__no-model__0.json'))
    expect({ usd: cost.usd, mismatch: cost.mismatch, notes: cost.notes }).toEqual({
      usd: 0,
      mismatch: undefined,
      notes: []
    })
  })
  it("the oldest shape (cost_usd, no total_cost_usd, no modelUsage) records Claude's cost_usd and says whose figure it is", () => {
    const oldest = {
      type: 'result',
      subtype: 'success',
      cost_usd: 0.0873,
      is_error: false,
      duration_ms: 20113,
      duration_api_ms: 19504,
      num_turns: 4,
      result: 'Done.',
      session_id: 'x'
    }
    const cost = price(oldest)
    expect({ usd: cost.usd, basis: cost.basis, claude: cost.claudeReportedUsd }).toEqual({
      usd: 0.0873,
      basis: 'claude-reported',
      claude: 0.0873
    })
    expect(cost.notes.join()).toMatch(
      /the actual is Claude's own cost_usd \(API-equivalent\), not priced with our table/
    )
  })
  it('a result with tokens but neither per-model usage nor a cost cannot be priced: the hold is kept as spent', () => {
    const bare = { type: 'result', subtype: 'success', usage: { input_tokens: 1200, output_tokens: 80 } }
    expect(() => price(bare)).toThrow(/cannot be priced/)
    const measured = measureActual({
      table,
      key: 'k',
      holdUsd: 0.42,
      usage: { kind: 'file', path: 'r.json', text: JSON.stringify(bare) },
      fallbackDay: DAY
    })
    expect(measured).toMatchObject({ outcome: 'unverified', actual: { usd: 0.42, unverified: true } })
    expect(measured.notices.join()).toMatch(/cannot be priced; the hold is kept as spent \(unverified\)/)
  })
})

describe('prices by effective date', () => {
  /** A Sonnet 5.5 run as Claude Code 2.1.285 reports it: cache reads at $0.20 per million. */
  const sonnet55 = (timestamp?: string) => {
    const usage = {
      inputTokens: 12,
      outputTokens: 900,
      cacheReadInputTokens: 400_000,
      cacheCreationInputTokens: 20_000
    }
    const claude = (12 * 2 + 900 * 10 + 400_000 * 0.2 + 20_000 * 2.5) / 1e6
    const init = {
      type: 'system',
      subtype: 'init',
      model: 'claude-sonnet-5-5',
      claude_code_version: '2.1.285'
    }
    const result = {
      type: 'result',
      subtype: 'success',
      total_cost_usd: claude,
      modelUsage: { 'claude-sonnet-5-5': { ...usage, costUSD: claude } },
      ...(timestamp ? { timestamp } : {})
    }
    return [init, result].map(m => JSON.stringify(m)).join('\n')
  }
  const at = (text: string) => priceRun(table, parseClaudeOutput(text, 'r.jsonl'), DAY)

  it('a run on 2026-09-30 is priced with the cache-read price then in force ($0.20), which the report names', () => {
    const cost = at(sonnet55('2026-09-30T10:00:00Z'))
    expect(cost.mismatch).toBeUndefined()
    expect(cost.pricedOn).toEqual({ day: '2026-09-30', from: "the result file's timestamps" })
    expect(cost.byModel[0].row).toBe('prices before 2026-10-07')
  })
  it('the same run on 2026-10-08 is priced at $0.10, and the CLI that still said $0.20 is flagged', () => {
    const cost = at(sonnet55('2026-10-08T10:00:00Z'))
    expect(cost.usd).toBeCloseTo((12 * 2 + 900 * 10 + 400_000 * 0.1 + 20_000 * 2.5) / 1e6, 12)
    expect(cost.byModel[0].row).toBe('prices since 2026-10-07')
    expect(cost.mismatch).toMatch(/prices in force on 2026-10-08/)
  })
  it('a file that does not say when it ran is priced by the day the caller gives, and says so', () => {
    const cost = priceRun(table, parseClaudeOutput(sonnet55(), 'r.jsonl'), {
      day: '2026-10-01',
      from: "the gate's hold"
    })
    expect(cost.pricedOn).toEqual({ day: '2026-10-01', from: "the gate's hold" })
    expect(cost.mismatch).toBeUndefined()
  })
})
