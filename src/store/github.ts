/**
 * The GitHub store: documents in an orphan commit history on a custom ref (default
 * refs/agent-credit-gate/ledger), written only by a NON-forced ref update. Every writer builds its
 * commit on the tip it read; if another writer moved the tip, the update is not a fast forward
 * (422) and the caller re-reads. Read: one GraphQL query (tip, tree, document, lease), or REST for a
 * ledger whose custom ref GraphQL does not resolve (found when creating it says it exists). Write: tree,
 * commit, ref. Writers take the lease (github-lease.ts) first, so a burst of gates queues on reads
 * instead of losing compare-and-swaps at three content-creating requests each.
 */
import type { Octokit } from '@octokit/rest'
import type { DocumentStore, StoredText, WriteResult } from './types.js'
import { queryCycles, queryLedger } from './github-query.js'
import { RefLease } from './github-lease.js'
import { httpStatus } from '../github/errors.js'

/** Marks an error thrown by the ledger ref's update, which GitHub may have applied before the answer was lost. */
const LEDGER_REF_WRITE = Symbol('ledger ref write')

/** True when `error` came from the ledger ref's update: the write may have landed. */
export function failedOnRefWrite(error: unknown): boolean {
  return typeof error === 'object' && error !== null && LEDGER_REF_WRITE in error
}

export interface GitHubStoreOptions {
  /** Writes (and the lease): throttled as GitHub asks, at least 1 s between content-creating requests. */
  octokit: Octokit
  /** Reads, on their own throttle key so a read never waits behind a write. Default: `octokit`. */
  reader?: Octokit
  owner: string
  repo: string
  /** Full ref, e.g. refs/agent-credit-gate/ledger. */
  ref: string
  /** Rate-limit waits so far, ms (the client counts them). */
  rateLimitWaitMs?: () => number
  /** Tests shorten the lease's time to live. */
  leaseTtlMs?: number
}

const readme = (ref: string) => `# Ledger of agent-credit-gate

The ledger lives on the ref \`${ref}\` (not a branch), one JSON document per billing cycle. This file
exists because GitHub writes nothing else into a repository that has no commit yet.
`

export class GitHubStore implements DocumentStore {
  readonly lease: RefLease
  private readonly reader: Octokit
  /** Creating the ledger ref answered "already exists" (the next read checks GraphQL saw it). */
  private createFoundRef = false
  /** GraphQL did not resolve this ledger's custom ref though it exists: read it through REST. */
  private restReads = false
  private notices: string[] = []

  constructor(private readonly opts: GitHubStoreOptions) {
    this.reader = opts.reader ?? opts.octokit
    this.lease = new RefLease({
      octokit: opts.octokit,
      owner: opts.owner,
      repo: opts.repo,
      ref: `${opts.ref}.lease`,
      firstCommit: () => this.firstCommit(),
      ttlMs: opts.leaseTtlMs
    })
  }

  describe(): string {
    return `github:${this.opts.owner}/${this.opts.repo}@${this.opts.ref}`
  }

  locate(name: string): string {
    return `${this.describe()}:${this.path(name)}`
  }

  rateLimitWaitMs(): number {
    return this.opts.rateLimitWaitMs?.() ?? 0
  }

  private path(name: string): string {
    return `cycles/${name}.json`
  }

  async cycles(): Promise<string[]> {
    const { owner, repo, ref } = this.opts
    return queryCycles(this.reader, { owner, repo, ref })
  }

  takeNotices(): string[] {
    const out = this.notices
    this.notices = []
    return out
  }

  async read(name: string): Promise<StoredText> {
    if (this.restReads) return this.readRest(name)
    const read = await this.readGraphql(name)
    if (read.version !== null || !this.createFoundRef) return read
    // GraphQL says the ref is missing, yet creating it answered "already exists": if REST finds it,
    // GraphQL does not resolve this custom ref namespace, and every later read of this ledger uses REST.
    this.createFoundRef = false
    const rest = await this.readRest(name)
    if (rest.version === null) return read
    this.restReads = true
    this.notices.push(
      `ledger: GitHub's GraphQL API does not resolve ${this.opts.ref} of ${this.opts.owner}/${this.opts.repo}, which exists; this ledger is read through the REST API (four requests a read instead of one)`
    )
    return rest
  }

  /** A ref's commit through REST; null when there is no such ref. */
  private async restRef(ref: string): Promise<string | null> {
    const { owner, repo } = this.opts
    try {
      const { data } = await this.reader.rest.git.getRef({ owner, repo, ref: ref.replace(/^refs\//, '') })
      return data.object.sha
    } catch (error) {
      if (httpStatus(error) === 404) return null
      throw error
    }
  }

  /** The read through REST: the ledger ref, its commit's tree, the document's blob, the lease ref. */
  private async readRest(name: string): Promise<StoredText> {
    const { owner, repo } = this.opts
    const tip = await this.restRef(this.opts.ref)
    const lease = { holder: await this.restRef(this.lease.ref), claim: tip }
    if (!tip) return { text: null, version: null, lease }
    const commit = await this.reader.rest.git.getCommit({ owner, repo, commit_sha: tip })
    const tree = commit.data.tree.sha
    const version = `${tip}:${tree}`
    const { data } = await this.reader.rest.git.getTree({ owner, repo, tree_sha: tree, recursive: 'true' })
    const entry = data.tree.find(e => e.path === this.path(name))
    if (!entry?.sha) return { text: null, version, lease }
    if (entry.type !== 'blob') throw new Error(`ledger: ${this.locate(name)} is not a file`)
    const blob = await this.reader.rest.git.getBlob({ owner, repo, file_sha: entry.sha })
    return { text: Buffer.from(blob.data.content, 'base64').toString('utf8'), version, lease }
  }

  private async readGraphql(name: string): Promise<StoredText> {
    const { owner, repo, ref } = this.opts
    const snap = await queryLedger(this.reader, {
      owner,
      repo,
      ref,
      lease: this.lease.ref,
      path: this.path(name)
    })
    if (!snap)
      throw new Error(
        `${this.describe()}: the repository does not exist or the ledger token cannot read it; check ledger-repository and ledger-token`
      )
    const lease = { holder: snap.leaseHolder, claim: snap.tip?.commit ?? snap.defaultHead }
    if (!snap.tip) return { text: null, version: null, lease }
    const version = `${snap.tip.commit}:${snap.tip.tree}`
    if (snap.notAFile) throw new Error(`ledger: ${this.locate(name)} is not a file`)
    if (!snap.file) return { text: null, version, lease }
    // GitHub truncates long blob texts in GraphQL; the blob API serves up to 100 MB.
    const text =
      snap.file.text ??
      Buffer.from(
        (await this.reader.rest.git.getBlob({ owner, repo, file_sha: snap.file.blob })).data.content,
        'base64'
      ).toString('utf8')
    return { text, version, lease }
  }

  async write(name: string, text: string, version: string | null, summary?: string): Promise<WriteResult> {
    const { octokit, owner, repo, ref } = this.opts
    const [tip, baseTree] = version ? version.split(':') : [undefined, undefined]
    const entry = { path: this.path(name), mode: '100644' as const, type: 'blob' as const, content: text }
    const createTree = () =>
      octokit.rest.git.createTree({
        owner,
        repo,
        ...(baseTree ? { base_tree: baseTree } : {}),
        tree: [entry]
      })
    let tree: Awaited<ReturnType<typeof createTree>>
    try {
      tree = await createTree()
    } catch (error) {
      // 409 "Git Repository is empty": the git database takes nothing until the repository has a commit.
      if (httpStatus(error) !== 409 || (await this.firstCommit()) === null) throw error
      tree = await createTree()
    }
    const commit = await octokit.rest.git.createCommit({
      owner,
      repo,
      message: summary ?? `ledger ${name}`,
      tree: tree.data.sha,
      parents: tip ? [tip] : []
    })
    try {
      if (tip) {
        await octokit.rest.git.updateRef({
          owner,
          repo,
          ref: ref.replace(/^refs\//, ''),
          sha: commit.data.sha,
          force: false
        })
      } else {
        await octokit.rest.git.createRef({ owner, repo, ref, sha: commit.data.sha })
      }
    } catch (error) {
      // 422: "Update is not a fast forward" or "Reference already exists" — someone else wrote first
      // (or the read did not see the ref: read() checks that).
      if (httpStatus(error) === 422) {
        if (!tip) this.createFoundRef = true
        return { ok: false }
      }
      if (typeof error === 'object' && error !== null) Object.assign(error, { [LEDGER_REF_WRITE]: true })
      throw error
    }
    return { ok: true, version: `${commit.data.sha}:${tree.data.sha}` }
  }

  /**
   * An empty repository (no commit) gets its first commit, a README on the default branch, through the
   * contents API, the one write GitHub accepts there. Its sha, or null when another writer made it first
   * (read again to see it).
   */
  private async firstCommit(): Promise<string | null> {
    const { octokit, owner, repo } = this.opts
    try {
      const { data } = await octokit.rest.repos.createOrUpdateFileContents({
        owner,
        repo,
        path: 'README.md',
        message: 'agent-credit-gate: first commit, so the ledger can be written',
        content: Buffer.from(readme(this.opts.ref)).toString('base64')
      })
      return data.commit.sha ?? null
    } catch (error) {
      // 422 "sha wasn't supplied": the file exists, so the repository has a commit now.
      if (httpStatus(error) === 422) return null
      throw error
    }
  }
}
