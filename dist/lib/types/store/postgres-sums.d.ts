/**
 * The PostgreSQL ledger's sums: what a gate needs of the entries it does not load, summed by the server
 * under the same rules as src/ledger/sums.ts sumEntries (live = held and not expired at the step's
 * instant; the day = entries created in the 24 hours before it; a scope = scope_keys of the entry). A
 * gate's transaction so reads a few sums from indexes, however many holds are live or runs settled.
 */
import type pg from 'pg';
import type { Unloaded } from './types.js';
/**
 * The money of the cycle's entries whose keys are not in `loaded`, at `at`: every live hold, and per
 * scope in `scopes` its live holds and what was created in the last 24 hours (settled actuals, live holds).
 */
export declare function unloadedSums(c: pg.PoolClient, ledger: string, cycleId: string, at: string, scopes: readonly string[], loaded: readonly string[]): Promise<Unloaded>;
/** Every settled entry's money by scope (the trigger's totals) for `scopes`. */
export declare function settledScopes(c: pg.PoolClient, ledger: string, cycleId: string, scopes: readonly string[]): Promise<Record<string, {
    runs: number;
    usd: number;
    realUsd: number;
}>>;
