import { describe, expect, it } from '@jest/globals'
import {
  emptyDocument,
  entryKey,
  pastRuns,
  release,
  reserve,
  settle,
  totals,
  KEEP_ENTRIES
} from '../../src/ledger/operations.js'
import { documentSchema } from '../../src/ledger/document.js'
import { cycleAt } from '../../src/budget/cycle.js'

const now = new Date('2026-11-24T12:00:00Z')
const cycle = cycleAt(now, 1)
const hold = (key: string, usd = 1) => ({
  key,
  jobId: 'acme/api/agent/review/gate',
  holdUsd: usd,
  estimate: { p50Usd: usd / 2, p90Usd: usd, maxUsd: usd * 2, gateOn: 'p90' as const },
  priceTableAsOf: '2026-11-23',
  holdHours: 6
})

describe('ledger operations', () => {
  it('build keys from run id, attempt, repository, workflow, job and step', () => {
    expect(
      entryKey({
        runId: '9',
        runAttempt: 2,
        repository: 'acme/api',
        workflow: 'ci/x',
        job: 'review',
        step: 'gate'
      })
    ).toBe('9/2/acme%2Fapi/ci%2Fx/review/gate')
  })
  it('hold, settle and release, each idempotent under the key', () => {
    let doc = emptyDocument(cycle)
    doc = reserve(doc, hold('a', 2), now).doc
    expect(reserve(doc, hold('a', 2), now).outcome).toBe('already-held')
    expect(totals(doc, now)).toMatchObject({ settledUsd: 0, heldUsd: 2 })
    doc = settle(doc, { key: 'a', actualUsd: 1.25 }, now).doc
    const again = settle(doc, { key: 'a', actualUsd: 1.25 }, now)
    expect(again.outcome).toBe('already-settled')
    expect(again.doc).toBe(doc)
    expect(totals(doc, now)).toMatchObject({ settledUsd: 1.25, heldUsd: 0 })
    doc = reserve(doc, hold('b', 3), now).doc
    doc = release(doc, 'b', now).doc
    expect(totals(doc, now).heldUsd).toBe(0)
    expect(documentSchema.safeParse(doc).success).toBe(true)
  })
  it('stop counting a hold once it expires', () => {
    const doc = reserve(emptyDocument(cycle), hold('a', 2), now).doc
    expect(totals(doc, new Date(now.getTime() + 6 * 3_600_000 + 1)).heldUsd).toBe(0)
  })
  // The 10,000-run figures (time, document size) are measured by npm run bench:ledger.
  it('keep a busy cycle bounded, its totals exact, and compacted keys still idempotent', () => {
    const runs = KEEP_ENTRIES + 300
    let doc = emptyDocument(cycle)
    for (let i = 0; i < runs; i++) {
      doc = reserve(doc, hold(`k${i}`, 0.01), now).doc
      doc = settle(doc, { key: `k${i}`, actualUsd: 0.01 }, now).doc
    }
    expect(doc.entries.length).toBe(KEEP_ENTRIES)
    expect(doc.compacted.runs).toBe(300)
    expect(totals(doc, now).settledUsd).toBeCloseTo(runs * 0.01, 9)
    expect(settle(doc, { key: 'k3', actualUsd: 5 }, now).outcome).toBe('already-settled')
    expect(reserve(doc, hold('k3'), now).outcome).toBe('already-settled')
    expect(pastRuns(doc, 'acme/api/agent/review/gate', 10)).toHaveLength(10)
    expect(documentSchema.safeParse(doc).success).toBe(true)
  })
})
