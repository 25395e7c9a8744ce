import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { GitHubDouble } from '../support/github-server.js'
import { GitHubStore } from '../../src/store/github.js'
import { FileStore } from '../../src/store/file.js'
import type { LedgerDocument } from '../../src/ledger/document.js'
import { createGitHubClient } from '../../src/github/client.js'
import { readCycle, updateLedger } from '../../src/ledger/update.js'
import { release, reserve, settle, totals } from '../../src/ledger/operations.js'
import { observeMeters } from '../../src/ledger/meters.js'
import { recordResetDay, RESET_DAY } from '../../src/ledger/cycles.js'
import { cycleAt } from '../../src/budget/cycle.js'
import { holdOf } from '../support/ledger-fixtures.js'
import { tempDir } from '../support/temp-dirs.js'
import { everyStore, postgresLedgers } from '../support/ledger-stores.js'

const now = new Date('2026-11-24T12:00:00Z')
const cycle = cycleAt(now, 1)
const hold = holdOf

let server: GitHubDouble
beforeAll(async () => {
  server = await new GitHubDouble().start()
  // What the stores must do alike, not GitHub's write budget (tested in __tests__/github).
  server.contentLimit = null
})
afterAll(async () => server.stop())
const postgres = postgresLedgers('postgres store')

const stores = everyStore(() => server, postgres)

/** A ledger operation as a mutation whose result is its outcome. */
const op =
  <O>(f: (doc: LedgerDocument) => { doc: LedgerDocument; outcome: O }) =>
  (doc: LedgerDocument) => {
    const r = f(doc)
    return { doc: r.doc, result: r.outcome }
  }

const settleAt = (key: string, usd: number, at: Date) => (doc: Parameters<typeof settle>[0]) => ({
  doc: settle(doc, { key, actualUsd: usd }, at).doc,
  result: null
})

describe.each(stores)('%s store', (name, make) => {
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
  // A row store has no whole-document writes to refuse: its cycle changes only under the row lock.
  ;(name === 'postgres' ? it.skip : it)('refuses a write based on a stale version', async () => {
    const store = make()
    await updateLedger(store, cycle, doc => ({ doc: reserve(doc, hold('a'), now).doc, result: null }))
    const first = await store.read(cycle.id)
    await updateLedger(store, cycle, doc => ({ doc: reserve(doc, hold('b'), now).doc, result: null }))
    expect(await store.write(cycle.id, first.text!, first.version)).toEqual({ ok: false })
  })
  it('releases a hold, and a released or settled run is never held again under its key', async () => {
    const store = make()
    await updateLedger(store, cycle, doc => ({ doc: reserve(doc, hold('a'), now).doc, result: null }))
    const r = await updateLedger(
      store,
      cycle,
      op(doc => release(doc, 'a', now))
    )
    expect(r.result).toBe('released')
    const again = await updateLedger(
      store,
      cycle,
      op(doc => reserve(doc, hold('a'), now))
    )
    expect(again.result).toBe('already-released')
    const { doc } = await readCycle(store, cycle)
    expect(totals(doc!, now).heldUsd).toBe(0)
    expect(doc!.entries.find(e => e.key === 'a')?.status).toBe('released')
  })
  it('stops counting a hold once it expires, and keeps it listed', async () => {
    const store = make()
    await updateLedger(store, cycle, doc => ({ doc: reserve(doc, hold('a'), now).doc, result: null }))
    const { doc } = await readCycle(store, cycle)
    expect(totals(doc!, now).heldUsd).toBe(1)
    expect(totals(doc!, new Date(now.getTime() + 7 * 3_600_000)).heldUsd).toBe(0)
    expect(doc!.entries.map(e => e.status)).toEqual(['held'])
  })
  it('settles a run once: a late settle of an old run, many runs later, counts nothing twice', async () => {
    const store = make()
    for (let i = 0; i < 30; i++) {
      const at = new Date(now.getTime() + i * 60_000)
      await updateLedger(store, cycle, doc => ({ doc: reserve(doc, hold(`r${i}`), at).doc, result: null }))
      await updateLedger(store, cycle, settleAt(`r${i}`, 0.25, at), { focus: { key: `r${i}` } })
    }
    const late = await updateLedger(
      store,
      cycle,
      op(doc => settle(doc, { key: 'r0', actualUsd: 9 }, now))
    )
    expect(late.result).toBe('already-settled')
    const { doc } = await readCycle(store, cycle)
    expect(totals(doc!, now).settledUsd).toBeCloseTo(7.5, 9)
  })
  it('keeps every hold of concurrent gates', async () => {
    const store = make()
    await Promise.all(
      Array.from({ length: name === 'github' ? 3 : 12 }, (_, i) =>
        updateLedger(store, cycle, doc => ({ doc: reserve(doc, hold(`c${i}`), now).doc, result: null }), {
          sleep: async () => undefined
        })
      )
    )
    const { doc } = await readCycle(store, cycle)
    expect(totals(doc!, now).heldUsd).toBe(name === 'github' ? 3 : 12)
  })
  it('keeps the account and the meters a step records, and the ledger reset day', async () => {
    const store = make()
    const account = {
      plan: 'team' as const,
      overageUsd: 5,
      externalSpendUsd: 1.5,
      billingCycleDay: 1,
      setAt: now.toISOString(),
      setBy: 'a'
    }
    await updateLedger(store, cycle, doc => ({
      doc: observeMeters(
        { ...reserve(doc, hold('a'), now).doc, account },
        'acme',
        {
          events: 1,
          readings: [{ meter: 'five_hour', status: 'allowed_warning', utilization: 0.8 }]
        } as unknown as Parameters<typeof observeMeters>[2],
        { key: 'a', usd: 0.5, now }
      ),
      result: null
    }))
    const { doc } = await readCycle(store, cycle)
    expect(doc!.account).toEqual(account)
    expect(doc!.meters?.acme.readings[0]).toMatchObject({ meter: 'five_hour', utilization: 0.8, seenBy: 'a' })
    expect(await recordResetDay(store, 5, String)).toBeUndefined()
    expect((await store.read(RESET_DAY)).text).toContain('"billingCycleDay":5')
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
