/** A cycle's money as its ledger document says: what the gate decides on and the reports show. */
import type { AppliesTo, BudgetSettings } from '../config/settings.js';
import type { BudgetState, Credit, Cycle, Runway } from '../budget/types.js';
import type { PastRun } from '../estimate/types.js';
import type { LedgerDocument } from './document.js';
/** Cumulative settled spend by day of the cycle, for the burn-down. */
export type BurnDown = Array<{
    date: string;
    cumulativeUsd: number;
}>;
/**
 * The cycle's money from its ledger document (none yet = nothing spent). `excludeKey` leaves one run's
 * hold out, so a retried gate decides as its first try did; `appliesTo` says which dollars count.
 */
export declare function cycleMoney(doc: LedgerDocument | null, credit: Credit, externalSpendUsd: number, now: Date, opts?: {
    excludeKey?: string;
    appliesTo?: AppliesTo;
}): {
    state: BudgetState;
    byDay: BurnDown;
};
/** The budget as a report shows it: credit, cycle, money, and the settings that judged it. */
export interface BudgetView {
    credit: Credit;
    cycle: Cycle;
    state: BudgetState;
    warnAtPct: number;
    onExhaust: BudgetSettings['onExhaust'];
}
/** Everything a report says about the cycle, from one document. */
export interface CycleView {
    budget: BudgetView;
    runway: Runway;
    burnDown: BurnDown;
    /** Last settled runs of this job, newest first. */
    recentRuns: PastRun[];
}
/** The report's view of the cycle from `doc`; `gatedUsd` is what one more run of this job holds. */
export declare function cycleView(a: {
    doc: LedgerDocument | null;
    credit: Credit;
    cycle: Cycle;
    budget: BudgetSettings;
    jobId: string;
    now: Date;
    gatedUsd: number;
    excludeKey?: string;
    appliesTo?: AppliesTo;
}): CycleView;
