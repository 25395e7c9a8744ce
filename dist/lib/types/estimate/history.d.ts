/**
 * History teaches the estimate how this job behaves, not only what it cost: from the job's settled
 * runs it fits its own turn count, requests per turn, context growth, output, cache reads, TTL gaps,
 * fan-out and the size of its first request. From OWN_AT runs on each is the job's own; with fewer,
 * each blends with the preset, weight n / OWN_AT. The next run is estimated with those parameters,
 * corrected by what the model still misses about the job's past runs (their actual ÷ the model at
 * their own turns), and spread by their own scores beside the calibration scores. From TRUST_P90_AT
 * runs on, the gate never holds less than the runs' own 90th percentile.
 */
import type { BlendedEstimate, FanOut, LoopBehaviour, PastRun } from './types.js';
import type { SourcedBehaviour } from './presets.js';
import { type Estimated } from './estimators.js';
/** From this many runs on, a job's parameters and turn distribution are its own. */
export declare const OWN_AT = 3;
/** Pseudo-count of the calibration scores beside the job's own: at K runs, both weigh the same. */
export declare const SPREAD_PRIOR_RUNS = 3;
/** The weight of the job's own runs: all of it from OWN_AT runs on. */
export declare const ownWeight: (n: number) => number;
/** The newest usable settled runs of the job, at most maxRuns. */
export declare function usableRuns(past: PastRun[], maxRuns: number): PastRun[];
export interface Learned {
    behaviour: LoopBehaviour;
    sources: Record<keyof LoopBehaviour, string>;
    turns: {
        median: number;
        sigma: number;
        source: string;
    };
    /** The job's first request (input side, median over its runs), when its runs say. */
    firstRequest?: Estimated;
    /** The job's fan-out besides its cost share: subagents per run, the side models seen. */
    fanOut?: FanOut;
}
/**
 * The preset behaviour and turn distribution moved toward this job's own runs, parameter by
 * parameter, each by how many of its runs say something about it (estimators.ts, the same estimators
 * that fit the presets).
 */
export declare function learnFromHistory(preset: SourcedBehaviour, turns: {
    median: number;
    sigma: number;
    source: string;
}, runs: PastRun[]): Learned;
/** A past run as the model sees it at its own turn count: its p50 and the spread's scale there. */
export interface Replayed {
    actualUsd: number;
    p50Usd: number;
    scaleUsd: number;
}
/**
 * What the model still misses about this job, and how its runs spread around it: the correction is
 * the median of actual ÷ p50 over its runs (all of it from OWN_AT runs on, blended below), and the
 * spread puts the job's own scores beside the calibration scores, weight n / (n + SPREAD_PRIOR_RUNS).
 */
export declare function jobCorrection(replayed: Replayed[], preset: {
    scores: number[];
    weights?: number[];
}): {
    calibration: number;
    scores: number[];
    weights: number[];
    source: string;
} | undefined;
/**
 * The figures the gate uses: the estimate with the job's learned behaviour, never below the job's own
 * p90 from TRUST_P90_AT runs on, beside the preset-only model and the job's actuals.
 */
export declare function blendHistory(model: {
    p50Usd: number;
    p90Usd: number;
    maxUsd: number;
}, learned: {
    p50Usd: number;
    p90Usd: number;
    maxUsd: number;
}, runs: PastRun[]): BlendedEstimate;
/** "last 10 runs: actual was 0.8×–1.3× the p50 estimate" */
export declare function calibrationSentence(b: BlendedEstimate): string | undefined;
