export type TokenizerFamily = 'A' | 'B';
/** A token count with an interval meant to hold the true count at least 90% of the time. */
export interface TokenCount {
    tokens: number;
    low: number;
    high: number;
    family: TokenizerFamily;
    /** `offline` (our counter) or `api` (count_tokens). */
    method: 'offline' | 'api';
}
