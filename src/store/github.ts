/**
 * The GitHub store: documents in an orphan commit history on a custom ref (default
 * refs/agent-credit-gate/ledger), written only by a NON-forced ref update. Every writer builds its
 * commit on the tip it read; if another writer moved the tip, the update is not a fast forward
 * (422) and the caller re-reads. Reads: ref, commit, contents. Writes: tree, commit, ref.
 */
import type { Octokit } from '@octokit/rest'
import type { DocumentStore, StoredText, WriteResult } from './types.js'
import { failedRequest, httpStatus } from '../github/errors.js'

/** True when `error` came from the ref update, which GitHub may have applied before the answer was lost. */
export function failedOnRefWrite(error: unknown): boolean {
  const request = failedRequest(error)
  return request !== undefined && request.method !== 'GET' && /\/git\/refs(\/|$)/.test(request.url)
}

export interface GitHubStoreOptions {
  octokit: Octokit
  owner: string
  repo: string
  /** Full ref, e.g. refs/agent-credit-gate/ledger. */
  ref: string
}

export class GitHubStore implements DocumentStore {
  constructor(private readonly opts: GitHubStoreOptions) {}

  describe(): string {
    return `github:${this.opts.owner}/${this.opts.repo}@${this.opts.ref}`
  }

  locate(name: string): string {
    return `${this.describe()}:${this.path(name)}`
  }

  private path(name: string): string {
    return `cycles/${name}.json`
  }

  async read(name: string): Promise<StoredText> {
    const { octokit, owner, repo, ref } = this.opts
    let tip: string
    try {
      const { data } = await octokit.rest.git.getRef({ owner, repo, ref: ref.replace(/^refs\//, '') })
      tip = data.object.sha
    } catch (error) {
      if (httpStatus(error) === 404) return { text: null, version: null }
      throw error
    }
    const commit = await octokit.rest.git.getCommit({ owner, repo, commit_sha: tip })
    const version = `${tip}:${commit.data.tree.sha}`
    try {
      const { data } = await octokit.rest.repos.getContent({ owner, repo, path: this.path(name), ref: tip })
      if (Array.isArray(data) || data.type !== 'file')
        throw new Error(`ledger: ${this.locate(name)} is not a file`)
      if (data.content && data.encoding === 'base64')
        return { text: Buffer.from(data.content, 'base64').toString('utf8'), version }
      // Over 1 MB the contents API leaves content out; the blob API serves up to 100 MB.
      const blob = await octokit.rest.git.getBlob({ owner, repo, file_sha: data.sha })
      return { text: Buffer.from(blob.data.content, 'base64').toString('utf8'), version }
    } catch (error) {
      if (httpStatus(error) === 404) return { text: null, version }
      throw error
    }
  }

  async write(name: string, text: string, version: string | null, summary?: string): Promise<WriteResult> {
    const { octokit, owner, repo, ref } = this.opts
    const [tip, baseTree] = version ? version.split(':') : [undefined, undefined]
    const tree = await octokit.rest.git.createTree({
      owner,
      repo,
      ...(baseTree ? { base_tree: baseTree } : {}),
      tree: [{ path: this.path(name), mode: '100644', type: 'blob', content: text }]
    })
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
      // 422: "Update is not a fast forward" or "Reference already exists" — someone else wrote first.
      if (httpStatus(error) === 422) return { ok: false }
      throw error
    }
    return { ok: true, version: `${commit.data.sha}:${tree.data.sha}` }
  }
}
