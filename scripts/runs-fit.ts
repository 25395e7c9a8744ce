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
import { existsSync, readdirSync, readFileSync } from 'node:fs'
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
  outputPerRequestOf,
  readBackOf,
  requestsPerTurnOf,
  subagentsOf,
  ttlGapRateOf,
  turnsOf,
  uncachedPerRequestOf,
  weightedMedian,
  type Estimated
} from '../src/estimate/estimators.js'
import { requestsFor } from '../src/estimate/loop.js'
import type { PastRun } from '../src/estimate/types.js'
import { actualFromText } from '../src/usage/measure.js'
import type { RecordedActual } from '../src/usage/types.js'
import { builtInTable, resolveModel } from '../src/pricing/table.js'
import type { ModelEntry } from '../src/pricing/types.js'
import { createTokenCounter } from '../src/tokens/index.js'

/** The published run sets, each folder one or more sources (a source is the repository a run came from). */
export const REAL_RUNS = (
  process.env.ACG_REAL_RUNS ?? 'reference/real-runs,reference/real-runs-jobs,reference/real-runs-more'
).split(',')
/** The TTL within which a run leaves the agent prefix warm for the next (the runs wrote 5m cache). */
const WARM_MS = 5 * 60_000
const table = builtInTable()
const counter = createTokenCounter()

export interface CalibrationRun {
  file: string
  /** The repository the run was published in (`owner/name` of its source_url): one author's setup. */
  source: string
  /** The job it is a run of, when the set says (real-runs-jobs). */
  job?: string
  model: string
  family: ModelFamily
  turns: number
  promptChars: number
  /** The prompt itself, when published. */
  prompt?: string
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
  prompt_chars?: number | null
  prompt?: string
  job?: string
  committed_at?: string
  retrieved_note?: string
  duration_ms?: number
  claude_code_version?: string
  /** Subagents the run started, as the set counted them. */
  subagents?: number
  turns: Array<{
    input: number
    cache_read: number
    cache_write: number
    cache_write_5m?: number
    cache_write_1h?: number
    output: number
  }>
  raw: { duration_ms?: number } & Record<string, unknown>
}

/**
 * When a run started and ended. vecsum's file is named after its start (12:36:25.316) and its report
 * after its end; the other sets give the commit of the log (at or after the end) and the duration.
 */
function timesOf(file: string, f: RunFile): { startedAt: string; endedAt: string } {
  const end = /(\d{4}-\d\d-\d\d)-(\d\d)-(\d\d)-(\d\d)-(\d{3})_/.exec(f.source_url)
  const start = /-(\d\d)(\d\d)(\d\d)(\d{3})__/.exec(file)
  if (end && start) {
    const day = end[1]
    return {
      startedAt: `${day}T${start[1]}:${start[2]}:${start[3]}.${start[4]}Z`,
      endedAt: `${day}T${end[2]}:${end[3]}:${end[4]}.${end[5]}Z`
    }
  }
  const committed =
    f.committed_at ?? /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[+-]\d\d:\d\d|Z)/.exec(f.retrieved_note ?? '')?.[0]
  if (!committed) throw new Error(`${file}: no start or end time in its name, committed_at or retrieved_note`)
  const ended = Date.parse(committed)
  const took = f.duration_ms ?? f.raw.duration_ms ?? 0
  return { startedAt: new Date(ended - took).toISOString(), endedAt: new Date(ended).toISOString() }
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

/** The run files of a folder: its manifest's list, else every `*.json` in it. */
function filesOf(dir: string): string[] {
  if (existsSync(`${dir}/manifest.json`)) {
    const manifest = JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')) as {
      runs: Array<{ file: string }>
    }
    return manifest.runs.map(r => r.file)
  }
  return readdirSync(dir)
    .filter(f => f.endsWith('.json'))
    .sort()
}

/** `https://github.com/owner/name/blob/…` → `owner/name`. */
const sourceOf = (url: string, dir: string) => /github\.com\/([^/]+\/[^/]+)/.exec(url)?.[1] ?? dir

/**
 * Every run of the folders. A run with its slim stream beside it (`<stem>.stream.jsonl`) is recorded
 * from that stream, subagents and all, as `record --usage-file` would; the others from their
 * per-request series and result event, as an execution file.
 */
export function loadRuns(dirs: string[] = REAL_RUNS): CalibrationRun[] {
  return dirs.flatMap(dir =>
    filesOf(dir).map(file => {
      const f = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as RunFile
      const times = timesOf(file, f)
      const stream = `${dir}/${file.replace(/\.json$/, '.stream.jsonl')}`
      const streamed = existsSync(stream)
      const actual = actualFromText(table, streamed ? readFileSync(stream, 'utf8') : executionFile(f), file, {
        day: times.endedAt.slice(0, 10),
        from: 'the published report'
      })
      // Without its stream the series has no subagent messages to count: the set's own count stands in.
      if (!streamed && actual.behaviour && f.subagents !== undefined) actual.behaviour.subagents = f.subagents
      return {
        file,
        source: sourceOf(f.source_url, dir),
        ...(f.job ? { job: f.job } : {}),
        model: f.model,
        family: modelFamily(f.model),
        turns: f.num_turns,
        promptChars: f.prompt_chars ?? f.prompt?.length ?? 0,
        ...(f.prompt ? { prompt: f.prompt } : {}),
        claudeVersion: f.claude_code_version,
        ...times,
        firstRead: f.turns[0]?.cache_read ?? 0,
        actual
      }
    })
  )
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

/** Whether a run found the prefix warm, computed once per run and set (the fits ask many times). */
const warmth = new WeakMap<CalibrationRun, boolean>()
const isWarm = (run: CalibrationRun, all: CalibrationRun[]) => {
  let warm = warmth.get(run)
  if (warm === undefined) {
    const last = lastRunBefore(run, all)
    warm = last !== undefined && Date.parse(run.startedAt) - Date.parse(last) <= WARM_MS
    warmth.set(run, warm)
  }
  return warm
}

export const asPast = (r: CalibrationRun): PastRun => ({
  actualUsd: r.actual.usd,
  turns: r.turns,
  settledAt: r.endedAt,
  behaviour: r.actual.behaviour,
  ...(r.actual.mainModel ? { model: r.actual.mainModel } : {}),
  ...(r.actual.sideModels?.length ? { sideModels: r.actual.sideModels } : {})
})

const round = (x: number, digits: number) => Number(x.toFixed(digits))
const prefixOf = (r: CalibrationRun) => prefixTokens('claude-code', resolveModel(table, r.model)).tokens
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

/** Runs grouped by a key, in the order the keys first appear. */
function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const x of xs) groups.set(key(x), [...(groups.get(key(x)) ?? []), x])
  return groups
}

/** Each run's weight when every source weighs the same, whatever its number of runs (mean weight 1). */
export function sourceWeights(runs: CalibrationRun[]): number[] {
  const counts = groupBy(runs, r => r.source)
  return runs.map(r => runs.length / (counts.size * (counts.get(r.source)?.length ?? 1)))
}

/** A per-run value's median with every source weighing the same. */
function medianOverSources(runs: CalibrationRun[], value: (r: CalibrationRun) => number | undefined) {
  const w = sourceWeights(runs)
  const kept = runs.map((r, i) => ({ v: value(r), w: w[i] })).filter(x => x.v !== undefined)
  return kept.length
    ? {
        value: weightedMedian(
          kept.map(x => x.v as number),
          kept.map(x => x.w)
        ),
        runs: kept.length
      }
    : undefined
}

/** An estimator fitted within each source, then averaged over the sources that say something. */
function meanOverSources(
  runs: CalibrationRun[],
  estimate: (past: PastRun[]) => Estimated | undefined,
  log = false
): Estimated | undefined {
  const fits = [...groupBy(runs, r => r.source).values()]
    .map(g => estimate(g.map(asPast)))
    .filter(f => f !== undefined)
  if (fits.length === 0) return undefined
  const values = fits.map(f => (log ? Math.log(f.value) : f.value))
  return { value: log ? Math.exp(mean(values)) : mean(values), runs: fits.reduce((n, f) => n + f.runs, 0) }
}

const describeSources = (runs: CalibrationRun[]) => {
  const sources = [...groupBy(runs, r => r.source).entries()]
  const versions = [...new Set(runs.map(r => r.claudeVersion).filter(v => v))].join(', ')
  return `${runs.length} published Claude Code runs from ${sources.length} sources (${sources.map(([s, g]) => `github.com/${s}: ${g.length}`).join('; ')}; Claude Code ${versions}), in reference/real-runs, real-runs-jobs and real-runs-more, collected 2026-11-30 and 2026-12-02`
}

/**
 * The presets' behaviour fitted on `runs` (the spread is fitted by fitRuns). Every source weighs the
 * same, however many runs it has: a value is fitted within each source and averaged over the
 * sources, so one author's hundreds of runs do not stand for every setup.
 */
export function fitBehaviour(runs: CalibrationRun[], all: CalibrationRun[]): Omit<FittedPresets, 'spread'> {
  const groups = [...groupBy(runs, r => `${r.source} ${r.family}`).values()].map(g => g.map(asPast))
  const alpha = round(growthExponentOf(groups) ?? 1, 3)
  const sourceCount = new Set(runs.map(r => r.source)).size
  const over = `over ${sourceCount} source${sourceCount === 1 ? '' : 's'}, each weighing the same`
  const family = (group: CalibrationRun[]): FamilyFit => {
    const q = meanOverSources(group, requestsPerTurnOf)
    const requestsPerTurn = round(q?.value ?? 1, 3)
    const a = meanOverSources(group, p => growthScaleOf(p, alpha), true)
    const o = meanOverSources(group, p => outputPerRequestOf(p, t => requestsFor(t, requestsPerTurn)))
    return {
      runs: group.length,
      requestsPerTurn: {
        value: requestsPerTurn,
        why: `Σ(requests − 1) ÷ Σ(turns − 1) within each source, ${over} (${q?.runs ?? 0} runs): parallel tool calls share a request`
      },
      growthScale: {
        value: Math.round(a?.value ?? 0),
        why: `a in a·k^α tokens after k requests: geometric mean of growth ÷ (requests − 1)^α within each source, ${over} (${a?.runs ?? 0} runs)`
      },
      outputPerRequest: {
        value: Math.round(o?.value ?? 0),
        why: `Σ main-loop output ÷ Σ requests within each source, ${over} (${o?.runs ?? 0} runs)`
      }
    }
  }
  const families: Record<string, FamilyFit> = {}
  for (const [name, group] of [...groupBy(runs, r => r.family).entries()].sort(([x], [y]) =>
    x.localeCompare(y)
  ))
    families[name] = family(group)
  families.all = family(runs)
  const share = (warm: boolean) =>
    medianOverSources(
      runs.filter(r => isWarm(r, all) === warm),
      r => r.firstRead / prefixOf(r)
    )
  const warm = share(true)
  const cold = share(false)
  const readBack = meanOverSources(runs, readBackOf)
  const gaps = meanOverSources(runs, ttlGapRateOf)
  const side = medianOverSources(runs, r => r.actual.behaviour?.sideShare)
  const subagents = meanOverSources(runs, subagentsOf)
  const uncached = meanOverSources(runs, uncachedPerRequestOf)
  const upFront = medianOverSources(runs, r =>
    r.actual.behaviour?.firstRequestTokens === undefined
      ? undefined
      : r.actual.behaviour.firstRequestTokens -
        prefixOf(r) -
        promptTokens(r, resolveModel(table, r.model).tokenizer)
  )
  // Turns: a mixture of the sources — the mean of their log-means, and their spread within plus between.
  const perSource = [...groupBy(runs, r => r.source).values()].map(g => turnsOf(g.map(asPast)))
  const logMeans = perSource.filter(t => t !== undefined).map(t => Math.log(t.median))
  const within = perSource.filter(t => t?.sigma !== undefined).map(t => (t?.sigma as number) ** 2)
  const m = logMeans.length ? mean(logMeans) : Math.log(10)
  const between =
    logMeans.length > 1 ? logMeans.reduce((s, x) => s + (x - m) ** 2, 0) / (logMeans.length - 1) : 0
  const sigma = within.length ? Math.sqrt(mean(within) + between) : 1
  const ttls = runs.map(r => r.actual.behaviour?.cacheTtl).filter(t => t !== undefined)
  const fiveMin = ttls.filter(t => t === '5m').length
  const measured: Fitted<'5m' | '1h'> = {
    value: fiveMin * 2 >= ttls.length ? '5m' : '1h',
    why: `${fiveMin} of ${ttls.length} calibration runs (Claude Code ${[...new Set(runs.map(r => r.claudeVersion))].join(', ')}, subscription auth) wrote 5-minute cache, ${ttls.length - fiveMin} 1-hour`
  }
  return {
    source: describeSources(runs),
    runs: runs.length,
    families,
    growthExponent: {
      value: alpha,
      why: `α in a·k^α: least-squares slope of ln(growth) on ln(requests − 1) within each source and family (${runs.length} runs); below 1, early requests read files and later ones edit`
    },
    cacheHitRate: {
      value: round(readBack?.value ?? 1, 4),
      why: `share of the previous request read back from cache, requests without a TTL gap, ${over} (${readBack?.runs ?? 0} runs)`
    },
    ttlGapsPerRequest: {
      value: round(gaps?.value ?? 0, 4),
      why: `requests that found the cache expired ÷ requests after the first, ${over} (${gaps?.runs ?? 0} runs)`
    },
    prefixCache: {
      warmShare: {
        value: round(warm?.value ?? 0, 3),
        why: `warm (a run of the model active within the TTL): median first-request cache read ÷ agent prefix, ${over} (${warm?.runs ?? 0} runs)`
      },
      coldShare: {
        value: round(cold?.value ?? warm?.value ?? 0, 3),
        why: `cold (none within the TTL): the same over ${cold?.runs ?? 0} runs; the static system prompt is cached beyond one session`
      }
    },
    sideShare: {
      value: round(side?.value ?? 0, 3),
      why: `fan-out: median cost of the other models (side calls, subagents) ÷ the main model's, ${over} (${side?.runs ?? 0} runs)`
    },
    subagentsPerRun: {
      value: round(subagents?.value ?? 0, 3),
      why: `Task/Agent subagents per run, ${over} (${subagents?.runs ?? 0} runs)`
    },
    uncachedPerRequest: {
      value: round(uncached?.value ?? 0, 1),
      why: `main-loop input tokens sent past the last cache breakpoint ÷ requests, ${over} (${uncached?.runs ?? 0} runs)`
    },
    contextUpFront: {
      value: Math.max(0, Math.round(upFront?.value ?? 0)),
      why: `median first request − agent prefix − prompt, ${over} (${upFront?.runs ?? 0} runs): what a setup loads before the first turn (CLAUDE.md, its own system prompt, MCP tools)`
    },
    turns: {
      median: {
        value: round(Math.exp(m), 2),
        why: `geometric mean of num_turns: the mean of ${logMeans.length} sources' log-means (${runs.length} runs)`
      },
      sigma: {
        value: round(sigma, 3),
        why: `standard deviation of ln(num_turns) within the sources plus between their means (${runs.length} runs)`
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
  /** The job's earlier settled runs, as the ledger hands them to the gate. */
  pastRuns?: PastRun[]
}

/** The prompt's tokens: counted offline when the prompt is published, else its length at 4 bytes a token. */
function promptTokens(run: CalibrationRun, family: ModelEntry['tokenizer']): number {
  if (run.prompt) return counter.count(run.prompt, family).tokens
  return Math.round(run.promptChars / bytesPerToken('claude-code'))
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
  const tokens = promptTokens(run, model.tokenizer)
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
    pastRuns: opts.pastRuns ?? [],
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

/**
 * The presets fitted on `runs`: behaviour on all of them, the spread from out-of-source scores —
 * each run scored by presets fitted without its source (without the run itself when there is one
 * source), and every source weighing the same. A new user's runs come from a setup the presets have
 * not seen; so do these scores.
 */
export function fitRuns(runs: CalibrationRun[], all: CalibrationRun[] = runs): FittedPresets {
  const base = fitBehaviour(runs, all)
  const sources = [...new Set(runs.map(r => r.source))]
  const noSpread = { scores: [], why: '' }
  const scored: Array<{ score: number; run: CalibrationRun }> = []
  if (sources.length > 1 && process.env.ACG_SPREAD !== 'loo') {
    for (const source of sources) {
      const fitted = {
        ...fitBehaviour(
          runs.filter(r => r.source !== source),
          all
        ),
        spread: noSpread
      }
      for (const r of runs.filter(x => x.source === source))
        scored.push({ score: scoreOf(r, fitted, all), run: r })
    }
  } else {
    runs.forEach((r, i) => {
      const others = [...runs.slice(0, i), ...runs.slice(i + 1)]
      scored.push({ score: scoreOf(r, { ...fitBehaviour(others, all), spread: noSpread }, all), run: r })
    })
  }
  const weights = sourceWeights(scored.map(x => x.run))
  const order = scored.map((_, i) => i).sort((a, b) => scored[a].score - scored[b].score)
  const how =
    sources.length > 1
      ? `estimated with its turn count from presets fitted on the other sources (leave-one-source-out), each source weighing the same`
      : `estimated with its turn count from presets fitted on the other ${runs.length - 1}`
  return {
    ...base,
    spread: {
      scores: order.map(i => round(scored[i].score, 3)),
      ...(sources.length > 1 ? { weights: order.map(i => round(weights[i], 4)) } : {}),
      why: `(actual − p50) ÷ scale of each of ${runs.length} runs, ${how}; the scale is the loop after the first request's input plus one agent-prefix write; a new run lands at or below a score with chance (weight at or below it) ÷ (total + one mean weight)`
    }
  }
}
