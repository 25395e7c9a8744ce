/** Pure: settings + counted inputs + price table + what the ledger knows → the estimate part of the report. */
import type { EstimateSettings } from '../config/settings.js';
import type { ModelEntry, PriceTable } from '../pricing/types.js';
import type { TokenCount } from '../tokens/types.js';
import type { BlendedEstimate, LoopEstimate, PastRun } from './types.js';
import { type LedgerView } from './prefix-cache.js';
import { type FittedPresets } from './presets.js';
export interface CountedInputs {
    prompt: TokenCount;
    context: TokenCount;
    /** The agent's fixed prefix for this model, tokens (0 for agent none). */
    prefixTokens: number;
    /** Where the prefix figure comes from, for the assumptions list. */
    prefixSource: string;
}
/** One assumption of the estimate and where its value came from. */
export interface Assumption {
    name: string;
    value: string;
    source: string;
}
/** The estimate as a report shows it: the model, the price table, the assumptions and the figures. */
export interface EstimateView {
    model: {
        requested: string;
        id: string;
        displayName: string;
    };
    priceTable: {
        asOf: string;
        source: string;
    };
    /** What the estimate assumed, each with where the value came from. */
    assumptions: Assumption[];
    estimate: {
        label: 'estimate';
        loop: LoopEstimate;
        blended: BlendedEstimate;
        /** Token count of prompt + context files, with interval and method. */
        inputTokens: {
            prompt: number;
            context: number;
            prefix: number;
            low: number;
            high: number;
            method: string;
        };
    };
}
/** Build the estimate: the loop model with the job's learned behaviour, assumptions with sources. */
export declare function buildEstimate(args: {
    settings: EstimateSettings;
    table: PriceTable;
    model: ModelEntry;
    counted: CountedInputs;
    pastRuns: PastRun[];
    /** What the ledger says about recent runs; undefined when none was consulted. */
    ledger?: LedgerView;
    now: Date;
    /** The fitted presets (the shipped ones unless a calibration run passes its own). */
    fitted?: FittedPresets;
}): EstimateView;
