import type { PriceTable, TokenUsage } from '../pricing/types.js';
import type { ClaudeRunResult } from './types.js';
/** The day a run is priced by (YYYY-MM-DD, UTC) and how it was known. */
export interface PricingDay {
    day: string;
    /** e.g. `the file's timestamps`, `the gate's hold`, `today: the file does not say when it ran`. */
    from: string;
}
/** A run priced with our table, beside Claude's own figure. */
export interface RunCost {
    /** The recorded actual: Claude's usage priced with our table, or Claude's own figure when `basis` says so. */
    usd: number;
    /** `our-prices`, or `claude-reported` when the file has no per-model usage to price. */
    basis: 'our-prices' | 'claude-reported';
    /** Claude Code's total_cost_usd (API-equivalent). */
    claudeReportedUsd?: number;
    /** Why the two differ beyond rounding, when they do. */
    mismatch?: string;
    /** What else the reader must know about how the figure was made (e.g. how 1-hour writes were assigned). */
    notes: string[];
    pricedOn: PricingDay;
    byModel: Array<{
        model: string;
        resolvedId: string;
        usd: number;
        claudeReportedUsd?: number;
        row: string;
    }>;
    tokens: TokenUsage;
    cacheHitRate: number;
    turns: number;
    durationMs?: number;
    subtype: string;
    isError: boolean;
}
/** Cache reads ÷ all input-side tokens (0 when nothing was sent). */
export declare function cacheHitRate(u: TokenUsage): number;
/**
 * Price every model of a run with the prices in force on the day it ran (the file's own timestamps, else
 * `fallback`); an unknown model is an error, not $0.
 * A run with no per-model usage is recorded at Claude's own figure (said so); one with neither usage nor a
 * figure cannot be priced (an InputError, so the hold is kept as spent); an empty run (a slash command
 * that called no model: zero tokens and a total_cost_usd of 0) costs $0 and says nothing.
 */
export declare function priceRun(table: PriceTable, run: ClaudeRunResult, fallback: PricingDay): RunCost;
