/**
 * The GitHub store's write lease: a create-only ref beside the ledger ref (`<ledger-ref>.lease`),
 * pointing at the ledger tip its holder read. Creating a ref that exists answers 422 "Reference already
 * exists", so at most one writer holds it; the others wait on the ledger's one-query read, which also
 * says whether the lease is free, instead of spending three content-creating requests on a commit that
 * would lose the compare-and-swap. One request takes it and one gives it back.
 */
import type { Octokit } from '@octokit/rest';
import type { LeaseState, WriteLease } from './types.js';
/** A holder seen unchanged this long stopped without giving the lease back (a hold normally lasts ~4 s). */
export declare const LEASE_TTL_MS = 30000;
export interface RefLeaseOptions {
    octokit: Octokit;
    owner: string;
    repo: string;
    /** The lease's full ref name, e.g. refs/agent-credit-gate/ledger.lease. */
    ref: string;
    /** The repository's first commit, made when it has none (a lease must point at a commit). */
    firstCommit: () => Promise<string | null>;
    ttlMs?: number;
}
export declare class RefLease implements WriteLease {
    private readonly opts;
    readonly ttlMs: number;
    /** The commit our lease points at, while we hold it. */
    private held;
    /** A take whose answer was lost: ours if the next read shows the lease at this commit. */
    private pending;
    constructor(opts: RefLeaseOptions);
    /** The lease's full ref name. */
    get ref(): string;
    private get short();
    take(read: {
        lease?: LeaseState;
    }): Promise<'taken' | 'busy' | 'unknown'>;
    breakStale(holder: string): Promise<void>;
    give(): Promise<void>;
    /** Delete the lease ref; one already gone (422 "Reference does not exist") is what we wanted. */
    private remove;
}
