/** A ledger store reads and compare-and-swaps whole cycle documents; updateLedger is the CAS loop. */
import type { Cycle } from '../budget/types.js'
import { emptyDocument } from './operations.js'
import type { LedgerDocument } from './document.js'

export interface LedgerStore {
  /** Where the ledger lives, for reports: `file:…` or `github:owner/repo@ref`. */
  describe(): string
  /** The cycle's document (validated) and an opaque version; null/null when none exists yet. */
  read(cycle: Cycle): Promise<{ doc: LedgerDocument | null; version: string | null }>
  /** Write only if the stored version is still `version` (null = must not exist yet); ok:false on conflict. */
  write(
    cycle: Cycle,
    doc: LedgerDocument,
    version: string | null
  ): Promise<{ ok: true; version: string } | { ok: false }>
}

export interface UpdateOptions {
  /** A read the caller already made: the first attempt starts from it instead of reading again. */
  first?: { doc: LedgerDocument | null; version: string | null }
  maxAttempts?: number
  sleep?: (ms: number) => Promise<void>
  random?: () => number
}

const realSleep = (ms: number) => new Promise<void>(r => setTimeout(r, ms))

/**
 * Read → mutate → write-if-unchanged, retried with jittered exponential backoff on conflict.
 * This is our only hand-written retry: HTTP faults are the octokit plugins' job.
 * A mutation that changes nothing writes nothing.
 */
export async function updateLedger<T>(
  store: LedgerStore,
  cycle: Cycle,
  mutate: (doc: LedgerDocument) => { doc: LedgerDocument; result: T },
  opts: UpdateOptions = {}
): Promise<{ result: T; attempts: number }> {
  const max = opts.maxAttempts ?? 30
  const sleep = opts.sleep ?? realSleep
  const random = opts.random ?? Math.random
  for (let attempt = 1; attempt <= max; attempt++) {
    const { doc, version } = attempt === 1 && opts.first ? opts.first : await store.read(cycle)
    const current = doc ?? emptyDocument(cycle)
    const { doc: next, result } = mutate(current)
    if (next === current) return { result, attempts: attempt }
    const written = await store.write(cycle, { ...next, revision: current.revision + 1 }, version)
    if (written.ok) return { result, attempts: attempt }
    // Full jitter: concurrent writers spread out instead of colliding again in lockstep.
    await sleep(Math.round(random() * Math.min(2000, 50 * 2 ** attempt)))
  }
  throw new Error(`ledger: gave up after ${max} conflicting writes to ${store.describe()}; try again`)
}
