/**
 * A GraphQL API that does not resolve the ledger's custom ref (refs/agent-credit-gate/…): the one-query
 * read says the ref is missing while creating it answers "already exists". The store then reads that
 * ledger through REST, says so once, and the gate holds as usual.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { GitHubDouble } from '../support/github-server.js'
import { runCli, SMALL_RUN } from '../support/cli.js'
import { tempDir } from '../support/temp-dirs.js'

const NOW = new Date('2026-11-24T12:00:00Z')
let server: GitHubDouble
beforeAll(async () => {
  server = await new GitHubDouble().start()
  server.graphqlHidesCustomRefs = true
})
afterAll(async () => server.stop())

const gate = (runId: string) =>
  runCli(
    ['gate', ...SMALL_RUN, '--run-id', runId, '--ledger', 'github:acme/api', '--ledger-token', 't', '--json'],
    // Unthrottled: the second between GitHub writes is not what this test is about (it cost 5 s a gate).
    { apiUrl: server.url, cwd: tempDir('gql'), now: NOW, github: { throttle: false } }
  )

describe('a ledger ref GraphQL does not resolve', () => {
  it('is read through REST once creating it says it exists, said once, and every hold counts', async () => {
    const first = await gate('1')
    expect(first.err).toBe('')
    expect(first.code).toBe(0)
    const second = await gate('2')
    expect(second.code).toBe(0)
    const r = JSON.parse(second.out)
    const said = (r.notices as string[]).filter(n => n.includes('GraphQL API does not resolve'))
    expect(said).toEqual([
      "ledger: GitHub's GraphQL API does not resolve refs/agent-credit-gate/ledger of acme/api, which exists; this ledger is read through the REST API (four requests a read instead of one)"
    ])
    // The second gate saw the first one's hold: it read the ledger, not an empty one.
    expect(r.budget.state.heldUsd).toBeGreaterThan(0)
    expect(
      server.requests.some(
        q => q.method === 'GET' && /\/git\/ref\/agent-credit-gate(\/|%2F)ledger$/.test(q.path)
      )
    ).toBe(true)
  })
})
