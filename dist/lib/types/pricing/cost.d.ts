import type { ModelEntry, PriceRow, PricedUsage, TokenUsage } from './types.js';
/** The row Claude Code prices a request with: fast mode, then the long-prompt row, else standard. */
export declare function rowFor(model: ModelEntry, promptTokens: number, speed?: string): {
    row: PriceRow;
    kind: PricedUsage['row'];
};
/**
 * Price one API response (or one model's summed usage) exactly as Claude Code 2.1.331 does:
 * per-class rates per million tokens, 5m/1h writes apart, ×1.1 on tokens for US-only inference,
 * web searches per request on top.
 */
export declare function priceUsage(model: ModelEntry, usage: TokenUsage, ctx?: {
    geo?: string;
    speed?: string;
    usGeoMultiplier?: number;
}): PricedUsage;
/** Zero usage, for sums. */
export declare const NO_USAGE: TokenUsage;
export declare function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage;
