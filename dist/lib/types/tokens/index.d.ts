/** Offline Claude token counts with an interval, and optional exact counts from count_tokens. */
import type { TokenCount, TokenizerFamily } from './types.js';
import { type ChunkClass } from './chunk-class.js';
/** Per-class values (factors.json's objects) in CHUNK_CLASSES order. */
export declare const byClass: (values: Record<ChunkClass, number>) => number[];
/** Upper and lower tilings per chunk class, before calibration. */
export interface ChunkCounts {
    upper: number[];
    lower: number[];
}
/** A counter with its own chunk cache: real text repeats its chunks (words, indentation) heavily. */
export declare function createTokenCounter(): {
    raw: (text: string) => ChunkCounts;
    count: (text: string, family: TokenizerFamily) => TokenCount;
};
/** Point = calibrated midpoint of the two tilings; spread = half their gap + each class's half-width. */
export declare function calibrate(c: ChunkCounts, factor?: number[], halfWidth?: number[]): {
    point: number;
    spread: number;
};
/** Calibrated count with a ≥90% interval for the tokenizer family. */
export declare function countTokens(text: string, family: TokenizerFamily): TokenCount;
