/** Claude's result file → the run's recorded actual, never under-counted. */
import type { PriceTable } from '../pricing/types.js'
import type { ClaudeOutputFormat, RecordedActual, RunBehaviour } from './types.js'
import type { MeterReport } from './meters.js'
import { parseClaudeOutput } from './parse.js'
import { priceRun, type PricingDay } from './cost.js'
import { isMessagesLog, partialRequests, priceLog, priceRequests } from './messages-jsonl.js'
import { resolveModel, UnknownModelError } from '../pricing/table.js'

export type UsageSource =
  | { kind: 'file'; path: string; text: string }
  /** No file at all: the agent step may not have run, or died before writing anything. */
  | { kind: 'missing'; path: string }
  /** A path that cannot be read (a folder, no permission): `message` says why. */
  | { kind: 'unreadable'; path: string; message: string }

export interface MeasuredActual {
  outcome: 'settled' | 'unverified'
  actual: RecordedActual
  notices: string[]
  /** What the output said about the subscription's windows (absent when there was no readable file). */
  meters?: MeterReport
  /** The output's format: `json` carries no meter at all. */
  format?: ClaudeOutputFormat
  /**
   * Why the hold was kept instead of a priced actual: no file, a file that is not a readable Claude
   * result, or a model the price table lacks (a pricing file can price it later); and the one-line why.
   */
  failure?: { kind: 'missing' | 'unreadable' | 'unpriced'; message: string }
}

/**
 * The actual of a result file, as the report shows it (our figure, Claude's beside it), priced with the
 * prices of the day the file says it ran, else of `fallback` (when the file does not say).
 */
export function actualFromText(
  table: PriceTable,
  text: string,
  name: string,
  fallback: PricingDay,
  /** The model the gate estimated (a price-table id): the run's main model when the run used it. */
  estimatedModel?: string
): RecordedActual & { notes: string[]; format: ClaudeOutputFormat; meters: MeterReport } {
  // Any client's usage log (Messages API responses): priced request by request, no windows in it.
  if (isMessagesLog(text)) {
    const priced = priceLog(table, text, name, fallback)
    return { ...priced, notes: [], format: 'messages-jsonl', meters: NO_METERS }
  }
  const parsed = parseClaudeOutput(text, name)
  const run = priceRun(table, parsed, fallback)
  const models = run.byModel.map(m => ({
    ...m,
    outputTokens: parsed.byModel.find(b => b.model === m.model)?.usage.outputTokens ?? 0
  }))
  const main = mainModelOf(models, loopModelId(table, parsed.mainModel), estimatedModel)
  return {
    label: 'actual',
    usd: run.usd,
    claudeReportedUsd: run.claudeReportedUsd,
    mismatch: run.mismatch,
    basis: run.basis,
    pricedOn: run.pricedOn,
    priceTableAsOf: table.asOf,
    notes: run.notes,
    unverified: false,
    subtype: run.subtype,
    isError: run.isError,
    turns: run.turns,
    durationMs: run.durationMs,
    cacheHitRate: run.cacheHitRate,
    tokens: run.tokens,
    byModel: run.byModel.map(m => ({
      model: m.model,
      usd: m.usd,
      claudeReportedUsd: m.claudeReportedUsd,
      row: m.row
    })),
    behaviour: withFanOut(parsed.behaviour, models, main),
    ...(main
      ? {
          mainModel: main.model,
          sideModels: models.filter(m => m !== main).map(m => ({ model: m.model, usd: m.usd }))
        }
      : {}),
    format: parsed.format,
    meters: parsed.meters,
    ...(parsed.meters.stop ? { stoppedBy: parsed.meters.stop.meter ?? parsed.meters.stop.kind } : {})
  }
}

const NO_METERS: MeterReport = { readings: [], events: 0, notes: [] }
const MAX_SIDE_SHARE = 100

interface PricedModel {
  model: string
  resolvedId: string
  usd: number
  outputTokens: number
}

/** The price-table id of the main loop's model, when the table knows it. */
function loopModelId(table: PriceTable, model: string | undefined): string | undefined {
  if (!model) return undefined
  try {
    return resolveModel(table, model).id
  } catch {
    return undefined
  }
}

/**
 * The run's main model: the one the gate estimated (when the run used it), else the one the main
 * loop's requests name (both price-table ids), else the one that wrote most output. Not simply the first of modelUsage: that
 * is often the Haiku side model.
 */
export function mainModelOf<M extends PricedModel>(
  models: M[],
  loopModel?: string,
  estimatedModel?: string
): M | undefined {
  return (
    (estimatedModel ? models.find(m => m.resolvedId === estimatedModel) : undefined) ??
    (loopModel ? models.find(m => m.resolvedId === loopModel) : undefined) ??
    models.reduce<M | undefined>((a, m) => (!a || m.outputTokens > a.outputTokens ? m : a), undefined)
  )
}

/** The run's behaviour with its fan-out: what the other models (side calls, subagents) cost, and as a share. */
function withFanOut(
  behaviour: RunBehaviour | undefined,
  models: PricedModel[],
  main: PricedModel | undefined
): RunBehaviour | undefined {
  if (!behaviour) return undefined
  if (!main || main.usd <= 0) return behaviour
  const fanOut = models.reduce((s, m) => s + m.usd, 0) - main.usd
  const share = fanOut / main.usd
  // Side calls costing a hundred times the main loop mean the main model was not found: say nothing.
  return share <= MAX_SIDE_SHARE ? { ...behaviour, sideShare: share, fanOutUsd: fanOut } : behaviour
}

/**
 * The actual of run `key`. A readable result file gives our priced actual. A file that exists but
 * cannot be read (crash mid-write, timeout) keeps the hold as spent and marks it unverified: never
 * under-count. A missing file does the same: post cannot tell a skipped agent step from one that died
 * before writing, and says how to release the hold if it never ran.
 */
export function measureActual(args: {
  table: PriceTable
  key: string
  holdUsd: number
  usage: UsageSource
  /** The day to price by when the file does not say when it ran (the hold's day, or today). */
  fallbackDay: PricingDay
  /**
   * `run` saw the whole stream of a run that ended (or was killed) before its result: price the
   * requests it showed, marked partial, instead of keeping the hold as spent.
   */
  partialOk?: boolean
  /** The model the gate estimated for this run, when it held money for it. */
  estimatedModel?: string
}): MeasuredActual {
  const { key } = args
  const notices: string[] = []
  let actual: RecordedActual
  let seen: Pick<MeasuredActual, 'format' | 'meters' | 'failure'> = {}
  if (args.usage.kind === 'file') {
    try {
      const { notes, format, meters, ...priced } = actualFromText(
        args.table,
        args.usage.text,
        args.usage.path,
        args.fallbackDay,
        args.estimatedModel
      )
      actual = priced
      notices.push(...notes)
      seen = { format, meters }
    } catch (error) {
      const shown = args.partialOk ? partialRequests(args.usage.text) : []
      if (shown.length > 0) {
        actual = priceRequests(args.table, shown, args.fallbackDay, 'partial')
        notices.push(
          `${args.usage.path} ended before Claude's result message (the run was stopped): recorded as partial, ` +
            `priced from the ${shown.length} API response${shown.length === 1 ? '' : 's'} it showed: side calls it did not show are not in it, ` +
            "and a response's output tokens are as the stream last showed them (Claude Code gives the final count only in its result)"
        )
      } else {
        const message = (error as Error).message
        notices.push(`${message}; the hold is kept as spent (unverified)`)
        actual = unverified(args.holdUsd)
        seen = { failure: { kind: error instanceof UnknownModelError ? 'unpriced' : 'unreadable', message } }
      }
    }
  } else if (args.usage.kind === 'unreadable') {
    notices.push(`${args.usage.message}; the hold is kept as spent (unverified)`)
    actual = unverified(args.holdUsd)
    seen = { failure: { kind: 'unreadable', message: args.usage.message } }
  } else {
    notices.push(
      `usage-file: no Claude result at ${args.usage.path}; the hold is kept as spent (unverified). ` +
        `If the agent step never ran: agent-credit-gate release --key ${key}`
    )
    actual = unverified(args.holdUsd)
    seen = { failure: { kind: 'missing', message: `usage-file: no Claude result at ${args.usage.path}` } }
  }
  if (actual.mismatch) notices.push(actual.mismatch)
  return { outcome: actual.unverified ? 'unverified' : 'settled', actual, notices, ...seen }
}

function unverified(holdUsd: number): RecordedActual {
  return { label: 'actual', usd: holdUsd, unverified: true }
}
