/**
 * The GitHub store's one read: a single GraphQL query returns the ledger ref's tip, its tree, the
 * document's text and the write lease's holder, where the REST API needs three requests (ref, commit,
 * contents) and a fourth for the lease. That keeps an uncontended gate at six API calls with the lease.
 * scripts/make-graphql-subset.mjs finds this query (by its marker comment) to cut GitHub's schema for
 * the test double.
 */
import type { Octokit } from '@octokit/rest'

export const LEDGER_QUERY = /* GraphQL */ `
  query ledger($owner: String!, $name: String!, $ref: String!, $lease: String!, $path: String!) {
    repository(owner: $owner, name: $name) {
      isEmpty
      defaultBranchRef {
        target {
          oid
        }
      }
      ledger: ref(qualifiedName: $ref) {
        target {
          oid
          ... on Commit {
            tree {
              oid
            }
            file(path: $path) {
              object {
                __typename
                ... on Blob {
                  oid
                  text
                  isTruncated
                }
              }
            }
          }
        }
      }
      lease: ref(qualifiedName: $lease) {
        target {
          oid
        }
      }
    }
  }
`

interface Target {
  oid: string
  tree?: { oid: string }
  file?: {
    object: { __typename: string; oid?: string; text?: string | null; isTruncated?: boolean } | null
  } | null
}

interface LedgerAnswer {
  repository: {
    isEmpty: boolean
    defaultBranchRef: { target: { oid: string } | null } | null
    ledger: { target: Target | null } | null
    lease: { target: { oid: string } | null } | null
  } | null
}

function notFound(error: unknown): boolean {
  const errors = (error as { errors?: Array<{ type?: string }> }).errors
  return Array.isArray(errors) && errors.length > 0 && errors.every(e => e.type === 'NOT_FOUND')
}

/** The ledger ref as one read sees it. */
export interface LedgerSnapshot {
  /** No commit in the repository at all: git database writes answer 409 until one exists. */
  empty: boolean
  /** The default branch's head: what a lease points at before the ledger ref exists. */
  defaultHead: string | null
  /** Tip commit and its tree; null when the ledger ref does not exist. */
  tip: { commit: string; tree: string } | null
  /** The document: its text, or only its blob when GitHub truncated the text; null when missing. */
  file: { blob: string; text: string | null } | null
  /** Something other than a file is at the document's path (a folder). */
  notAFile: boolean
  /** The commit the write lease points at; null when nobody holds it. */
  leaseHolder: string | null
}

export async function queryLedger(
  octokit: Pick<Octokit, 'graphql'>,
  where: { owner: string; repo: string; ref: string; lease: string; path: string }
): Promise<LedgerSnapshot | null> {
  let answer: LedgerAnswer
  try {
    answer = await octokit.graphql<LedgerAnswer>(LEDGER_QUERY, {
      owner: where.owner,
      name: where.repo,
      ref: where.ref,
      lease: where.lease,
      path: where.path
    })
  } catch (error) {
    // GitHub answers a repository the token cannot see as NOT_FOUND, beside `repository: null`.
    if (notFound(error)) return null
    throw error
  }
  const r = answer.repository
  if (!r) return null
  const target = r.ledger?.target ?? null
  const blob = target?.file?.object
  return {
    empty: r.isEmpty,
    defaultHead: r.defaultBranchRef?.target?.oid ?? null,
    tip: target && target.tree ? { commit: target.oid, tree: target.tree.oid } : null,
    file: blob?.oid ? { blob: blob.oid, text: blob.isTruncated ? null : (blob.text ?? null) } : null,
    notAFile: blob !== undefined && blob !== null && blob.__typename !== 'Blob',
    leaseHolder: r.lease?.target?.oid ?? null
  }
}

/** The names in the ledger ref's `cycles/` folder (`ledger copy` lists a GitHub ledger's cycles with it). */
export const CYCLES_QUERY = /* GraphQL */ `
  query ledgerCycles($owner: String!, $name: String!, $ref: String!) {
    repository(owner: $owner, name: $name) {
      ledger: ref(qualifiedName: $ref) {
        target {
          ... on Commit {
            file(path: "cycles") {
              object {
                ... on Tree {
                  entries {
                    name
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`

interface CyclesAnswer {
  repository: {
    ledger: {
      target: { file?: { object: { entries?: Array<{ name: string }> } | null } | null } | null
    } | null
  } | null
}

/** The cycle document names on the ledger ref, oldest first; empty when the ref does not exist. */
export async function queryCycles(
  octokit: Pick<Octokit, 'graphql'>,
  where: { owner: string; repo: string; ref: string }
): Promise<string[]> {
  const answer = await octokit.graphql<CyclesAnswer>(CYCLES_QUERY, {
    owner: where.owner,
    name: where.repo,
    ref: where.ref
  })
  const entries = answer.repository?.ledger?.target?.file?.object?.entries ?? []
  return entries
    .map(e => /^(\d{4}-\d{2}-\d{2})\.json$/.exec(e.name)?.[1])
    .filter((id): id is string => id !== undefined)
    .sort()
}
