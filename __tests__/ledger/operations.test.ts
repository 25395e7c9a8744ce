import { describe, expect, it } from '@jest/globals'
import {
  emptyDocument,
  entryKey,
  lastRunAt,
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
  it('keep how each settled run behaved for the next estimate, also once the entry is compacted', () => {
    const behaviour = { requests: 12, growthTokens: 30_000, outputTokens: 4_000, cacheTtl: '5m' as const }
    let doc = reserve(emptyDocument(cycle), hold('first'), now).doc
    doc = settle(doc, { key: 'first', actualUsd: 0.5, turns: 15, behaviour }, now).doc
    expect(pastRuns(doc, 'acme/api/agent/review/gate', 1)[0]).toMatchObject({ turns: 15, behaviour })
    for (let i = 0; i < KEEP_ENTRIES + 1; i++) {
      const later = new Date(now.getTime() + (i + 1) * 1000)
      doc = reserve(doc, hold(`k${i}`, 0.01), later).doc
      doc = settle(doc, { key: `k${i}`, actualUsd: 0.01 }, later).doc
    }
    expect(doc.entries.some(e => e.key === 'first')).toBe(false)
    expect(doc.history?.['acme/api/agent/review/gate'].find(e => e.key === 'first')).toMatchObject({
      turns: 15,
      behaviour
    })
    expect(documentSchema.safeParse(doc).success).toBe(true)
  })
  it('record the main model and the side models apart, the fan-out and the first request, for the next estimate', () => {
    const behaviour = {
      requests: 5,
      firstRequestTokens: 61_000,
      uncachedInputTokens: 12,
      subagents: 3,
      sideShare: 1.4,
      fanOutUsd: 0.39
    }
    const sideModels = [{ model: 'claude-haiku-4-5-20251001', usd: 0.39 }]
    let doc = reserve(emptyDocument(cycle), hold('a'), now).doc
    doc = settle(
      doc,
      { key: 'a', actualUsd: 0.66, model: 'claude-sonnet-4-6', sideModels, behaviour },
      now
    ).doc
    expect(doc.entries[0]).toMatchObject({ model: 'claude-sonnet-4-6', sideModels, behaviour })
    expect(pastRuns(doc, 'acme/api/agent/review/gate', 1)[0]).toMatchObject({
      model: 'claude-sonnet-4-6',
      sideModels,
      behaviour
    })
    expect(documentSchema.safeParse(doc).success).toBe(true)
  })
  it('leave out a behaviour the document could not be read back with, and still settle the money', () => {
    let doc = reserve(emptyDocument(cycle), hold('a'), now).doc
    const hostile = { requests: 3, growthTokens: 5e12 }
    doc = settle(doc, { key: 'a', actualUsd: 0.5, behaviour: hostile }, now).doc
    expect(doc.entries[0]).toMatchObject({ status: 'settled', actualUsd: 0.5 })
    expect(doc.entries[0].behaviour).toBeUndefined()
    expect(documentSchema.safeParse(doc).success).toBe(true)
  })
  it('read documents written before behaviour was kept', () => {
    let doc = reserve(emptyDocument(cycle), hold('a'), now).doc
    doc = settle(doc, { key: 'a', actualUsd: 0.5, turns: 3 }, now).doc
    const old = JSON.parse(JSON.stringify(doc))
    expect(old.entries[0].behaviour).toBeUndefined()
    expect(documentSchema.parse(old).entries[0]).toMatchObject({ actualUsd: 0.5, turns: 3 })
  })
  it('know when a run of a model was last active: the newest settle, or the start of a live hold', () => {
    const at = (min: number) => new Date(now.getTime() + min * 60_000)
    const sonnet = (m: string | undefined) => m === 'claude-sonnet-4-5'
    let doc = emptyDocument(cycle)
    expect(lastRunAt(doc, sonnet, now)).toBeUndefined()
    doc = reserve(doc, { ...hold('a'), model: 'claude-sonnet-4-5' }, at(0)).doc
    doc = settle(doc, { key: 'a', actualUsd: 0.5 }, at(3)).doc
    doc = reserve(doc, { ...hold('b'), model: 'claude-opus-4-5' }, at(5)).doc
    expect(lastRunAt(doc, sonnet, at(10))).toBe(at(3).toISOString())
    doc = reserve(doc, { ...hold('c'), model: 'claude-sonnet-4-5' }, at(8)).doc
    expect(lastRunAt(doc, sonnet, at(10))).toBe(at(8).toISOString())
    // A retried gate of run c does not find its own hold.
    expect(lastRunAt(doc, sonnet, at(10), 'c')).toBe(at(3).toISOString())
    // An expired hold is a run that died: it keeps nothing warm.
    expect(lastRunAt(doc, sonnet, at(8 + 6 * 60 + 1))).toBe(at(3).toISOString())
  })
})
