/**
 * The GitHub store: documents in an orphan commit history on a custom ref (default
 * refs/agent-credit-gate/ledger), written only by a NON-forced ref update. Every writer builds its
 * commit on the tip it read; if another writer moved the tip, the update is not a fast forward
 * (422) and the caller re-reads. Read: one GraphQL query (tip, tree, document, lease), or REST for a
 * ledger whose custom ref GraphQL does not resolve (found when creating it says it exists). Write: tree,
 * commit, ref. Writers take the lease (github-lease.ts) first, so a burst of gates queues on reads
 * instead of losing compare-and-swaps at three content-creating requests each.
 */
import type { Octokit } from '@octokit/rest';
import type { DocumentStore, StoredText, WriteResult } from './types.js';
import { RefLease } from './github-lease.js';
/** True when `error` came from the ledger ref's update: the write may have landed. */
export declare function failedOnRefWrite(error: unknown): boolean;
export interface GitHubStoreOptions {
    /** Writes (and the lease): throttled as GitHub asks, at least 1 s between content-creating requests. */
    octokit: Octokit;
    /** Reads, on their own throttle key so a read never waits behind a write. Default: `octokit`. */
    reader?: Octokit;
    owner: string;
    repo: string;
    /** Full ref, e.g. refs/agent-credit-gate/ledger. */
    ref: string;
    /** Rate-limit waits so far, ms (the client counts them). */
    rateLimitWaitMs?: () => number;
    /** Tests shorten the lease's time to live. */
    leaseTtlMs?: number;
}
export declare class GitHubStore implements DocumentStore {
    private readonly opts;
    readonly lease: RefLease;
    private readonly reader;
    /** Creating the ledger ref answered "already exists" (the next read checks GraphQL saw it). */
    private createFoundRef;
    /** GraphQL did not resolve this ledger's custom ref though it exists: read it through REST. */
    private restReads;
    private notices;
    constructor(opts: GitHubStoreOptions);
    describe(): string;
    locate(name: string): string;
    rateLimitWaitMs(): number;
    private path;
    cycles(): Promise<string[]>;
    takeNotices(): string[];
    read(name: string): Promise<StoredText>;
    /** A ref's commit through REST; null when there is no such ref. */
    private restRef;
    /** The read through REST: the ledger ref, its commit's tree, the document's blob, the lease ref. */
    private readRest;
    private readGraphql;
    write(name: string, text: string, version: string | null, summary?: string): Promise<WriteResult>;
    /**
     * An empty repository (no commit) gets its first commit, a README on the default branch, through the
     * contents API, the one write GitHub accepts there. Its sha, or null when another writer made it first
     * (read again to see it).
     */
    private firstCommit;
}
