/**
 * Reading and compare-and-swapping a cycle's ledger document in a store. The store only moves text;
 * here it is parsed and validated (a bad document stops everything and is never overwritten), and
 * updateLedger is the CAS loop.
 */
import type { Cycle } from '../budget/types.js'
import type { DocumentStore } from '../store/types.js'
import { emptyDocument } from './operations.js'
import { parseDocument, type LedgerDocument } from './document.js'

/** A cycle's document as read, with the version a write must match (null/null when none exists). */
export interface CycleRead {
  doc: LedgerDocument | null
  version: string | null
}

/** The cycle's document (validated) and its version. */
export async function readCycle(store: DocumentStore, cycle: Cycle): Promise<CycleRead> {
  const { text, version } = await store.read(cycle.id)
  if (text === null) return { doc: null, version }
  const where = store.locate(cycle.id)
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new Error(
      `ledger document ${where} is not JSON; it was not changed — restore it from its history (git log of the ledger ref, or a backup of the file)`
    )
  }
  return { doc: parseDocument(raw, where), version }
}

export interface UpdateOptions {
  /** A read the caller already made: the first attempt starts from it instead of reading again. */
  first?: CycleRead
  maxAttempts?: number
  sleep?: (ms: number) => Promise<void>
  random?: () => number
}

const realSleep = (ms: number) => new Promise<void>(r => setTimeout(r, ms))

/**
 * Read → mutate → write-if-unchanged, retried with jittered exponential backoff on conflict.
 * This is our only hand-written retry: HTTP faults are the octokit plugins' job. `mutate` is pure and
 * sees the version that will be written, so what it decides is what lands. A mutation that changes
 * nothing writes nothing.
 */
export async function updateLedger<T>(
  store: DocumentStore,
  cycle: Cycle,
  mutate: (doc: LedgerDocument) => { doc: LedgerDocument; result: T },
  opts: UpdateOptions = {}
): Promise<{ result: T; doc: LedgerDocument; attempts: number }> {
  const max = opts.maxAttempts ?? 30
  const sleep = opts.sleep ?? realSleep
  const random = opts.random ?? Math.random
  for (let attempt = 1; attempt <= max; attempt++) {
    const { doc, version } = attempt === 1 && opts.first ? opts.first : await readCycle(store, cycle)
    const current = doc ?? emptyDocument(cycle)
    const { doc: next, result } = mutate(current)
    if (next === current) return { result, doc: current, attempts: attempt }
    const written = { ...next, revision: current.revision + 1 }
    const text = JSON.stringify(written) + '\n'
    const summary = `ledger ${cycle.id} revision ${written.revision}`
    if ((await store.write(cycle.id, text, version, summary)).ok)
      return { result, doc: written, attempts: attempt }
    // Full jitter: concurrent writers spread out instead of colliding again in lockstep.
    await sleep(Math.round(random() * Math.min(2000, 50 * 2 ** attempt)))
  }
  throw new Error(`ledger: gave up after ${max} conflicting writes to ${store.describe()}; try again`)
}
