/**
 * `release`: drop a hold whose agent step never ran, so its money counts again. The run is named by its
 * key or its run id (and job); naming nothing that is held is an error that lists the live holds, never
 * a quiet success.
 */
import type { Settings } from '../config/settings.js';
import { type RunTarget } from '../ledger/runs.js';
import type { LedgerDocument, LedgerEntry } from '../ledger/document.js';
import type { LedgerDeps } from './deps.js';
import type { Cycle } from '../budget/types.js';
export interface ReleaseOutcome {
    key: string;
    /** Who the run is, e.g. `run 77 acme/api review/gate`. */
    run: string;
    outcome: 'released';
    /** The USD that counts again. */
    releasedUsd: number;
}
/** The one held entry `target` names in `doc`, or a one-line error naming what is held instead. */
export declare function heldEntry(doc: LedgerDocument | null, target: RunTarget, now: Date, input: string): LedgerEntry;
/**
 * `gatedCycle`: the cycle the gate held the run in, when the caller knows it (the library): a hold taken
 * just before the billing reset is released there, not looked for in the cycle that began since.
 */
export declare function release(settings: Settings, target: RunTarget, deps: LedgerDeps, gatedCycle?: Cycle): Promise<ReleaseOutcome>;
