/**
 * The steps the shells run, each a short sequence over the core: load prices, gather and count the
 * inputs, estimate, gate, record. Shared by the action (main, post) and the CLI so they cannot drift.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import type { Settings } from './config/settings.js'
import { InputError } from './config/parse.js'
import type { GateReport } from './report/types.js'
import type { Cycle } from './budget/types.js'
import type { PastRun } from './estimate/types.js'
import { loadPriceTable } from './load-pricing.js'
import { resolveModel } from './pricing/table.js'
import { gather } from './gather.js'
import { countInputs } from './count-inputs.js'
import { buildEstimateReport } from './estimate-report.js'
import { openStore } from './open-store.js'
import { cycleMoney, jobIdOf, runGate } from './gate.js'
import { measureActual, settleHold, type UsageSource } from './settle.js'
import { cycleAt } from './budget/cycle.js'
import { creditFor } from './budget/credit.js'
import { runway } from './budget/decide.js'
import { entryKey, pastRuns } from './ledger/operations.js'
import { failedOnRefWrite } from './ledger/github-store.js'
import type { LedgerStore } from './ledger/store.js'
import type { LedgerDocument } from './ledger/document.js'
import { describeError } from './github/errors.js'
import type { ClientTuning } from './github/client.js'

export interface StepEnv {
  now: Date
  /** Where context globs and relative paths resolve. */
  cwd: string
  log: (message: string) => void
  /** RUNNER_TEMP, where claude-code-action leaves its execution file. */
  runnerTemp?: string
  /** How the GitHub client times out and waits (tests shrink it); production defaults when absent. */
  github?: ClientTuning
}

/** Everything up to the estimate: a function of past runs, so the gate can add history. */
async function prepare(settings: Settings, env: StepEnv): Promise<(past: PastRun[]) => GateReport> {
  const table = await loadPriceTable(settings.estimate.pricingFile)
  const model = resolveModel(table, settings.estimate.model)
  const gathered = await gather(settings.estimate, env.cwd)
  const notices = [...gathered.notices]
  const counted = await countInputs(settings, model, gathered, notices)
  return past =>
    buildEstimateReport({ settings, table, model, counted, pastRuns: past, now: env.now, notices })
}

/** `estimate`: the model alone, no ledger. */
export async function estimateOnly(settings: Settings, env: StepEnv): Promise<GateReport> {
  return (await prepare(settings, env))([])
}

/**
 * `gate` / the main step: estimate with history, decide and hold. A ledger that cannot be reached
 * fails closed (no hold, allowed=false) unless on-ledger-error is warn, which goes on loudly.
 */
export async function estimateGate(
  settings: Settings,
  env: StepEnv
): Promise<{ report: GateReport; holdKey?: string; cycle?: Cycle }> {
  const estimateWith = await prepare(settings, env)
  let store: LedgerStore
  try {
    store = openStore(settings, env.log, env.github)
    const result = await runGate({ settings, store, now: env.now, estimateWith })
    return { report: result.report, holdKey: result.holdKey, cycle: result.cycle }
  } catch (error) {
    if (error instanceof InputError) throw error
    const message = `ledger: ${describeError(error)}`
    // A ref update that got no usable answer may still have landed: then the hold counts until it expires.
    const fate = failedOnRefWrite(error)
      ? `if GitHub applied the last ledger write, its hold counts until it expires; release it with: agent-credit-gate release --key ${entryKey(settings.job)}`
      : undefined
    if (settings.ledger.onLedgerError === 'fail') {
      throw new Error(
        `${message}; failing closed (on-ledger-error: fail): the agent step must not run; ${fate ?? 'no hold was written'}`
      )
    }
    const report = estimateWith([])
    report.ledger = { location: settings.ledger.location.kind, error: message }
    report.notices.push(
      `${message}; going on WITHOUT a hold (on-ledger-error: warn): this run is not counted${fate ? `; ${fate}` : ''}`
    )
    return { report }
  }
}

/** Where Claude's result is: the usage-file input, else claude-code-action's execution file. */
export function usageFilePath(settings: Settings, env: StepEnv): string {
  return settings.reports.usageFile ?? `${env.runnerTemp ?? env.cwd}/claude-execution-output.json`
}

async function readUsage(path: string): Promise<UsageSource> {
  if (!existsSync(path)) return { kind: 'missing', path }
  return { kind: 'file', path, text: await readFile(path, 'utf8') }
}

/** The money of the cycle from the document just written, for the report after the ledger changed. */
function refreshBudget(settings: Settings, doc: LedgerDocument, cycle: Cycle, report: GateReport, now: Date) {
  const credit = creditFor(settings.budget)
  const { state, byDay } = cycleMoney(settings, credit, doc, now)
  report.budget = {
    credit,
    cycle,
    state,
    warnAtPct: settings.budget.warnAtPct,
    onExhaust: settings.budget.onExhaust
  }
  report.runway = runway({
    state,
    cycle,
    now,
    gatedUsd: report.decision?.gatedUsd ?? report.estimate.blended.p50Usd
  })
  report.burnDown = byDay
  report.recentRuns = pastRuns(doc, jobIdOf(settings.job), 5)
}

/**
 * The post step / `record`: read Claude's result, settle (or keep as unverified) the hold, and return
 * main's report completed with the actual.
 */
export async function recordActual(
  settings: Settings,
  held: { holdKey: string; cycle?: Cycle; holdUsd: number; reportFile: string },
  env: StepEnv
): Promise<GateReport> {
  const table = await loadPriceTable(settings.estimate.pricingFile)
  const path = usageFilePath(settings, env)
  const cycle = held.cycle ?? cycleAt(env.now, settings.budget.billingCycleDay)
  const store = openStore(settings, env.log, env.github)
  const measured = measureActual({
    table,
    key: held.holdKey,
    holdUsd: held.holdUsd,
    usage: await readUsage(path)
  })
  let doc: LedgerDocument | undefined
  let ledgerError: string | undefined
  try {
    doc = await settleHold({ store, cycle, key: held.holdKey, actual: measured.actual, now: env.now })
  } catch (error) {
    const message =
      `ledger: ${describeError(error)}; the actual ($${measured.actual.usd.toFixed(4)}) was not recorded: ` +
      `the hold stays counted as spent until it expires (hold-hours: ${settings.ledger.holdHours})`
    if (settings.ledger.onLedgerError === 'fail') throw new Error(`${message} (on-ledger-error: fail)`)
    ledgerError = `${message}; going on (on-ledger-error: warn)`
  }
  let report: GateReport
  try {
    report = JSON.parse(await readFile(held.reportFile, 'utf8')) as GateReport
  } catch {
    throw new Error(
      `report-file: main's report ${JSON.stringify(held.reportFile)} is gone; the actual was recorded in the ledger (${store.describe()})`
    )
  }
  report.phase = 'settled'
  report.generatedAt = env.now.toISOString()
  report.actual = measured.actual
  report.notices.push(...measured.notices)
  if (doc) refreshBudget(settings, doc, cycle, report, env.now)
  else {
    report.ledger = { location: store.describe(), error: ledgerError }
    report.notices.push(ledgerError as string)
  }
  return report
}

/** `status`: the cycle's money, runway and last entries, from the ledger alone. */
export async function ledgerStatus(settings: Settings, env: StepEnv) {
  const store = openStore(settings, env.log, env.github)
  const cycle = cycleAt(env.now, settings.budget.billingCycleDay)
  const { doc } = await store.read(cycle).catch(error => {
    throw new Error(`ledger: ${describeError(error)}`)
  })
  const credit = creditFor(settings.budget)
  const { state } = cycleMoney(settings, credit, doc, env.now)
  const entries = doc
    ? [...doc.entries].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, 10)
    : []
  return {
    ledger: store.describe(),
    cycle,
    credit,
    state,
    runway: runway({ state, cycle, now: env.now, gatedUsd: 0 }),
    lastEntries: entries
  }
}
