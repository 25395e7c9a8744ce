import type { BudgetSettings } from '../config/settings.js'
import type { Credit, RecordedAccount } from './types.js'
import plans from '../config/plans.json' with { type: 'json' }
import { usd } from './format.js'
import { InputError } from '../errors.js'

interface Preset {
  label: string
  creditUsd: number
  /** The amount is per seat: the account spends `seats` of them. */
  perSeat?: boolean
  /** Where the figure comes from (the product brief, the help-center article). */
  from: string
}

const PRESETS: Record<BudgetSettings['plan'], Preset> = plans.plans

/** A plan's monthly credit for `seats` seats, and how the label says it. */
function presetCredit(plan: BudgetSettings['plan'], seats: number): { usd: number; words: string } {
  const p = PRESETS[plan]
  if (!p.perSeat) return { usd: p.creditUsd, words: `${usd(p.creditUsd)} ${p.label}` }
  const n = Math.max(1, seats)
  return {
    usd: p.creditUsd * n,
    words: `${usd(p.creditUsd * n)} ${p.label} (${n} seat${n === 1 ? '' : 's'} × ${usd(p.creditUsd)})`
  }
}

/** The credit in force: an explicit monthly-credits figure wins over the plan preset; the label says which. */
export function creditFor(
  b: Pick<BudgetSettings, 'plan' | 'monthlyCredits' | 'overageUsd'> & { seats?: number }
): Credit {
  const preset = presetCredit(b.plan, b.seats ?? 1)
  if (b.monthlyCredits !== undefined) {
    return {
      creditUsd: b.monthlyCredits,
      overageUsd: b.overageUsd,
      source: 'monthly-credits',
      plan: b.plan,
      label: `${usd(b.monthlyCredits)} monthly credit (monthly-credits input)`
    }
  }
  return {
    creditUsd: preset.usd,
    overageUsd: b.overageUsd,
    source: 'plan',
    plan: b.plan,
    // The preset stands for the Agent SDK credit, which was paused on its launch day: say so every time.
    label: `${preset.words} credit (plan preset; the Agent SDK credit was paused on ${plans.pausedSince}, its launch day, so this is a budget you keep, not a credit Anthropic meters; override with monthly-credits)`
  }
}

/**
 * An API-key run pays list price from the owner's account: there is no plan credit to fall back on, so
 * the budget must be given (or already recorded in the ledger). A one-line error otherwise.
 */
export function requireDollarBudget(
  auth: 'subscription' | 'api-key',
  b: Pick<BudgetSettings, 'explicit'>,
  recorded?: RecordedAccount
): void {
  if (auth !== 'api-key' || recorded) return
  if (b.explicit.includes('plan') || b.explicit.includes('monthly-credits')) return
  throw new InputError([
    'monthly-credits: auth api-key pays list price from your own account, with no plan credit to fall back on; set monthly-credits to what this job may spend a month (e.g. 50)'
  ])
}

/** The budget a step works with, and what it changes in the cycle's recorded account. */
export interface AccountInForce {
  budget: BudgetSettings
  /** The account to record in the cycle's document (equal to `recorded` when nothing changed). */
  account: Omit<RecordedAccount, 'setAt' | 'setBy'>
  /** One line per figure that differs from what the ledger recorded. */
  changes: string[]
  /** Where the account came from, for labels. */
  from: 'ledger' | 'inputs'
}

const creditText = (
  a: Pick<BudgetSettings, 'plan' | 'monthlyCredits' | 'overageUsd'> & { seats?: number }
) =>
  a.monthlyCredits !== undefined
    ? `${usd(a.monthlyCredits)} credit`
    : `${presetCredit(a.plan, a.seats ?? 1).words} credit`

/**
 * The cycle's account: what its ledger document records, except what the caller gave explicitly (the
 * action's inputs are all explicit: the workflow is the configuration). The plan and monthly-credits are
 * one figure: giving either replaces both.
 */
export function accountInForce(settings: BudgetSettings, recorded?: RecordedAccount): AccountInForce {
  const given = (name: BudgetSettings['explicit'][number]) => settings.explicit.includes(name)
  const r = recorded
  const creditGiven = given('plan') || given('monthly-credits') || given('seats')
  const budget: BudgetSettings = {
    ...settings,
    plan: creditGiven || !r ? settings.plan : r.plan,
    seats: creditGiven || !r ? settings.seats : (r.seats ?? 1),
    monthlyCredits: creditGiven || !r ? settings.monthlyCredits : r.monthlyCredits,
    overageUsd: given('overage') || !r ? settings.overageUsd : r.overageUsd,
    externalSpendUsd: given('external-spend') || !r ? settings.externalSpendUsd : r.externalSpendUsd
  }
  const account = {
    plan: budget.plan,
    ...(budget.seats !== 1 ? { seats: budget.seats } : {}),
    ...(budget.monthlyCredits !== undefined ? { monthlyCredits: budget.monthlyCredits } : {}),
    overageUsd: budget.overageUsd,
    externalSpendUsd: budget.externalSpendUsd,
    billingCycleDay: r?.billingCycleDay ?? settings.billingCycleDay
  }
  const changes: string[] = []
  if (r) {
    if (creditText(r) !== creditText(budget)) changes.push(`credit ${creditText(r)} → ${creditText(budget)}`)
    if (r.overageUsd !== budget.overageUsd)
      changes.push(`overage ${usd(r.overageUsd)} → ${usd(budget.overageUsd)}`)
    if (r.externalSpendUsd !== budget.externalSpendUsd)
      changes.push(`external spend ${usd(r.externalSpendUsd)} → ${usd(budget.externalSpendUsd)}`)
  }
  const fromLedger = r !== undefined && settings.explicit.length === 0
  return { budget, account, changes, from: fromLedger ? 'ledger' : 'inputs' }
}

/** Whether two recorded accounts say the same thing (when and by whom aside). */
export function sameAccount(a: Omit<RecordedAccount, 'setAt' | 'setBy'>, b?: RecordedAccount): boolean {
  if (!b) return false
  return (
    a.plan === b.plan &&
    (a.seats ?? 1) === (b.seats ?? 1) &&
    a.monthlyCredits === b.monthlyCredits &&
    a.overageUsd === b.overageUsd &&
    a.externalSpendUsd === b.externalSpendUsd &&
    a.billingCycleDay === b.billingCycleDay
  )
}
