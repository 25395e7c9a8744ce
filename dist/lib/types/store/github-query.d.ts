/**
 * The GitHub store's one read: a single GraphQL query returns the ledger ref's tip, its tree, the
 * document's text and the write lease's holder, where the REST API needs three requests (ref, commit,
 * contents) and a fourth for the lease. That keeps an uncontended gate at six API calls with the lease.
 * scripts/make-graphql-subset.mjs finds this query (by its marker comment) to cut GitHub's schema for
 * the test double.
 */
import type { Octokit } from '@octokit/rest';
export declare const LEDGER_QUERY = "\n  query ledger($owner: String!, $name: String!, $ref: String!, $lease: String!, $path: String!) {\n    repository(owner: $owner, name: $name) {\n      isEmpty\n      defaultBranchRef {\n        target {\n          oid\n        }\n      }\n      ledger: ref(qualifiedName: $ref) {\n        target {\n          oid\n          ... on Commit {\n            tree {\n              oid\n            }\n            file(path: $path) {\n              object {\n                __typename\n                ... on Blob {\n                  oid\n                  text\n                  isTruncated\n                }\n              }\n            }\n          }\n        }\n      }\n      lease: ref(qualifiedName: $lease) {\n        target {\n          oid\n        }\n      }\n    }\n  }\n";
/** The ledger ref as one read sees it. */
export interface LedgerSnapshot {
    /** No commit in the repository at all: git database writes answer 409 until one exists. */
    empty: boolean;
    /** The default branch's head: what a lease points at before the ledger ref exists. */
    defaultHead: string | null;
    /** Tip commit and its tree; null when the ledger ref does not exist. */
    tip: {
        commit: string;
        tree: string;
    } | null;
    /** The document: its text, or only its blob when GitHub truncated the text; null when missing. */
    file: {
        blob: string;
        text: string | null;
    } | null;
    /** Something other than a file is at the document's path (a folder). */
    notAFile: boolean;
    /** The commit the write lease points at; null when nobody holds it. */
    leaseHolder: string | null;
}
export declare function queryLedger(octokit: Pick<Octokit, 'graphql'>, where: {
    owner: string;
    repo: string;
    ref: string;
    lease: string;
    path: string;
}): Promise<LedgerSnapshot | null>;
/** The names in the ledger ref's `cycles/` folder (`ledger copy` lists a GitHub ledger's cycles with it). */
export declare const CYCLES_QUERY = "\n  query ledgerCycles($owner: String!, $name: String!, $ref: String!) {\n    repository(owner: $owner, name: $name) {\n      ledger: ref(qualifiedName: $ref) {\n        target {\n          ... on Commit {\n            file(path: \"cycles\") {\n              object {\n                ... on Tree {\n                  entries {\n                    name\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n";
/** The cycle document names on the ledger ref, oldest first; empty when the ref does not exist. */
export declare function queryCycles(octokit: Pick<Octokit, 'graphql'>, where: {
    owner: string;
    repo: string;
    ref: string;
}): Promise<string[]>;
