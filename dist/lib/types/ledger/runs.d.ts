import type { LedgerDocument, LedgerEntry } from './document.js';
/** What names a run: its key, or its run id with, optionally, the job or step. */
export interface RunTarget {
    key?: string;
    runId?: string;
    job?: string;
}
/** The parts of an entry key. */
export interface KeyParts {
    runId: string;
    attempt: string;
    repository: string;
    workflow: string;
    job: string;
    step: string;
}
export declare function keyParts(key: string): KeyParts | undefined;
/** How a person names an entry: `run 77 (attempt 1) acme/api review/gate`. */
export declare function runLabel(key: string): string;
/**
 * The entries `target` names: the exact key when it is in the ledger, else (with a run id) every entry of
 * that run id, of that job or step if one is given.
 */
export declare function entriesOf(doc: LedgerDocument | null, target: RunTarget): LedgerEntry[];
/** Holds that still count (not expired). */
export declare function liveHolds(doc: LedgerDocument | null, now: Date): LedgerEntry[];
/** The live holds, in one line: what a user can name instead. */
export declare function liveHoldsLine(doc: LedgerDocument | null, now: Date): string;
/** How the user named the run, for messages. */
export declare function targetLabel(target: RunTarget): string;
