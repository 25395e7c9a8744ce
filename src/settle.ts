/** The post step's core: turn Claude's result file into the actual, and settle or release the hold. */
import type { Cycle } from './budget/types.js'
import type { LedgerStore } from './ledger/store.js'
import type { LedgerDocument } from './ledger/document.js'
import { updateLedger } from './ledger/store.js'
import { settle } from './ledger/operations.js'
import type { PriceTable } from './pricing/types.js'
import type { GateReport } from './report/types.js'
import { parseClaudeOutput } from './usage/parse.js'
import { priceRun } from './usage/cost.js'

export type UsageSource =
  | { kind: 'file'; path: string; text: string }
  /** No file at all: the agent step may not have run, or died before writing anything. */
  | { kind: 'missing'; path: string }

export interface MeasuredActual {
  outcome: 'settled' | 'unverified'
  actual: NonNullable<GateReport['actual']>
  notices: string[]
}

/** The actual of a result file, as the report shows it (our figure, Claude's beside it). */
export function actualFromText(
  table: PriceTable,
  text: string,
  name: string
): NonNullable<GateReport['actual']> {
  const run = priceRun(table, parseClaudeOutput(text, name))
  return {
    label: 'actual',
    usd: run.usd,
    claudeReportedUsd: run.claudeReportedUsd,
    mismatch: run.mismatch,
    unverified: false,
    subtype: run.subtype,
    isError: run.isError,
    turns: run.turns,
    durationMs: run.durationMs,
    cacheHitRate: run.cacheHitRate,
    tokens: run.tokens,
    byModel: run.byModel.map(m => ({ model: m.model, usd: m.usd, claudeReportedUsd: m.claudeReportedUsd }))
  }
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
}): MeasuredActual {
  const { key } = args
  const notices: string[] = []
  let actual: NonNullable<GateReport['actual']>
  if (args.usage.kind === 'file') {
    try {
      actual = actualFromText(args.table, args.usage.text, args.usage.path)
    } catch (error) {
      notices.push(`${(error as Error).message}; the hold is kept as spent (unverified)`)
      actual = unverified(args.holdUsd)
    }
  } else {
    notices.push(
      `usage-file: no Claude result at ${args.usage.path}; the hold is kept as spent (unverified). ` +
        `If the agent step never ran: agent-credit-gate release --key ${key}`
    )
    actual = unverified(args.holdUsd)
  }
  if (actual.mismatch) notices.push(actual.mismatch)
  return { outcome: actual.unverified ? 'unverified' : 'settled', actual, notices }
}

/**
 * Replace the hold `key` of `cycle` by the actual (compare-and-swap). Returns the cycle's document as
 * written, so the report needs no second read.
 */
export async function settleHold(args: {
  store: LedgerStore
  cycle: Cycle
  key: string
  actual: NonNullable<GateReport['actual']>
  now: Date
}): Promise<LedgerDocument> {
  const { store, cycle, key, actual, now } = args
  const { result: written } = await updateLedger(store, cycle, doc => {
    const next = settle(
      doc,
      {
        key,
        actualUsd: actual.usd,
        claudeReportedUsd: actual.claudeReportedUsd,
        unverified: actual.unverified,
        model: actual.byModel?.[0]?.model,
        turns: actual.turns,
        subtype: actual.subtype,
        usage: actual.tokens
      },
      now
    ).doc
    return { doc: next, result: next }
  })
  return written
}

function unverified(holdUsd: number): NonNullable<GateReport['actual']> {
  return { label: 'actual', usd: holdUsd, unverified: true }
}
