/**
 * The 5m/1h split of cache writes for results whose modelUsage does not carry it (Claude Code before
 * 2.1.311). The result's own `usage` is the main loop's: its `cache_creation` (or, without it, the sum
 * of its `iterations[]`) says how many of the main loop's writes were 1-hour writes. With one model
 * that writes to the cache that is exact; with several, the main loop's 1-hour writes go to the main
 * loop's model and every other model's writes stay at the 5-minute rate: Claude Code asks for a 1-hour
 * TTL only on the main thread of a subscriber, and 5 minutes on subagents, compaction and other side
 * requests (its TTL choice by query source, read from the 2.1.331 binary).
 */
import type { TokenUsage } from '../pricing/types.js';
/** The part of a result's `usage` this needs. */
export interface MainLoopUsage {
    cacheWrites: number;
    cacheCreation?: {
        oneHour?: number;
    };
    iterations: Array<{
        model?: string;
        oneHour: number;
    }>;
}
/** One model's usage before the split: all writes counted as 5-minute writes. */
export interface UnsplitModel {
    model: string;
    usage: TokenUsage;
}
export interface Split {
    /** 1-hour writes by model key (missing = none). */
    oneHour: Map<string, number>;
    /** The model the main loop's 1-hour writes were given to, when there were any. */
    mainModel?: string;
    /** How the writes were assigned, when more than one model wrote to the cache. */
    note?: string;
}
/**
 * Assign 1-hour writes to the models of `unsplit`. `startModel` is the init message's model (the main
 * loop's, unless it fell back to another).
 */
export declare function splitCacheWrites(main: MainLoopUsage, unsplit: UnsplitModel[], startModel?: string): Split;
