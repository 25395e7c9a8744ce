/**
 * What a Claude result file tells about how the main agent loop behaved: how many API requests it
 * made, how fast its context grew, how much it wrote, which cache TTL its writes went to and how often
 * the cache had expired. History learns these per job (docs/estimation.md).
 *
 * The per-request series comes from the `assistant` messages of stream-json, `--verbose` JSON and
 * claude-code-action's execution file. Each message is repeated once per content block under the
 * same `message.id`, with the usage from the start of the message: its input side (input + cache
 * read + cache write) is final there, its output is not, so output comes from the result's `usage`.
 */
import type { RunBehaviour } from './types.js'

/** A request reading back less than this share of the previous request hit an expired cache. */
const MISS_BELOW = 0.5
/** Contexts this small are under every model's minimum cacheable length: never counted as a miss. */
const CACHEABLE_MIN = 1024

interface Usage {
  input_tokens?: number
  cache_read_input_tokens?: number
  cache_creation_input_tokens?: number
  output_tokens?: number
  cache_creation?: { ephemeral_5m_input_tokens?: number; ephemeral_1h_input_tokens?: number } | null
}

interface Request {
  context: number
  read: number
  /** Input tokens sent past the last cache breakpoint: neither read nor written. */
  uncached: number
  /** 5-minute and 1-hour writes, when the API reported the split (undefined when it did not). */
  split?: { write5m: number; write1h: number }
}

const count = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.floor(n) : 0)

/**
 * The main loop's requests in order: subagent messages (parent_tool_use_id set) left out, and counted
 * apart as the subagents they belong to (one per Task/Agent call).
 */
function mainLoopRequests(messages: unknown[]): { requests: Request[]; model?: string; subagents: number } {
  const seen = new Set<string>()
  const parents = new Set<string>()
  const requests: Request[] = []
  let model: string | undefined
  for (const m of messages) {
    const msg = m as {
      type?: unknown
      parent_tool_use_id?: unknown
      message?: { id?: unknown; model?: unknown; usage?: Usage }
    }
    if (msg?.type !== 'assistant') continue
    if (msg.parent_tool_use_id) {
      if (typeof msg.parent_tool_use_id === 'string') parents.add(msg.parent_tool_use_id)
      continue
    }
    const id = msg.message?.id
    const usage = msg.message?.usage
    if (typeof id !== 'string' || !usage || seen.has(id)) continue
    seen.add(id)
    if (typeof msg.message?.model === 'string') model ??= msg.message.model
    const read = count(usage.cache_read_input_tokens)
    const write = count(usage.cache_creation_input_tokens)
    const oneHour = Math.min(write, count(usage.cache_creation?.ephemeral_1h_input_tokens))
    requests.push({
      context: count(usage.input_tokens) + read + write,
      read,
      uncached: count(usage.input_tokens),
      split: usage.cache_creation ? { write5m: write - oneHour, write1h: oneHour } : undefined
    })
  }
  return { requests, model, subagents: parents.size }
}

/** The bucket most of the writes went to; undefined when nothing says (no writes, or no split). */
function ttlOf(write5m: number, write1h: number): RunBehaviour['cacheTtl'] {
  if (write5m === 0 && write1h === 0) return undefined
  return write1h > write5m ? '1h' : '5m'
}

/**
 * The behaviour of a run's main loop. `resultUsage` is the result message's `usage` (main loop only,
 * cumulative); its `cache_creation` split is what the API reported, so it holds for old CLIs too.
 */
export function behaviourOf(
  messages: unknown[],
  resultUsage: Usage | undefined
): { behaviour: RunBehaviour; mainModel?: string } {
  const { requests, model, subagents } = mainLoopRequests(messages)
  const behaviour: RunBehaviour = {}
  if (requests.length > 0) {
    behaviour.requests = requests.length
    behaviour.firstRequestTokens = requests[0].context
    behaviour.uncachedInputTokens = requests.reduce((s, r) => s + r.uncached, 0)
    behaviour.subagents = subagents
    let growth = 0
    let misses = 0
    let sent = 0
    let readBack = 0
    for (let i = 1; i < requests.length; i++) {
      const prev = requests[i - 1].context
      // A compaction shrinks the context: only the increases are growth.
      growth += Math.max(0, requests[i].context - prev)
      if (prev >= CACHEABLE_MIN && requests[i].read < MISS_BELOW * prev) misses++
      else {
        sent += prev
        readBack += Math.min(prev, requests[i].read)
      }
    }
    behaviour.growthTokens = growth
    behaviour.cacheMisses = misses
    if (sent > 0) behaviour.readBack = readBack / sent
  }
  if (resultUsage?.output_tokens !== undefined) behaviour.outputTokens = count(resultUsage.output_tokens)
  const split = resultUsage?.cache_creation
  behaviour.cacheTtl = split
    ? ttlOf(count(split.ephemeral_5m_input_tokens), count(split.ephemeral_1h_input_tokens))
    : ttlOf(
        requests.reduce((s, r) => s + (r.split?.write5m ?? 0), 0),
        requests.reduce((s, r) => s + (r.split?.write1h ?? 0), 0)
      )
  if (behaviour.cacheTtl === undefined) delete behaviour.cacheTtl
  return { behaviour, mainModel: model }
}
