/**
 * `estimate`: what the agent step will cost (p50 / p90 / max), with no ledger. The gate builds on
 * prepareEstimate, which counts the inputs once and estimates again when the ledger is known.
 */
import type { Settings } from '../config/settings.js';
import type { PriceTable } from '../pricing/types.js';
import type { TokenCount } from '../tokens/types.js';
import type { PastRun } from '../estimate/types.js';
import type { GateReport } from '../report/types.js';
import type { StepDeps } from './deps.js';
/** The price table in force: the built-in one, replaced or extended by the `pricing-file`. */
export declare function priceTableFor(settings: Settings, deps: StepDeps): Promise<PriceTable>;
/** The API count when it works (interval = the count), else the offline count and a notice. */
export declare function countWithFallback(args: {
    apiKey: string;
    baseUrl: string;
    model: string;
    text: string;
    family: TokenCount['family'];
    fetchImpl?: typeof fetch;
}): Promise<{
    count: TokenCount;
    notice?: string;
}>;
/** What the ledger knows that the estimate uses; undefined when no ledger was read. */
export interface LedgerKnows {
    /** This job's newest settled runs. */
    pastRuns: PastRun[];
    /** When a run of this model was last active in the ledger. */
    lastRunAt?: string;
}
/** The inputs read and counted once; the estimate is built again when the ledger is known. */
export interface PreparedEstimate {
    /** The price table in force (the gate prices its ways out with it). */
    table: PriceTable;
    /** The report of an estimate with what the ledger knows (phase `estimate`). */
    estimateWith: (known: LedgerKnows | undefined) => GateReport;
    /** True when a ledger entry's model is the model being estimated (dated ids, provider ids, aliases). */
    sameModel: (model: string | undefined) => boolean;
}
/** Everything up to the estimate, done once: prices, the inputs read and counted. */
export declare function prepareEstimate(settings: Settings, deps: StepDeps): Promise<PreparedEstimate>;
/** `estimate`: the model alone, no ledger. */
export declare function estimate(settings: Settings, deps: StepDeps): Promise<GateReport>;
