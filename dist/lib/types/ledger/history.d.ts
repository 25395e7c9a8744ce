/**
 * Each job's last runs, kept whole beyond the entries of the cycle: the settled runs compaction folds
 * away, and those of earlier cycles, carried into each new cycle's document by its first write (the
 * way the meters are), so a job's history survives the reset and a weekly job gathers its runs over
 * months. Whole entries, so every field a settled entry records rides along. Pure.
 */
import type { LedgerDocument, LedgerEntry } from './document.js';
/** Settled runs kept per job beyond the cycle's entries. */
export declare const HISTORY_PER_JOB = 10;
/** A job with no settled run for this long is not carried into the next cycle. */
export declare const HISTORY_DAYS = 92;
export type JobHistory = NonNullable<LedgerDocument['history']>;
/** A run the next estimate can learn from: settled, with a verified actual. */
export declare const learnable: (e: LedgerEntry) => boolean;
/** `history` with `runs` added (each under its job), each job trimmed to its newest runs. */
export declare function keepInHistory(history: JobHistory | undefined, runs: LedgerEntry[]): JobHistory;
/**
 * What a new cycle's document starts with: per job, the newest settled runs of the previous cycle's
 * entries and history; a job not run for `HISTORY_DAYS` is let go. Undefined when there is nothing.
 */
export declare function carryHistory(previous: LedgerDocument | null, now: Date): JobHistory | undefined;
/** A job's runs the history holds (newest first). */
export declare function historyOf(doc: LedgerDocument, jobId: string): LedgerEntry[];
