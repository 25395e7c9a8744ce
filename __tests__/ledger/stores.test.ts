import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { GitHubDouble } from '../support/github-server.js'
import { GitHubStore } from '../../src/store/github.js'
import { FileStore } from '../../src/store/file.js'
import { MemoryStore } from '../../src/store/memory.js'
import type { DocumentStore } from '../../src/store/types.js'
import { createGitHubClient } from '../../src/github/client.js'
import { readCycle, updateLedger } from '../../src/ledger/update.js'
import { reserve, settle, totals } from '../../src/ledger/operations.js'
import { cycleAt } from '../../src/budget/cycle.js'
import { holdOf } from '../support/ledger-fixtures.js'
import { tempDir } from '../support/temp-dirs.js'

const now = new Date('2026-11-24T12:00:00Z')
const cycle = cycleAt(now, 1)
const hold = holdOf

let server: GitHubDouble
beforeAll(async () => {
  server = await new GitHubDouble().start()
})
afterAll(async () => server.stop())

const stores: Array<[string, () => DocumentStore]> = [
  ['memory', () => new MemoryStore()],
  ['file', () => new FileStore(join(tempDir('ledger'), 'ledger.json'))],
  [
    'github',
    () =>
      new GitHubStore({
        octokit: createGitHubClient({ token: 't', baseUrl: server.url, throttle: false }),
        owner: 'acme',
        repo: 'api',
        ref: `refs/agent-credit-gate/test-${Math.random().toString(36).slice(2)}`
      })
  ]
]

describe.each(stores)('%s store', (_name, make) => {
  it('starts a cycle empty, holds and settles through compare-and-swap', async () => {
    const store = make()
    expect(await readCycle(store, cycle)).toMatchObject({ doc: null, version: null })
    await updateLedger(store, cycle, doc => ({ doc: reserve(doc, hold('a'), now).doc, result: null }))
    await updateLedger(store, cycle, doc => ({
      doc: settle(doc, { key: 'a', actualUsd: 0.4 }, now).doc,
      result: null
    }))
    const { doc } = await readCycle(store, cycle)
    expect(totals(doc!, now)).toMatchObject({ settledUsd: 0.4, heldUsd: 0 })
    expect(doc!.revision).toBe(2)
  })
  it('refuses a write based on a stale version', async () => {
    const store = make()
    await updateLedger(store, cycle, doc => ({ doc: reserve(doc, hold('a'), now).doc, result: null }))
    const first = await store.read(cycle.id)
    await updateLedger(store, cycle, doc => ({ doc: reserve(doc, hold('b'), now).doc, result: null }))
    expect(await store.write(cycle.id, first.text!, first.version)).toEqual({ ok: false })
  })
  it('starts a new cycle from zero', async () => {
    const store = make()
    await updateLedger(store, cycle, doc => ({ doc: reserve(doc, hold('a'), now).doc, result: null }))
    expect((await readCycle(store, cycleAt(new Date('2026-12-02T00:00:00Z'), 1))).doc).toBeNull()
  })
})

describe('a hand-edited ledger document', () => {
  it('stops the gate with the path of the bad field and is never overwritten (file)', async () => {
    const store = new FileStore(join(tempDir('ledger'), 'ledger.json'))
    await updateLedger(store, cycle, doc => ({ doc: reserve(doc, hold('a'), now).doc, result: null }))
    const file = store.fileFor(cycle.id)
    const bad = readFileSync(file, 'utf8').replace('"holdUsd":1', '"holdUsd":"lots"')
    writeFileSync(file, bad)
    await expect(
      updateLedger(store, cycle, doc => ({ doc: reserve(doc, hold('b'), now).doc, result: null }))
    ).rejects.toThrow(/invalid at entries\.0\.holdUsd: .*it was not changed/)
    expect(readFileSync(file, 'utf8')).toBe(bad)
  })
  it('stops the gate and is never overwritten (github)', async () => {
    const ref = 'refs/agent-credit-gate/corrupt'
    server.writeFile(ref, `cycles/${cycle.id}.json`, '{"schema":"something else"}')
    const tip = server.refs.get(ref)
    const store = new GitHubStore({
      octokit: createGitHubClient({ token: 't', baseUrl: server.url, throttle: false }),
      owner: 'acme',
      repo: 'api',
      ref
    })
    await expect(readCycle(store, cycle)).rejects.toThrow(/invalid at schema/)
    expect(server.refs.get(ref)).toBe(tip)
  })
})
