/**
 * `gate` / the action's main step: estimate with this job's history, decide on the cycle's money and
 * hold it, all on the ledger version that is written. A ledger that cannot be reached fails closed (no
 * hold, the step fails) unless on-ledger-error is warn, which goes on loudly without a hold.
 */
import type { Settings } from '../config/settings.js'
import type { Cycle } from '../budget/types.js'
import { emptyDocument, entryKey, jobIdOf, lastRunAt, pastRuns } from '../ledger/operations.js'
import { carriedFrom, withCarried } from '../ledger/carry.js'
import { holdIfAllowed, type HoldRequest } from '../ledger/hold.js'
import { cycleView } from '../ledger/money.js'
import { ledgerWaited, readCycle, updateLedger } from '../ledger/update.js'
import { cycleAt } from '../budget/cycle.js'
import { requireDollarBudget } from '../budget/credit.js'
import { metersView } from '../budget/limits.js'
import { holdNeeded } from '../budget/cap.js'
import { currentCycle, recordResetDay, resetOf } from '../ledger/cycles.js'
import type { GateReport } from '../report/types.js'
import { InputError } from '../errors.js'
import { describeError } from '../github/errors.js'
import { failedOnRefWrite } from '../store/github.js'
import { prepareEstimate, type PreparedEstimate } from './estimate.js'
import { waysOut } from '../report/ways-out.js'
import { gatedFigure } from '../budget/decide.js'
import { limitScopes, moneyOf } from '../ledger/spend-limits.js'
import { outsiderRefusal } from '../budget/who-may-spend.js'
import { resolveModel } from '../pricing/table.js'
import { postAlerts } from '../webhook/post.js'
import { spendView } from '../report/spend.js'
import type { LedgerDeps } from './deps.js'
import type { LedgerDocument } from '../ledger/document.js'
import { runLabel } from '../ledger/runs.js'
import { usd } from '../budget/format.js'

export interface GateOutcome {
  report: GateReport
  /** Set when a hold for this run is in the ledger (new, or from an earlier try of the same key). */
  holdKey?: string
  /** The cycle the hold was written in (post may run after the reset). */
  cycle?: Cycle
}

export async function gate(settings: Settings, deps: LedgerDeps): Promise<GateOutcome> {
  const prepared = await prepareEstimate(settings, deps)
  const { now, store } = deps
  const jobId = jobIdOf(settings.job)
  const key = entryKey(settings.job)
  const rateLimitBefore = store.rateLimitWaitMs?.() ?? 0
  // A row store loads this run's entry and the job's history, and sums the rest at this gate's `now`: the
  // cycle's live holds, and the money of the scopes this run's limits judge (src/ledger/sums.ts).
  const trigger = settings.job.trigger
  const where = {
    repository: settings.job.repository,
    jobId,
    ...(trigger?.actor ? { actor: trigger.actor } : {}),
    ...(trigger?.pullRequest !== undefined ? { pr: trigger.pullRequest } : {})
  }
  const focus = {
    key,
    jobId,
    runs: settings.estimate.historyRuns,
    now: now.toISOString(),
    scopes: limitScopes(settings.limits, where)
  }
  /** The last decision made on a version read from the ledger, should writing its record fail. */
  let decided: ReturnType<typeof holdIfAllowed> | undefined
  let decidedIn: Cycle | undefined
  // Who may spend is settled before the ledger is touched: an outsider's run writes nothing.
  const outsider = outsiderRefusal(settings)
  if (outsider) {
    const report = prepared.estimateWith(undefined)
    report.decision = { ...outsider, gatedUsd: gatedFigure(report.estimate.blended, settings.budget.gateOn) }
    return { report }
  }
  try {
    const {
      cycle,
      read: before,
      notices,
      newResetDay
    } = await currentCycle(store, now, resetOf(settings), focus)
    requireDollarBudget(settings.estimate.auth, settings.budget, before.doc?.account)
    decidedIn = cycle
    // A cycle's first gate takes over the meters and job history the previous cycle ended with (one
    // read per cycle); its estimate learns from that history as every later gate of the cycle will.
    const previous = before.doc
      ? null
      : (
          await readCycle(
            store,
            cycleAt(new Date(Date.parse(cycle.start) - 1), settings.budget.billingCycleDay)
          )
        ).doc
    const carried = carriedFrom(previous, now)
    const known = before.doc ?? withCarried(emptyDocument(cycle), carried)
    const estimated = prepared.estimateWith({
      pastRuns: pastRuns(known, jobId, settings.estimate.historyRuns),
      lastRunAt: lastRunAt(before.doc ?? previous ?? known, prepared.sameModel, now, key)
    })
    // Built once: a compare-and-swap retry decides the same request on a newer version of the ledger.
    const request: HoldRequest = {
      key,
      jobId,
      budget: settings.budget,
      estimate: estimated.estimate.blended,
      model: estimated.model.id,
      priceTableAsOf: estimated.priceTable.asOf,
      holdHours: settings.ledger.holdHours,
      account: settings.ledger.account,
      carried,
      limits: settings.limits,
      scope: {
        ...where,
        money: moneyOf(settings.estimate.auth, resolveModel(prepared.table, estimated.model.id).family, now),
        ...(trigger?.association ? { association: trigger.association } : {})
      }
    }
    const { result, doc, wait } = await updateLedger(
      store,
      cycle,
      current => (decided = holdIfAllowed(current, request, now)),
      { first: before, focus }
    )
    const view = cycleView({
      doc,
      credit: result.credit,
      cycle,
      budget: result.budget,
      jobId,
      now,
      // What one more run like this holds: the runway counts runs by it.
      gatedUsd: holdNeeded(result.decision),
      excludeKey: key,
      appliesTo: settings.limits.appliesTo
    })
    const meters = metersView(settings.ledger.account, result.limits)
    refuseRegate(result.outcome, doc, key)
    const report: GateReport = {
      ...estimated,
      phase: 'gated',
      key,
      budget: { ...view.budget, state: result.state },
      decision: result.decision,
      runway: view.runway,
      ledger: {
        location: store.describe(),
        waited: ledgerWaited(wait, (store.rateLimitWaitMs?.() ?? 0) - rateLimitBefore)
      },
      recentRuns: view.recentRuns,
      ...(meters ? { meters } : {}),
      burnDown: view.burnDown,
      spend: spendView(doc, result, settings.limits.appliesTo)
    }
    report.notices.push(...notices, ...(store.takeNotices?.() ?? []))
    // Posted only once the crossing is in the ledger: of gates crossing together, one alerts.
    if (result.alerts.length > 0)
      report.notices.push(...(await postAlerts(result.alerts, settings.limits.alertWebhook)))
    // The first hold on a new reset day moves the ledger to it, so every later reader finds this cycle.
    if (result.outcome === 'reserved' && newResetDay !== undefined) {
      const missed = await recordResetDay(store, newResetDay, describeError)
      if (missed) report.notices.push(missed)
    }
    if (result.outcome === 'reserved' && result.accountChanges.length > 0) {
      report.notices.push(
        `ledger: this cycle's account changed with this gate's inputs: ${result.accountChanges.join('; ')}`
      )
    }
    // A refusal on changed figures says so where it is read: the figures it was refused on are not the
    // ledger's (and, since nothing was held, they are not recorded either).
    if (!result.decision.allowed && result.accountChanges.length > 0) {
      const changed = `decided on this gate's figures, not the ledger's: ${result.accountChanges.join('; ')} (not recorded, since nothing was held)`
      result.decision.reason = `${result.decision.reason.replace(/\.$/, '')}; ${changed}.`
      report.notices.push(`ledger: this gate ${changed}`)
    }
    // A window that refused the run is waited out, not bought out: dollar ways out only for dollars.
    // A per-run ceiling or a limit beside the monthly budget is not a shortage of the cycle's money.
    const byLedger = !result.decision.refusedBy || result.decision.refusedBy === 'ledger budget'
    if (result.decision.decision !== 'pass' && !result.decision.limit && byLedger)
      report.waysOut = waysOut(report, prepared.table)
    if (result.outcome && result.outcome !== 'reserved') {
      report.notices.push(
        `ledger: this run's hold already existed (${result.outcome}); nothing was counted twice`
      )
    }
    return { report, holdKey: result.held ? key : undefined, cycle }
  } catch (error) {
    if (error instanceof InputError) throw error
    // A refusal decided on the ledger's money stands even when its record could not be written.
    const refused = decided && !decided.result.held ? decided.result.decision : undefined
    if (refused) {
      const report = prepared.estimateWith(undefined)
      const v = decided!.result
      report.decision = refused
      if (decidedIn)
        report.budget = {
          credit: v.credit,
          cycle: decidedIn,
          state: v.state,
          warnAtPct: v.budget.warnAtPct,
          onExhaust: v.budget.onExhaust
        }
      report.notices.push(
        `ledger: this refused run could not be counted as prevented (${describeError(error)}); nothing was held`
      )
      return { report }
    }
    return unheld(settings, key, error, prepared)
  }
}

/**
 * A run id whose entry is already settled or released holds nothing: gating it again would say the
 * agent may run on money that is not held, so it is an error naming the state and the fix.
 */
function refuseRegate(outcome: string | undefined, doc: LedgerDocument, key: string): void {
  if (outcome !== 'already-settled' && outcome !== 'already-released') return
  const entry = doc.entries.find(e => e.key === key)
  const state =
    outcome === 'already-released'
      ? 'was released'
      : `is already settled${entry?.actualUsd !== undefined ? ` at ${usd(entry.actualUsd)}` : ''}`
  throw new InputError([
    `run-id: ${runLabel(key)} ${state}, so nothing is held for it and this gate holds nothing; ` +
      'give this run a new --run-id (or correct a settled figure with agent-credit-gate record --replace)'
  ])
}

/**
 * The ledger could not be read or written: fail closed (on-ledger-error: fail), or go on without a hold
 * and say so (warn). A ref update that got no usable answer may still have landed: then its hold counts
 * until it expires, and the message names the command that releases it.
 */
function unheld(settings: Settings, key: string, error: unknown, prepared: PreparedEstimate): GateOutcome {
  const message = `ledger: ${describeError(error)}`
  const fate = failedOnRefWrite(error)
    ? `if GitHub applied the last ledger write, its hold counts until it expires; release it with: agent-credit-gate release --key ${key}`
    : undefined
  if (settings.ledger.onLedgerError === 'fail') {
    throw new Error(
      `${message}; failing closed (on-ledger-error: fail): the agent step must not run; ${fate ?? 'no hold was written'}`
    )
  }
  const report = prepared.estimateWith(undefined)
  report.ledger = { location: settings.ledger.location.kind, error: message }
  report.notices.push(
    `${message}; going on WITHOUT a hold (on-ledger-error: warn): this run is not counted${fate ? `; ${fate}` : ''}`
  )
  return { report }
}
