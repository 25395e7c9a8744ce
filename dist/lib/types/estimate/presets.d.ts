/**
 * The presets the estimate starts from, as data (presets.json): each agent's prefix, what is known
 * about the cache TTL Claude Code asks for, and the loop behaviour fitted on published runs. Every
 * value carries its `why`, and every figure handed to the estimate carries its source.
 */
import type { ModelEntry } from '../pricing/types.js';
import type { LoopBehaviour } from './types.js';
export type AgentName = 'claude-code' | 'none';
/** A fitted or curated value and why it is what it is. */
export interface Fitted<T = number> {
    value: T;
    why: string;
}
/** The behaviour of one model family's loop, fitted on its runs. */
export interface FamilyFit {
    runs: number;
    requestsPerTurn: Fitted;
    growthScale: Fitted;
    outputPerRequest: Fitted;
}
/** What `npm run accuracy:runs` writes into presets.json (`fitted`). */
export interface FittedPresets {
    /** The calibration set, with where and when it was collected. */
    source: string;
    runs: number;
    /** Per family with runs, and `all` (pooled) for the families without. */
    families: Record<string, FamilyFit>;
    growthExponent: Fitted;
    cacheHitRate: Fitted;
    ttlGapsPerRequest: Fitted;
    /** Share of the agent prefix already cached on the first request: after a recent run, and cold. */
    prefixCache: {
        warmShare: Fitted;
        coldShare: Fitted;
    };
    sideShare: Fitted;
    /** Subagents (Task/Agent calls) per run: the fan-out's count, shown beside its cost share. */
    subagentsPerRun: Fitted;
    /** Main-loop input tokens per request sent past the last cache breakpoint. */
    uncachedPerRequest: Fitted;
    /**
     * Tokens the first request carries beyond the agent prefix and the prompt: what a real setup loads
     * before the first turn (its CLAUDE.md, system prompt additions, MCP tools).
     */
    contextUpFront: Fitted;
    /** ln(turns) ~ Normal(ln median, sigma). */
    turns: {
        median: Fitted;
        sigma: Fitted;
    };
    /** Sorted leave-one-out scores of cost at a known turn count (spread.ts), with their weights. */
    spread: {
        scores: number[];
        weights?: number[];
        why: string;
    };
    /** The TTL the calibration runs' writes went to: the default when nothing else is known. */
    measuredTtl: Fitted<'5m' | '1h'>;
}
/** The fitted presets that ship. */
export declare const SHIPPED: FittedPresets;
/** A behaviour with where each value came from. */
export interface SourcedBehaviour {
    behaviour: LoopBehaviour;
    sources: Record<keyof LoopBehaviour, string>;
}
/**
 * The loop behaviour of a model's family, or the pooled fit for a family without runs. A bare loop
 * (agent none) makes no side calls: its side share is 0.
 */
export declare function presetBehaviour(agent: AgentName, model: ModelEntry, fitted?: FittedPresets): SourcedBehaviour;
/** The agent's prefix for a model in tokens: measured bytes over the preset's measured bytes per token. */
export declare function prefixTokens(agent: AgentName, model: ModelEntry): {
    tokens: number;
    source: string;
};
/** Bytes per token of the agent's prefix (and of a prompt whose text is not at hand). */
export declare function bytesPerToken(agent: AgentName): number;
/** `2.1.4` < `2.1.242`: compared numerically part by part; anything after a `-` is ignored. */
export declare function compareVersions(a: string, b: string): number;
/** The TTL auth and the CLI version imply, when something is known about them; else undefined. */
export declare function ttlFor(auth: 'subscription' | 'api-key', version: string | undefined): Fitted<'5m' | '1h'> | undefined;
