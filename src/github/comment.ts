/** The sticky PR comment: found by marker AND author, created once, then edited in place. */
import type { Octokit } from '@octokit/rest'

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

/**
 * The login of the token's own identity, from GraphQL `viewer`, which answers for every kind of token:
 * the workflow's GITHUB_TOKEN ("github-actions[bot]"), a GitHub App installation token
 * ("<app-slug>[bot]", e.g. from actions/create-github-app-token) and a personal token (the user). REST
 * `GET /user` answers 403 to the first two, so it is never asked.
 */
async function ownLogin(octokit: Octokit): Promise<string> {
  const { viewer } = await octokit.graphql<{ viewer: { login: string } }>(/* GraphQL */ `
    query {
      viewer {
        login
      }
    }
  `)
  return viewer.login.toLowerCase()
}

/**
 * Our earlier comment on the PR: it carries the marker and was written by this token's identity. The
 * identity is asked only when some comment carries the marker, so a PR's first run makes no extra call.
 */
export async function findStickyComment(
  octokit: Octokit,
  target: CommentTarget,
  marker: string
): Promise<{ id: number; body: string } | undefined> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100
  })
  const marked = comments.filter(c => c.user && (c.body ?? '').includes(marker))
  if (marked.length === 0) return undefined
  // A marker planted by someone else (a person, another app's bot) is ignored: only our own comments are edited.
  const login = await ownLogin(octokit)
  const ours = marked.find(c => c.user?.login.toLowerCase() === login)
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
