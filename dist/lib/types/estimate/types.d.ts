import type { TokenUsage } from '../pricing/types.js';
import type { RunBehaviour } from '../usage/types.js';
/**
 * How an agent loop behaves on a model (docs/estimation.md): fitted per model family on published
 * runs (`npm run accuracy:runs`), refined per job by history, overridden by inputs.
 */
export interface LoopBehaviour {
    /** API requests per Claude Code turn after the first (parallel tool calls share a request). */
    requestsPerTurn: number;
    /** a: after k requests the context has grown by a·k^α tokens (tool results + output). */
    growthScale: number;
    /** α: below 1, a run reads most early (files) and less later (edits). */
    growthExponent: number;
    /** Output tokens per API request. */
    outputPerRequest: number;
    /** Share 0–1 of the previous request read back from cache (the rest is written again). */
    cacheHitRate: number;
    /** Chance per request that the cache expired since the previous one (a tool call longer than the TTL). */
    ttlGapsPerRequest: number;
    /** Fan-out: side models and subagents, as a share of the main loop's cost (they run inside the loop). */
    sideShare: number;
    /** Input tokens each request sends past the last cache breakpoint (neither read nor written). */
    uncachedPerRequest: number;
}
/** The fan-out of a run besides its cost share: how many subagents, on which models. */
export interface FanOut {
    /** Subagents (Task/Agent calls) per run. */
    subagentsPerRun: number;
    /** The side models seen, costliest first (empty when nothing says). */
    models: string[];
    /** Where these figures come from. */
    source: string;
}
/** The turn count of a run: given, or a distribution capped at max-turns. */
export type TurnModel = {
    kind: 'given';
    turns: number;
}
/** ln(turns) ~ Normal(ln median, sigma), turns above max-turns end at max-turns. */
 | {
    kind: 'distribution';
    median: number;
    sigma: number;
};
/** The parameters of one agent-loop estimate. */
export interface LoopParams {
    /** S: the agent's fixed prefix (system prompt + tools + first-turn reminders), tokens. */
    prefixTokens: number;
    /** Tokens of the prefix already in the cache when the first request is sent. */
    cachedPrefixTokens: number;
    /** Tokens of the prefix an ideal cache reads on the first request (a run of this agent just ran). */
    sharedPrefixTokens: number;
    /** P: the prompt, tokens. */
    promptTokens: number;
    /** K: context loaded up front, tokens. */
    contextTokens: number;
    behaviour: LoopBehaviour;
    turns: TurnModel;
    /** Hard cap on turns (the max). */
    maxTurns: number;
    /** Cache TTL the agent requests; `off` = no caching. */
    cacheTtl: '5m' | '1h' | 'off';
    /** Leave-one-out scores of cost at a known turn count (sorted): the spread (src/estimate/spread.ts). */
    spreadScores: number[];
    /** Their weights (absent: all 1). */
    spreadWeights?: number[];
    /** Where the scores come from, for the basis sentence. */
    spreadSource?: string;
    /** The job's own correction: its past actuals ÷ what the model gives them (1 without history). */
    calibration?: number;
}
/** One API request of the modelled loop (or the compaction request before it). */
export interface TurnRow {
    /** 1-based API request of the main loop. */
    request: number;
    /** Claude Code turns reached once this request is answered. */
    turn: number;
    /** `compaction`: the request that summarises the context once it nears the window. */
    kind: 'request' | 'compaction';
    /** Input-side tokens sent by this request. */
    contextTokens: number;
    usage: TokenUsage;
    usd: number;
    /** Main loop so far (side and subagent models not included). */
    cumulativeUsd: number;
    /** True for a compaction request. */
    compacted: boolean;
}
/** What the loop model returns: the distribution, the breakdown and the cache counterfactuals. */
export interface LoopEstimate {
    p50Usd: number;
    p90Usd: number;
    maxUsd: number;
    turns: {
        p50: number;
        p90: number;
        max: number;
    };
    /** Main-loop API requests at the p50, p90 and max turn counts. */
    requests: {
        p50: number;
        p90: number;
        max: number;
    };
    /** Main-loop tokens by class at p50 (side and subagent models not included). */
    tokens: TokenUsage;
    /** A row per API request up to max turns; compactions have their own row. */
    perTurn: TurnRow[];
    /** The fan-out (side models and subagents) included in p50Usd. */
    sideUsd: number;
    /** The main loop alone at p50 (p50Usd − sideUsd). */
    mainLoopUsd: number;
    /** Same p50 run with caching off. */
    uncachedUsd: number;
    /** Same p50 run with an ideal cache: every token sent before is read, none written that is not read again. */
    idealUsd: number;
    /** p50Usd − idealUsd: what the cache profile costs beyond ideal. */
    cacheWasteUsd: number;
    /** Input-side tokens of the first request (S + P + K). */
    firstRequestTokens: number;
    /** How many compactions the context window forces up to max turns. */
    compactions: number;
    /** What the spread scales at p50: the loop after the first request's input, plus one agent-prefix write. */
    spreadScaleUsd: number;
    /** How p90 and max were derived, in a sentence. */
    basis: string;
}
/** The estimate after past runs of the same job key taught it. */
export interface BlendedEstimate {
    p50Usd: number;
    p90Usd: number;
    maxUsd: number;
    /** `model` when no usable history, else `blended`. */
    source: 'model' | 'blended';
    /** How many past runs were used. */
    sampleSize: number;
    /** The figures of the fitted presets alone, before this job's history. */
    model: {
        p50Usd: number;
        p90Usd: number;
        maxUsd: number;
    };
    /** The job's own actuals (median, p90) and the weight its behaviour got. */
    history?: {
        p50Usd: number;
        p90Usd: number;
        weight: number;
    };
    /** Past actual ÷ past p50 estimate, when past estimates are known. */
    calibration?: {
        runs: number;
        minRatio: number;
        maxRatio: number;
        medianRatio: number;
    };
}
/** A past settled run of a job key, as history reads it from the ledger. */
export interface PastRun {
    actualUsd: number;
    estimateP50Usd?: number;
    turns?: number;
    settledAt: string;
    /** How the run behaved (absent for runs recorded before behaviour was kept). */
    behaviour?: RunBehaviour;
    /** The model the run used, when the ledger knows it (reports label the runs with it). */
    model?: string;
    /** The other models it used (side calls, subagents), each with its cost. */
    sideModels?: Array<{
        model: string;
        usd: number;
    }>;
}
