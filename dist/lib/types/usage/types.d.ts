import type { MeterReport } from './meters.js';
import type { TokenUsage } from '../pricing/types.js';
/** `messages-jsonl`: a usage log of Messages API responses from any client (usage/messages-jsonl.ts). */
export type ClaudeOutputFormat = 'json' | 'json-verbose' | 'stream-json' | 'execution-file' | 'messages-jsonl';
/** One model's usage over the run, as Claude reported it. */
export interface ModelUsageRecord {
    /** The key Claude used (may carry a `[1m]` suffix or be a provider id). */
    model: string;
    usage: TokenUsage;
    claudeCostUsd?: number;
    costBasis?: string;
    /**
     * Where the 5m/1h split of this model's cache writes came from: `reported` by modelUsage (CLIs from
     * 2.1.311), `main-loop` from the result's usage.cache_creation (older CLIs), or `unknown` (priced at
     * the 5-minute rate, as Claude Code prices writes whose TTL it does not know).
     */
    ttlSplit: 'reported' | 'main-loop' | 'unknown';
}
/** What we read from one Claude result file: the last `result` message. */
export interface ClaudeRunResult {
    format: ClaudeOutputFormat;
    /** The subscription's windows as the run's messages reported them (none in `--output-format json`). */
    meters: MeterReport;
    subtype: string;
    isError: boolean;
    numTurns: number;
    durationMs?: number;
    totalCostUsd?: number;
    /** The field Claude's figure came from: `cost_usd` in the oldest results. */
    costField?: 'total_cost_usd' | 'cost_usd';
    byModel: ModelUsageRecord[];
    /** The result's own usage (the main loop), summed over token classes: 0 for an empty run. */
    mainLoopTokens: number;
    /** How 1-hour cache writes were assigned to models when the file has several (one sentence). */
    ttlNote?: string;
    /** The main loop's model: the one its requests name, else the one the run started with (init's `model`). */
    mainModel?: string;
    /** The newest timestamp the file carries (ISO 8601): the day the run's prices are looked up by. */
    endedAt?: string;
    geo?: string;
    speed?: string;
    claudeCodeVersion?: string;
    apiKeySource?: string;
    sessionId?: string;
    /** How the main loop behaved (requests, growth, output, TTL), for the estimate's history. */
    behaviour?: RunBehaviour;
}
/**
 * How one run's main agent loop behaved: what history learns from a settled run (docs/estimation.md).
 * Every field is optional: a `--output-format json` result has no per-request series, old CLIs no TTL.
 */
export interface RunBehaviour {
    /** Main-loop API requests: assistant messages outside subagents, deduplicated by message id. */
    requests?: number;
    /** Tokens the main loop's context grew by from its first request to its last (compactions excluded). */
    growthTokens?: number;
    /** Main-loop output tokens (the result's `usage`, which leaves out subagents and side calls). */
    outputTokens?: number;
    /** The TTL bucket the main loop's cache writes went to. */
    cacheTtl?: '5m' | '1h';
    /** Requests that re-wrote most of the previous request instead of reading it: a TTL gap. */
    cacheMisses?: number;
    /** Share 0–1 of the previous request read back from cache, over the requests without a TTL gap. */
    readBack?: number;
    /** Cost of the other models (side calls, subagents) ÷ the main model's cost. */
    sideShare?: number;
    /** Input-side tokens of the main loop's first request: agent prefix, prompt and what was loaded up front. */
    firstRequestTokens?: number;
    /** Main-loop input tokens sent uncached (past the last cache breakpoint), summed over its requests. */
    uncachedInputTokens?: number;
    /** Subagents the main loop started (Task/Agent calls whose messages carry their parent's id). */
    subagents?: number;
    /** Cost of the fan-out (side models and subagents) in USD, our prices. */
    fanOutUsd?: number;
}
/** A run's recorded actual, as reports show it: our figure, Claude's beside it. */
export interface RecordedActual {
    label: 'actual';
    /** Our figure: Claude's usage priced with our table (kept as the hold when unverified). */
    usd: number;
    /** Claude Code's total_cost_usd (API-equivalent). */
    claudeReportedUsd?: number;
    /** Why our figure and Claude's differ beyond rounding, if they do. */
    mismatch?: string;
    /**
     * What `usd` is: Claude's usage priced with our table (`our-prices`, the default), or Claude's own
     * figure (`claude-reported`) when the file has no per-model usage to price.
     */
    basis?: 'our-prices' | 'claude-reported';
    /** The day whose prices were used (YYYY-MM-DD) and how that day was known. */
    pricedOn?: {
        day: string;
        from: string;
    };
    /** The date of the price table that produced `usd`. */
    priceTableAsOf?: string;
    /** No usable result file: the hold was kept as spent. */
    unverified: boolean;
    subtype?: string;
    isError?: boolean;
    turns?: number;
    durationMs?: number;
    cacheHitRate?: number;
    tokens?: TokenUsage;
    byModel?: Array<{
        model: string;
        usd: number;
        claudeReportedUsd?: number;
        row?: string;
    }>;
    /** How the main loop behaved, recorded in the ledger for the next estimate of this job. */
    behaviour?: RunBehaviour;
    /** The run's main model: the one the gate estimated, else the main loop's, else the one with most output. */
    mainModel?: string;
    /** The other models (side calls, subagents), each with its cost. */
    sideModels?: Array<{
        model: string;
        usd: number;
    }>;
    /** A usage limit stopped the run: the window's name, or out-of-credits. */
    stoppedBy?: string;
}
