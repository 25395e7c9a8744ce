/**
 * The limits beside the monthly budget, as a maintainer sets them: each refuses exactly at its
 * boundary, on every store, with 12 gates racing — no limit overshot, and every gate lands exactly one
 * ledger write (its hold, or the record of the run it prevented), so no limit adds a write.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { GitHubDouble } from '../support/github-server.js'
import { MemoryStore } from '../../src/store/memory.js'
import type { DocumentStore } from '../../src/store/types.js'
import { readCycle, updateLedger } from '../../src/ledger/update.js'
import { holdIfAllowed } from '../../src/ledger/hold.js'
import { settle } from '../../src/ledger/operations.js'
import { cycleAt } from '../../src/budget/cycle.js'
import { SPEND_LIMIT_INPUTS } from '../../src/ledger/spend-limits.js'
import { limitRequest } from '../support/ledger-fixtures.js'
import { everyStore } from '../support/ledger-stores.js'

const NOW = new Date('2026-11-24T12:00:00Z')
const CYCLE = cycleAt(NOW, 1)
const GATES = 12

let server: GitHubDouble
beforeAll(async () => {
  server = await new GitHubDouble().start()
  // These races are about the limits' arithmetic, with waits shortened to keep them quick; GitHub's
  // limit on content-creating requests is the subject of double-limits and the many-runs faults test.
  server.contentLimit = null
})
afterAll(async () => server.stop())

const stores = everyStore(() => server)

/** Count the document writes that landed (a lost compare-and-swap is not one). */
function counting(store: DocumentStore): { store: DocumentStore; landed: () => number } {
  let landed = 0
  const write = store.write.bind(store)
  store.write = async (...args) => {
    const r = await write(...args)
    if (r.ok) landed++
    return r
  }
  return { store, landed: () => landed }
}

async function race(store: DocumentStore, inputs: Record<string, string>) {
  return Promise.all(
    Array.from({ length: GATES }, (_, i) =>
      updateLedger(store, CYCLE, doc => holdIfAllowed(doc, limitRequest(i, inputs), NOW), {
        sleep: ms => new Promise(r => setTimeout(r, Math.min(ms, 20)))
      })
    )
  )
}

describe.each(stores)('%s store, 12 gates racing', (_name, make) => {
  it.each(SPEND_LIMIT_INPUTS)(
    '%s of $5 holds exactly five $1 runs and refuses the rest, naming it',
    async input => {
      const { store, landed } = counting(make())
      const outcomes = await race(store, { [input]: '5', 'on-exhaust': 'skip' })
      const held = outcomes.filter(o => o.result.held)
      const refused = outcomes.filter(o => !o.result.held)
      expect(held).toHaveLength(5)
      for (const o of refused) {
        expect(o.result.decision).toMatchObject({ decision: 'fail', allowed: false, refusedBy: input })
        expect(o.result.decision.reason).toContain(`does not fit ${input} ($5.00`)
      }
      const doc = (await readCycle(store, CYCLE)).doc!
      const holds = doc.entries.filter(e => e.status === 'held')
      expect(holds.reduce((s, e) => s + e.holdUsd, 0)).toBeLessThanOrEqual(5)
      expect(doc.prevented).toHaveLength(GATES - 5)
      expect(doc.prevented!.every(p => p.by === input && p.p50Usd === 0.5)).toBe(true)
      // One landed write per gate: the hold, or the record of what it prevented.
      expect(landed()).toBe(GATES)
    }
  )
})

describe('each limit at its boundary (memory store)', () => {
  it.each(SPEND_LIMIT_INPUTS)('%s a millionth of a dollar under $5 holds four', async input => {
    const outcomes = await race(new MemoryStore(), { [input]: '4.999999' })
    expect(outcomes.filter(o => o.result.held)).toHaveLength(4)
  })

  it('counts only its own scope: another pull request, person, repository or job is not held against it', async () => {
    const store = new MemoryStore()
    const inputs = {
      'max-pr-usd': '1',
      'max-actor-usd': '1',
      'repository-budget-usd': '1',
      'job-budget-usd': '1'
    }
    const first = await updateLedger(store, CYCLE, d => holdIfAllowed(d, limitRequest(0, inputs), NOW))
    expect(first.result.held).toBe(true)
    const elsewhere = limitRequest(1, inputs, {
      scope: { repository: 'acme/web', jobId: 'acme/web/review/review/gate', actor: 'hubot', pr: 13 }
    })
    elsewhere.jobId = 'acme/web/review/review/gate'
    expect((await updateLedger(store, CYCLE, d => holdIfAllowed(d, elsewhere, NOW))).result.held).toBe(true)
    const same = await updateLedger(store, CYCLE, d => holdIfAllowed(d, limitRequest(2, inputs), NOW))
    expect(same.result.decision.refusedBy).toBe('max-pr-usd')
  })

  it('max-daily-usd counts holds taken in the last 24 hours, settled ones at their actual', async () => {
    const store = new MemoryStore()
    const day = (h: number) => new Date(NOW.getTime() - h * 3_600_000)
    const limit = { 'max-daily-usd': '2' }
    // 25 hours ago: out of the window; 23 hours ago: in it, settled at $0.60.
    await updateLedger(store, CYCLE, d => holdIfAllowed(d, limitRequest(0, limit), day(25)))
    await updateLedger(store, CYCLE, d => holdIfAllowed(d, limitRequest(1, limit), day(23)))
    await updateLedger(store, CYCLE, d => ({
      doc: settle(d, { key: 'r1', actualUsd: 0.6 }, day(22)).doc,
      result: 0
    }))
    const fits = await updateLedger(store, CYCLE, d => holdIfAllowed(d, limitRequest(2, limit), NOW))
    expect(fits.result.held).toBe(true)
    expect(fits.result.spend.uses[0].usedUsd).toBeCloseTo(0.6, 9)
    const over = await updateLedger(store, CYCLE, d => holdIfAllowed(d, limitRequest(3, limit), NOW))
    expect(over.result.decision.refusedBy).toBe('max-daily-usd')
  })

  it('the monthly budget refusing is named too, and on-exhaust: warn still holds', async () => {
    const refused = await updateLedger(new MemoryStore(), CYCLE, d =>
      holdIfAllowed(d, limitRequest(0, { 'monthly-credits': '0.5' }), NOW)
    )
    expect(refused.result.decision.refusedBy).toBe('ledger budget')
    const warned = await updateLedger(new MemoryStore(), CYCLE, d =>
      holdIfAllowed(d, limitRequest(0, { 'max-pr-usd': '0.5', 'on-exhaust': 'warn' }), NOW)
    )
    expect(warned.result).toMatchObject({ held: true, decision: { decision: 'fail', allowed: true } })
  })
})

describe('real money apart (budget-applies-to)', () => {
  it('counts only real dollars with `real`, and lets a notional run past the dollar budgets', async () => {
    const store = new MemoryStore()
    const inputs = { 'budget-applies-to': 'real', 'monthly-credits': '1.5', 'max-daily-usd': '1.5' }
    const notional = await updateLedger(store, CYCLE, d =>
      holdIfAllowed(d, limitRequest(0, inputs, { scope: { money: 'notional' } }), NOW)
    )
    expect(notional.result).toMatchObject({ held: true, notionalExempt: true })
    expect(notional.result.decision.reason).toMatch(/notional/)
    const real = await updateLedger(store, CYCLE, d => holdIfAllowed(d, limitRequest(1, inputs), NOW))
    expect(real.result.held).toBe(true)
    expect(real.result.state.heldUsd).toBe(0)
    const second = await updateLedger(store, CYCLE, d => holdIfAllowed(d, limitRequest(2, inputs), NOW))
    expect(second.result.decision.decision).toBe('fail')
    const doc = (await readCycle(store, CYCLE)).doc!
    expect(doc.entries.map(e => e.money)).toEqual(['notional', 'real'])
  })
})
