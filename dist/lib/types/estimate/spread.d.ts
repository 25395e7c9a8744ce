/**
 * p90 and max as a real spread (docs/estimation.md): the cost of a run is the model's cost at its turn
 * count plus a score × a scale, where the scores are the leave-one-out residuals of the calibration
 * runs and the scale is what is uncertain about the run — the loop after the first request's known
 * input, plus one agent-prefix write (side calls and subagents that write their own prefix). The turn
 * count is given, or log-normal and capped at max-turns. Quantiles over both are exact: the score
 * distribution is a step function, searched by bisection.
 */
import type { TurnModel } from './types.js';
/** Standard normal CDF via erf (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
export declare function normalCdf(z: number): number;
/** P(turns = t) for t = 1…maxTurns (index t − 1): a run that would go on ends at max-turns. */
export declare function turnProbabilities(model: TurnModel, maxTurns: number): number[];
/** The smallest turn count whose cumulative probability reaches q. */
export declare function turnQuantile(probs: number[], q: number): number;
/** Leave-one-out scores (sorted) and, when they are not all worth the same, their weights. */
export interface Spread {
    scores: number[];
    /** Parallel to scores; absent: every score weighs 1. Sources weigh the same however many runs each has. */
    weights?: number[];
}
/**
 * The chance a new run lands at or below z: the weight of the scores at or below z over the total
 * plus one mean weight — a new run is as likely to land beyond all n of them as between any two (the
 * conformal reading of leave-one-out residuals, which keeps coverage honest on a small calibration set).
 */
export declare function scoreCdfOf(spread: Spread): (z: number) => number;
/** Share of the (equally weighted) scores at or below z, over n + 1. */
export declare function scoreCdf(sortedScores: number[], z: number): number;
/** What the spread multiplies: the loop after the first request's known input, plus one prefix write. */
export declare function spreadScale(costUsd: number, knownUsd: number, prefixWriteUsd: number): number;
/**
 * The q-quantile of cost when turns t have probability probs[t − 1], the model's cost at t turns is
 * costs[t − 1] and the cost spreads as costs + score × scales. Infinity when the calibration set is too
 * small to reach q (fewer than q / (1 − q) runs).
 */
export declare function costQuantile(probs: number[], costs: number[], scales: number[], spread: Spread, q: number): number;
