import type { BudgetSettings } from '../config/settings.js';
import type { Credit, RecordedAccount } from './types.js';
/** The credit in force: an explicit monthly-credits figure wins over the plan preset; the label says which. */
export declare function creditFor(b: Pick<BudgetSettings, 'plan' | 'monthlyCredits' | 'overageUsd'> & {
    seats?: number;
}): Credit;
/**
 * An API-key run pays list price from the owner's account: there is no plan credit to fall back on, so
 * the budget must be given (or already recorded in the ledger). A one-line error otherwise.
 */
export declare function requireDollarBudget(auth: 'subscription' | 'api-key', b: Pick<BudgetSettings, 'explicit'>, recorded?: RecordedAccount): void;
/** The budget a step works with, and what it changes in the cycle's recorded account. */
export interface AccountInForce {
    budget: BudgetSettings;
    /** The account to record in the cycle's document (equal to `recorded` when nothing changed). */
    account: Omit<RecordedAccount, 'setAt' | 'setBy'>;
    /** One line per figure that differs from what the ledger recorded. */
    changes: string[];
    /** Where the account came from, for labels. */
    from: 'ledger' | 'inputs';
}
/**
 * The cycle's account: what its ledger document records, except what the caller gave explicitly (the
 * action's inputs are all explicit: the workflow is the configuration). The plan and monthly-credits are
 * one figure: giving either replaces both.
 */
export declare function accountInForce(settings: BudgetSettings, recorded?: RecordedAccount): AccountInForce;
/** Whether two recorded accounts say the same thing (when and by whom aside). */
export declare function sameAccount(a: Omit<RecordedAccount, 'setAt' | 'setBy'>, b?: RecordedAccount): boolean;
