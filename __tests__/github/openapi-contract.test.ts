/**
 * The GitHub double holds our code to GitHub's published API description: a request the real API
 * would reject is answered as GitHub answers it and fails the test that sent it; a response the real
 * API would never send fails too. These tests provoke each on purpose, then take the violations so
 * the shared afterEach (support/github-contract.ts) lets them pass.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Octokit } from '@octokit/rest'
import { GitHubDouble, GRAPHQL_SUBSET_PATH } from '../support/github-server.js'
import { GitHubContract } from '../support/github-openapi.js'
import { createGitHubClient } from '../../src/github/client.js'
import { operationIdsIn } from '../../scripts/make-openapi-subset.mjs'
import { cutGraphqlSubset, fullSchema, queriesIn } from '../../scripts/make-graphql-subset.mjs'
import { readFileSync } from 'node:fs'
import { parse, validate } from 'graphql'

const contract = new GitHubContract()
let server: GitHubDouble
let octokit: Octokit
const repo = { owner: 'acme', repo: 'api' }
beforeAll(async () => {
  server = await new GitHubDouble().start()
  octokit = createGitHubClient({ token: 't', baseUrl: server.url, throttle: false, retries: 0 })
  server.writeFile('refs/agent-credit-gate/ledger', 'cycles/x.json', '{}')
})
afterAll(async () => server.stop())

/** The status GitHub answered and the violations the double recorded for one call. */
async function provoke(call: () => Promise<unknown>): Promise<{ status: number; violations: string[] }> {
  const status = await call().then(
    () => 200,
    (e: { status: number }) => e.status
  )
  return { status, violations: server.takeViolations() }
}

describe('the committed OpenAPI subset', () => {
  it(`covers every GitHub operation src/ calls (${contract.info.source}, ${contract.info.extractedAt})`, () => {
    expect(operationIdsIn('src')).toEqual(contract.info.operations)
    expect(contract.operations.map(o => o.id).sort()).toEqual(contract.info.operations)
  })
})

describe('a request the real API would reject fails the test that sent it', () => {
  it('a ref update with force: "no" is a 422, as on GitHub', async () => {
    const r = await provoke(() =>
      octokit.rest.git.updateRef({
        ...repo,
        ref: 'agent-credit-gate/ledger',
        sha: 'a'.repeat(40),
        force: 'no' as never
      })
    )
    expect(r.status).toBe(422)
    expect(r.violations).toEqual([
      'git/update-ref (PATCH /repos/acme/api/git/refs/agent-credit-gate%2Fledger) request body/force must be boolean'
    ])
  })
  it('a check run summary over 65,535 characters', async () => {
    const r = await provoke(() =>
      octokit.rest.checks.create({
        ...repo,
        name: 'Agent credits',
        head_sha: 'a'.repeat(40),
        output: { title: 't', summary: 'x'.repeat(65536) }
      })
    )
    expect(r.status).toBe(422)
    expect(r.violations.join('\n')).toMatch(/output\/summary must NOT have more than 65535 characters/)
  })
  it('more than 50 check run annotations in one request', async () => {
    const annotation = {
      path: 'a.ts',
      start_line: 1,
      end_line: 1,
      annotation_level: 'notice' as const,
      message: 'm'
    }
    const r = await provoke(() =>
      octokit.rest.checks.create({
        ...repo,
        name: 'Agent credits',
        head_sha: 'a'.repeat(40),
        output: { title: 't', summary: 's', annotations: Array(51).fill(annotation) }
      })
    )
    expect(r.status).toBe(422)
    expect(r.violations.join('\n')).toMatch(/output\/annotations must NOT have more than 50 items/)
  })
  it('a commit status in a state GitHub does not know', async () => {
    const r = await provoke(() =>
      octokit.rest.repos.createCommitStatus({ ...repo, sha: 'a'.repeat(40), state: 'passed' as never })
    )
    expect(r.status).toBe(422)
    expect(r.violations.join('\n')).toMatch(/request body\/state must be equal to one of the allowed values/)
  })
  it('a path parameter of the wrong type', async () => {
    const r = await provoke(() =>
      octokit.request('PATCH /repos/acme/api/issues/comments/latest', { body: 'x' })
    )
    expect(r.status).toBe(422)
    expect(r.violations.join('\n')).toMatch(/parameter comment_id="latest" must be integer/)
  })
  it('an endpoint GitHub does not have', async () => {
    const r = await provoke(() =>
      octokit.request('PUT /repos/acme/api/git/refs/agent-credit-gate%2Fledger', { sha: 'a'.repeat(40) })
    )
    expect(r.status).toBe(404)
    expect(r.violations).toEqual([
      expect.stringMatching(
        /^PUT \/repos\/acme\/api\/git\/refs\/agent-credit-gate%2Fledger: GitHub has no such endpoint/
      )
    ])
  })
})

describe('a response the real API would never send fails the test', () => {
  const url = new URL('http://x/repos/acme/api/git/refs')
  it('a sloppy ref without node_id, url or object.type', () => {
    const problems = contract.checkResponse('POST', url, 201, {
      ref: 'refs/agent-credit-gate/ledger',
      object: { sha: 'a' }
    })
    expect(problems).toEqual(
      expect.arrayContaining([
        "git/create-ref answered 201: body must have required property 'node_id'",
        "git/create-ref answered 201: body must have required property 'url'",
        "git/create-ref answered 201: body/object must have required property 'type'"
      ])
    )
  })
  it('a status the operation never answers', () => {
    expect(contract.checkResponse('POST', url, 202, {})).toEqual([
      'git/create-ref answered 202: a status the operation never returns'
    ])
  })
  it('an error body that is not GitHub’s error shape', () => {
    expect(contract.checkResponse('POST', url, 503, { message: 42 })).toEqual([
      'git/create-ref answered 503: body/message must be string'
    ])
  })
  it('and the double’s own answers are GitHub’s shapes: a ref created through octokit records nothing', async () => {
    const sha = server.refs.get('refs/agent-credit-gate/ledger')!
    const r = await provoke(() =>
      octokit.rest.git.createRef({ ...repo, ref: 'refs/agent-credit-gate/other', sha })
    )
    expect(r).toEqual({ status: 200, violations: [] })
  })
})

describe('the committed GraphQL subset', () => {
  it('is GitHub’s schema (@octokit/graphql-schema) cut to exactly the queries src/ sends, each valid there', () => {
    const { schema } = fullSchema()
    const queries = queriesIn('src')
    expect(queries.length).toBeGreaterThan(0)
    for (const query of queries) expect(validate(schema, parse(query))).toEqual([])
    const committed = readFileSync(GRAPHQL_SUBSET_PATH, 'utf8').replace(/^(#.*\n)+\n/, '')
    expect(committed).toBe(cutGraphqlSubset(schema, queries))
  })
})
