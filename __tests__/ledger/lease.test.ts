/**
 * The GitHub ledger's write lease, against the GitHub double: writers queue on reads instead of losing
 * compare-and-swaps, an uncontended update costs six API calls, a lease left by a writer that stopped is
 * taken over, a lost answer to taking it is settled by the next read, and an empty repository gets its
 * first commit. The lease is advisory: whatever happens to it, no hold is lost or counted twice.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { GitHubDouble } from '../support/github-server.js'
import { GitHubStore } from '../../src/store/github.js'
import { createGitHubClient } from '../../src/github/client.js'
import { readCycle, updateLedger, type UpdateOptions } from '../../src/ledger/update.js'
import { reserve } from '../../src/ledger/operations.js'
import { cycleAt } from '../../src/budget/cycle.js'
import { holdOf } from '../support/ledger-fixtures.js'

const now = new Date('2026-11-24T12:00:00Z')
const cycle = cycleAt(now, 1)
const REF = 'refs/agent-credit-gate/ledger'
const LEASE = `${REF}.lease`
const hold = holdOf
/** Lease waits without the production pauses. */
const fast: UpdateOptions = { sleep: () => new Promise(r => setTimeout(r, 5)) }

let server: GitHubDouble
beforeEach(async () => {
  server = await new GitHubDouble().start()
})
afterEach(async () => server.stop())

function store(opts: { leaseTtlMs?: number; repo?: string } = {}) {
  return new GitHubStore({
    octokit: createGitHubClient({ token: 't', baseUrl: server.url, throttle: false, retryAfterBaseMs: 5 }),
    owner: 'acme',
    repo: opts.repo ?? 'api',
    ref: REF,
    leaseTtlMs: opts.leaseTtlMs
  })
}
const hold1 = (key: string) => (doc: Parameters<typeof reserve>[0]) => ({
  doc: reserve(doc, hold(key), now).doc,
  result: key
})
const entries = async () => (await readCycle(store(), cycle)).doc?.entries.map(e => e.key).sort()

describe('the write lease', () => {
  it('an update with nobody else writing makes six API calls: one read, the lease, tree, commit, ref, give back', async () => {
    await updateLedger(store(), cycle, hold1('a'), fast)
    const before = server.requests.length
    await updateLedger(store(), cycle, hold1('b'), fast)
    expect(
      server.requests.slice(before).map(r => `${r.method} ${r.path.replace('/repos/acme/api', '')}`)
    ).toEqual([
      'POST /graphql',
      'POST /git/refs',
      'POST /git/trees',
      'POST /git/commits',
      'PATCH /git/refs/agent-credit-gate%2Fledger',
      'DELETE /git/refs/agent-credit-gate%2Fledger.lease'
    ])
    expect(server.refs.has(LEASE)).toBe(false)
  })

  it('eight writers at once: one at a time holds the lease, no write loses, every hold lands once', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => updateLedger(store(), cycle, hold1(`k${i}`), fast))
    )
    expect(await entries()).toEqual(Array.from({ length: 8 }, (_, i) => `k${i}`))
    expect(results.reduce((n, r) => n + r.wait.conflicts, 0)).toBe(0)
    expect(results.filter(r => r.wait.leaseWaits > 0).length).toBeGreaterThan(0)
    // No commit was built to lose: one tree, one commit and one ref write per hold. The only creates
    // beyond the lease's two per hold are takes that met a lease just taken.
    const count = (method: string, end: string) =>
      server.requests.filter(r => r.method === method && r.path.endsWith(end)).length
    expect([count('POST', '/git/trees'), count('POST', '/git/commits'), count('PATCH', '%2Fledger')]).toEqual(
      [8, 8, 7]
    )
    expect(count('DELETE', '%2Fledger.lease')).toBe(8)
    expect(server.refs.has(LEASE)).toBe(false)
  })

  it('a gate that no longer fits leaves the queue without writing anything', async () => {
    server.writeFile(LEASE, 'x', 'someone else holds it')
    const lease = server.refs.get(LEASE)!
    let reads = 0
    const run = updateLedger(
      store(),
      cycle,
      doc => {
        reads++
        // Fits on the first read; by the second, another gate has taken the room.
        return reads === 1 ? hold1('late')(doc) : { doc, result: 'refused' }
      },
      fast
    )
    await expect(run).resolves.toMatchObject({ result: 'refused', wait: { leaseWaits: 1 } })
    expect(server.requests.filter(r => r.creates)).toEqual([])
    expect(server.refs.get(LEASE)).toBe(lease)
  })

  it('a lease left by a writer that stopped is taken over once it has been seen unchanged past its time to live', async () => {
    server.writeFile(LEASE, 'x', 'a writer that crashed')
    const r = await updateLedger(store({ leaseTtlMs: 50 }), cycle, hold1('a'), fast)
    expect(r.wait.leaseWaits).toBeGreaterThan(0)
    expect(await entries()).toEqual(['a'])
    expect(server.refs.has(LEASE)).toBe(false)
  })

  it('the answer to taking the lease is lost after it landed: the next read shows it ours, and the hold lands once', async () => {
    server.fault(/^POST \/repos\/acme\/api\/git\/refs$/, { lostResponse: true, times: 1, onRef: /\.lease$/ })
    await updateLedger(store(), cycle, hold1('a'), fast)
    expect(await entries()).toEqual(['a'])
    expect(server.refs.has(LEASE)).toBe(false)
    // The retried create met our own lease ("already exists"); the read after it showed the lease ours.
    const takes = server.requests.filter(
      r => r.method === 'POST' && (r.body as { ref?: string }).ref === LEASE
    )
    expect(takes.map(r => r.status)).toEqual([201, 422])
  })

  it('two writers both believe they hold it (a takeover of a slow writer): the compare-and-swap still lets one through at a time', async () => {
    const slow = store({ leaseTtlMs: 1 })
    const results = await Promise.all([
      updateLedger(slow, cycle, hold1('a'), fast),
      updateLedger(store({ leaseTtlMs: 1 }), cycle, hold1('b'), fast),
      updateLedger(store({ leaseTtlMs: 1 }), cycle, hold1('c'), fast)
    ])
    expect(results.map(r => r.result).sort()).toEqual(['a', 'b', 'c'])
    expect(await entries()).toEqual(['a', 'b', 'c'])
    const doc = (await readCycle(store(), cycle)).doc!
    expect(doc.revision).toBe(3)
  })
})

describe('a ledger repository', () => {
  it('with no commit yet gets a README as its first commit, then the ledger', async () => {
    server.makeEmpty()
    await updateLedger(store(), cycle, hold1('a'), fast)
    expect(await entries()).toEqual(['a'])
    expect(server.refs.has('refs/heads/main')).toBe(true)
    expect(server.requests.filter(r => r.status === 409)).toEqual([])
  })

  it('with no commit yet, written without the lease, answers 409 once and is given its first commit', async () => {
    server.makeEmpty()
    const s = store()
    expect((await s.write(cycle.id, '{}', null)).ok).toBe(true)
    expect(server.requests.filter(r => r.status === 409)).toHaveLength(1)
  })

  it('that the token cannot see stops the gate with one line naming the repository and the fix', async () => {
    await expect(readCycle(store({ repo: 'secret' }), cycle)).rejects.toThrow(
      /^github:acme\/secret@refs\/agent-credit-gate\/ledger: the repository does not exist or the ledger token cannot read it; check ledger-repository and ledger-token$/
    )
  })

  it('reads a document GitHub truncates in GraphQL through the blob API', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(600 * 1024) })
    server.writeFile(REF, `cycles/${cycle.id}.json`, big)
    const read = await store().read(cycle.id)
    expect(read.text).toBe(big)
    expect(server.requests.map(r => r.method)).toEqual(['POST', 'GET'])
  })
})
