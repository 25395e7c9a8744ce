import type { BudgetSettings } from '../config/settings.js'
import type { Credit, RecordedAccount } from './types.js'
import plans from '../config/plans.json' with { type: 'json' }
import { usd } from './format.js'

/** The credit in force: an explicit monthly-credits figure wins over the plan preset; the label says which. */
export function creditFor(b: Pick<BudgetSettings, 'plan' | 'monthlyCredits' | 'overageUsd'>): Credit {
  const preset = plans.plans[b.plan]
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
    creditUsd: preset.creditUsd,
    overageUsd: b.overageUsd,
    source: 'plan',
    plan: b.plan,
    label: `${usd(preset.creditUsd)} ${preset.label} credit (plan preset, tiers as announced ${plans.asOf}; override with monthly-credits)`
  }
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

const creditText = (a: Pick<BudgetSettings, 'plan' | 'monthlyCredits' | 'overageUsd'>) => {
  const c = creditFor(a)
  return c.source === 'plan'
    ? `${usd(c.creditUsd)} ${plans.plans[a.plan].label} credit`
    : `${usd(c.creditUsd)} credit`
}

/**
 * The cycle's account: what its ledger document records, except what the caller gave explicitly (the
 * action's inputs are all explicit: the workflow is the configuration). The plan and monthly-credits are
 * one figure: giving either replaces both.
 */
export function accountInForce(settings: BudgetSettings, recorded?: RecordedAccount): AccountInForce {
  const given = (name: BudgetSettings['explicit'][number]) => settings.explicit.includes(name)
  const r = recorded
  const creditGiven = given('plan') || given('monthly-credits')
  const budget: BudgetSettings = {
    ...settings,
    plan: creditGiven || !r ? settings.plan : r.plan,
    monthlyCredits: creditGiven || !r ? settings.monthlyCredits : r.monthlyCredits,
    overageUsd: given('overage') || !r ? settings.overageUsd : r.overageUsd,
    externalSpendUsd: given('external-spend') || !r ? settings.externalSpendUsd : r.externalSpendUsd
  }
  const account = {
    plan: budget.plan,
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
    a.monthlyCredits === b.monthlyCredits &&
    a.overageUsd === b.overageUsd &&
    a.externalSpendUsd === b.externalSpendUsd &&
    a.billingCycleDay === b.billingCycleDay
  )
}
