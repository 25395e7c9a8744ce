/**
 * Who may spend (`allowed-associations`): a run triggered by someone whose author association is not
 * listed is refused before the ledger is touched — skipped with a neutral check whatever `on-exhaust`
 * says, since an outsider's comment is not a failure of the workflow. A run whose event carries no
 * author association (push, schedule, workflow_dispatch) was started by someone with write access.
 */
import type { LimitSettings, Trigger } from '../config/settings.js';
import type { Decision } from './types.js';
/** The refusal of a run its trigger may not start, or undefined when it may. */
export declare function outsiderRefusal(s: {
    limits: Pick<LimitSettings, 'allowedAssociations'>;
    budget: {
        gateOn: Decision['gateOn'];
    };
    job: {
        trigger?: Trigger;
    };
}): Omit<Decision, 'gatedUsd'> | undefined;
