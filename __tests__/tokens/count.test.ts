import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import { countTokens, createTokenCounter } from '../../src/tokens/index.js'
import { countWithFallback } from '../../src/steps/estimate.js'
import { chunkClass } from '../../src/tokens/chunk-class.js'
import factors from '../../src/tokens/factors.json' with { type: 'json' }
import {
  CI_CATEGORIES,
  MIN_TOKENS,
  fitFactors,
  fitHalfWidths,
  leaveOneOut,
  loadSamples
} from '../../scripts/token-fit.js'

const KEY = 'sk-ant-api03-secret'
let server: Server
let base: string
let answer: (body: { model: string; messages: Array<{ content: string }> }) => [number, string] = () => [
  200,
  '{}'
]

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = ''
    req.on('data', d => (text += d))
    req.on('end', () => {
      if (req.url !== '/v1/messages/count_tokens' || req.headers['x-api-key'] !== KEY) {
        res.writeHead(401).end('{"type":"error","error":{"type":"authentication_error"}}')
        return
      }
      const [status, body] = answer(JSON.parse(text))
      if (status === 0) return // never answer: the client's timeout must fire
      res.writeHead(status, { 'content-type': 'application/json' }).end(body)
    })
  })
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise(r => server.close(r))
})

const ask = (apiKey = KEY) =>
  countWithFallback({
    apiKey,
    baseUrl: base,
    model: 'claude-haiku-4-5',
    text: 'hello world',
    family: 'A'
  })

const samples = loadSamples().filter(s => s.expected >= MIN_TOKENS)
const relError = (s: { text: string; expected: number }) =>
  Math.abs(countTokens(s.text, 'A').tokens - s.expected) / s.expected
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(0.9 * xs.length) - 1]
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

describe('token counts', () => {
  it('are within 3% on average (p90 7%) of Claude on the text CI prompts are made of', () => {
    const ci = samples.filter(s => CI_CATEGORIES.has(s.category)).map(relError)
    expect(ci.length).toBe(30)
    expect(mean(ci)).toBeLessThanOrEqual(0.03)
    expect(p90(ci)).toBeLessThanOrEqual(0.07)
    expect(mean(samples.map(relError))).toBeLessThanOrEqual(0.08)
  })
  it('stay as accurate on a text the factors were not fitted on (leave-one-out)', () => {
    const held = leaveOneOut(samples).filter(r => CI_CATEGORIES.has(r.sample.category))
    const errs = held.map(r => Math.abs(r.point - r.sample.expected) / r.sample.expected)
    expect(mean(errs)).toBeLessThanOrEqual(0.03)
    expect(p90(errs)).toBeLessThanOrEqual(0.07)
  })
  it('hold the true count inside the interval for at least 90% of texts in every category', () => {
    for (const category of new Set(samples.map(s => s.category))) {
      const of = samples.filter(s => s.category === category)
      const inside = of.filter(s => {
        const c = countTokens(s.text, 'A')
        return s.expected >= c.low && s.expected <= c.high
      })
      // Labelled so a failure names the category.
      expect({ category, covered: inside.length / of.length >= 0.9 }).toEqual({ category, covered: true })
    }
  })
  it('use the factors and half-widths that npm run fit:tokens derives from the calibration set', () => {
    const round = (x: number) => Math.round(x * 1000) / 1000
    expect(fitFactors(samples).map(round)).toEqual(Object.values(factors.familyA.factor))
    expect(fitHalfWidths(leaveOneOut(samples), factors.familyA.absTokens).map(round)).toEqual(
      Object.values(factors.familyA.halfWidth)
    )
  })
  it('count a string Claude encodes as one token as one token', () => {
    for (const t of [' the', 'function', ' België', '000', '    ', ' («']) {
      expect({ t, n: countTokens(t, 'A').tokens }).toEqual({ t, n: 1 })
    }
  })
  it('bracket each chunk between a tiling that overcounts and one that undercounts', () => {
    const counter = createTokenCounter()
    const r = counter.raw('const latency = await measureThroughput(99.5, "bottleneck") // annotated')
    r.upper.forEach((u, i) => expect(u).toBeGreaterThanOrEqual(r.lower[i]))
    expect(r.upper.reduce((a, b) => a + b)).toBeGreaterThan(r.lower.reduce((a, b) => a + b))
  })
  it('classify chunks by what they are made of', () => {
    expect(['word', ' σ', ' 42', '  ', ' {', ' ≤', ' مرحبا', ' 機械', '😀'].map(chunkClass)).toEqual([
      'word',
      'word',
      'digits',
      'space',
      'punct',
      'symbol',
      'script',
      'cjk',
      'emoji'
    ])
  })
  it('give the same count with a fresh cache or a warm one', () => {
    const text = readFileSync('src/tokens/index.ts', 'utf8')
    const warm = createTokenCounter()
    warm.count(text, 'A')
    expect(warm.count(text, 'A')).toEqual(createTokenCounter().count(text, 'A'))
    expect(countTokens(text + '\n\n' + text, 'A').tokens).toBeGreaterThan(1.9 * countTokens(text, 'A').tokens)
  })
  it('count more tokens for prose on the newer tokenizer family', () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(20)
    expect(countTokens(text, 'B').tokens).toBeGreaterThan(countTokens(text, 'A').tokens * 1.3)
    expect(countTokens('', 'A').tokens).toBe(0)
  })
  it('use count_tokens when a key is given', async () => {
    answer = body => [200, JSON.stringify({ input_tokens: body.messages[0].content.length + 7 })]
    expect(await ask()).toEqual({ count: { tokens: 18, low: 18, high: 18, family: 'A', method: 'api' } })
  })
  it.each([
    ['a rejected key', () => [401, '{}'], 'sk-wrong'],
    ['a server error', () => [500, '{}'], KEY],
    ['garbage', () => [200, 'not json'], KEY],
    ['no input_tokens', () => [200, '{"tokens":3}'], KEY]
  ] as const)('fall back to the offline count on %s, without printing the key', async (_name, reply, key) => {
    answer = reply as unknown as typeof answer
    const r = await ask(key)
    expect(r.count.method).toBe('offline')
    expect(r.notice).toMatch(/^count_tokens unavailable \(.+\); using the offline count$/)
    expect(r.notice).not.toContain(key)
  })
})
