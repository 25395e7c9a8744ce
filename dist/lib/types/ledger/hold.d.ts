/**
 * The gate applied to one version of the ledger document: decide on that version's money, and hold
 * the money when the run is allowed. Pure, so the CAS loop only applies it and what is decided is
 * exactly what is written. The account the decision was made on (credit, overage, external spend) is
 * recorded in the document with the hold, so `status` and every report show the same figures.
 */
import type { BudgetSettings, LimitSettings } from '../config/settings.js';
import type { BudgetState, Credit, Decision } from '../budget/types.js';
import { type RunScope, type SpendJudgement } from './spend-limits.js';
import { type Alert } from '../budget/alerts.js';
import { type LimitJudgement } from '../budget/limits.js';
import { type ReserveOutcome } from './operations.js';
import type { LedgerDocument } from './document.js';
import { type Carried } from './carry.js';
export interface HoldRequest {
    /** Idempotency key of this run's gated step. */
    key: string;
    /** History key of the job. */
    jobId: string;
    /** The gate's budget settings; the account inputs it did not give come from the document. */
    budget: BudgetSettings;
    /** The estimate the gate checks (`budget.gateOn` picks the figure). */
    estimate: {
        p50Usd: number;
        p90Usd: number;
        maxUsd: number;
    };
    model: string;
    priceTableAsOf: string;
    holdHours: number;
    /** Whose subscription windows the run uses (`account`). */
    account: string;
    /** What the previous cycle ended with (meters, job history), for a cycle whose document does not carry it yet. */
    carried?: Carried;
    /** Limits beside the monthly budget, and alerts (absent: the monthly budget alone). */
    limits?: LimitSettings;
    /** Where the run belongs and whose money it is (absent: no scoped budget applies). */
    scope?: RunScope & {
        association?: string;
    };
}
export interface HoldVerdict {
    /** The money the decision was made on (this run's own hold left out). */
    state: BudgetState;
    decision: Decision;
    /** The budget and credit the decision was made on (the document's account, with the gate's inputs). */
    budget: BudgetSettings;
    credit: Credit;
    /** How this gate changed the cycle's recorded account, one line per figure. */
    accountChanges: string[];
    /** The subscription's windows as earlier runs saw them, judged for this run. */
    limits: LimitJudgement;
    /** A hold for this key is in the document (new, or from an earlier try of the same key). */
    held: boolean;
    /** What reserve did when the run was allowed. */
    outcome?: ReserveOutcome;
    /** The limits beside the monthly budget, with what each scope used before this run. */
    spend: SpendJudgement;
    /** Threshold crossings this hold caused, recorded with it: the gate posts them after the write. */
    alerts: Alert[];
    /** The budgets count only real money and this run's dollars are notional: no dollar budget applies. */
    notionalExempt: boolean;
    /** Whether this run's dollars are real money or notional (when its scope was given). */
    money?: RunScope['money'];
}
/** Decide on `doc`'s money and, when allowed, reserve the hold (and the account) in the next version. */
export declare function holdIfAllowed(doc: LedgerDocument, req: HoldRequest, now: Date): {
    doc: LedgerDocument;
    result: HoldVerdict;
};
