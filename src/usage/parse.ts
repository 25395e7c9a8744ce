/**
 * Claude's output files → one run result. Lenient like the official SDKs: only what we use is
 * required, unknown keys are kept out of the way, older CLIs without the 5m/1h split are accepted.
 */
import { z } from 'zod'
import type { TokenUsage } from '../pricing/types.js'
import type { ClaudeOutputFormat, ClaudeRunResult, ModelUsageRecord } from './types.js'
import { splitCacheWrites, type MainLoopUsage } from './ttl-split.js'
import { InputError } from '../errors.js'
import { readMeters } from './meters.js'
import { behaviourOf } from './behaviour.js'

const MAX_BYTES = 200 * 1024 * 1024
const MAX_DEPTH = 64
// Far beyond any real run; a bigger figure is a corrupted or hostile file, not usage.
const tokens = z.number().int().min(0).max(1e12).optional()

const modelUsageSchema = z.looseObject({
  inputTokens: tokens,
  outputTokens: tokens,
  cacheReadInputTokens: tokens,
  cacheCreationInputTokens: tokens,
  cacheCreationEphemeral5mInputTokens: tokens,
  cacheCreationEphemeral1hInputTokens: tokens,
  webSearchRequests: tokens,
  costUSD: z.number().min(0).max(1e9).optional(),
  costBasis: z.string().optional()
})

const cacheCreation = z
  .looseObject({ ephemeral_5m_input_tokens: tokens, ephemeral_1h_input_tokens: tokens })
  .nullish()

const usageSchema = z.looseObject({
  input_tokens: tokens,
  output_tokens: tokens,
  cache_read_input_tokens: tokens,
  cache_creation_input_tokens: tokens,
  cache_creation: cacheCreation,
  /** Per-request parts of the last response (message, compaction, advisor, fallback), some naming a model. */
  iterations: z
    .array(z.looseObject({ model: z.string().nullish(), cache_creation: cacheCreation }))
    .nullish(),
  server_tool_use: z.looseObject({ web_search_requests: tokens }).nullish(),
  inference_geo: z.string().nullish(),
  speed: z.string().nullish()
})

const resultSchema = z.looseObject({
  type: z.literal('result'),
  subtype: z.string().optional(),
  is_error: z.boolean().optional(),
  num_turns: z.number().int().min(0).max(1e7).optional(),
  duration_ms: z.number().min(0).optional(),
  total_cost_usd: z.number().min(0).max(1e9).optional(),
  /** The oldest results (Claude Code before mid-2025) carry their figure here instead. */
  cost_usd: z.number().min(0).max(1e9).optional(),
  usage: usageSchema.optional(),
  modelUsage: z.record(z.string(), modelUsageSchema).optional(),
  session_id: z.string().optional()
})

function fail(file: string, what: string): never {
  throw new InputError([`usage-file: ${file} ${what}`])
}

function depth(value: unknown, limit: number): number {
  // Iterative so a hostile file cannot blow the stack.
  let max = 0
  const stack: Array<[unknown, number]> = [[value, 1]]
  while (stack.length) {
    const [v, d] = stack.pop() as [unknown, number]
    if (d > max) max = d
    if (max > limit) return max
    if (v && typeof v === 'object') for (const child of Object.values(v)) stack.push([child, d + 1])
  }
  return max
}

function toUsage(m: z.output<typeof modelUsageSchema>): { usage: TokenUsage; split: boolean } {
  const writes = m.cacheCreationInputTokens ?? 0
  const split =
    m.cacheCreationEphemeral1hInputTokens !== undefined || m.cacheCreationEphemeral5mInputTokens !== undefined
  // Without the split here every write counts as a 5-minute write until the main loop's usage says otherwise.
  const oneHour = Math.min(m.cacheCreationEphemeral1hInputTokens ?? 0, writes)
  return {
    usage: {
      inputTokens: m.inputTokens ?? 0,
      outputTokens: m.outputTokens ?? 0,
      cacheReadTokens: m.cacheReadInputTokens ?? 0,
      cacheWrite5mTokens: writes - oneHour,
      cacheWrite1hTokens: oneHour,
      webSearchRequests: m.webSearchRequests ?? 0
    },
    split
  }
}

function messagesOf(text: string, file: string): { messages: unknown[]; format: ClaudeOutputFormat } {
  const trimmed = text.trim()
  if (trimmed === '') fail(file, 'is empty: the agent step wrote no result (crashed or cancelled?)')
  if (trimmed.startsWith('[')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(trimmed)
    } catch {
      fail(file, 'is a truncated or broken JSON array; is the agent step still writing it?')
    }
    // claude-code-action pretty-prints its execution file; `--output-format json --verbose` is one line.
    return {
      messages: parsed as unknown[],
      format: trimmed.includes('\n') ? 'execution-file' : 'json-verbose'
    }
  }
  const lines = trimmed.split('\n').filter(l => l.trim() !== '')
  if (lines.length === 1) {
    try {
      return { messages: [JSON.parse(lines[0])], format: 'json' }
    } catch {
      fail(file, 'is not JSON; expected the output of claude -p --output-format json or stream-json')
    }
  }
  // A pretty-printed single object spans lines: try the whole text before NDJSON.
  try {
    return { messages: [JSON.parse(trimmed)], format: 'json' }
  } catch {
    // fall through to NDJSON
  }
  const messages: unknown[] = []
  lines.forEach((line, i) => {
    try {
      messages.push(JSON.parse(line))
    } catch {
      // A cut-off last line (the run was killed mid-write) is expected; anything else is not ours.
      if (i !== lines.length - 1)
        fail(file, `line ${i + 1} is not JSON; expected stream-json (one message per line)`)
    }
  })
  return { messages, format: 'stream-json' }
}

/** The main loop's cache writes and their 1-hour part, as the result's own `usage` has them. */
function mainLoopOf(u: z.output<typeof usageSchema> | undefined): MainLoopUsage {
  return {
    cacheWrites: u?.cache_creation_input_tokens ?? 0,
    cacheCreation: u?.cache_creation ? { oneHour: u.cache_creation.ephemeral_1h_input_tokens } : undefined,
    iterations: (u?.iterations ?? []).map(i => ({
      model: i.model ?? undefined,
      oneHour: i.cache_creation?.ephemeral_1h_input_tokens ?? 0
    }))
  }
}

/** The newest ISO `timestamp` any message carries (stream-json lines have one in newer CLIs). */
function newestTimestamp(messages: unknown[]): string | undefined {
  let newest = -Infinity
  for (const m of messages) {
    const t = (m as { timestamp?: unknown })?.timestamp
    const at = typeof t === 'string' ? Date.parse(t) : NaN
    if (at > newest) newest = at
  }
  return Number.isFinite(newest) ? new Date(newest).toISOString() : undefined
}

/** Parse a Claude output file; the last `result` message is the run's total (never sum assistant lines). */
export function parseClaudeOutput(text: string, file: string): ClaudeRunResult {
  if (text.length > MAX_BYTES)
    fail(file, `is over ${MAX_BYTES / 1048576} MB; that is not a Claude result file`)
  const { messages, format } = messagesOf(text, file)
  if (depth(messages, MAX_DEPTH) > MAX_DEPTH)
    fail(file, `nests deeper than ${MAX_DEPTH} levels; not a Claude result file`)
  if (!Array.isArray(messages)) fail(file, 'is not a list of Claude messages')
  const results = messages.filter(m => (m as { type?: unknown })?.type === 'result')
  if (results.length === 0) {
    const anyClaude = messages.some(m =>
      ['system', 'assistant', 'user'].includes((m as { type?: string })?.type ?? '')
    )
    fail(
      file,
      anyClaude
        ? 'has Claude messages but no result message: the run ended before finishing'
        : 'is not Claude output (no message has type "result"); point usage-file at claude -p --output-format json|stream-json output, or a JSONL of Messages API responses (docs/recipes.md)'
    )
  }
  const parsed = resultSchema.safeParse(results[results.length - 1])
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    fail(file, `has a result message with a bad ${issue.path.join('.') || 'shape'}: ${issue.message}`)
  }
  const r = parsed.data
  const init = messages.find(m => (m as { type?: string; subtype?: string })?.subtype === 'init') as
    { claude_code_version?: string; apiKeySource?: string; model?: string } | undefined
  const startModel = typeof init?.model === 'string' ? init.model : undefined
  const models = Object.entries(r.modelUsage ?? {}).map(([model, m]) => ({ model, m, ...toUsage(m) }))
  const split = splitCacheWrites(
    mainLoopOf(r.usage),
    models.filter(x => !x.split),
    startModel
  )
  const byModel: ModelUsageRecord[] = models.map(({ model, m, usage, split: reported }) => {
    const oneHour = split.oneHour.get(model) ?? 0
    const writes = usage.cacheWrite5mTokens + usage.cacheWrite1hTokens
    return {
      model,
      usage: reported
        ? usage
        : { ...usage, cacheWrite1hTokens: oneHour, cacheWrite5mTokens: writes - oneHour },
      claudeCostUsd: m.costUSD,
      costBasis: m.costBasis,
      ttlSplit: reported ? 'reported' : oneHour > 0 ? 'main-loop' : 'unknown'
    }
  })
  const u = r.usage
  const observed = behaviourOf(messages, r.usage)
  return {
    format,
    meters: readMeters(messages),
    subtype: r.subtype ?? (r.is_error ? 'error' : 'success'),
    isError: r.is_error ?? false,
    numTurns: r.num_turns ?? 0,
    durationMs: r.duration_ms,
    totalCostUsd: r.total_cost_usd ?? r.cost_usd,
    costField:
      r.total_cost_usd !== undefined ? 'total_cost_usd' : r.cost_usd !== undefined ? 'cost_usd' : undefined,
    byModel,
    mainLoopTokens:
      (u?.input_tokens ?? 0) +
      (u?.output_tokens ?? 0) +
      (u?.cache_read_input_tokens ?? 0) +
      (u?.cache_creation_input_tokens ?? 0),
    ttlNote: split.note,
    endedAt: newestTimestamp(messages),
    geo: r.usage?.inference_geo ?? undefined,
    speed: r.usage?.speed ?? undefined,
    claudeCodeVersion: typeof init?.claude_code_version === 'string' ? init.claude_code_version : undefined,
    apiKeySource: typeof init?.apiKeySource === 'string' ? init.apiKeySource : undefined,
    sessionId: r.session_id,
    behaviour: observed.behaviour,
    // The main loop's own requests name its model best; else the model the run started with.
    mainModel: observed.mainModel ?? startModel
  }
}
