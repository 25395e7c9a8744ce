/** The gate: estimate, read the cycle, decide, and hold the money — decided inside the CAS loop. */
import type { Settings } from './config/settings.js'
import type { GateReport } from './report/types.js'
import type { BudgetState, Credit, Cycle, Decision } from './budget/types.js'
import type { LedgerDocument } from './ledger/document.js'
import type { LedgerStore } from './ledger/store.js'
import { updateLedger } from './ledger/store.js'
import { entryKey, pastRuns, reserve, totals } from './ledger/operations.js'
import { cycleAt } from './budget/cycle.js'
import { creditFor } from './budget/credit.js'
import { budgetState, decide, runway } from './budget/decide.js'
import type { PastRun } from './estimate/types.js'

/**
 * The cycle's money from its ledger document (none yet = nothing spent). `excludeKey` leaves one run's
 * hold out, so a retried gate decides as its first try did.
 */
export function cycleMoney(
  settings: Settings,
  credit: Credit,
  doc: LedgerDocument | null,
  now: Date,
  excludeKey?: string
): { state: BudgetState; byDay: Array<{ date: string; cumulativeUsd: number }> } {
  const t = doc ? totals(doc, now, excludeKey) : { settledUsd: 0, heldUsd: 0, byDay: [] }
  return {
    state: budgetState({ credit, ...t, externalSpendUsd: settings.budget.externalSpendUsd }),
    byDay: t.byDay
  }
}

/** history key of a job: the same step of the same job across runs. */
export function jobIdOf(job: Settings['job']): string {
  return [job.repository, job.workflow, job.job, job.step].join('/')
}

export interface GateResult {
  report: GateReport
  /** Set when a hold is in the ledger for this run (new or from an earlier try of the same key). */
  holdKey?: string
  cycle: Cycle
  attempts: number
}

/**
 * Run the gate. `estimateWith(pastRuns)` builds the estimate report once history is known;
 * the decision and the hold are computed from the document version that is written, so two
 * concurrent gates can never both spend the same dollars.
 */
export async function runGate(args: {
  settings: Settings
  store: LedgerStore
  now: Date
  estimateWith: (past: PastRun[]) => GateReport
}): Promise<GateResult> {
  const { settings, store, now } = args
  const cycle = cycleAt(now, settings.budget.billingCycleDay)
  const credit = creditFor(settings.budget)
  const jobId = jobIdOf(settings.job)
  const key = entryKey(settings.job)
  const before = await store.read(cycle)
  const report = args.estimateWith(
    before.doc ? pastRuns(before.doc, jobId, settings.estimate.historyRuns) : []
  )
  const blended = report.estimate.blended
  interface Verdict {
    state: BudgetState
    decision: Decision
    held: boolean
    byDay: Array<{ date: string; cumulativeUsd: number }>
    outcome?: string
  }
  const { result, attempts } = await updateLedger<Verdict>(
    store,
    cycle,
    doc => {
      const { state, byDay } = cycleMoney(settings, credit, doc, now, key)
      const decision = decide({
        state,
        estimate: blended,
        gateOn: settings.budget.gateOn,
        warnAtPct: settings.budget.warnAtPct,
        onExhaust: settings.budget.onExhaust
      })
      if (!decision.allowed) return { doc, result: { state, decision, held: false, byDay } }
      const r = reserve(
        doc,
        {
          key,
          jobId,
          holdUsd: decision.maxBudgetUsd,
          estimate: { ...blended, gateOn: settings.budget.gateOn },
          model: report.model.id,
          priceTableAsOf: report.priceTable.asOf,
          holdHours: settings.ledger.holdHours
        },
        now
      )
      return { doc: r.doc, result: { state, decision, held: true, byDay, outcome: r.outcome } }
    },
    { first: before }
  )
  const gated: GateReport = {
    ...report,
    phase: 'gated',
    budget: {
      credit,
      cycle,
      state: result.state,
      warnAtPct: settings.budget.warnAtPct,
      onExhaust: settings.budget.onExhaust
    },
    decision: result.decision,
    runway: runway({ state: result.state, cycle, now, gatedUsd: result.decision.gatedUsd }),
    ledger: { location: store.describe() },
    recentRuns: before.doc ? pastRuns(before.doc, jobId, 5) : [],
    burnDown: result.byDay
  }
  if (result.outcome && result.outcome !== 'reserved') {
    gated.notices.push(
      `ledger: this run's hold already existed (${result.outcome}); nothing was counted twice`
    )
  }
  return { report: gated, holdKey: result.held ? key : undefined, cycle, attempts }
}
