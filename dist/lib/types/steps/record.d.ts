/**
 * `record` / the action's post step: read Claude's result, settle the run's hold with the actual (or keep
 * it as spent, unverified). The post step settles the hold main handed it, and completes main's report;
 * a hold that is gone by then is recorded without one, flagged. The CLI names a run that must hold money
 * (its key, or its run id and job): naming nothing held is an error listing the live holds, and a run
 * already settled keeps its first figure, which is what is shown. A ledger failure here comes back as
 * `ledgerError`, never as a throw: the agent already ran, and the shell decides how loud.
 */
import type { Settings } from '../config/settings.js';
import type { Cycle } from '../budget/types.js';
import { type RunTarget } from '../ledger/runs.js';
import type { LedgerDocument, LedgerEntry } from '../ledger/document.js';
import { type UsageSource } from '../usage/measure.js';
import type { RecordedActual } from '../usage/types.js';
import type { GateReport } from '../report/types.js';
import type { LedgerDeps, StepDeps } from './deps.js';
/** What the gate left for this step: the hold, where it was written, and the gate's report. */
export interface Held {
    /** Idempotency key of the hold. */
    holdKey: string;
    /** The cycle the hold was written in (undefined: the cycle of now). */
    cycle?: Cycle;
    /** USD held, kept as spent when no usable result file appears. */
    holdUsd: number;
    /** The gate's JSON report, which this step completes. */
    reportFile: string;
}
export interface RecordOutcome {
    report: GateReport;
    /** Set when the ledger could not be written: the hold stays counted as spent until it expires. */
    ledgerError?: string;
}
/** What recording did to one run's entry. */
export interface Settlement {
    key: string;
    /** Who the run is, e.g. `run 77 acme/api review/gate`. */
    run: string;
    /**
     * `settled` now; `already-settled` (the ledger keeps its earlier figure); `settled-without-hold` (post
     * only: the hold was gone, the actual is recorded and flagged); `not-recorded` (the ledger failed).
     */
    outcome: 'settled' | 'already-settled' | 'settled-without-hold' | 'corrected' | 'not-recorded';
    /** What this result file prices at: the figure recorded now, or the one that was not recorded. */
    actual: RecordedActual;
    /** The run's entry as the ledger holds it after this step. */
    entry?: LedgerEntry;
    doc?: LedgerDocument;
    cycle: Cycle;
    notices: string[];
    ledgerError?: string;
}
/** Where Claude's result is: the usage-file input, else claude-code-action's execution file. */
export declare function usageFilePath(settings: Settings, deps: StepDeps): string;
export declare function readUsage(path: string, deps: StepDeps): Promise<UsageSource>;
/**
 * Settle one run. `mode` is who asks: the post step settles its own hold (and records without one,
 * flagged, if it is gone); the CLI must name a run that holds money.
 */
export declare function settleRun(settings: Settings, target: RunTarget & {
    holdUsd?: number;
    cycle?: Cycle;
}, deps: LedgerDeps, mode: 'post' | 'cli', 
/**
 * `record --replace`: correct a settled figure with this file's (audited in the entry). `captured`:
 * `run` hands over what it captured, and prices a stream cut off before its result as partial.
 */
opts?: {
    replace?: boolean;
    captured?: {
        usage: UsageSource;
        partialOk: boolean;
    };
}): Promise<Settlement>;
/** The gate's report completed with a settlement: the actual, the notices and the cycle's money. */
export declare function completeReport(settings: Settings, report: GateReport, s: Settlement, deps: LedgerDeps): GateReport;
/** The post step: settle the hold main handed over and complete main's report. */
export declare function record(settings: Settings, held: Held, deps: LedgerDeps): Promise<RecordOutcome>;
/** The report file's gate report, when it is this run's (a shared file may hold another run's estimate). */
export declare function reportOfRun(path: string, key: string, deps: StepDeps): Promise<GateReport | undefined>;
