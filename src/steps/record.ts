/**
 * `record` / the action's post step: read Claude's result, settle the hold with the actual (or keep it
 * as spent, unverified), and return the gate's report completed with the actual. A ledger failure here
 * comes back as `ledgerError`, never as a throw: the agent already ran, and the shell decides how loud.
 */
import type { Settings } from '../config/settings.js'
import type { Cycle } from '../budget/types.js'
import { cycleAt } from '../budget/cycle.js'
import { creditFor } from '../budget/credit.js'
import { jobIdOf, settle } from '../ledger/operations.js'
import { cycleView } from '../ledger/money.js'
import { updateLedger } from '../ledger/update.js'
import type { LedgerDocument } from '../ledger/document.js'
import { measureActual, type UsageSource } from '../usage/measure.js'
import type { RecordedActual } from '../usage/types.js'
import type { GateReport } from '../report/types.js'
import { describeError } from '../github/errors.js'
import { priceTableFor } from './estimate.js'
import { dayOf } from '../pricing/dated.js'
import type { LedgerDeps, StepDeps } from './deps.js'

/** What the gate left for this step: the hold, where it was written, and the gate's report. */
export interface Held {
  /** Idempotency key of the hold. */
  holdKey: string
  /** The cycle the hold was written in (undefined: the cycle of now). */
  cycle?: Cycle
  /** USD held, kept as spent when no usable result file appears. */
  holdUsd: number
  /** The gate's JSON report, which this step completes. */
  reportFile: string
}

export interface RecordOutcome {
  report: GateReport
  /** Set when the ledger could not be written: the hold stays counted as spent until it expires. */
  ledgerError?: string
}

/** Where Claude's result is: the usage-file input, else claude-code-action's execution file. */
export function usageFilePath(settings: Settings, deps: StepDeps): string {
  return settings.reports.usageFile ?? `${deps.runnerTemp ?? '.'}/claude-execution-output.json`
}

async function readUsage(path: string, deps: StepDeps): Promise<UsageSource> {
  const text = await deps.files.readIfExists(path)
  return text === undefined ? { kind: 'missing', path } : { kind: 'file', path, text }
}

/** Replace the hold by the actual (compare-and-swap); returns the document as written. */
async function settleHold(deps: LedgerDeps, cycle: Cycle, key: string, actual: RecordedActual) {
  const { doc } = await updateLedger(deps.store, cycle, current => ({
    doc: settle(
      current,
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
      deps.now
    ).doc,
    result: undefined
  }))
  return doc
}

export async function record(settings: Settings, held: Held, deps: LedgerDeps): Promise<RecordOutcome> {
  const table = await priceTableFor(settings, deps)
  const cycle = held.cycle ?? cycleAt(deps.now, settings.budget.billingCycleDay)
  const measured = measureActual({
    table,
    key: held.holdKey,
    holdUsd: held.holdUsd,
    usage: await readUsage(usageFilePath(settings, deps), deps),
    fallbackDay: { day: dayOf(deps.now), from: 'the day it was recorded' }
  })
  let doc: LedgerDocument | undefined
  let ledgerError: string | undefined
  try {
    doc = await settleHold(deps, cycle, held.holdKey, measured.actual)
  } catch (error) {
    ledgerError =
      `ledger: ${describeError(error)}; the actual ($${measured.actual.usd.toFixed(4)}) was not recorded: ` +
      `the hold stays counted as spent until it expires (hold-hours: ${settings.ledger.holdHours})`
  }
  const text = await deps.files.readIfExists(held.reportFile)
  if (text === undefined) {
    throw new Error(
      `report-file: the gate's report ${JSON.stringify(held.reportFile)} is gone; ` +
        (ledgerError ?? `the actual was recorded in the ledger (${deps.store.describe()})`)
    )
  }
  const report = JSON.parse(text) as GateReport
  report.phase = 'settled'
  report.generatedAt = deps.now.toISOString()
  report.actual = measured.actual
  report.notices.push(...measured.notices)
  if (doc) {
    const view = cycleView({
      doc,
      credit: creditFor(settings.budget),
      cycle,
      budget: settings.budget,
      jobId: jobIdOf(settings.job),
      now: deps.now,
      gatedUsd: report.decision?.gatedUsd ?? report.estimate.blended.p50Usd
    })
    Object.assign(report, view)
  } else {
    report.ledger = { location: deps.store.describe(), error: ledgerError }
    report.notices.push(ledgerError as string)
  }
  return { report, ledgerError }
}
