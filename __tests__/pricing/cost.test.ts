import { describe, expect, it } from '@jest/globals'
import { builtInTable, mergeTables, parseTableJson, resolveModel } from '../../src/pricing/table.js'
import { priceUsage } from '../../src/pricing/cost.js'
import { NO_USAGE } from '../../src/pricing/cost.js'
import { pricesOn } from '../../src/pricing/dated.js'

const table = builtInTable()

/** A user's pricing file adding one model, `claude-internal-1`, with `extra` fields on it. */
const contract = (extra: object = {}) =>
  parseTableJson(
    JSON.stringify({
      asOf: '2026-12-01',
      source: 'our contract',
      models: [
        {
          id: 'claude-internal-1',
          prices: { input: 1, output: 2, cacheWrite5m: 1.25, cacheWrite1h: 2, cacheRead: 0.1 },
          ...extra
        }
      ]
    }),
    'pricing-file p.json'
  )

describe('price table', () => {
  it('covers every model of Claude Code 2.1.331 and says its date', () => {
    expect(table.models).toHaveLength(24)
    expect(table.asOf).toBe('2026-11-23')
  })
  it.each([
    ['sonnet', 'claude-sonnet-5-5'],
    ['OPUS', 'claude-opus-5-5'],
    ['fable', 'claude-fable-5-2'],
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5'],
    ['eu.anthropic.claude-haiku-4-5-20251001-v1:0', 'claude-haiku-4-5'],
    ['claude-sonnet-4-5@20250929', 'claude-sonnet-4-5'],
    ['claude-opus-4-8[1m]', 'claude-opus-4-8'],
    ['claude-opus-5', 'claude-opus-5']
  ])('resolves %s to %s', (name, id) => {
    expect(resolveModel(table, name).id).toBe(id)
  })
  it('refuses an unknown model and lists the nearest known ids', () => {
    expect(() => resolveModel(table, 'claude-sonet-4-5')).toThrow(
      /^model: unknown model "claude-sonet-4-5"; nearest known: claude-sonnet-4-5/
    )
  })
  it('lets a pricing file add a model and names a bad field', () => {
    const file = contract()
    const merged = mergeTables(table, file)
    expect(resolveModel(merged, 'claude-internal-1').prices.output).toBe(2)
    expect(resolveModel(merged, 'sonnet').id).toBe('claude-sonnet-5-5')
    expect(() =>
      parseTableJson(
        JSON.stringify({ asOf: '2026-12-01', source: 's', models: [{ id: 'x', prices: { input: 'x' } }] }),
        'pricing-file p.json'
      )
    ).toThrow(
      'pricing-file p.json: models[0].prices.input: expected a number of USD per million tokens, got "x"'
    )
  })
})

describe('priceUsage', () => {
  it('prices 1h writes at 2x input and 5m at 1.25x', () => {
    const m = resolveModel(table, 'claude-sonnet-4-5')
    const u = { ...NO_USAGE, cacheWrite5mTokens: 1e6, cacheWrite1hTokens: 1e6 }
    expect(priceUsage(m, u).usd).toBeCloseTo(3.75 + 6, 10)
  })
  it('switches Haiku 5.5 to its long-prompt row above 100k prompt tokens, output included', () => {
    const m = resolveModel(table, 'claude-haiku-5-5')
    const u = { ...NO_USAGE, inputTokens: 100_001, outputTokens: 1000 }
    const p = priceUsage(m, u)
    expect(p.row).toBe('long-prompt')
    expect(p.usd).toBeCloseTo((100_001 * 0.5 + 1000 * 2.5) / 1e6, 12)
  })
  it('adds 10% for US-only inference on tokens but not on web searches', () => {
    const m = resolveModel(table, 'claude-opus-5')
    const u = { ...NO_USAGE, inputTokens: 1e6, webSearchRequests: 2 }
    expect(priceUsage(m, u, { geo: 'us' }).usd).toBeCloseTo(5 * 1.1 + 0.02, 10)
  })
  it('uses the fast-mode row when the response ran fast', () => {
    const m = resolveModel(table, 'claude-opus-5-5')
    expect(priceUsage(m, { ...NO_USAGE, outputTokens: 1e6 }, { speed: 'fast' }).usd).toBeCloseTo(40, 10)
  })
})

describe('prices by effective date', () => {
  it("carries Sonnet 5.5's cache-read change of 2026-10-07 ($0.20 → $0.10) with where it comes from", () => {
    const m = resolveModel(table, 'sonnet')
    expect(pricesOn(m, '2026-10-06')).toMatchObject({
      row: 'prices before 2026-10-07',
      model: { prices: { cacheRead: 0.2 } }
    })
    expect(pricesOn(m, '2026-10-07')).toMatchObject({
      row: 'prices since 2026-10-07',
      model: { prices: { cacheRead: 0.1 } }
    })
    expect(m.earlier[0].source).toMatch(/reference\/price-history\.json/)
  })
  it('lets a pricing file date its own rows, oldest first', () => {
    const file = contract({
      pricesSince: '2026-09-01',
      earlier: [
        {
          until: '2026-06-01',
          source: 'contract v1',
          prices: { input: 4, output: 8, cacheWrite5m: 5, cacheWrite1h: 8, cacheRead: 0.4 }
        },
        {
          until: '2026-09-01',
          source: 'contract v2',
          prices: { input: 2, output: 4, cacheWrite5m: 2.5, cacheWrite1h: 4, cacheRead: 0.2 }
        }
      ]
    })
    const m = resolveModel(mergeTables(table, file), 'claude-internal-1')
    expect(
      ['2026-05-31', '2026-06-01', '2026-08-31', '2026-09-01'].map(d => pricesOn(m, d).model.prices.input)
    ).toEqual([4, 2, 2, 1])
    expect(() =>
      contract({ earlier: [{ until: 'soon', source: 's', prices: file.models[0].prices }] })
    ).toThrow('pricing-file p.json: models[0].earlier[0].until: expected a date, YYYY-MM-DD, got "soon"')
  })
})
