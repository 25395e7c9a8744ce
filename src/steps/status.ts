/** `status`: this cycle's money, runway and newest entries, from the ledger alone. */
import type { Settings } from '../config/settings.js'
import type { BudgetState, Credit, Cycle, Runway } from '../budget/types.js'
import { accountInForce, creditFor } from '../budget/credit.js'
import { runLabel } from '../ledger/runs.js'
import { runway } from '../budget/decide.js'
import { cycleMoney } from '../ledger/money.js'
import { currentCycle, resetOf } from '../ledger/cycles.js'
import type { LedgerEntry } from '../ledger/document.js'
import { describeError } from '../github/errors.js'
import type { LedgerDeps } from './deps.js'
import { judgeLimits, metersView, type MetersView } from '../budget/limits.js'
import { metersOf } from '../ledger/meters.js'
import { moneySplit, spendGroups, type SpendGroup } from '../ledger/spend-limits.js'
import { preventedTotals } from '../ledger/operations.js'
import type { AppliesTo } from '../config/settings.js'

export interface StatusReport {
  ledger: string
  cycle: Cycle
  credit: Credit
  state: BudgetState
  runway: Runway
  /** The ten most recently changed entries, newest first. */
  lastEntries: LedgerEntry[]
  /** What the reader should know, e.g. that the running cycle keeps its old reset day until it ends. */
  notices: string[]
  /** The subscription's windows as the account's runs last saw them. */
  meters?: MetersView
  /** Real money apart from notional, and the cycle's spend by actor, job and pull request. */
  money: ReturnType<typeof moneySplit>
  byActor: SpendGroup[]
  byJob: SpendGroup[]
  byPr: SpendGroup[]
  /** Refused and skipped runs this cycle, with the p50 they would likely have spent. */
  prevented: { runs: number; p50Usd: number }
  /** Which dollars the budgets count (`budget-applies-to`). */
  appliesTo: AppliesTo
  /** When this status was taken. */
  generatedAt: string
}

export async function status(settings: Settings, deps: LedgerDeps): Promise<StatusReport> {
  const {
    cycle,
    read: { doc },
    notices
  } = await currentCycle(deps.store, deps.now, resetOf(settings), { all: true }).catch(error => {
    throw new Error(`ledger: ${describeError(error)}`)
  })
  // The cycle's account as its gates recorded it, unless this command was given other figures.
  const { budget, from } = accountInForce(settings.budget, doc?.account)
  const base = creditFor(budget)
  const recorded = doc?.account
  const credit =
    from === 'ledger' && recorded
      ? {
          ...base,
          label: `${base.label}; as the ledger records it (${runLabel(recorded.setBy)}, ${recorded.setAt.slice(0, 10)})`
        }
      : base
  const appliesTo = settings.limits.appliesTo
  const { state } = cycleMoney(doc, credit, budget.externalSpendUsd, deps.now, { appliesTo })
  const meters = metersView(
    settings.ledger.account,
    judgeLimits(metersOf(doc, settings.ledger.account), deps.now, {
      warnAtPct: budget.warnAtPct,
      gatedUsd: 0
    })
  )
  const entries = doc
    ? [...doc.entries].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, 10)
    : []
  return {
    ledger: deps.store.describe(),
    cycle,
    credit,
    state,
    runway: runway({ state, cycle, now: deps.now, gatedUsd: 0 }),
    lastEntries: entries,
    notices,
    ...(meters ? { meters } : {}),
    money: moneySplit(doc),
    ...spendGroups(doc, deps.now),
    prevented: preventedTotals(doc),
    appliesTo,
    generatedAt: deps.now.toISOString()
  }
}
