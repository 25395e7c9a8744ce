import type { BudgetSettings } from '../config/settings.js'
import type { Credit } from './types.js'
import plans from '../config/plans.json' with { type: 'json' }
import { usd } from './format.js'

/** The credit in force: an explicit monthly-credits figure wins over the plan preset; the label says which. */
export function creditFor(b: BudgetSettings): Credit {
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
