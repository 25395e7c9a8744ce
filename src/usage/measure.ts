/** Claude's result file → the run's recorded actual, never under-counted. */
import type { PriceTable } from '../pricing/types.js'
import type { ClaudeOutputFormat, ClaudeRunResult, RecordedActual, RunBehaviour } from './types.js'
import type { MeterReport } from './meters.js'
import { parseClaudeOutput } from './parse.js'
import { priceRun, type PricingDay } from './cost.js'
import { isMessagesLog, parseMessagesLog, partialRequests, priceRequests } from './messages-jsonl.js'
import { UnknownModelError } from '../pricing/table.js'

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
  fallback: PricingDay
): RecordedActual & { notes: string[]; format: ClaudeOutputFormat; meters: MeterReport } {
  // Any client's usage log (Messages API responses): priced request by request, no windows in it.
  if (isMessagesLog(text)) {
    const priced = priceRequests(table, parseMessagesLog(text, name), fallback, 'success')
    return { ...priced, notes: [], format: 'messages-jsonl', meters: NO_METERS }
  }
  const parsed = parseClaudeOutput(text, name)
  const run = priceRun(table, parsed, fallback)
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
    behaviour: withSideShare(parsed, run.byModel),
    format: parsed.format,
    meters: parsed.meters,
    ...(parsed.meters.stop ? { stoppedBy: parsed.meters.stop.meter ?? parsed.meters.stop.kind } : {})
  }
}

const NO_METERS: MeterReport = { readings: [], events: 0, notes: [] }
const MAX_SIDE_SHARE = 100

/**
 * The run's behaviour with the share of its cost spent outside the main model (side calls, subagents):
 * the main model is the one the main loop's requests name, else the costliest.
 */
function withSideShare(
  parsed: ClaudeRunResult,
  byModel: Array<{ model: string; usd: number }>
): RunBehaviour | undefined {
  const behaviour = parsed.behaviour
  if (!behaviour) return undefined
  const main =
    byModel.find(m => m.model === parsed.mainModel) ??
    byModel.reduce<{ model: string; usd: number } | undefined>(
      (a, m) => (!a || m.usd > a.usd ? m : a),
      undefined
    )
  if (!main || main.usd <= 0) return behaviour
  const share = (byModel.reduce((s, m) => s + m.usd, 0) - main.usd) / main.usd
  // Side calls costing a hundred times the main loop mean the main model was not found: say nothing.
  return share <= MAX_SIDE_SHARE ? { ...behaviour, sideShare: share } : behaviour
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
        args.fallbackDay
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
