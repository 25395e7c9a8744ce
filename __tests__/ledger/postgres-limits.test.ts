/**
 * The PostgreSQL ledger applies the limits beside the monthly budget as the document stores do. A gate
 * there loads only its own run, the newest runs and the job's history, so what a limit scoped to a pull
 * request (or a person, repository, job or day) counts of every other entry is summed by the server, and
 * the cycle-wide records of the budgets (what the gate prevented, alerts sent) survive on the cycle's row.
 */
import { describe, expect, it } from '@jest/globals'
import { readCycle, updateLedger } from '../../src/ledger/update.js'
import { holdIfAllowed } from '../../src/ledger/hold.js'
import { settle } from '../../src/ledger/operations.js'
import { limitScopes } from '../../src/ledger/spend-limits.js'
import type { HoldRequest } from '../../src/ledger/hold.js'
import { cycleAt } from '../../src/budget/cycle.js'
import { postgresLedgers } from '../support/ledger-stores.js'
import { limitRequest } from '../support/ledger-fixtures.js'

const NOW = new Date('2026-11-24T12:00:00Z')
const CYCLE = cycleAt(NOW, 1)
const postgres = postgresLedgers('postgres limits')
const store = postgres.store

/** A gate's request on the limits' ledger, alerting at 50% unless `inputs` say otherwise. */
const request = (i: number, inputs: Record<string, string>, p90Usd = 1) =>
  limitRequest(i, { 'alert-at': '50', ...inputs }, { p90Usd })

/** What the gate step asks the store for: its key, and sums at its instant of its limits' scopes. */
const gateFocus = (req: HoldRequest) => ({
  key: req.key,
  now: NOW.toISOString(),
  scopes: limitScopes(req.limits!, req.scope!)
})

const describePg = postgres.missing ? describe.skip : describe

describePg('postgres store, limits beside the monthly budget', () => {
  it('max-pr-usd counts every settled run of the pull request, not only the newest a gate loads', async () => {
    const ledger = store()
    const inputs = { 'max-pr-usd': '3' }
    // 25 settled runs of $0.10 on PR 12: more than the newest 20 a gate loads without the limit.
    for (let i = 0; i < 25; i++) {
      const req = request(i, inputs, 0.1)
      await updateLedger(ledger, CYCLE, d => holdIfAllowed(d, req, NOW), { focus: { key: req.key } })
      await updateLedger(
        ledger,
        CYCLE,
        d => {
          const { doc, outcome } = settle(d, { key: req.key, actualUsd: 0.1 }, NOW)
          return { doc, result: outcome }
        },
        { focus: { key: req.key } }
      )
    }
    const next = request(99, inputs, 1)
    // The gate's focus: the store loads the newest runs and sums the rest of the PR's money in SQL.
    const outcome = await updateLedger(ledger, CYCLE, d => holdIfAllowed(d, next, NOW), {
      focus: gateFocus(next)
    })
    // $2.50 spent + $1 = $3.50 > $3: refused. Counting only the newest 20 ($2.00) would have held it.
    expect(outcome.result.held).toBe(false)
    expect(outcome.result.decision.refusedBy).toBe('max-pr-usd')
  })

  it('keeps what the gate prevented and the alerts it sent on the cycle, so they count once', async () => {
    const ledger = store()
    const inputs = { 'max-pr-usd': '2', 'on-exhaust': 'skip' }
    const focus = (key: string) => ({ key, all: true })
    for (let i = 0; i < 4; i++) {
      const req = request(i, inputs, 1)
      await updateLedger(ledger, CYCLE, d => holdIfAllowed(d, req, NOW), { focus: focus(req.key) })
    }
    const doc = (await readCycle(ledger, CYCLE, { all: true })).doc!
    expect(doc.entries.filter(e => e.status === 'held')).toHaveLength(2)
    expect(doc.prevented).toHaveLength(2)
    expect(doc.prevented!.every(p => p.by === 'max-pr-usd')).toBe(true)
    // The 50% crossing of the PR budget was recorded once, by the first gate past it.
    const alerts = doc.alerts ?? []
    expect(alerts.length).toBeGreaterThan(0)
    expect(new Set(alerts.map(a => JSON.stringify(a))).size).toBe(alerts.length)
  })
})
