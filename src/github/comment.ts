/** The sticky PR comment: found by marker AND author, created once, then edited in place. */
import type { Octokit } from '@octokit/rest'
import { isNotPermitted } from './errors.js'

export interface CommentTarget {
  owner: string
  repo: string
  issueNumber: number
}

/** `update`: create once, then edit; `on-change`: only once there is something to say; `off`. */
export type CommentMode = 'update' | 'off' | 'on-change'

export type CommentOutcome =
  | { action: 'created' | 'updated'; id: number }
  | { action: 'unchanged'; id: number }
  | { action: 'skipped'; reason: string }

/** Logins the token may be: a GitHub App installation token acts as github-actions[bot]. */
async function ownLogins(octokit: Octokit): Promise<Set<string>> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated()
    return new Set([data.login])
  } catch (error) {
    // Installation tokens (GITHUB_TOKEN) cannot read /user; their comments are by github-actions[bot].
    if (isNotPermitted(error)) return new Set(['github-actions[bot]'])
    throw error
  }
}

/** Our earlier comment on the PR: it carries the marker and was written by this token's identity. */
export async function findStickyComment(
  octokit: Octokit,
  target: CommentTarget,
  marker: string
): Promise<{ id: number; body: string } | undefined> {
  const logins = await ownLogins(octokit)
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100
  })
  // A marker planted by someone else is ignored: only our own identity's comments are edited.
  const ours = comments.find(c => c.user && logins.has(c.user.login) && (c.body ?? '').includes(marker))
  return ours ? { id: ours.id, body: ours.body ?? '' } : undefined
}

/**
 * Create or edit the sticky comment. `on-change` stays quiet on passing runs until a comment exists,
 * and never edits a comment whose body would not change.
 */
export async function upsertStickyComment(
  octokit: Octokit,
  target: CommentTarget,
  opts: { marker: string; body: string; mode: CommentMode; quiet: boolean; knownId?: number }
): Promise<CommentOutcome> {
  if (opts.mode === 'off') return { action: 'skipped', reason: 'comment: off' }
  const existing = opts.knownId
    ? { id: opts.knownId, body: undefined as string | undefined }
    : await findStickyComment(octokit, target, opts.marker)
  if (!existing) {
    if (opts.mode === 'on-change' && opts.quiet)
      return { action: 'skipped', reason: 'on-change: nothing to say yet' }
    const { data } = await octokit.rest.issues.createComment({
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issueNumber,
      body: opts.body
    })
    return { action: 'created', id: data.id }
  }
  if (opts.mode === 'on-change' && existing.body === opts.body)
    return { action: 'unchanged', id: existing.id }
  await octokit.rest.issues.updateComment({
    owner: target.owner,
    repo: target.repo,
    comment_id: existing.id,
    body: opts.body
  })
  return { action: 'updated', id: existing.id }
}
