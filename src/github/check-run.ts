/**
 * The check run that makes the gate usable as a required status check. Main creates it (completed
 * with the estimate's verdict), post edits it with the actual. Without `checks: write` it falls back
 * to a commit status; without that too, the caller gets a reason to print as a notice.
 */
import type { Octokit } from '@octokit/rest'
import { isNotPermitted } from './errors.js'

export interface CheckTarget {
  owner: string
  repo: string
  /** The PR head SHA on pull_request events, else GITHUB_SHA. */
  headSha: string
}

export interface CheckContent {
  name: string
  conclusion: 'success' | 'neutral' | 'failure'
  title: string
  summary: string
  /** ≤ 140 characters: the commit-status fallback's description. */
  statusDescription: string
  detailsUrl?: string
}

export type CheckOutcome =
  { kind: 'check-run'; id: number } | { kind: 'status' } | { kind: 'none'; reason: string }

const STATUS_STATE = { success: 'success', neutral: 'success', failure: 'failure' } as const

/** Create (or, given an id, update) the check run; without the permission, fall back to a commit status. */
export async function publishCheck(
  octokit: Octokit,
  target: CheckTarget,
  content: CheckContent,
  existingId?: number
): Promise<CheckOutcome> {
  const output = { title: content.title, summary: content.summary }
  try {
    if (existingId) {
      await octokit.rest.checks.update({
        owner: target.owner,
        repo: target.repo,
        check_run_id: existingId,
        status: 'completed',
        conclusion: content.conclusion,
        output
      })
      return { kind: 'check-run', id: existingId }
    }
    const { data } = await octokit.rest.checks.create({
      owner: target.owner,
      repo: target.repo,
      name: content.name,
      head_sha: target.headSha,
      status: 'completed',
      conclusion: content.conclusion,
      ...(content.detailsUrl ? { details_url: content.detailsUrl } : {}),
      output
    })
    return { kind: 'check-run', id: data.id }
  } catch (error) {
    if (!isNotPermitted(error)) throw error
  }
  try {
    await octokit.rest.repos.createCommitStatus({
      owner: target.owner,
      repo: target.repo,
      sha: target.headSha,
      state: STATUS_STATE[content.conclusion],
      context: content.name,
      description: content.statusDescription.slice(0, 140),
      ...(content.detailsUrl ? { target_url: content.detailsUrl } : {})
    })
    return { kind: 'status' }
  } catch (error) {
    if (!isNotPermitted(error)) throw error
    return {
      kind: 'none',
      reason: 'no check run or commit status: the token lacks checks: write and statuses: write'
    }
  }
}
