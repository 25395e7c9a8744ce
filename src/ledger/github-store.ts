/**
 * The GitHub store: cycle documents in an orphan commit history on a custom ref (default
 * refs/agent-credit-gate/ledger), written only by a NON-forced ref update. Every writer builds its
 * commit on the tip it read; if another writer moved the tip, the update is not a fast forward
 * (422) and the CAS loop re-reads. Reads: ref, commit, contents. Writes: tree, commit, ref.
 */
import type { Octokit } from '@octokit/rest'
import type { Cycle } from '../budget/types.js'
import { parseDocument, type LedgerDocument } from './document.js'
import type { LedgerStore } from './store.js'
import { failedRequest, httpStatus } from '../github/errors.js'

/** True when `error` came from the ref update, which GitHub may have applied before the answer was lost. */
export function failedOnRefWrite(error: unknown): boolean {
  const request = failedRequest(error)
  return request !== undefined && request.method !== 'GET' && /\/git\/refs(\/|$)/.test(request.url)
}

export class GitHubStore implements LedgerStore {
  private readonly octokit: Octokit
  readonly owner: string
  readonly repo: string
  /** Full ref, e.g. refs/agent-credit-gate/ledger. */
  readonly ref: string
  /** API calls made, for the measured numbers in the notes. */
  calls = 0

  constructor(opts: { octokit: Octokit; owner: string; repo: string; ref: string }) {
    this.octokit = opts.octokit
    this.owner = opts.owner
    this.repo = opts.repo
    this.ref = opts.ref
  }

  describe(): string {
    return `github:${this.owner}/${this.repo}@${this.ref}`
  }

  private path(cycle: Cycle): string {
    return `cycles/${cycle.id}.json`
  }

  async read(cycle: Cycle): Promise<{ doc: LedgerDocument | null; version: string | null }> {
    const { owner, repo } = this
    let tip: string
    try {
      this.calls++
      const { data } = await this.octokit.rest.git.getRef({
        owner,
        repo,
        ref: this.ref.replace(/^refs\//, '')
      })
      tip = data.object.sha
    } catch (error) {
      if (httpStatus(error) === 404) return { doc: null, version: null }
      throw error
    }
    this.calls++
    const commit = await this.octokit.rest.git.getCommit({ owner, repo, commit_sha: tip })
    const version = `${tip}:${commit.data.tree.sha}`
    let text: string
    try {
      this.calls++
      const { data } = await this.octokit.rest.repos.getContent({
        owner,
        repo,
        path: this.path(cycle),
        ref: tip
      })
      if (Array.isArray(data) || data.type !== 'file')
        throw new Error(`ledger: ${this.path(cycle)} is not a file`)
      if (data.content && data.encoding === 'base64')
        text = Buffer.from(data.content, 'base64').toString('utf8')
      else {
        // Over 1 MB the contents API leaves content out; the blob API serves up to 100 MB.
        this.calls++
        const blob = await this.octokit.rest.git.getBlob({ owner, repo, file_sha: data.sha })
        text = Buffer.from(blob.data.content, 'base64').toString('utf8')
      }
    } catch (error) {
      if (httpStatus(error) === 404) return { doc: null, version }
      throw error
    }
    let raw: unknown
    try {
      raw = JSON.parse(text)
    } catch {
      throw new Error(
        `ledger document ${this.describe()}:${this.path(cycle)} is not JSON; it was not changed — restore it from the ref's history`
      )
    }
    return { doc: parseDocument(raw, `${this.describe()}:${this.path(cycle)}`), version }
  }

  async write(
    cycle: Cycle,
    doc: LedgerDocument,
    version: string | null
  ): Promise<{ ok: true; version: string } | { ok: false }> {
    const { owner, repo } = this
    const [tip, baseTree] = version ? version.split(':') : [undefined, undefined]
    this.calls++
    const tree = await this.octokit.rest.git.createTree({
      owner,
      repo,
      ...(baseTree ? { base_tree: baseTree } : {}),
      tree: [{ path: this.path(cycle), mode: '100644', type: 'blob', content: JSON.stringify(doc) + '\n' }]
    })
    this.calls++
    const commit = await this.octokit.rest.git.createCommit({
      owner,
      repo,
      message: `ledger ${cycle.id} revision ${doc.revision}`,
      tree: tree.data.sha,
      parents: tip ? [tip] : []
    })
    try {
      this.calls++
      if (tip) {
        await this.octokit.rest.git.updateRef({
          owner,
          repo,
          ref: this.ref.replace(/^refs\//, ''),
          sha: commit.data.sha,
          force: false
        })
      } else {
        await this.octokit.rest.git.createRef({ owner, repo, ref: this.ref, sha: commit.data.sha })
      }
    } catch (error) {
      // 422: "Update is not a fast forward" or "Reference already exists" — someone else wrote first.
      if (httpStatus(error) === 422) return { ok: false }
      throw error
    }
    return { ok: true, version: `${commit.data.sha}:${tree.data.sha}` }
  }
}
