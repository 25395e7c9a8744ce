/**
 * Who may spend (`allowed-associations`): a run triggered by someone whose author association is not
 * listed is refused before the ledger is touched — skipped with a neutral check whatever `on-exhaust`
 * says, since an outsider's comment is not a failure of the workflow. A run whose event carries no
 * author association (push, schedule, workflow_dispatch) was started by someone with write access.
 */
import type { LimitSettings, Trigger } from '../config/settings.js'
import type { Decision } from './types.js'
import { consequencesOf } from './consequences.js'

/** The refusal of a run its trigger may not start, or undefined when it may. */
export function outsiderRefusal(s: {
  limits: Pick<LimitSettings, 'allowedAssociations'>
  budget: { gateOn: Decision['gateOn'] }
  job: { trigger?: Trigger }
}): Omit<Decision, 'gatedUsd'> | undefined {
  const allowed = s.limits.allowedAssociations
  const association = s.job.trigger?.association
  if (allowed.length === 0 || association === undefined || allowed.includes(association)) return undefined
  const who = s.job.trigger?.actor ? `@${s.job.trigger.actor}` : 'The person who triggered this run'
  const { says } = consequencesOf({ decision: 'fail', onExhaust: 'skip' })
  return {
    decision: 'fail',
    allowed: false,
    gateOn: s.budget.gateOn,
    onExhaust: 'skip',
    holdUsd: 0,
    maxBudgetUsd: 0,
    capBy: 'hold',
    refusedBy: 'allowed-associations',
    reason: `${who} (${association}) may not start this agent: only ${allowed.join(', ')} may (allowed-associations); nothing was held, and ${says}.`
  }
}
