/** Claude's result file → the run's recorded actual, never under-counted. */
import type { PriceTable } from '../pricing/types.js';
import type { ClaudeOutputFormat, RecordedActual } from './types.js';
import type { MeterReport } from './meters.js';
import { type PricingDay } from './cost.js';
export type UsageSource = {
    kind: 'file';
    path: string;
    text: string;
}
/** No file at all: the agent step may not have run, or died before writing anything. */
 | {
    kind: 'missing';
    path: string;
}
/** A path that cannot be read (a folder, no permission): `message` says why. */
 | {
    kind: 'unreadable';
    path: string;
    message: string;
};
export interface MeasuredActual {
    outcome: 'settled' | 'unverified';
    actual: RecordedActual;
    notices: string[];
    /** What the output said about the subscription's windows (absent when there was no readable file). */
    meters?: MeterReport;
    /** The output's format: `json` carries no meter at all. */
    format?: ClaudeOutputFormat;
    /**
     * Why the hold was kept instead of a priced actual: no file, a file that is not a readable Claude
     * result, or a model the price table lacks (a pricing file can price it later); and the one-line why.
     */
    failure?: {
        kind: 'missing' | 'unreadable' | 'unpriced';
        message: string;
    };
}
/**
 * The actual of a result file, as the report shows it (our figure, Claude's beside it), priced with the
 * prices of the day the file says it ran, else of `fallback` (when the file does not say).
 */
export declare function actualFromText(table: PriceTable, text: string, name: string, fallback: PricingDay, 
/** The model the gate estimated (a price-table id): the run's main model when the run used it. */
estimatedModel?: string): RecordedActual & {
    notes: string[];
    format: ClaudeOutputFormat;
    meters: MeterReport;
};
interface PricedModel {
    model: string;
    resolvedId: string;
    usd: number;
    outputTokens: number;
}
/**
 * The run's main model: the one the gate estimated (when the run used it), else the one the main
 * loop's requests name (both price-table ids), else the one that wrote most output. Not simply the first of modelUsage: that
 * is often the Haiku side model.
 */
export declare function mainModelOf<M extends PricedModel>(models: M[], loopModel?: string, estimatedModel?: string): M | undefined;
/**
 * The actual of run `key`. A readable result file gives our priced actual. A file that exists but
 * cannot be read (crash mid-write, timeout) keeps the hold as spent and marks it unverified: never
 * under-count. A missing file does the same: post cannot tell a skipped agent step from one that died
 * before writing, and says how to release the hold if it never ran.
 */
export declare function measureActual(args: {
    table: PriceTable;
    key: string;
    holdUsd: number;
    usage: UsageSource;
    /** The day to price by when the file does not say when it ran (the hold's day, or today). */
    fallbackDay: PricingDay;
    /**
     * `run` saw the whole stream of a run that ended (or was killed) before its result: price the
     * requests it showed, marked partial, instead of keeping the hold as spent.
     */
    partialOk?: boolean;
    /** The model the gate estimated for this run, when it held money for it. */
    estimatedModel?: string;
}): MeasuredActual;
export {};
