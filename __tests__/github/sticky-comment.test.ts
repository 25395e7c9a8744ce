/**
 * The sticky PR comment, against the GitHub double: found again by its marker and by the token's own
 * identity, whatever kind of token it is — the workflow's GITHUB_TOKEN or a GitHub App installation
 * token — and never a comment by anyone else. No call that is sure to fail: GET /user answers 403 to
 * both kinds of token, so it is never made.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { GitHubDouble } from '../support/github-server.js'
import { createGitHubClient } from '../../src/github/client.js'
import { upsertStickyComment } from '../../src/github/comment.js'
import { commentMarker } from '../../src/report/markdown.js'

const marker = commentMarker('default')
const target = { owner: 'acme', repo: 'api', issueNumber: 7 }
let server: GitHubDouble
beforeEach(async () => {
  server = await new GitHubDouble().start()
})
afterEach(async () => server.stop())

/** One run's comment from a token acting as `login` (undefined: the workflow's GITHUB_TOKEN). */
async function post(body: string, login?: string) {
  server.tokenLogin = login
  const octokit = createGitHubClient({ token: 'ghs_x', baseUrl: server.url, throttle: false, retries: 0 })
  const before = server.requests.length
  const outcome = await upsertStickyComment(octokit, target, {
    marker,
    body: `${marker}\n${body}`,
    mode: 'update',
    quiet: false
  })
  return { outcome, calls: server.requests.slice(before).map(r => `${r.method} ${r.path} ${r.status}`) }
}

const bodyOf = (login: string) => server.comments.filter(c => c.user.login === login).map(c => c.body)

describe('the sticky comment', () => {
  it("is created on a PR's first run without asking who the token is", async () => {
    const { outcome, calls } = await post('first')
    expect(outcome.action).toBe('created')
    expect(calls).toEqual([
      'GET /repos/acme/api/issues/7/comments 200',
      'POST /repos/acme/api/issues/7/comments 201'
    ])
  })

  it('is edited in place on the next run, asking the identity once through GraphQL, never GET /user', async () => {
    await post('first')
    const { outcome, calls } = await post('second')
    expect(outcome.action).toBe('updated')
    expect(calls).toEqual([
      'GET /repos/acme/api/issues/7/comments 200',
      'POST /graphql 200',
      expect.stringMatching(/^PATCH \/repos\/acme\/api\/issues\/comments\/\d+ 200$/)
    ])
    expect(bodyOf('github-actions[bot]')).toEqual([`${marker}\nsecond`])
    expect(server.requests.some(r => r.path === '/user')).toBe(false)
  })

  it("with a GitHub App installation token, finds and updates the app's own comment", async () => {
    await post('app first', 'acme-reviewer[bot]')
    const { outcome } = await post('app second', 'acme-reviewer[bot]')
    expect(outcome.action).toBe('updated')
    expect(bodyOf('acme-reviewer[bot]')).toEqual([`${marker}\napp second`])
    expect(server.requests.some(r => r.path === '/user')).toBe(false)
  })

  it("never edits another author's comment that carries the marker: a person's, another bot's", async () => {
    server.addComment(7, `planted ${marker}`, 'mallory')
    await post('workflow token', undefined)
    const { outcome } = await post('app', 'acme-reviewer[bot]')
    expect(outcome.action).toBe('created')
    await post('workflow token again', undefined)
    expect(bodyOf('mallory')).toEqual([`planted ${marker}`])
    expect(bodyOf('acme-reviewer[bot]')).toEqual([`${marker}\napp`])
    expect(bodyOf('github-actions[bot]')).toEqual([`${marker}\nworkflow token again`])
  })
})
