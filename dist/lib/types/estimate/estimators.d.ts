/**
 * Estimators of loop behaviour from settled runs. The same functions fit the presets on the
 * calibration runs (`npm run accuracy:runs`) and learn a job's behaviour from its own runs (history),
 * so a parameter means the same thing in both. Each returns the value and how many runs said something.
 */
import type { PastRun } from './types.js';
export interface Estimated {
    value: number;
    runs: number;
}
export declare function median(xs: number[]): number;
/** Σ(requests − 1) ÷ Σ(turns − 1): the requests a further turn adds, weighted by run length. */
export declare function requestsPerTurnOf(runs: PastRun[]): Estimated | undefined;
/**
 * α of growth = a·k^α, one slope shared by all groups (least squares within each group, so a group's
 * own level does not tilt it). Undefined when no group has two different request counts.
 */
export declare function growthExponentOf(groups: PastRun[][]): number | undefined;
/** a of growth = a·k^α for a given α: the geometric mean of growth ÷ (requests − 1)^α. */
export declare function growthScaleOf(runs: PastRun[], alpha: number): Estimated | undefined;
/**
 * Σ output ÷ Σ requests. A run without a per-request series still says its output; its requests are
 * then inferred from its turns with `requestsOf`.
 */
export declare function outputPerRequestOf(runs: PastRun[], requestsOf: (turns: number) => number): Estimated | undefined;
/** Expired-cache requests ÷ requests after the first. */
export declare function ttlGapRateOf(runs: PastRun[]): Estimated | undefined;
/** Share of the previous request read back, weighted by each run's requests after the first. */
export declare function readBackOf(runs: PastRun[]): Estimated | undefined;
/** The median share of cost spent on side and subagent models. */
export declare function sideShareOf(runs: PastRun[]): Estimated | undefined;
/** Geometric mean and log standard deviation (n − 1) of the turn counts; sigma needs two runs. */
export declare function turnsOf(runs: PastRun[]): {
    median: number;
    sigma?: number;
    runs: number;
} | undefined;
/** The value at or above half the total weight (the plain median when all weigh the same). */
export declare function weightedMedian(values: number[], weights: number[]): number;
/** Σ uncached input ÷ Σ requests: what each request sends past the last cache breakpoint. */
export declare function uncachedPerRequestOf(runs: PastRun[]): Estimated | undefined;
/** The median input-side size of the runs' first requests. */
export declare function firstRequestOf(runs: PastRun[]): Estimated | undefined;
/** Subagents per run, over the runs whose stream says (a series without them says 0). */
export declare function subagentsOf(runs: PastRun[]): Estimated | undefined;
