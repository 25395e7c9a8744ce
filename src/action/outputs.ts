import type { GateReport } from '../report/types.js'
import { consequencesOf } from '../budget/consequences.js'
import { plainUsd } from '../budget/format.js'

/** Dollar outputs are plain decimal strings (no $); unset ones are empty. */
const money = (n: number | undefined) => (n === undefined ? '' : plainUsd(n))

/** The step outputs for a report, by output name (action.yml). */
export function outputsFor(report: GateReport, reportFile: string): Record<string, string> {
  const est = report.estimate
  const out: Record<string, string> = {
    'estimate-usd': money(est.blended.p50Usd),
    'estimate-usd-p90': money(est.blended.p90Usd),
    'estimate-usd-max': money(est.blended.maxUsd),
    'estimate-tokens': String(est.loop.firstRequestTokens),
    'cache-waste-usd': money(est.loop.cacheWasteUsd),
    'report-file': reportFile
  }
  // No ledger verdict (estimate only, or the ledger failed open) runs like a pass.
  out.allowed = String(consequencesOf(report.decision).allowed)
  out.decision = report.decision?.decision ?? 'pass'
  if (report.decision) {
    out['max-budget-usd'] = money(report.decision.maxBudgetUsd)
    out['hold-usd'] = money(report.decision.holdUsd)
  }
  const limit = report.decision?.decision === 'fail' ? report.decision.limit : undefined
  out.limited = String(limit !== undefined)
  out['limit-resets-at'] = limit?.resetsAt ?? ''
  if (report.budget) {
    const s = report.budget.state
    out['budget-usd'] = money(s.budgetUsd)
    out['spent-usd'] = money(s.spentUsd)
    out['held-usd'] = money(s.heldUsd)
    out['remaining-usd'] = money(s.remainingUsd)
    out['resets-at'] = report.budget.cycle.resetsAt
  }
  return out
}
