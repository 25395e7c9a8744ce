import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import { countTokens, countWithFallback } from '../../src/tokens/index.js'

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
    family: 'A',
    offline: countTokens
  })

describe('token counts', () => {
  it('hold the true count of calibration texts inside the interval most of the time', () => {
    const cal = JSON.parse(readFileSync('../shared/reference/tokens/haiku-4-5.calibration.json', 'utf8'))
    const ci = cal.samples.filter((s: { category: string }) =>
      ['english-prose', 'code-python', 'code-js', 'structured', 'urls', 'numbers'].includes(s.category)
    )
    const inside = ci.filter((s: { text: string; expected: number }) => {
      const c = countTokens(s.text, 'A')
      return s.expected >= c.low && s.expected <= c.high
    })
    expect(inside.length / ci.length).toBeGreaterThanOrEqual(0.9)
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
