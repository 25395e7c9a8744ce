/**
 * The presets the estimate starts from, as data (presets.json): each agent's prefix, what is known
 * about the cache TTL Claude Code asks for, and the loop behaviour fitted on published runs. Every
 * value carries its `why`, and every figure handed to the estimate carries its source.
 */
import type { ModelEntry } from '../pricing/types.js'
import type { LoopBehaviour } from './types.js'
import { modelFamily } from './family.js'
import presets from './presets.json' with { type: 'json' }

export type AgentName = 'claude-code' | 'none'

/** A fitted or curated value and why it is what it is. */
export interface Fitted<T = number> {
  value: T
  why: string
}

/** The behaviour of one model family's loop, fitted on its runs. */
export interface FamilyFit {
  runs: number
  requestsPerTurn: Fitted
  growthScale: Fitted
  outputPerRequest: Fitted
}

/** What `npm run accuracy:runs` writes into presets.json (`fitted`). */
export interface FittedPresets {
  /** The calibration set, with where and when it was collected. */
  source: string
  runs: number
  /** Per family with runs, and `all` (pooled) for the families without. */
  families: Record<string, FamilyFit>
  growthExponent: Fitted
  cacheHitRate: Fitted
  ttlGapsPerRequest: Fitted
  /** Share of the agent prefix already cached on the first request: after a recent run, and cold. */
  prefixCache: { warmShare: Fitted; coldShare: Fitted }
  sideShare: Fitted
  /** Subagents (Task/Agent calls) per run: the fan-out's count, shown beside its cost share. */
  subagentsPerRun: Fitted
  /** Main-loop input tokens per request sent past the last cache breakpoint. */
  uncachedPerRequest: Fitted
  /**
   * Tokens the first request carries beyond the agent prefix and the prompt: what a real setup loads
   * before the first turn (its CLAUDE.md, system prompt additions, MCP tools).
   */
  contextUpFront: Fitted
  /** ln(turns) ~ Normal(ln median, sigma). */
  turns: { median: Fitted; sigma: Fitted }
  /** Sorted leave-one-out scores of cost at a known turn count (spread.ts), with their weights. */
  spread: { scores: number[]; weights?: number[]; why: string }
  /** The TTL the calibration runs' writes went to: the default when nothing else is known. */
  measuredTtl: Fitted<'5m' | '1h'>
}

/** The fitted presets that ship. */
export const SHIPPED = presets.fitted as FittedPresets

/** A behaviour with where each value came from. */
export interface SourcedBehaviour {
  behaviour: LoopBehaviour
  sources: Record<keyof LoopBehaviour, string>
}

/**
 * The loop behaviour of a model's family, or the pooled fit for a family without runs. A bare loop
 * (agent none) makes no side calls: its side share is 0.
 */
export function presetBehaviour(
  agent: AgentName,
  model: ModelEntry,
  fitted: FittedPresets = SHIPPED
): SourcedBehaviour {
  const family = modelFamily(model.id)
  const own = fitted.families[family]
  const fit = own ?? fitted.families.all
  const where = own
    ? `fitted on ${own.runs} ${family} runs`
    : `pooled fit over ${fitted.runs} runs (no ${family} runs in the calibration set)`
  const prior = (presets.families as Record<string, { outputPerTurn?: Fitted }>)[family]?.outputPerTurn
  const outputPerRequest =
    !own && prior ? prior.value / fit.requestsPerTurn.value : fit.outputPerRequest.value
  const outputSource =
    !own && prior
      ? `${prior.value} per turn (${prior.why}) ÷ ${fit.requestsPerTurn.value} requests per turn`
      : `${where}: ${fit.outputPerRequest.why}`
  return {
    behaviour: {
      requestsPerTurn: fit.requestsPerTurn.value,
      growthScale: fit.growthScale.value,
      growthExponent: fitted.growthExponent.value,
      outputPerRequest,
      cacheHitRate: fitted.cacheHitRate.value,
      ttlGapsPerRequest: fitted.ttlGapsPerRequest.value,
      sideShare: agent === 'none' ? 0 : fitted.sideShare.value,
      uncachedPerRequest: fitted.uncachedPerRequest.value
    },
    sources: {
      requestsPerTurn: `${where}: ${fit.requestsPerTurn.why}`,
      growthScale: `${where}: ${fit.growthScale.why}`,
      growthExponent: fitted.growthExponent.why,
      outputPerRequest: outputSource,
      cacheHitRate: fitted.cacheHitRate.why,
      ttlGapsPerRequest: fitted.ttlGapsPerRequest.why,
      sideShare: agent === 'none' ? 'agent none: a bare loop makes no side calls' : fitted.sideShare.why,
      uncachedPerRequest: fitted.uncachedPerRequest.why
    }
  }
}

/** The agent's prefix for a model in tokens: measured bytes over the preset's measured bytes per token. */
export function prefixTokens(agent: AgentName, model: ModelEntry): { tokens: number; source: string } {
  const p = presets.agents[agent]
  const row =
    p.prefixBytes.find(r => new RegExp(r.match).test(model.id)) ?? p.prefixBytes[p.prefixBytes.length - 1]
  if (row.bytes === 0) return { tokens: 0, source: `${agent} preset: ${row.why}` }
  const version = 'cliVersion' in p ? ` ${p.cliVersion}` : ''
  return {
    tokens: Math.round(row.bytes / bytesPerToken(agent)),
    source: `${agent}${version} preset: ${row.bytes.toLocaleString('en-US')} B measured (${row.why})`
  }
}

/** Bytes per token of the agent's prefix (and of a prompt whose text is not at hand). */
export function bytesPerToken(agent: AgentName): number {
  const p = presets.agents[agent]
  return 'bytesPerToken' in p ? p.bytesPerToken.value : 4
}

/** One row of what is known about the TTL Claude Code asks for on a subscription, by CLI version. */
interface VersionTtl {
  from?: string
  upTo?: string
  value: '5m' | '1h'
  why: string
}

/** `2.1.4` < `2.1.242`: compared numerically part by part; anything after a `-` is ignored. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .split('-')[0]
      .split('.')
      .map(n => Number.parseInt(n, 10) || 0)
  const x = parts(a)
  const y = parts(b)
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

/** The TTL auth and the CLI version imply, when something is known about them; else undefined. */
export function ttlFor(
  auth: 'subscription' | 'api-key',
  version: string | undefined
): Fitted<'5m' | '1h'> | undefined {
  const t = presets.cacheTtl
  if (auth === 'api-key') return t.apiKey as Fitted<'5m' | '1h'>
  if (!version) return undefined
  const row = (t.subscription as VersionTtl[]).find(
    r =>
      (r.from === undefined || compareVersions(version, r.from) >= 0) &&
      (r.upTo === undefined || compareVersions(version, r.upTo) <= 0)
  )
  return row ? { value: row.value, why: row.why } : undefined
}
