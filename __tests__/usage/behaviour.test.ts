import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parseClaudeOutput } from '../../src/usage/parse.js'
import { actualFromText } from '../../src/usage/measure.js'
import { priceRun } from '../../src/usage/cost.js'
import { builtInTable } from '../../src/pricing/table.js'

const fixture = (name: string) => readFileSync(`__tests__/fixtures/${name}`, 'utf8')
const table = builtInTable()

/** A main-loop assistant message as stream-json prints it (usage from the start of the message). */
const assistant = (id: string, read: number, write: number, extra: Record<string, unknown> = {}) => ({
  type: 'assistant',
  parent_tool_use_id: null,
  message: {
    id,
    model: 'claude-sonnet-4-5',
    usage: {
      input_tokens: 0,
      cache_read_input_tokens: read,
      cache_creation_input_tokens: write,
      cache_creation: { ephemeral_5m_input_tokens: write, ephemeral_1h_input_tokens: 0 },
      output_tokens: 1
    }
  },
  ...extra
})
const result = {
  type: 'result',
  subtype: 'success',
  num_turns: 6,
  usage: {
    output_tokens: 900,
    cache_creation: { ephemeral_5m_input_tokens: 1, ephemeral_1h_input_tokens: 0 }
  },
  modelUsage: {}
}
const ndjson = (messages: unknown[]) => messages.map(m => JSON.stringify(m)).join('\n')

describe('what a result file tells about how the run behaved', () => {
  it.each(['stream.jsonl', 'claude-execution-output.json'])(
    '%s: requests deduplicated by message id, growth, output, TTL and side share',
    name => {
      const actual = actualFromText(table, fixture(name), name, { day: '2026-11-24', from: 'the test' })
      // Two requests (the first printed twice, once per content block): 21,503 then 23,402 tokens sent.
      expect(actual.behaviour).toMatchObject({
        requests: 2,
        growthTokens: 23_402 - 21_503,
        outputTokens: 600,
        cacheTtl: '1h',
        cacheMisses: 0,
        readBack: 21_500 / 21_503
      })
      const byModel = priceRun(table, parseClaudeOutput(fixture(name), name), {
        day: '2026-11-24',
        from: 'the test'
      }).byModel
      const main = byModel.find(m => m.model === 'claude-sonnet-5-5')!.usd
      const side = byModel.find(m => m.model === 'claude-haiku-5-5')!.usd
      expect(actual.behaviour!.sideShare).toBeCloseTo(side / main, 12)
    }
  )
  it('a single JSON result has no per-request series, but still says output and TTL', () => {
    const run = parseClaudeOutput(fixture('result-success.json'), 'r.json')
    expect(run.behaviour).toEqual({ outputTokens: expect.any(Number), cacheTtl: '1h' })
  })
  it('leaves subagent messages out of the main loop', () => {
    const text = ndjson([
      assistant('a', 0, 20_000),
      assistant('sub', 0, 15_000, { parent_tool_use_id: 'toolu_1' }),
      assistant('b', 20_000, 3_000),
      result
    ])
    expect(parseClaudeOutput(text, 's.jsonl').behaviour).toMatchObject({ requests: 2, growthTokens: 3_000 })
  })
  it('counts a request that found the cache expired as a TTL gap, and leaves it out of the read-back share', () => {
    const text = ndjson([
      assistant('a', 0, 20_000),
      assistant('b', 19_000, 3_000), // reads back 19,000 of 20,000
      assistant('c', 0, 24_000), // the cache expired: everything written again
      assistant('d', 24_000, 1_000),
      result
    ])
    const b = parseClaudeOutput(text, 's.jsonl').behaviour!
    expect(b).toMatchObject({ requests: 4, cacheMisses: 1, cacheTtl: '5m', outputTokens: 900 })
    expect(b.readBack).toBeCloseTo((19_000 + 24_000) / (20_000 + 24_000), 12)
  })
  it('counts only increases as growth: a compaction shrinks the context', () => {
    const text = ndjson([
      assistant('a', 0, 100_000),
      assistant('b', 100_000, 50_000),
      assistant('c', 20_000, 10_000), // compacted
      assistant('d', 30_000, 5_000),
      result
    ])
    expect(parseClaudeOutput(text, 's.jsonl').behaviour!.growthTokens).toBe(50_000 + 5_000)
  })
  it('says nothing about the TTL when the API did not split the writes', () => {
    const old = { ...result, usage: { output_tokens: 10 } }
    const msg = assistant('a', 0, 20_000)
    delete (msg.message.usage as Record<string, unknown>).cache_creation
    expect(parseClaudeOutput(ndjson([msg, old]), 's.jsonl').behaviour!.cacheTtl).toBeUndefined()
  })
})

/** A model's row in a result's modelUsage. */
const usageRow = (input: number, output: number, read = 0, write = 0) => ({
  inputTokens: input,
  outputTokens: output,
  cacheReadInputTokens: read,
  cacheCreationInputTokens: write
})

describe('what a settled run records about its fan-out and its first request', () => {
  it('the first request’s real size, the uncached input and the subagents the main loop started', () => {
    const first = assistant('a', 12_000, 40_000)
    first.message.usage.input_tokens = 7
    const text = ndjson([
      first,
      assistant('sub1', 0, 15_000, { parent_tool_use_id: 'toolu_1' }),
      assistant('sub1b', 15_000, 500, { parent_tool_use_id: 'toolu_1' }),
      assistant('sub2', 0, 15_000, { parent_tool_use_id: 'toolu_2' }),
      assistant('b', 52_000, 3_000),
      result
    ])
    expect(parseClaudeOutput(text, 's.jsonl').behaviour).toMatchObject({
      requests: 2,
      firstRequestTokens: 52_007,
      uncachedInputTokens: 7,
      subagents: 2
    })
  })
  const twoModels = (first: 'haiku' | 'sonnet') => {
    const rows = {
      'claude-haiku-4-5-20251001': usageRow(5_000, 16_000, 188_000, 229_000),
      'claude-sonnet-4-5-20250929': usageRow(5, 6_000, 120_000, 36_000)
    }
    const modelUsage =
      first === 'haiku'
        ? rows
        : {
            'claude-sonnet-4-5-20250929': rows['claude-sonnet-4-5-20250929'],
            'claude-haiku-4-5-20251001': rows['claude-haiku-4-5-20251001']
          }
    return JSON.stringify({ ...result, modelUsage })
  }
  it('records the model the gate estimated as the main model, not the first of modelUsage', () => {
    // Haiku comes first and wrote more output (its subagents), but the gate estimated Sonnet.
    const a = actualFromText(
      table,
      twoModels('haiku'),
      'r.json',
      { day: '2026-11-24', from: 'the test' },
      'claude-sonnet-4-5'
    )
    expect(a.mainModel).toBe('claude-sonnet-4-5-20250929')
    expect(a.sideModels).toEqual([{ model: 'claude-haiku-4-5-20251001', usd: expect.any(Number) }])
    const haiku = a.byModel!.find(m => m.model.startsWith('claude-haiku'))!.usd
    const sonnet = a.byModel!.find(m => m.model.startsWith('claude-sonnet'))!.usd
    expect(a.behaviour?.fanOutUsd).toBeCloseTo(haiku, 12)
    expect(a.behaviour?.sideShare).toBeCloseTo(haiku / sonnet, 12)
  })
  it('without a gate, takes the model the main loop’s requests name, else the one with most output', () => {
    const withLoop = ndjson([assistant('a', 0, 20_000), { ...JSON.parse(twoModels('haiku')) }])
    expect(
      actualFromText(table, withLoop, 's.jsonl', { day: '2026-11-24', from: 'the test' }).mainModel
    ).toBe('claude-sonnet-4-5-20250929')
    for (const order of ['haiku', 'sonnet'] as const)
      expect(
        actualFromText(table, twoModels(order), 'r.json', { day: '2026-11-24', from: 'the test' }).mainModel
      ).toBe('claude-haiku-4-5-20251001')
  })
})
