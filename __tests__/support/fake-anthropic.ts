/**
 * A scripted fake of the Anthropic Messages API on 127.0.0.1 for running the real Claude Code CLI.
 * Streams server-sent events like the API (non-streaming JSON when `stream` is false). Usage is
 * computed from each request: bytes/4 tokens, split at the last cache breakpoint the CLI sent — what the
 * previous request cached is read, the rest up to the breakpoint is written (TTL from the breakpoint),
 * the tail after it is plain input. Every request and the usage returned are logged.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolveModel } from '../../src/pricing/table.js'
import { priceUsage } from '../../src/pricing/cost.js'
import type { PriceTable } from '../../src/pricing/types.js'

interface Block {
  type?: string
  text?: string
  cache_control?: { type: string; ttl?: string }
  [k: string]: unknown
}

export interface LoggedCall {
  model: string
  systemBytes: number
  toolsBytes: number
  messagesBytes: number
  usage: {
    input_tokens: number
    cache_read_input_tokens: number
    cache_creation_input_tokens: number
    cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number }
    output_tokens: number
  }
}

const tokens = (bytes: number) => Math.ceil(bytes / 4)
const size = (v: unknown) => Buffer.byteLength(JSON.stringify(v ?? ''))

/** Bytes up to and including the last block with cache_control (system first, then messages), and its TTL. */
function breakpoint(body: {
  system?: Block[] | string
  messages: Array<{ content: Block[] | string }>
  tools?: unknown[]
}) {
  let offset = size(body.tools)
  let last = 0
  let ttl = '5m'
  const blocks: Block[] = [
    ...(Array.isArray(body.system) ? body.system : [{ type: 'text', text: String(body.system ?? '') }]),
    ...body.messages.flatMap(m =>
      Array.isArray(m.content) ? m.content : [{ type: 'text', text: m.content }]
    )
  ]
  for (const b of blocks) {
    offset += size(b)
    if (b.cache_control) {
      last = offset
      ttl = b.cache_control.ttl ?? '5m'
    }
  }
  return { cachedUpTo: last, total: offset, ttl }
}

export class FakeAnthropic {
  private server?: Server
  readonly calls: LoggedCall[] = []
  private previousPrefix = 0
  /** What each turn answers: a Bash tool call first, then a final text. */
  script: Array<{ tool?: string; text?: string }> = [{ tool: 'echo hi' }, { text: 'All good.' }]
  /**
   * Extra response headers for call `i` (e.g. a subscription's `anthropic-ratelimit-unified-*`), and
   * a status to answer instead of a message (429 with a rate_limit_error body, as the API does), or
   * `hang`: never answer (the client is stopped mid-run while it waits; nothing is billed or logged).
   */
  respond: (i: number) => { status?: number; headers?: Record<string, string>; hang?: boolean } = () => ({})

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let text = ''
      req.on('data', d => (text += d))
      req.on('end', () => {
        if (
          req.method !== 'POST' ||
          !req.url?.startsWith('/v1/messages') ||
          req.url.startsWith('/v1/messages/count_tokens')
        ) {
          res
            .writeHead(404, { 'content-type': 'application/json' })
            .end('{"type":"error","error":{"type":"not_found_error","message":"not found"}}')
          return
        }
        const body = JSON.parse(text)
        const answer = this.respond(this.calls.length)
        if (answer.hang) return
        if (answer.status && answer.status !== 200) {
          this.calls.push({
            model: body.model,
            systemBytes: size(body.system),
            toolsBytes: size(body.tools),
            messagesBytes: size(body.messages),
            usage: {
              input_tokens: 0,
              cache_read_input_tokens: 0,
              cache_creation_input_tokens: 0,
              cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
              output_tokens: 0
            }
          })
          res
            .writeHead(answer.status, { ...answer.headers, 'content-type': 'application/json' })
            .end('{"type":"error","error":{"type":"rate_limit_error","message":"Rate limited"}}')
          return
        }
        const bp = breakpoint(body)
        const read = Math.min(this.previousPrefix, bp.cachedUpTo)
        const write = bp.cachedUpTo - read
        this.previousPrefix = bp.cachedUpTo
        const step = this.script[Math.min(this.calls.length, this.script.length - 1)]
        const content = step.tool
          ? [
              {
                type: 'tool_use',
                id: `toolu_${this.calls.length}`,
                name: 'Bash',
                input: { command: step.tool, description: 'Say hi' }
              }
            ]
          : [{ type: 'text', text: step.text ?? 'ok' }]
        const usage = {
          input_tokens: tokens(bp.total - bp.cachedUpTo),
          cache_read_input_tokens: tokens(read),
          cache_creation_input_tokens: tokens(write),
          cache_creation: {
            ephemeral_5m_input_tokens: bp.ttl === '1h' ? 0 : tokens(write),
            ephemeral_1h_input_tokens: bp.ttl === '1h' ? tokens(write) : 0
          },
          output_tokens: 20 + size(content) // deterministic: what we send back
        }
        this.calls.push({
          model: body.model,
          systemBytes: size(body.system),
          toolsBytes: size(body.tools),
          messagesBytes: size(body.messages),
          usage
        })
        const stop = step.tool ? 'tool_use' : 'end_turn'
        const message = {
          id: `msg_${this.calls.length}`,
          type: 'message',
          role: 'assistant',
          model: body.model,
          stop_sequence: null
        }
        if (!body.stream) {
          res
            .writeHead(200, { ...answer.headers, 'content-type': 'application/json' })
            .end(JSON.stringify({ ...message, content, stop_reason: stop, usage }))
          return
        }
        res.writeHead(200, { ...answer.headers, 'content-type': 'text/event-stream' })
        const ev = (type: string, data: object) =>
          res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`)
        ev('message_start', {
          message: { ...message, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } }
        })
        content.forEach((block, index) => {
          if ('input' in block) {
            ev('content_block_start', { index, content_block: { ...block, input: {} } })
            ev('content_block_delta', {
              index,
              delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) }
            })
          } else {
            ev('content_block_start', { index, content_block: { type: 'text', text: '' } })
            ev('content_block_delta', {
              index,
              delta: { type: 'text_delta', text: 'text' in block ? block.text : '' }
            })
          }
          ev('content_block_stop', { index })
        })
        ev('message_delta', {
          delta: { stop_reason: stop, stop_sequence: null },
          usage: { output_tokens: usage.output_tokens }
        })
        ev('message_stop', {})
        res.end()
      })
    })
    await new Promise<void>(r => this.server?.listen(0, '127.0.0.1', r))
    return this
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>(r => this.server?.close(() => r()))
  }
}

/** The logged calls' usage, priced request by request with `table`: what Claude should report for them. */
export function pricedCalls(calls: LoggedCall[], table: PriceTable): number {
  return calls.reduce((sum, c) => {
    const u = c.usage
    return (
      sum +
      priceUsage(resolveModel(table, c.model), {
        inputTokens: u.input_tokens,
        outputTokens: u.output_tokens,
        cacheReadTokens: u.cache_read_input_tokens,
        cacheWrite5mTokens: u.cache_creation.ephemeral_5m_input_tokens,
        cacheWrite1hTokens: u.cache_creation.ephemeral_1h_input_tokens,
        webSearchRequests: 0
      }).usd
    )
  }, 0)
}
