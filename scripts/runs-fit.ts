/**
 * Calibration of the agent-loop model on published Claude Code runs (reference/real-runs), shared by
 * `npm run accuracy:runs` (fits, reports, writes presets.json) and the test that checks presets.json
 * is what this fit produces.
 *
 * Each run goes through the code a user's run goes through: its per-request series and result event
 * become the messages of an execution file, which `actualFromText` turns into the recorded actual and
 * behaviour (as the post step does); the estimators that learn a job's history fit the presets; and
 * `buildEstimate` (as the gate does) predicts each run from presets fitted without it.
 */
import { readFileSync } from 'node:fs'
import { parseSettings } from '../src/config/parse.js'
import { buildEstimate, type EstimateView } from '../src/estimate/report.js'
import {
  bytesPerToken,
  prefixTokens,
  type FamilyFit,
  type Fitted,
  type FittedPresets
} from '../src/estimate/presets.js'
import { modelFamily, type ModelFamily } from '../src/estimate/family.js'
import {
  growthExponentOf,
  growthScaleOf,
  median,
  outputPerRequestOf,
  readBackOf,
  requestsPerTurnOf,
  sideShareOf,
  ttlGapRateOf,
  turnsOf
} from '../src/estimate/estimators.js'
import { requestsFor } from '../src/estimate/loop.js'
import type { PastRun } from '../src/estimate/types.js'
import { actualFromText } from '../src/usage/measure.js'
import type { RecordedActual } from '../src/usage/types.js'
import { builtInTable, resolveModel } from '../src/pricing/table.js'

export const REAL_RUNS = process.env.ACG_REAL_RUNS ?? 'reference/real-runs'
/** The TTL within which a run leaves the agent prefix warm for the next (the runs wrote 5m cache). */
const WARM_MS = 5 * 60_000
const table = builtInTable()

export interface CalibrationRun {
  file: string
  model: string
  family: ModelFamily
  turns: number
  promptChars: number
  claudeVersion?: string
  startedAt: string
  endedAt: string
  /** Prefix tokens the first request read from cache. */
  firstRead: number
  /** What the post step records from this run: our priced actual and the behaviour. */
  actual: RecordedActual
}

interface RunFile {
  source_url: string
  model: string
  num_turns: number
  prompt_chars: number
  claude_code_version?: string
  turns: Array<{
    input: number
    cache_read: number
    cache_write: number
    cache_write_5m?: number
    cache_write_1h?: number
    output: number
  }>
  raw: unknown
}

/** `vecsum-123625316__…` started 12:36:25.316; its report is named after the time it ended. */
function timesOf(file: string, sourceUrl: string): { startedAt: string; endedAt: string } {
  const end = /(\d{4}-\d\d-\d\d)-(\d\d)-(\d\d)-(\d\d)-(\d{3})_/.exec(sourceUrl)
  const start = /-(\d\d)(\d\d)(\d\d)(\d{3})__/.exec(file)
  if (!end || !start) throw new Error(`${file}: no start or end time in its name and source_url`)
  const day = end[1]
  return {
    startedAt: `${day}T${start[1]}:${start[2]}:${start[3]}.${start[4]}Z`,
    endedAt: `${day}T${end[2]}:${end[3]}:${end[4]}.${end[5]}Z`
  }
}

/** The run as claude-code-action's execution file would hold it: init, the main loop's messages, the result. */
function executionFile(f: RunFile): string {
  const messages: unknown[] = [
    { type: 'system', subtype: 'init', model: f.model, claude_code_version: f.claude_code_version }
  ]
  f.turns.forEach((t, i) =>
    messages.push({
      type: 'assistant',
      parent_tool_use_id: null,
      message: {
        id: `msg_${i + 1}`,
        model: f.model,
        usage: {
          input_tokens: t.input,
          cache_read_input_tokens: t.cache_read,
          cache_creation_input_tokens: t.cache_write,
          cache_creation: {
            ephemeral_5m_input_tokens: t.cache_write_5m ?? t.cache_write,
            ephemeral_1h_input_tokens: t.cache_write_1h ?? 0
          },
          output_tokens: 1
        }
      }
    })
  )
  messages.push(f.raw)
  return JSON.stringify(messages, null, 1)
}

export function loadRuns(dir = REAL_RUNS): CalibrationRun[] {
  const manifest = JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')) as {
    runs: Array<{ file: string }>
  }
  return manifest.runs.map(({ file }) => {
    const f = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as RunFile
    const times = timesOf(file, f.source_url)
    return {
      file,
      model: f.model,
      family: modelFamily(f.model),
      turns: f.num_turns,
      promptChars: f.prompt_chars,
      claudeVersion: f.claude_code_version,
      ...times,
      firstRead: f.turns[0]?.cache_read ?? 0,
      actual: actualFromText(table, executionFile(f), file, {
        day: times.endedAt.slice(0, 10),
        from: 'the published report'
      })
    }
  })
}

/**
 * What a ledger holding every run of the set knows when `run` starts: the newest end of an earlier run
 * of its model, or the start of one still running (a live hold).
 */
export function lastRunBefore(run: CalibrationRun, all: CalibrationRun[]): string | undefined {
  const start = Date.parse(run.startedAt)
  let last: number | undefined
  for (const o of all) {
    if (o === run || o.model !== run.model || Date.parse(o.startedAt) >= start) continue
    const at = Date.parse(o.endedAt) <= start ? Date.parse(o.endedAt) : Date.parse(o.startedAt)
    if (last === undefined || at > last) last = at
  }
  return last === undefined ? undefined : new Date(last).toISOString()
}

const isWarm = (run: CalibrationRun, all: CalibrationRun[]) => {
  const last = lastRunBefore(run, all)
  return last !== undefined && Date.parse(run.startedAt) - Date.parse(last) <= WARM_MS
}

const asPast = (r: CalibrationRun): PastRun => ({
  actualUsd: r.actual.usd,
  turns: r.turns,
  settledAt: r.endedAt,
  behaviour: r.actual.behaviour
})

const round = (x: number, digits: number) => Number(x.toFixed(digits))
const prefixOf = (r: CalibrationRun) => prefixTokens('claude-code', resolveModel(table, r.model)).tokens

/** The presets' behaviour fitted on `runs` (the spread is fitted by fitRuns). */
export function fitBehaviour(runs: CalibrationRun[], all: CalibrationRun[]): Omit<FittedPresets, 'spread'> {
  const past = runs.map(asPast)
  const byFamily = new Map<string, CalibrationRun[]>()
  for (const r of runs) byFamily.set(r.family, [...(byFamily.get(r.family) ?? []), r])
  const alpha = round(growthExponentOf([...byFamily.values()].map(g => g.map(asPast))) ?? 1, 3)
  const family = (group: CalibrationRun[]): FamilyFit => {
    const p = group.map(asPast)
    const q = requestsPerTurnOf(p)
    const requestsPerTurn = round(q?.value ?? 1, 3)
    const a = growthScaleOf(p, alpha)
    const o = outputPerRequestOf(p, t => requestsFor(t, requestsPerTurn))
    return {
      runs: group.length,
      requestsPerTurn: {
        value: requestsPerTurn,
        why: `Σ(requests − 1) ÷ Σ(turns − 1) over ${q?.runs ?? 0} runs: parallel tool calls share a request`
      },
      growthScale: {
        value: Math.round(a?.value ?? 0),
        why: `a in a·k^α tokens after k requests: geometric mean of growth ÷ (requests − 1)^α over ${a?.runs ?? 0} runs`
      },
      outputPerRequest: {
        value: Math.round(o?.value ?? 0),
        why: `Σ main-loop output ÷ Σ requests over ${o?.runs ?? 0} runs`
      }
    }
  }
  const families: Record<string, FamilyFit> = {}
  for (const [name, group] of [...byFamily.entries()].sort(([x], [y]) => x.localeCompare(y)))
    families[name] = family(group)
  families.all = family(runs)
  const share = (warm: boolean) =>
    runs.filter(r => isWarm(r, all) === warm).map(r => r.firstRead / prefixOf(r))
  const warm = share(true)
  const cold = share(false)
  const readBack = readBackOf(past)
  const gaps = ttlGapRateOf(past)
  const side = sideShareOf(past)
  const turns = turnsOf(past)
  const ttls = runs.map(r => r.actual.behaviour?.cacheTtl).filter(t => t !== undefined)
  const fiveMin = ttls.filter(t => t === '5m').length
  const measured: Fitted<'5m' | '1h'> = {
    value: fiveMin * 2 >= ttls.length ? '5m' : '1h',
    why: `${fiveMin} of ${ttls.length} calibration runs (Claude Code ${[...new Set(runs.map(r => r.claudeVersion))].join(', ')}, subscription auth) wrote 5-minute cache, ${ttls.length - fiveMin} 1-hour`
  }
  const requestsAfterFirst = past.reduce((s, r) => s + Math.max(0, (r.behaviour?.requests ?? 1) - 1), 0)
  return {
    source: `${REAL_RUNS}: ${runs.length} published headless Claude Code runs (github.com/freeideas/vecsum, Claude Code 2.1.4, Opus 4.5 and Sonnet 4.5, stream-json, 2026-01-14), collected 2026-11-30`,
    runs: runs.length,
    families,
    growthExponent: {
      value: alpha,
      why: `α in a·k^α: least-squares slope of ln(growth) on ln(requests − 1) within each family (${runs.length} runs); below 1, early requests read files and later ones edit`
    },
    cacheHitRate: {
      value: round(readBack?.value ?? 1, 4),
      why: `share of the previous request read back from cache, over ${readBack?.runs ?? 0} runs' requests without a TTL gap`
    },
    ttlGapsPerRequest: {
      value: round(gaps?.value ?? 0, 4),
      why: `requests that found the cache expired: ${Math.round((gaps?.value ?? 0) * requestsAfterFirst)} of ${requestsAfterFirst} after the first`
    },
    prefixCache: {
      warmShare: {
        value: round(warm.length ? median(warm) : 0, 3),
        why: `warm (a run of the model active within the TTL): median first-request cache read ÷ agent prefix over ${warm.length} runs`
      },
      coldShare: {
        value: round(cold.length ? median(cold) : warm.length ? median(warm) : 0, 3),
        why: `cold (none within the TTL): the same over ${cold.length} runs; the static system prompt is cached beyond one session`
      }
    },
    sideShare: {
      value: round(side?.value ?? 0, 3),
      why: `median cost of the other models (side calls, subagents) ÷ the main model's, over ${side?.runs ?? 0} runs`
    },
    turns: {
      median: {
        value: round(turns?.median ?? 10, 2),
        why: `geometric mean of num_turns over ${turns?.runs ?? 0} runs`
      },
      sigma: {
        value: round(turns?.sigma ?? 1, 3),
        why: `standard deviation of ln(num_turns) over ${turns?.runs ?? 0} runs`
      }
    },
    measuredTtl: measured
  }
}

export interface PredictOptions {
  /** Turns given as expected-turns; the default leaves the turn count to the fitted distribution. */
  expectedTurns?: number
  maxTurns: number
  /** `gate`: the ledger knows every earlier run of the set; `none`: no ledger (the estimate command). */
  ledger: 'gate' | 'none'
}

/** The estimate of a run as the gate (or the estimate command) would make it with these presets. */
export function predict(
  run: CalibrationRun,
  fitted: FittedPresets,
  all: CalibrationRun[],
  opts: PredictOptions
): EstimateView {
  const settings = parseSettings(
    {
      prompt: 'x',
      model: run.model,
      'max-turns': String(opts.maxTurns),
      'expected-turns': opts.expectedTurns === undefined ? '' : String(opts.expectedTurns)
    },
    {},
    'cli'
  )
  const model = resolveModel(table, run.model)
  // The prompts are not published, only their length: bytes per token as for the agent prefix.
  const tokens = Math.round(run.promptChars / bytesPerToken('claude-code'))
  const prefix = prefixTokens('claude-code', model)
  return buildEstimate({
    settings: settings.estimate,
    table,
    model,
    counted: {
      prompt: { tokens, low: tokens, high: tokens, family: model.tokenizer, method: 'offline' },
      context: { tokens: 0, low: 0, high: 0, family: model.tokenizer, method: 'offline' },
      prefixTokens: prefix.tokens,
      prefixSource: prefix.source
    },
    pastRuns: [],
    ledger: opts.ledger === 'gate' ? { lastRunAt: lastRunBefore(run, all) } : undefined,
    now: new Date(run.startedAt),
    fitted
  })
}

/** actual − p50, over the spread's scale, with the turn count known. */
function scoreOf(run: CalibrationRun, fitted: FittedPresets, all: CalibrationRun[]): number {
  const loop = predict(run, { ...fitted, spread: { scores: [], why: '' } }, all, {
    expectedTurns: run.turns,
    maxTurns: run.turns,
    ledger: 'gate'
  }).estimate.loop
  return (run.actual.usd - loop.p50Usd) / loop.spreadScaleUsd
}

/** The presets fitted on `runs`: behaviour on all of them, the spread from leave-one-out scores. */
export function fitRuns(runs: CalibrationRun[], all: CalibrationRun[] = runs): FittedPresets {
  const base = fitBehaviour(runs, all)
  const scores = runs
    .map((r, i) =>
      scoreOf(
        r,
        {
          ...fitBehaviour([...runs.slice(0, i), ...runs.slice(i + 1)], all),
          spread: { scores: [], why: '' }
        },
        all
      )
    )
    .map(s => round(s, 3))
    .sort((a, b) => a - b)
  return {
    ...base,
    spread: {
      scores,
      why: `(actual − p50) ÷ scale of each of ${runs.length} runs, estimated with its turn count from presets fitted on the other ${runs.length - 1}; the scale is the loop after the first request's input plus one agent-prefix write; a new run lands at or below the k-th of n scores with chance k / (n + 1)`
    }
  }
}
