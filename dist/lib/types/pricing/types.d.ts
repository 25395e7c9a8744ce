export type { EarlierPrices, ModelEntry, PriceRow, PriceTable, TokenUsage } from './schema.js';
/** USD by token class plus the total, and which price row was used. */
export interface PricedUsage {
    usd: number;
    byClass: {
        input: number;
        output: number;
        cacheRead: number;
        cacheWrite5m: number;
        cacheWrite1h: number;
        webSearch: number;
    };
    row: 'standard' | 'long-prompt' | 'fast';
    geoMultiplier: number;
}
