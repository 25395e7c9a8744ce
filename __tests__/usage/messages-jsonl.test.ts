/**
 * Usage from any Claude client: a JSONL of Messages API responses (or their usage with the model), as a
 * Python or third-party app logs it, priced request by request with the same table as Claude Code's
 * results, recorded against a hold by `record`, and anything else refused in one line.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { builtInTable, resolveModel } from '../../src/pricing/table.js'
import { pricesOn } from '../../src/pricing/dated.js'
import { actualFromText } from '../../src/usage/measure.js'
import { fileLedgerCli, runCli } from '../support/cli.js'
import { tempDir } from '../support/temp-dirs.js'

const table = builtInTable()
const DAY = { day: '2026-11-24', from: 'the test' }
const NOW = new Date('2026-11-24T12:00:00Z')

/** A Messages API response as the API returns it (content left out: it is not priced). */
function response(id: string, model: string, usage: Record<string, unknown>) {
  return { id, type: 'message', role: 'assistant', model, content: [], stop_reason: 'end_turn', usage }
}

/** The rate of one token class of `model` on DAY (USD per million), the long-prompt row when asked. */
function rate(
  model: string,
  cls: 'input' | 'output' | 'cacheRead' | 'cacheWrite5m' | 'cacheWrite1h',
  long = false
) {
  const m = pricesOn(resolveModel(table, model), DAY.day).model
  return (long ? m.longPrompt?.prices : m.prices)![cls] / 1e6
}

const log = (lines: unknown[]) => lines.map(l => JSON.stringify(l)).join('\n') + '\n'

describe('a usage log of Messages API responses', () => {
  const sonnet = 'claude-sonnet-4-5'
  const first = response('msg_1', sonnet, {
    input_tokens: 10,
    output_tokens: 200,
    cache_read_input_tokens: 0,
    cache_creation_input_tokens: 3000,
    cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 2000 }
  })
  const second = response('msg_2', sonnet, {
    input_tokens: 5,
    output_tokens: 100,
    cache_read_input_tokens: 3000,
    cache_creation_input_tokens: 400
  })
  const expected =
    10 * rate(sonnet, 'input') +
    200 * rate(sonnet, 'output') +
    1000 * rate(sonnet, 'cacheWrite5m') +
    2000 * rate(sonnet, 'cacheWrite1h') +
    5 * rate(sonnet, 'input') +
    100 * rate(sonnet, 'output') +
    3000 * rate(sonnet, 'cacheRead') +
    400 * rate(sonnet, 'cacheWrite5m')

  it('is priced per class with the table, 1-hour writes at the 1-hour rate, unsplit writes at the 5-minute rate', () => {
    const a = actualFromText(table, log([first, second]), 'usage.jsonl', DAY)
    expect(a.format).toBe('messages-jsonl')
    expect(a.usd).toBeCloseTo(expected, 12)
    expect(a.tokens).toMatchObject({
      cacheWrite5mTokens: 1400,
      cacheWrite1hTokens: 2000,
      cacheReadTokens: 3000
    })
    expect(a).toMatchObject({ turns: 2, basis: 'our-prices', priceTableAsOf: table.asOf, unverified: false })
  })

  it('prices the same from usage objects with the model, and counts a response logged twice once', () => {
    const usageOnly = [first, second].map(r => ({ model: r.model, usage: r.usage, id: r.id }))
    expect(actualFromText(table, log(usageOnly), 'u.jsonl', DAY).usd).toBeCloseTo(expected, 12)
    expect(actualFromText(table, log([first, second, second]), 'u.jsonl', DAY).usd).toBeCloseTo(expected, 12)
  })

  it('picks the long-prompt row request by request, as the API bills it', () => {
    const haiku = 'claude-haiku-5-5'
    const above = resolveModel(table, haiku).longPrompt!.aboveTokens
    const small = { input_tokens: Math.floor(above * 0.6), output_tokens: 10 }
    const big = { input_tokens: above + 1, output_tokens: 10 }
    const two = actualFromText(
      table,
      log([response('a', haiku, small), response('b', haiku, small)]),
      'h.jsonl',
      DAY
    )
    // Together the two exceed the threshold; each alone does not, so both are standard-rate requests.
    expect(two.usd).toBeCloseTo(
      2 * (small.input_tokens * rate(haiku, 'input') + 10 * rate(haiku, 'output')),
      12
    )
    const long = actualFromText(table, log([response('c', haiku, big)]), 'h.jsonl', DAY)
    expect(long.usd).toBeCloseTo(
      big.input_tokens * rate(haiku, 'input', true) + 10 * rate(haiku, 'output', true),
      12
    )
    expect(long.byModel?.[0].row).toMatch(/long-prompt row/)
  })

  it('prices by the day the log says it ran when its lines carry a timestamp', () => {
    const stamped = { model: sonnet, usage: second.usage, timestamp: '2026-11-20T08:00:00Z' }
    expect(actualFromText(table, log([stamped]), 'u.jsonl', DAY).pricedOn).toEqual({
      day: '2026-11-20',
      from: "the log's timestamps"
    })
  })

  it.each([
    [
      'an unknown model',
      log([response('x', 'claude-nonexistent-9', { input_tokens: 1, output_tokens: 1 })]),
      /^model: unknown model "claude-nonexistent-9"; nearest known: /
    ],
    [
      'a line without usage',
      log([first, { model: sonnet, text: 'hi' }]),
      /^usage-file: u\.jsonl line 2 has a bad usage \(.*\); expected one JSON object per line: a Messages API response/
    ],
    [
      'a line that is not JSON',
      log([first]) + 'oops\n',
      /^usage-file: u\.jsonl line 2 is not JSON; expected one JSON object per line/
    ],
    [
      'negative token counts',
      log([{ model: sonnet, usage: { input_tokens: -5, output_tokens: 1 } }]),
      /^usage-file: u\.jsonl line 1 has a bad usage\.input_tokens/
    ]
  ])('refuses %s in one line', (_, text, message) => {
    let thrown: unknown
    try {
      actualFromText(table, text, 'u.jsonl', DAY)
    } catch (error) {
      thrown = error
    }
    const problems = (thrown as { problems: string[] }).problems
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(message)
  })

  it('is recorded against a hold by `record --usage-file`, like a Claude result', async () => {
    const l = fileLedgerCli(NOW)
    expect((await l.gate('91')).code).toBe(0)
    writeFileSync(join(l.dir, 'usage.jsonl'), log([first, second]))
    const r = await l.cli(['record', '--run-id', '91', '--usage-file', 'usage.jsonl', '--json'])
    expect(r.code).toBe(0)
    const ledger = readdirSync(l.dir).find(f => /^ledger\..+\.json$/.test(f)) as string
    const entry = JSON.parse(readFileSync(join(l.dir, ledger), 'utf8')).entries[0]
    expect(entry.status).toBe('settled')
    expect(entry.actualUsd).toBeCloseTo(expected, 9)
  })

  it('is priced by `cost --usage-file`, the same figure record settles, no ledger', async () => {
    const dir = tempDir('cost-log')
    writeFileSync(join(dir, 'usage.jsonl'), log([first, second]))
    const r = await runCli(['cost', '--usage-file', 'usage.jsonl', '--json'], { cwd: dir, now: NOW })
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    const c = JSON.parse(r.out)
    expect(c).toMatchObject({ format: 'messages-jsonl', basis: 'our-prices', turns: 2 })
    expect(c.usd).toBeCloseTo(expected, 9)
    expect(c.byModel).toEqual([expect.objectContaining({ model: sonnet, resolvedId: sonnet })])
  })

  it('a file that is neither Claude output nor a usage log is refused in one line naming both shapes', () => {
    expect(() =>
      actualFromText(table, log([{ hello: 'world' }, { hello: 'again' }]), 'x.jsonl', DAY)
    ).toThrow(
      /^usage-file: x\.jsonl is not Claude output .* or a JSONL of Messages API responses \(docs\/recipes\.md\)$/
    )
  })
})
