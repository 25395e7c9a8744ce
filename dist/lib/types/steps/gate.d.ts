/**
 * `gate` / the action's main step: estimate with this job's history, decide on the cycle's money and
 * hold it, all on the ledger version that is written. A ledger that cannot be reached fails closed (no
 * hold, the step fails) unless on-ledger-error is warn, which goes on loudly without a hold.
 */
import type { Settings } from '../config/settings.js';
import type { Cycle } from '../budget/types.js';
import type { GateReport } from '../report/types.js';
import type { LedgerDeps } from './deps.js';
export interface GateOutcome {
    report: GateReport;
    /** Set when a hold for this run is in the ledger (new, or from an earlier try of the same key). */
    holdKey?: string;
    /** The cycle the hold was written in (post may run after the reset). */
    cycle?: Cycle;
}
export declare function gate(settings: Settings, deps: LedgerDeps): Promise<GateOutcome>;
