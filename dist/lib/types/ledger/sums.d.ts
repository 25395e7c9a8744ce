/**
 * What a gate decides on, summed: the cycle's live holds, and per scope (`job:`, `repository:`, `actor:`,
 * `pr:`, `all`) its spend this cycle and in the last 24 hours. One pure function sums a document's
 * entries for every store; a store that keeps a cycle as rows sums the entries it did not load in SQL
 * (the same rules, src/store/postgres-sums.ts) and hands them over as `unloaded`, so a gate's transaction
 * reads a few sums instead of every live hold, and every store decides on the same figures.
 */
import type { AppliesTo } from '../config/settings.js';
import type { LedgerDocument, LedgerEntry } from './document.js';
import type { ScopeSum, Unloaded, Usd } from '../store/types.js';
export type { ScopeSum, Unloaded, Usd };
/** A scope's money in a document: its loaded entries' settled actuals too (the rest are in `compacted.byScope`). */
export type DocumentScopeSum = ScopeSum & {
    settled: Usd;
};
/** A ledger document as a gate decides on it: with a row store's sums of the entries it left unloaded. */
export type SummedDocument = LedgerDocument & {
    unloaded?: Unloaded;
};
/** The figure of `u` a budget counts. */
export declare const counted: (u: Usd, appliesTo: AppliesTo) => number;
/**
 * Sum `entries` as a gate counts them at `now`: live holds, and for each of `scopes` its live holds, its
 * settled actuals and its money created in the last 24 hours (a settled run's actual, a live hold).
 * `excludeKey` (the run asking) counts nowhere. The SQL of a row store mirrors this function exactly.
 */
export declare function sumEntries(entries: readonly LedgerEntry[], now: Date, scopes: readonly string[], excludeKey?: string): {
    held: Usd;
    byScope: Record<string, DocumentScopeSum>;
};
/**
 * The document's sums at `now`: its entries' (sumEntries) plus what a row store summed instead of
 * loading. Sums taken at another instant, or without a scope asked for now, would be wrong money: that
 * is a programming error, never a silent under-count.
 */
export declare function documentSums(doc: SummedDocument, now: Date, scopes: readonly string[], excludeKey?: string): {
    held: Usd;
    byScope: Record<string, DocumentScopeSum>;
};
/** Settled actuals of `entries` per scope key (a row store takes the loaded ones out of its per-scope totals). */
export declare function settledByScope(entries: readonly LedgerEntry[]): Map<string, Usd & {
    runs: number;
}>;
