/**
 * Usage from any Claude client: a JSONL log of Messages API responses, or of their `usage` objects with
 * the model, priced request by request with the same table as Claude Code's results (5m/1h cache writes
 * apart, the long-prompt row chosen per request, as the API bills it). The shape is documented in
 * docs/recipes.md ("Usage from any Claude client"). The same pricing serves a stream-json that ended
 * before its result message (a killed run): its assistant messages are the responses seen so far.
 */
import { z } from 'zod'
import type { PriceTable, TokenUsage } from '../pricing/types.js'
import { addUsage, NO_USAGE, priceUsage } from '../pricing/cost.js'
import { resolveModel } from '../pricing/table.js'
import { pricesOn } from '../pricing/dated.js'
import { InputError } from '../errors.js'
import { cacheHitRate, type PricingDay } from './cost.js'
import type { RecordedActual } from './types.js'

const count = z.number().int().min(0).max(1e12)

/** The Messages API's `usage` object (only what is priced is required; unknown keys are ignored). */
const apiUsage = z.looseObject({
  input_tokens: count,
  output_tokens: count,
  cache_read_input_tokens: count.nullish(),
  cache_creation_input_tokens: count.nullish(),
  cache_creation: z
    .looseObject({ ephemeral_5m_input_tokens: count.nullish(), ephemeral_1h_input_tokens: count.nullish() })
    .nullish(),
  server_tool_use: z.looseObject({ web_search_requests: count.nullish() }).nullish(),
  inference_geo: z.string().nullish(),
  speed: z.string().nullish()
})

/** One line: a Messages API response (`type: "message"`), or `{model, usage}` (optionally `id`, `timestamp`). */
const line = z.looseObject({
  type: z.literal('message').optional(),
  id: z.string().optional(),
  model: z.string().min(1),
  usage: apiUsage,
  timestamp: z.string().optional()
})

type Line = z.output<typeof line>

/** One API request as it was billed. */
export interface LoggedRequest {
  id?: string
  model: string
  usage: TokenUsage
  geo?: string
  speed?: string
  timestamp?: string
}

const SHAPE =
  'expected one JSON object per line: a Messages API response ({"type":"message","model":…,"usage":{…}}) or {"model":…,"usage":{…}} (docs/recipes.md)'

function toRequest(l: Line): LoggedRequest {
  const u = l.usage
  const writes = u.cache_creation_input_tokens ?? 0
  const oneHour = u.cache_creation?.ephemeral_1h_input_tokens ?? 0
  // The API's split is exact; writes it does not split (older responses) are 5-minute writes, its default.
  const fiveMinute = Math.max(writes - oneHour, u.cache_creation?.ephemeral_5m_input_tokens ?? 0)
  return {
    id: l.id,
    model: l.model,
    usage: {
      inputTokens: u.input_tokens,
      outputTokens: u.output_tokens,
      cacheReadTokens: u.cache_read_input_tokens ?? 0,
      cacheWrite5mTokens: fiveMinute,
      cacheWrite1hTokens: oneHour,
      webSearchRequests: u.server_tool_use?.web_search_requests ?? 0
    },
    geo: u.inference_geo ?? undefined,
    speed: u.speed ?? undefined,
    timestamp: l.timestamp
  }
}

/**
 * Whether `text` looks like a usage log (its first line is a response or usage with a model), not Claude
 * Code output. A first line that is a Messages API response or names a model counts even without its
 * `usage`: the log's own parser then says which line lacks it, instead of "not Claude output".
 */
export function isMessagesLog(text: string): boolean {
  const first = text.trimStart().split('\n', 1)[0]
  try {
    const value = JSON.parse(first) as { type?: unknown; model?: unknown; usage?: unknown }
    return typeof value?.model === 'string' && (value.type === undefined || value.type === 'message')
  } catch {
    return false
  }
}

/** Keep each response once: a response logged twice (a retried write) has one id and counts once, the last copy kept. */
function once(requests: LoggedRequest[]): LoggedRequest[] {
  const byId = new Map<string, number>()
  const out: LoggedRequest[] = []
  for (const r of requests) {
    const at = r.id === undefined ? undefined : byId.get(r.id)
    if (at === undefined) {
      if (r.id !== undefined) byId.set(r.id, out.length)
      out.push(r)
    } else out[at] = r
  }
  return out
}

/** Parse a usage log; anything else is one line naming the file, the line and the shape expected. */
export function parseMessagesLog(text: string, file: string): LoggedRequest[] {
  const lines = text.split('\n')
  const requests: LoggedRequest[] = []
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch {
      throw new InputError([`usage-file: ${file} line ${i + 1} is not JSON; ${SHAPE}`])
    }
    const parsed = line.safeParse(value)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new InputError([
        `usage-file: ${file} line ${i + 1} has a bad ${issue.path.join('.') || 'shape'} (${issue.message}); ${SHAPE}`
      ])
    }
    requests.push(toRequest(parsed.data))
  })
  if (requests.length === 0) throw new InputError([`usage-file: ${file} is empty; ${SHAPE}`])
  return once(requests)
}

/**
 * The requests a stream-json shows before its result (assistant messages, one per content block, the
 * same message id repeated: the last copy has the final output count).
 */
export function requestsOfStream(messages: unknown[]): LoggedRequest[] {
  const seen: LoggedRequest[] = []
  for (const m of messages) {
    const msg =
      (m as { type?: unknown; message?: unknown })?.type === 'assistant'
        ? (m as { message: unknown }).message
        : undefined
    const parsed = line.safeParse(msg)
    // Claude Code's own error messages (model "<synthetic>") were never sent to the API.
    if (parsed.success && parsed.data.model !== '<synthetic>') seen.push(toRequest(parsed.data))
  }
  return once(seen)
}

/** The day to price a log by: its newest timestamp, else the caller's fallback. */
function dayOfLog(requests: LoggedRequest[], fallback: PricingDay): PricingDay {
  const newest = requests
    .map(r => (r.timestamp ? Date.parse(r.timestamp) : NaN))
    .filter(Number.isFinite)
    .sort((a, b) => b - a)[0]
  return newest === undefined
    ? fallback
    : { day: new Date(newest).toISOString().slice(0, 10), from: "the log's timestamps" }
}

/** A priced log: a recorded actual with every figure `cost` shows filled in. */
export type PricedLog = Omit<RecordedActual, 'byModel'> &
  Required<Pick<RecordedActual, 'basis' | 'pricedOn' | 'subtype' | 'isError' | 'turns'>> & {
    byModel: Array<{ model: string; usd: number; row: string }>
  }

/**
 * Price logged requests one by one (an unknown model is an error, not $0), as a recorded actual.
 * `subtype` says what the figure is: `success` for a client's log, `partial` for a run cut off.
 */
export function priceRequests(
  table: PriceTable,
  requests: LoggedRequest[],
  fallback: PricingDay,
  subtype: 'success' | 'partial'
): PricedLog {
  const on = dayOfLog(requests, fallback)
  const models = new Map<string, { usd: number; rows: Set<string> }>()
  let tokens = NO_USAGE
  for (const r of requests) {
    const { model, row } = pricesOn(resolveModel(table, r.model), on.day)
    const priced = priceUsage(model, r.usage, {
      geo: r.geo,
      speed: r.speed,
      usGeoMultiplier: table.usGeoMultiplier
    })
    const m = models.get(r.model) ?? { usd: 0, rows: new Set<string>() }
    m.usd += priced.usd
    m.rows.add(priced.row === 'standard' ? row : `${row}, ${priced.row} row`)
    models.set(r.model, m)
    tokens = addUsage(tokens, r.usage)
  }
  const byModel = [...models].map(([model, m]) => ({ model, usd: m.usd, row: [...m.rows].join('; ') }))
  return {
    label: 'actual',
    usd: byModel.reduce((s, m) => s + m.usd, 0),
    basis: 'our-prices',
    pricedOn: on,
    priceTableAsOf: table.asOf,
    unverified: false,
    subtype,
    isError: false,
    turns: requests.length,
    cacheHitRate: cacheHitRate(tokens),
    tokens,
    byModel
  }
}

/** A whole usage log, parsed and priced: what `record` and `cost` make of a client's log. */
export function priceLog(table: PriceTable, text: string, name: string, fallback: PricingDay): PricedLog {
  return priceRequests(table, parseMessagesLog(text, name), fallback, 'success')
}

/**
 * The requests a stream-json cut off before its result shows (bad last line tolerated: the run was
 * killed mid-write); lines that are not JSON are skipped, since this only ever prices what was seen.
 */
export function partialRequests(text: string): LoggedRequest[] {
  const messages: unknown[] = []
  for (const raw of text.split('\n')) {
    try {
      if (raw.trim()) messages.push(JSON.parse(raw))
    } catch {
      // A cut-off line: the run was killed while writing it.
    }
  }
  return requestsOfStream(messages)
}
