/**
 * `record` / the action's post step: read Claude's result, settle the run's hold with the actual (or keep
 * it as spent, unverified). The post step settles the hold main handed it, and completes main's report;
 * a hold that is gone by then is recorded without one, flagged. The CLI names a run that must hold money
 * (its key, or its run id and job): naming nothing held is an error listing the live holds, and a run
 * already settled keeps its first figure, which is what is shown. A ledger failure here comes back as
 * `ledgerError`, never as a throw: the agent already ran, and the shell decides how loud.
 */
import type { Settings } from '../config/settings.js'
import type { Cycle } from '../budget/types.js'
import { cycleAt } from '../budget/cycle.js'
import { accountInForce, creditFor } from '../budget/credit.js'
import { usd } from '../budget/format.js'
import { holdNeeded } from '../budget/cap.js'
import { correctionOf, entryKey, jobIdOf, settle } from '../ledger/operations.js'
import { cycleView } from '../ledger/money.js'
import { readCycle, updateLedger, type CycleRead } from '../ledger/update.js'
import { currentCycle, resetOf } from '../ledger/cycles.js'
import { entriesOf, liveHoldsLine, runLabel, targetLabel, type RunTarget } from '../ledger/runs.js'
import type { LedgerDocument, LedgerEntry } from '../ledger/document.js'
import { measureActual, type MeasuredActual, type UsageSource } from '../usage/measure.js'
import type { RecordedActual } from '../usage/types.js'
import type { GateReport } from '../report/types.js'
import { describeError } from '../github/errors.js'
import { judgeLimits, meterLabel, metersView, resetWords } from '../budget/limits.js'
import { metersOf, observeMeters } from '../ledger/meters.js'
import type { MeterReport } from '../usage/meters.js'
import { dayOf } from '../pricing/dated.js'
import { InputError } from '../errors.js'
import { priceTableFor } from './estimate.js'
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

/** What recording did to one run's entry. */
export interface Settlement {
  key: string
  /** Who the run is, e.g. `run 77 acme/api review/gate`. */
  run: string
  /**
   * `settled` now; `already-settled` (the ledger keeps its earlier figure); `settled-without-hold` (post
   * only: the hold was gone, the actual is recorded and flagged); `not-recorded` (the ledger failed).
   */
  outcome: 'settled' | 'already-settled' | 'settled-without-hold' | 'corrected' | 'not-recorded'
  /** What this result file prices at: the figure recorded now, or the one that was not recorded. */
  actual: RecordedActual
  /** The run's entry as the ledger holds it after this step. */
  entry?: LedgerEntry
  doc?: LedgerDocument
  cycle: Cycle
  notices: string[]
  ledgerError?: string
}

/** Where Claude's result is: the usage-file input, else claude-code-action's execution file. */
export function usageFilePath(settings: Settings, deps: StepDeps): string {
  return settings.reports.usageFile ?? `${deps.runnerTemp ?? '.'}/claude-execution-output.json`
}

export async function readUsage(path: string, deps: StepDeps): Promise<UsageSource> {
  try {
    const text = await deps.files.readIfExists(path, 'usage-file')
    return text === undefined ? { kind: 'missing', path } : { kind: 'file', path, text }
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    return { kind: 'unreadable', path, message: error.message }
  }
}

/**
 * The CLI records a figure someone chose to give it: a result file it cannot read (missing, truncated,
 * not Claude's) is an error that settles nothing, so the hold stays live until it expires and the right
 * file can still be recorded, or the hold released. (The post step, which cannot ask, keeps the hold as
 * spent instead; a later `record` of the right file corrects that.)
 */
function refuseUnreadable(measured: MeasuredActual, entry: LedgerEntry, holdHours: number): void {
  const failure = measured.failure
  if (!failure || failure.kind === 'unpriced') return
  const expires =
    entry.status === 'held' ? ` until ${entry.expiresAt.slice(0, 16).replace('T', ' ')} UTC` : ''
  const fate =
    entry.status === 'held'
      ? `nothing was recorded: the hold of ${usd(entry.holdUsd)} stays live${expires} (hold-hours: ${holdHours}); record again with Claude's result file, or release it if the agent never ran (agent-credit-gate release --key ${entry.key})`
      : `nothing was changed: the ledger keeps ${usd(entry.actualUsd ?? 0)}`
  throw new InputError([`${failure.message.replace(/\.$/, '')}; ${fate}`])
}

/** The entry the CLI records against: one held (or already settled) entry, else a one-line error. */
function recordable(doc: LedgerDocument | null, target: RunTarget, now: Date): LedgerEntry {
  const input = target.runId === undefined ? 'key' : 'run-id'
  const found = entriesOf(doc, target)
  const held = found.filter(e => e.status === 'held')
  if (held.length > 1) {
    throw new InputError([
      `${input}: ${targetLabel(target)} holds ${held.length} entries (${held.map(e => runLabel(e.key)).join('; ')}); name one with --job or --key`
    ])
  }
  const entry = held[0] ?? found.find(e => e.status === 'settled')
  if (entry) return entry
  const what = found[0]
    ? `${runLabel(found[0].key)} was ${found[0].status}, nothing is held`
    : `nothing in the ledger is held under ${targetLabel(target)}`
  throw new InputError([
    `${input}: ${what}, so there is nothing to settle (a new entry would count the money twice while the real hold lives); ${liveHoldsLine(doc, now)}`
  ])
}

const NO_METERS: MeterReport = { readings: [], events: 0, notes: [] }

/** What a subscription run's output did or did not say about its windows, for the notices. */
function meterNotices(settings: Settings, m: MeasuredActual, now: Date): string[] {
  const out = (m.meters?.notes ?? []).map(n => `rate_limit_event: ${n}`)
  if (m.actual.stoppedBy) {
    const stop = m.meters?.stop
    out.push(
      `the run was stopped by ${stop?.kind === 'out-of-credits' ? 'running out of credit' : `the ${meterLabel(stop?.meter ?? '')}`}` +
        `${stop?.resetsAt ? ` (it resets ${resetWords(stop.resetsAt, now)})` : ''}: "${stop?.message ?? ''}"; it is recorded with what it spent before that`
    )
  }
  if (settings.estimate.auth === 'subscription' && m.format === 'json')
    out.push(
      "this result (claude -p --output-format json) carries no rate_limit_event, so the subscription's 5-hour and weekly windows were not seen; write stream-json (or use claude-code-action's execution file) to gate on them"
    )
  return out
}

/** What a correction replaced, as the entry's audit trail keeps it. */
function correctedFigure(entry: LedgerEntry): string {
  const last = entry.corrections?.at(-1)
  const was = last
    ? `${usd(last.previousUsd)}${last.previousUnverified ? ' (unverified: the hold kept as spent)' : ''}`
    : '?'
  const why = last?.why === 'replace' ? 'replaced on request (record --replace)' : 'priced now'
  return `corrected: ${runLabel(entry.key)} was settled at ${was}; it is ${usd(entry.actualUsd ?? 0)} now, ${why}; the entry keeps the earlier figure in its corrections`
}

/** Why a second result for a settled run was not recorded, and what the ledger keeps. */
function keptFigure(entry: LedgerEntry, actual: RecordedActual): string {
  const kept = entry.actualUsd ?? 0
  const at = (entry.settledAt ?? entry.updatedAt).slice(0, 16).replace('T', ' ')
  if (!actual.unverified && Math.abs(kept - actual.usd) < 5e-7) {
    return `${runLabel(entry.key)} was already recorded at ${usd(kept)} (${at} UTC), the same figure; nothing changed`
  }
  return (
    `not recorded: ${runLabel(entry.key)} was already settled at ${usd(kept)}${entry.unverified ? ' (unverified)' : ''} on ${at} UTC, ` +
    `and the ledger keeps that figure (a run is settled once); this file prices at ${usd(actual.usd)}${actual.unverified ? ' (unverified)' : ''}` +
    `; to correct the ledger with this file's figure, record again with --replace`
  )
}

/**
 * Settle one run. `mode` is who asks: the post step settles its own hold (and records without one,
 * flagged, if it is gone); the CLI must name a run that holds money.
 */
export async function settleRun(
  settings: Settings,
  target: RunTarget & { holdUsd?: number; cycle?: Cycle },
  deps: LedgerDeps,
  mode: 'post' | 'cli',
  /**
   * `record --replace`: correct a settled figure with this file's (audited in the entry). `captured`:
   * `run` hands over what it captured, and prices a stream cut off before its result as partial.
   */
  opts: { replace?: boolean; captured?: { usage: UsageSource; partialOk: boolean } } = {}
): Promise<Settlement> {
  const table = await priceTableFor(settings, deps)
  const usage = opts.captured?.usage ?? (await readUsage(usageFilePath(settings, deps), deps))
  let cycle = target.cycle
  let read: CycleRead | undefined
  let ledgerError: string | undefined
  const focus = { key: target.key, runId: target.runId }
  try {
    if (cycle) read = await readCycle(deps.store, cycle, focus)
    else ({ cycle, read } = await currentCycle(deps.store, deps.now, resetOf(settings), focus))
  } catch (error) {
    ledgerError = `ledger: ${describeError(error)}`
    cycle ??= cycleAt(deps.now, settings.budget.billingCycleDay)
  }
  const entry = read
    ? mode === 'cli'
      ? recordable(read.doc, target, deps.now)
      : entriesOf(read.doc, target)[0]
    : undefined
  const key = entry?.key ?? target.key ?? ''
  const measured = measureActual({
    table,
    key,
    holdUsd: entry?.holdUsd ?? target.holdUsd ?? 0,
    usage,
    partialOk: opts.captured?.partialOk,
    // A file that does not say when it ran ran after its gate: price it by the day of the hold.
    fallbackDay: entry
      ? { day: entry.createdAt.slice(0, 10), from: "the day of the gate's hold" }
      : { day: dayOf(deps.now), from: 'the day it was recorded' },
    estimatedModel: entry?.model
  })
  if (mode === 'cli' && entry) refuseUnreadable(measured, entry, settings.ledger.holdHours)
  const replace = mode === 'cli' && opts.replace === true
  const base = {
    key,
    run: runLabel(key),
    actual: measured.actual,
    cycle,
    notices: [...measured.notices, ...meterNotices(settings, measured, deps.now)]
  }
  if (entry?.status === 'settled' && !correctionOf(entry, { ...measured.actual, replace })) {
    return {
      ...base,
      outcome: 'already-settled',
      entry,
      doc: read?.doc ?? undefined,
      notices: [...base.notices, keptFigure(entry, measured.actual)]
    }
  }
  if (!ledgerError && read) {
    try {
      const { doc, result } = await updateLedger(
        deps.store,
        cycle,
        current => {
          const s = settle(
            current,
            {
              key,
              actualUsd: measured.actual.usd,
              claudeReportedUsd: measured.actual.claudeReportedUsd,
              unverified: measured.actual.unverified,
              model: measured.actual.mainModel,
              sideModels: measured.actual.sideModels,
              turns: measured.actual.turns,
              subtype: measured.actual.subtype,
              usage: measured.actual.tokens,
              behaviour: measured.actual.behaviour,
              stoppedBy: measured.actual.stoppedBy,
              jobId: jobIdOf(settings.job),
              priceTableAsOf: measured.actual.priceTableAsOf,
              replace
            },
            deps.now
          )
          // The windows the run saw, and its dollars, go to the account's meters in the same write.
          const seen =
            s.outcome === 'settled' ||
            s.outcome === 'settled-without-hold' ||
            (s.outcome === 'corrected' && !replace)
              ? observeMeters(s.doc, settings.ledger.account, measured.meters ?? NO_METERS, {
                  key,
                  usd: measured.actual.usd,
                  now: deps.now
                })
              : s.doc
          return { doc: seen, result: s.outcome }
        },
        { first: read, focus: { ...focus, key } }
      )
      const after = doc.entries.find(e => e.key === key)
      const notices = [...base.notices]
      if (result === 'settled-without-hold')
        notices.push(
          `ledger: no hold for this run was found in cycle ${cycle.id} (it expired and was folded away, or was released): the actual was recorded without one, flagged`
        )
      if (result === 'already-settled' && after) notices.push(keptFigure(after, measured.actual))
      if (result === 'corrected' && after) notices.push(correctedFigure(after))
      return { ...base, outcome: result, entry: after, doc, notices }
    } catch (error) {
      ledgerError = `ledger: ${describeError(error)}`
    }
  }
  const lost =
    `${ledgerError}; the actual ($${measured.actual.usd.toFixed(4)}) was not recorded: ` +
    `the hold stays counted as spent until it expires (hold-hours: ${settings.ledger.holdHours})`
  return {
    ...base,
    outcome: 'not-recorded',
    entry,
    doc: read?.doc ?? undefined,
    ledgerError: lost,
    notices: [...base.notices, lost]
  }
}

/** The gate's report completed with a settlement: the actual, the notices and the cycle's money. */
export function completeReport(
  settings: Settings,
  report: GateReport,
  s: Settlement,
  deps: LedgerDeps
): GateReport {
  const done: GateReport = {
    ...report,
    phase: 'settled',
    generatedAt: deps.now.toISOString(),
    actual: s.actual,
    notices: [...report.notices, ...s.notices]
  }
  if (s.doc && !s.ledgerError) {
    const { budget } = accountInForce(settings.budget, s.doc.account)
    const gatedUsd = report.decision ? holdNeeded(report.decision) : report.estimate.blended.p50Usd
    Object.assign(
      done,
      cycleView({
        doc: s.doc,
        credit: creditFor(budget),
        cycle: s.cycle,
        budget,
        jobId: jobIdOf(settings.job),
        now: deps.now,
        gatedUsd
      })
    )
    const account = settings.ledger.account
    const meters = metersView(
      account,
      judgeLimits(metersOf(s.doc, account), deps.now, { warnAtPct: budget.warnAtPct, gatedUsd })
    )
    if (meters) done.meters = meters
    else delete done.meters
  } else {
    done.ledger = { location: deps.store.describe(), error: s.ledgerError }
  }
  return done
}

/** The post step: settle the hold main handed over and complete main's report. */
export async function record(settings: Settings, held: Held, deps: LedgerDeps): Promise<RecordOutcome> {
  const s = await settleRun(
    settings,
    { key: held.holdKey, holdUsd: held.holdUsd, cycle: held.cycle },
    deps,
    'post'
  )
  const text = await deps.files.readIfExists(held.reportFile)
  if (text === undefined) {
    throw new Error(
      `report-file: the gate's report ${JSON.stringify(held.reportFile)} is gone; ` +
        (s.ledgerError ?? `the actual was recorded in the ledger (${deps.store.describe()})`)
    )
  }
  return {
    report: completeReport(settings, JSON.parse(text) as GateReport, s, deps),
    ledgerError: s.ledgerError
  }
}

/** The report file's gate report, when it is this run's (a shared file may hold another run's estimate). */
export async function reportOfRun(
  path: string,
  key: string,
  deps: StepDeps
): Promise<GateReport | undefined> {
  const text = await deps.files.readIfExists(path)
  if (text === undefined) return undefined
  try {
    const report = JSON.parse(text) as GateReport
    return report.job && entryKey(report.job) === key ? report : undefined
  } catch {
    return undefined
  }
}
