/**
 * How much of the agent's prefix the first request finds in the cache. Claude Code caches its system
 * prompt and tools: a run of the same agent and model within the TTL leaves most of the prefix there
 * (warm), and part of it is cached beyond one session even when no such run is known (cold). The
 * ledger knows when the last run of this model was active; without a ledger the run is taken as cold.
 */
import { type FittedPresets } from './presets.js';
/** What the ledger says about recent runs: undefined when no ledger was consulted. */
export interface LedgerView {
    /** When a run of this model last settled or started, if one is in the ledger. */
    lastRunAt?: string;
}
export interface FirstRequestCache {
    /** Prefix tokens read from cache on the first request. */
    cachedPrefixTokens: number;
    /** Prefix tokens an ideal cache reads on the first request (a run of this agent just ran). */
    sharedPrefixTokens: number;
    /** The assumption made, for the report. */
    value: string;
    source: string;
}
/**
 * Bedrock and Vertex keep caches within the account: nothing is cached beyond the account's own runs
 * (a Claude Code 2.1.233 run on Vertex read none of its prefix on its first request). Known only when
 * the model is named by its provider id.
 */
export declare function cloudProvider(requestedModel: string): 'bedrock' | 'vertex' | undefined;
export declare function firstRequestCache(args: {
    prefixTokens: number;
    ttl: '5m' | '1h' | 'off';
    model: string;
    /** The model as the user named it: a Bedrock or Vertex id says where the cache lives. */
    requestedModel: string;
    ledger: LedgerView | undefined;
    now: Date;
    fitted?: FittedPresets;
}): FirstRequestCache;
