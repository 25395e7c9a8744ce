import type { Cycle } from '../budget/types.js';
import type { JobKey, GateOn } from '../config/settings.js';
import type { PastRun } from '../estimate/types.js';
import { type LedgerDocument, type LedgerEntry, type PreventedRun } from './document.js';
import type { AppliesTo } from '../config/settings.js';
/** Settled entries kept in full; older ones are folded into `compacted` (and the job's `history`). */
export declare const KEEP_ENTRIES = 200;
/** The idempotency key of one gated step of one run attempt. */
export declare function entryKey(job: JobKey): string;
/** The history key of a job: the same step of the same job across runs. */
export declare function jobIdOf(job: JobKey): string;
export declare function emptyDocument(cycle: Cycle): LedgerDocument;
export interface ReserveRequest {
    key: string;
    jobId: string;
    holdUsd: number;
    estimate: {
        p50Usd: number;
        p90Usd: number;
        maxUsd: number;
        gateOn: GateOn;
    };
    model?: string;
    priceTableAsOf: string;
    holdHours: number;
    /** Where the run belongs and whose money it is: what scoped budgets and `status` group by. */
    scope?: Pick<LedgerEntry, 'repository' | 'actor' | 'association' | 'pr' | 'money'>;
}
export type ReserveOutcome = 'reserved' | 'already-held' | 'already-settled' | 'already-released';
/** Hold money for a run; the same key again changes nothing. */
export declare function reserve(doc: LedgerDocument, req: ReserveRequest, now: Date): {
    doc: LedgerDocument;
    outcome: ReserveOutcome;
};
/** What settling records; `jobId` and `priceTableAsOf` matter only when the hold is missing. */
export type SettleRequest = Pick<LedgerEntry, 'key'> & {
    actualUsd: number;
} & Partial<Pick<LedgerEntry, 'claudeReportedUsd' | 'unverified' | 'model' | 'sideModels' | 'turns' | 'subtype' | 'usage' | 'behaviour' | 'stoppedBy' | 'jobId' | 'priceTableAsOf'>>;
/**
 * Why settling a settled entry again replaces its figure: it was kept unverified (no usable result) and
 * this one is priced, or the caller asked to replace it. Undefined: settling again changes nothing.
 */
export declare function correctionOf(found: LedgerEntry | undefined, req: {
    unverified?: boolean;
    replace?: boolean;
}): 'unverified' | 'replace' | undefined;
/**
 * Replace a hold by the actual; settling twice changes nothing, except to correct a settled figure
 * (correctionOf), which the entry keeps in `corrections`.
 */
export declare function settle(doc: LedgerDocument, req: SettleRequest & {
    replace?: boolean;
}, now: Date): {
    doc: LedgerDocument;
    outcome: 'settled' | 'already-settled' | 'settled-without-hold' | 'corrected';
};
/** Count a run the gate refused or skipped; the same key again changes nothing. */
export declare function recordPrevented(doc: LedgerDocument, run: PreventedRun): LedgerDocument;
/** What the gate prevented this cycle: refused and skipped runs and the p50 they would likely have spent. */
export declare function preventedTotals(doc: LedgerDocument | null): {
    runs: number;
    p50Usd: number;
};
/** Drop a hold whose agent step never ran. */
export declare function release(doc: LedgerDocument, key: string, now: Date): {
    doc: LedgerDocument;
    outcome: 'released' | 'not-held';
};
/**
 * What the cycle has spent and holds; expired holds stop counting, `excludeKey` leaves one run out, and
 * `appliesTo: real` counts real money only (the burn-down then too).
 */
export declare function totals(doc: LedgerDocument, now: Date, excludeKey?: string, appliesTo?: AppliesTo): {
    settledUsd: number;
    heldUsd: number;
    byDay: Array<{
        date: string;
        cumulativeUsd: number;
    }>;
};
/**
 * The newest settled (verified) runs of a history key, for the estimate's history blend: this cycle's
 * entries, then the job's history (folded away, or carried from earlier cycles).
 */
export declare function pastRuns(doc: LedgerDocument, jobId: string, n: number): PastRun[];
/**
 * When a run whose model `matches` was last active in this ledger: the newest settle, or the start of
 * a live hold (a run under way keeps its cache warm). The prompt cache belongs to the account, and a
 * ledger is one account's budget, so every job in it counts; `excludeKey` leaves out the run asking (a
 * retried gate finds its own hold). Undefined when there is none.
 */
export declare function lastRunAt(doc: LedgerDocument, matches: (model: string | undefined) => boolean, now: Date, excludeKey?: string): string | undefined;
