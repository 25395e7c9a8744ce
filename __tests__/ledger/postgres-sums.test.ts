/**
 * A gate on the PostgreSQL ledger loads its own run and the newest runs, and the server sums every other
 * entry (src/store/postgres-sums.ts): live holds, and per scope its holds, settled money and last 24
 * hours. Those sums must be what the pure function sums over the whole document (src/ledger/sums.ts),
 * which the file and GitHub ledgers decide on, so every store counts every hold.
 */
import { describe, expect, it } from '@jest/globals'
import pg from 'pg'
import { readCycle, readWholeCycle, updateLedger } from '../../src/ledger/update.js'
import { rowsOfDocument } from '../../src/ledger/rows.js'
import { emptyDocument, settle, totals } from '../../src/ledger/operations.js'
import { documentSums, type SummedDocument } from '../../src/ledger/sums.js'
import { judgeSpend, limitScopes, limitsFor, scopeKeys } from '../../src/ledger/spend-limits.js'
import type { LedgerEntry } from '../../src/ledger/document.js'
import { cycleAt } from '../../src/budget/cycle.js'
import { postgresLedgers } from '../support/ledger-stores.js'
import { limitRequest } from '../support/ledger-fixtures.js'

const NOW = new Date('2026-11-24T12:00:00Z')
const CYCLE = cycleAt(NOW, 1)
const HOUR = 3_600_000
const postgres = postgresLedgers('postgres sums')
const store = postgres.store

const at = (hoursAgo: number) => new Date(NOW.getTime() - hoursAgo * HOUR).toISOString()

/** A cycle of every kind of entry a gate must count or skip, over two repositories, actors, PRs and jobs. */
function mixedCycle(n: number): LedgerEntry[] {
  const statuses = ['held', 'held', 'settled', 'released', 'held'] as const
  return Array.from({ length: n }, (_, i) => {
    const status = statuses[i % statuses.length]
    const created = at((i % 7) * 6 + 1) // 1 h to 37 h ago: some inside the 24 hours, some not
    const repository = i % 3 === 0 ? 'acme/web' : 'acme/api'
    return {
      key: `run${i}/1/${encodeURIComponent(repository)}/ci/review/gate`,
      jobId: `${repository}/ci/review-${i % 4}/gate`,
      status,
      createdAt: created,
      updatedAt: created,
      // Every eleventh hold expired an hour ago: it no longer counts.
      expiresAt: i % 11 === 0 ? at(1) : at(-6),
      holdUsd: 0.25 + (i % 5) * 0.125,
      estimate: { p50Usd: 0.1, p90Usd: 0.25, maxUsd: 1, gateOn: 'p90' as const },
      priceTableAsOf: '2026-11-23',
      model: i % 2 ? 'claude-haiku-4-5' : 'claude-sonnet-4-5',
      ...(status === 'settled' ? { actualUsd: 0.0625 * (1 + (i % 9)), settledAt: created } : {}),
      ...(i % 4 !== 3 ? { repository } : {}),
      ...(i % 5 !== 4 ? { actor: i % 2 ? 'octocat' : 'hubot' } : {}),
      ...(i % 3 !== 2 ? { pr: 10 + (i % 3) } : {}),
      ...(i % 6 === 5 ? {} : { money: i % 2 ? ('real' as const) : ('notional' as const) })
    }
  })
}

const SCOPES = [
  'all',
  'job:acme/api/ci/review-1/gate',
  'repository:acme/api',
  'repository:acme/web',
  'actor:octocat',
  'actor:hubot',
  'pr:acme/api#11',
  'pr:acme/web#10',
  'pr:acme/api#99'
]

const describePg = postgres.missing ? describe.skip : describe

describePg('postgres store: what a gate does not load, the server sums', () => {
  it('sums live holds and every scope exactly as the whole document does, loading few of them', async () => {
    const ledger = store()
    const doc = emptyDocument(CYCLE)
    doc.entries = mixedCycle(400)
    await ledger.rows.import(CYCLE.id, rowsOfDocument(doc))
    const whole = (await readWholeCycle(ledger, CYCLE.id))!
    const own = doc.entries[7].key
    const focus = { key: own, now: NOW.toISOString(), scopes: SCOPES }
    const gated = (await readCycle(ledger, CYCLE, focus)).doc as SummedDocument
    // The gate's read left most live holds unloaded: the server summed them.
    const liveAll = whole.entries.filter(e => e.status === 'held' && Date.parse(e.expiresAt) > NOW.getTime())
    const liveLoaded = gated.entries.filter(
      e => e.status === 'held' && Date.parse(e.expiresAt) > NOW.getTime()
    )
    expect(liveAll.length).toBeGreaterThan(150)
    expect(liveLoaded.length).toBeLessThan(10)
    expect(gated.unloaded?.held.usd).toBeGreaterThan(0)

    for (const excludeKey of [undefined, own]) {
      const want = documentSums(whole, NOW, SCOPES, excludeKey)
      const got = documentSums(gated, NOW, SCOPES, excludeKey)
      expect(got.held.usd).toBeCloseTo(want.held.usd, 9)
      expect(got.held.realUsd).toBeCloseTo(want.held.realUsd, 9)
      for (const scope of SCOPES) {
        for (const part of ['held', 'day'] as const) {
          expect([scope, part, got.byScope[scope][part].usd]).toEqual([scope, part, expect.any(Number)])
          expect(got.byScope[scope][part].usd).toBeCloseTo(want.byScope[scope][part].usd, 9)
          expect(got.byScope[scope][part].realUsd).toBeCloseTo(want.byScope[scope][part].realUsd, 9)
        }
      }
      for (const appliesTo of ['all', 'real'] as const) {
        expect(totals(gated, NOW, excludeKey, appliesTo).heldUsd).toBeCloseTo(
          totals(whole, NOW, excludeKey, appliesTo).heldUsd,
          9
        )
        expect(totals(gated, NOW, excludeKey, appliesTo).settledUsd).toBeCloseTo(
          totals(whole, NOW, excludeKey, appliesTo).settledUsd,
          9
        )
      }
    }
    // Hand-summed, so the test does not rest on the pure function alone: every live hold counts.
    const handHeld = liveAll.reduce((s, e) => s + e.holdUsd, 0)
    expect(totals(gated, NOW).heldUsd).toBeCloseTo(handHeld, 9)
    const prHeld = liveAll
      .filter(e => scopeKeys(e).includes('pr:acme/api#11'))
      .reduce((s, e) => s + e.holdUsd, 0)
    expect(documentSums(gated, NOW, SCOPES).byScope['pr:acme/api#11'].held.usd).toBeCloseTo(prHeld, 9)
  })

  it("judges every limit on the server's sums as on the whole document", async () => {
    const ledger = store()
    const doc = emptyDocument(CYCLE)
    doc.entries = mixedCycle(250)
    await ledger.rows.import(CYCLE.id, rowsOfDocument(doc))
    const whole = (await readWholeCycle(ledger, CYCLE.id))!
    const inputs = {
      'max-daily-usd': '500',
      'ledger-max-daily-usd': '500',
      'max-pr-usd': '500',
      'repository-budget-usd': '500',
      'job-budget-usd': '500',
      'max-actor-usd': '500'
    }
    for (const appliesTo of ['all', 'real'] as const) {
      const req = limitRequest(
        1,
        { ...inputs, 'budget-applies-to': appliesTo },
        {
          scope: { jobId: 'acme/api/ci/review-1/gate', pr: 11 }
        }
      )
      const limits = limitsFor(req.limits!, req.scope!)
      expect(limits.map(l => l.input)).toHaveLength(6)
      const gated = (
        await readCycle(ledger, CYCLE, {
          key: req.key,
          now: NOW.toISOString(),
          scopes: limitScopes(req.limits!, req.scope!)
        })
      ).doc!
      const a = { now: NOW, appliesTo }
      const want = judgeSpend(whole, limits, 1, a).uses.map(u => u.usedUsd)
      const got = judgeSpend(gated, limits, 1, a).uses.map(u => u.usedUsd)
      expect(limits.map((l, i) => [l.input, want[i] > 0])).toEqual(limits.map(l => [l.input, true]))
      got.forEach((g, i) => expect(g).toBeCloseTo(want[i], 9))
    }
  })

  it('counts a hold another connection wrote, and keeps per-scope settled totals through settles and corrections', async () => {
    const ledger = store()
    const doc = emptyDocument(CYCLE)
    doc.entries = mixedCycle(60)
    await ledger.rows.import(CYCLE.id, rowsOfDocument(doc))
    const before = totals((await readCycle(ledger, CYCLE, { now: NOW.toISOString() })).doc!, NOW).heldUsd
    // A hold written by hand, as another gate would: the next gate's sum includes it.
    const c = new pg.Client({ connectionString: postgres.cluster.url() })
    await c.connect()
    const name = ledger.describe().replace(/^postgres:([^@]+)@.*$/, '$1')
    await c.query(
      `insert into agent_credit_gate.entries (ledger, cycle_id, key, job_id, status, created_at, updated_at,
         expires_at, hold_usd, estimate_p50_usd, estimate_p90_usd, estimate_max_usd, gate_on, price_table_as_of)
       select ledger, cycle_id, 'by-hand', 'x/y', 'held', $3, $3, $4, 7.5, 1, 1, 1, 'p90', '2026-11-23'
       from agent_credit_gate.cycles where ledger = $1 and cycle_id = $2`,
      [name, CYCLE.id, at(1), at(-1)]
    )
    const after = totals((await readCycle(ledger, CYCLE, { now: NOW.toISOString() })).doc!, NOW).heldUsd
    expect(after - before).toBeCloseTo(7.5, 9)
    // Settle some holds, correct one settled figure: the trigger's per-scope totals follow.
    for (const e of doc.entries.filter(x => x.status === 'held').slice(0, 5)) {
      await updateLedger(
        ledger,
        CYCLE,
        d => {
          const r = settle(d, { key: e.key, actualUsd: 0.5 }, NOW)
          return { doc: r.doc, result: r.outcome }
        },
        { focus: { key: e.key } }
      )
    }
    const corrected = doc.entries.find(x => x.status === 'settled')!
    await updateLedger(
      ledger,
      CYCLE,
      d => {
        const r = settle(d, { key: corrected.key, actualUsd: 3, replace: true }, NOW)
        return { doc: r.doc, result: r.outcome }
      },
      { focus: { key: corrected.key } }
    )
    const whole = (await readWholeCycle(ledger, CYCLE.id))!
    const stored = await c.query(
      `select scope, runs, usd, real_usd from agent_credit_gate.settled_scopes where ledger = $1 and cycle_id = $2`,
      [name, CYCLE.id]
    )
    await c.end()
    const byScope = new Map<string, { runs: number; usd: number; realUsd: number }>()
    for (const e of whole.entries.filter(x => x.status === 'settled'))
      for (const k of scopeKeys(e)) {
        const s = byScope.get(k) ?? { runs: 0, usd: 0, realUsd: 0 }
        byScope.set(k, {
          runs: s.runs + 1,
          usd: s.usd + (e.actualUsd ?? 0),
          realUsd: s.realUsd + (e.money === 'real' ? (e.actualUsd ?? 0) : 0)
        })
      }
    expect(stored.rows.length).toBe(byScope.size)
    for (const row of stored.rows) {
      const want = byScope.get(row.scope)!
      expect([row.scope, row.runs]).toEqual([row.scope, want.runs])
      expect(row.usd).toBeCloseTo(want.usd, 9)
      expect(row.real_usd).toBeCloseTo(want.realUsd, 9)
    }
  })

  it('refuses sums taken at another instant than the step decides at', async () => {
    const ledger = store()
    const doc = emptyDocument(CYCLE)
    doc.entries = mixedCycle(10)
    await ledger.rows.import(CYCLE.id, rowsOfDocument(doc))
    const gated = (await readCycle(ledger, CYCLE, { now: NOW.toISOString() })).doc!
    expect(() => totals(gated, new Date(NOW.getTime() + 1000))).toThrow(/pass the step's now in its focus/)
    expect(() => documentSums(gated, NOW, ['actor:octocat'])).toThrow(/did not sum the scope actor:octocat/)
  })
})
