/**
 * The GitHub store's write lease: a create-only ref beside the ledger ref (`<ledger-ref>.lease`),
 * pointing at the ledger tip its holder read. Creating a ref that exists answers 422 "Reference already
 * exists", so at most one writer holds it; the others wait on the ledger's one-query read, which also
 * says whether the lease is free, instead of spending three content-creating requests on a commit that
 * would lose the compare-and-swap. One request takes it and one gives it back.
 */
import type { Octokit } from '@octokit/rest'
import type { LeaseState, WriteLease } from './types.js'
import { httpStatus } from '../github/errors.js'

/** A holder seen unchanged this long stopped without giving the lease back (a hold normally lasts ~4 s). */
export const LEASE_TTL_MS = 30_000

export interface RefLeaseOptions {
  octokit: Octokit
  owner: string
  repo: string
  /** The lease's full ref name, e.g. refs/agent-credit-gate/ledger.lease. */
  ref: string
  /** The repository's first commit, made when it has none (a lease must point at a commit). */
  firstCommit: () => Promise<string | null>
  ttlMs?: number
}

/** The request behind an octokit error was sent more than once (the retry plugin met a 5xx or no answer). */
function retried(error: unknown): boolean {
  const request = (error as { request?: { request?: { retryCount?: number } } }).request
  return (request?.request?.retryCount ?? 0) > 0
}

export class RefLease implements WriteLease {
  readonly ttlMs: number
  /** The commit our lease points at, while we hold it. */
  private held: string | null = null
  /** A take whose answer was lost: ours if the next read shows the lease at this commit. */
  private pending: string | null = null

  constructor(private readonly opts: RefLeaseOptions) {
    this.ttlMs = opts.ttlMs ?? LEASE_TTL_MS
  }

  /** The lease's full ref name. */
  get ref(): string {
    return this.opts.ref
  }

  private get short(): string {
    return this.opts.ref.replace(/^refs\//, '')
  }

  async take(read: { lease?: LeaseState }): Promise<'taken' | 'busy' | 'unknown'> {
    const holder = read.lease?.holder ?? null
    if (this.pending !== null && holder === this.pending) {
      // Our earlier create landed though its answer was lost. (Another writer who read the same tip
      // and took the lease in that instant would look the same: then both write, and the
      // compare-and-swap lets one through, as it would without a lease.)
      this.held = this.pending
      this.pending = null
      return 'taken'
    }
    this.pending = null
    if (holder !== null) return 'busy'
    const at = read.lease?.claim ?? (await this.opts.firstCommit())
    if (at === null) return 'unknown'
    const { octokit, owner, repo, ref } = this.opts
    try {
      await octokit.rest.git.createRef({ owner, repo, ref, sha: at })
      this.held = at
      return 'taken'
    } catch (error) {
      if (httpStatus(error) !== 422) throw error
      // "Already exists" after a retry may be our own first try, which landed though its answer was
      // lost: the next read settles it.
      if (retried(error)) {
        this.pending = at
        return 'unknown'
      }
      return 'busy'
    }
  }

  async breakStale(holder: string): Promise<void> {
    if (holder === this.held) return
    await this.remove()
  }

  async give(): Promise<void> {
    if (this.held === null && this.pending === null) return
    this.held = null
    this.pending = null
    await this.remove().catch(() => undefined)
  }

  /** Delete the lease ref; one already gone (422 "Reference does not exist") is what we wanted. */
  private async remove(): Promise<void> {
    const { octokit, owner, repo } = this.opts
    try {
      await octokit.rest.git.deleteRef({ owner, repo, ref: this.short })
    } catch (error) {
      if (httpStatus(error) !== 422 && httpStatus(error) !== 404) throw error
    }
  }
}
