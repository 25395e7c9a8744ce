/**
 * Budgets beside the monthly one — per job and per ledger in any rolling 24 hours, per pull request,
 * per repository, per job and per person — judged by the monthly budget's rule: what the scope has
 * spent, plus its live holds, plus this run's hold must fit. Pure, over one ledger document, so the
 * check happens in the same compare-and-swap write as the hold and concurrent gates never overshoot.
 */
import type { AppliesTo, Auth, LimitSettings } from '../config/settings.js';
import type { LedgerDocument, LedgerEntry } from './document.js';
/** Real money (API key, usage credits) or notional (a subscription's API-equivalent dollars). */
export type Money = 'real' | 'notional';
/** Where a run belongs: what each scoped budget matches it on. */
export interface RunScope {
    repository: string;
    jobId: string;
    actor?: string;
    pr?: number;
    money: Money;
}
/** One budget a run must fit, besides the monthly one. */
export interface SpendLimit {
    /** The input that sets it, which the report names. */
    input: string;
    /** "this job's rolling 24 hours", in the report's words. */
    label: string;
    usd: number;
    /** `day`: holds taken in the last 24 hours; `cycle`: this billing cycle. */
    window: 'cycle' | 'day';
    /** The scope's key, e.g. `pr:acme/api#12` (alerts and compacted spend are kept under it). */
    scope: string;
}
/** Whether a run's dollars are real money: an API key, or a model a subscription bills as usage credits. */
export declare function moneyOf(auth: Auth, family: string | undefined, now: Date): Money;
/** The scope keys an entry's money counts under (compaction keeps settled dollars per key). */
export declare function scopeKeys(e: Pick<LedgerEntry, 'repository' | 'jobId' | 'actor' | 'pr'>): string[];
/** The inputs of the dollar limits beside the monthly budget. */
export declare const SPEND_LIMIT_INPUTS: ("max-daily-usd" | "ledger-max-daily-usd" | "max-pr-usd" | "repository-budget-usd" | "job-budget-usd" | "max-actor-usd")[];
/** The limits that apply to this run (a per-PR limit only on a pull request, per-person only with an actor). */
export declare function limitsFor(l: LimitSettings, run: Omit<RunScope, 'money'>): SpendLimit[];
/** The scope keys whose money a run's limits judge: what a row store sums for its gate (CycleFocus.scopes). */
export declare const limitScopes: (l: LimitSettings, run: Omit<RunScope, "money">) => string[];
/** Whether a budget counts this entry's dollars (`budget-applies-to: real` leaves notional ones out). */
export declare const counts: (appliesTo: AppliesTo, money: Money | undefined) => boolean;
export interface SpendJudgement {
    /** Each limit with what its scope used before this run. */
    uses: Array<{
        limit: SpendLimit;
        usedUsd: number;
    }>;
    /** The first limit this run does not fit. */
    refusal?: {
        limit: SpendLimit;
        usedUsd: number;
    };
}
/** Every limit's use before this run, and the first one `gatedUsd` more would pass. */
export declare function judgeSpend(doc: LedgerDocument, limits: SpendLimit[], gatedUsd: number, a: {
    now: Date;
    appliesTo: AppliesTo;
    excludeKey?: string;
}): SpendJudgement;
/** The refusal's reason, naming the budget: "… does not fit max-daily-usd ($5.00 for this job's last 24 hours; $4.10 used)". */
export declare function refusalReason(r: {
    limit: SpendLimit;
    usedUsd: number;
}, gateOn: string, gatedUsd: number): string;
/** The cycle's settled dollars, real money and notional apart (entries from before this was recorded: unlabelled). */
export declare function moneySplit(doc: LedgerDocument | null): {
    realUsd: number;
    notionalUsd: number;
    unlabelledUsd: number;
};
/** One group of `status`'s spend by actor, job or pull request: settled and held, real money apart. */
export interface SpendGroup {
    key: string;
    runs: number;
    settledUsd: number;
    heldUsd: number;
    realUsd: number;
}
/** The cycle's live entries grouped by actor, job and pull request (folded entries are not grouped). */
export declare function spendGroups(doc: LedgerDocument | null, now: Date): {
    byActor: SpendGroup[];
    byJob: SpendGroup[];
    byPr: SpendGroup[];
};
