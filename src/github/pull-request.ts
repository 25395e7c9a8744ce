import { readFileSync } from 'node:fs'
/** The pull request a run belongs to, read from the event payload (GITHUB_EVENT_PATH). */
export interface PullRequestContext {
  number: number
  /**
   * The PR head commit: checks and statuses go here, not on GITHUB_SHA (the merge commit). Absent for a
   * comment on a pull request, whose event does not say it: the comment is written, no check run.
   */
  headSha?: string
  /** True when the head lives in another repository: the token is then read-only. */
  fork: boolean
  /** owner/name of the base repository, where comments and checks go. */
  baseRepository: string
}

interface PayloadShape {
  issue?: { number?: unknown; pull_request?: unknown }
  repository?: { full_name?: unknown }
  pull_request?: {
    number?: unknown
    head?: { sha?: unknown; repo?: { full_name?: unknown; fork?: unknown } | null }
    base?: { repo?: { full_name?: unknown } }
  }
}

/** Pull request of a `pull_request` / `pull_request_target` event; undefined for other events. */
export function pullRequestFrom(payload: unknown, repository: string): PullRequestContext | undefined {
  const p = payload as PayloadShape | null
  const pr = p?.pull_request
  const issue = p?.issue
  // A comment on a pull request (issue_comment): the comment goes on it; who may trigger is said there.
  if (!pr && issue?.pull_request && typeof issue.number === 'number') {
    const base = typeof p?.repository?.full_name === 'string' ? p.repository.full_name : repository
    return { number: issue.number, fork: false, baseRepository: base }
  }
  if (!pr || typeof pr.number !== 'number' || typeof pr.head?.sha !== 'string') return undefined
  const base = typeof pr.base?.repo?.full_name === 'string' ? pr.base.repo.full_name : repository
  const head = pr.head.repo?.full_name
  return {
    number: pr.number,
    headSha: pr.head.sha,
    // A deleted head repository (repo: null) is a fork whose token is read-only too.
    fork: pr.head.repo === null || (typeof head === 'string' && head.toLowerCase() !== base.toLowerCase()),
    baseRepository: base
  }
}

/** The pull request of the running event, read from GITHUB_EVENT_PATH (undefined off pull requests). */
export function currentPullRequest(
  env: NodeJS.ProcessEnv,
  repository: string
): PullRequestContext | undefined {
  try {
    return pullRequestFrom(JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8')), repository)
  } catch {
    return undefined
  }
}
