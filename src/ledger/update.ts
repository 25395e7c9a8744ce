/**
 * Reading and compare-and-swapping a cycle's ledger document in a store. The store only moves text;
 * here it is parsed and validated (a bad document stops everything and is never overwritten), and
 * updateLedger is the CAS loop.
 */
import type { Cycle } from '../budget/types.js'
import type { CycleFocus, DocumentStore, LeaseState, RowLedger } from '../store/types.js'
import { emptyDocument } from './operations.js'
import { parseDocument, type LedgerDocument } from './document.js'
import { changesOf, documentOf } from './rows.js'

/** A cycle's document as read, with the version a write must match (null/null when none exists). */
export interface CycleRead {
  doc: LedgerDocument | null
  version: string | null
  /** The store's write lease as of this read, for stores that have one. */
  lease?: LeaseState
}

/**
 * The cycle's document (validated) and its version. `focus` says what the step is about: a store that
 * keeps cycles as rows loads those rows too (a document store has them all anyway).
 */
export async function readCycle(
  store: DocumentStore,
  cycle: Cycle,
  focus: CycleFocus = {}
): Promise<CycleRead> {
  if (store.rows) {
    const rows = await store.rows.read(cycle.id, focus)
    return { doc: rows.cycle ? documentOf(rows, cycle, store.locate(cycle.id)) : null, version: null }
  }
  const { text, version, lease } = await store.read(cycle.id)
  const extra = lease ? { lease } : {}
  if (text === null) return { doc: null, version, ...extra }
  const where = store.locate(cycle.id)
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new Error(
      `ledger document ${where} is not JSON; it was not changed — restore it from its history (git log of the ledger ref, or a backup of the file)`
    )
  }
  return { doc: parseDocument(raw, where), version, ...extra }
}

export interface UpdateOptions {
  /** A read the caller already made: the first attempt starts from it instead of reading again. */
  first?: CycleRead
  /** What the step is about (a row store loads these rows under the lock; see readCycle). */
  focus?: CycleFocus
  maxAttempts?: number
  /** How long to wait in all for other writers' leases before giving up (default 10 minutes). */
  maxLeaseWaitMs?: number
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  /** Milliseconds since some fixed instant (Date.now): how long a lease has been seen held. */
  clock?: () => number
}

/** How long an update waited, and why: the report says it. */
export interface LedgerWait {
  /** Milliseconds waiting while another writer held the store's write lease. */
  leaseMs: number
  /** Times the lease was found held (each a wait and a read). */
  leaseWaits: number
  /** Writes that lost the compare-and-swap and were re-read. */
  conflicts: number
  /** Milliseconds of back-off after those conflicts. */
  backoffMs: number
}

/** What the report says of a ledger update's waits (seconds); undefined when it did not wait. */
export interface LedgerWaited {
  /** In all: behind the lease, backing off after conflicts, and for GitHub's rate limits. */
  seconds: number
  /** Behind other writers' write lease, and how many times it was found held. */
  leaseSeconds: number
  leaseWaits: number
  /** Writes that lost the compare-and-swap and were written again. */
  conflicts: number
  /** Honouring GitHub's `retry-after` and rate-limit resets. */
  rateLimitSeconds: number
}

const seconds = (ms: number) => Math.round(ms / 100) / 10

export function ledgerWaited(wait: LedgerWait, rateLimitMs: number): LedgerWaited | undefined {
  const total = wait.leaseMs + wait.backoffMs + rateLimitMs
  if (total === 0 && wait.conflicts === 0) return undefined
  return {
    seconds: seconds(total),
    leaseSeconds: seconds(wait.leaseMs),
    leaseWaits: wait.leaseWaits,
    conflicts: wait.conflicts,
    rateLimitSeconds: seconds(rateLimitMs)
  }
}

const realSleep = (ms: number) => new Promise<void>(r => setTimeout(r, ms))

/**
 * Read → mutate → write-if-unchanged. This is our only hand-written retry: HTTP faults are the octokit
 * plugins' job. `mutate` is pure and sees the version that will be written, so what it decides is what
 * lands. A mutation that changes nothing writes nothing, and needs no lease.
 *
 * A store with a write lease (GitHub) is written only by the lease's holder: a writer that finds it
 * held waits and reads again (jittered, so waiters do not poll in step), deciding afresh on every read —
 * a gate that no longer fits leaves the queue without writing at all. Correctness never rests on the
 * lease: every write is still a compare-and-swap, so a lease taken over from a writer that stopped, or
 * held by two writers after a lost answer, costs a conflict, never a lost or doubled hold.
 */
export async function updateLedger<T>(
  store: DocumentStore,
  cycle: Cycle,
  mutate: (doc: LedgerDocument) => { doc: LedgerDocument; result: T },
  opts: UpdateOptions = {}
): Promise<{ result: T; doc: LedgerDocument; attempts: number; wait: LedgerWait }> {
  if (store.rows) return updateRows(store.rows, store.locate(cycle.id), cycle, mutate, opts.focus ?? {})
  const max = opts.maxAttempts ?? 30
  const maxLeaseWait = opts.maxLeaseWaitMs ?? 600_000
  const sleep = opts.sleep ?? realSleep
  const random = opts.random ?? Math.random
  const clock = opts.clock ?? Date.now
  const wait: LedgerWait = { leaseMs: 0, leaseWaits: 0, conflicts: 0, backoffMs: 0 }
  const lease = store.lease
  let holding = false
  /** The hold we are waiting behind and since when we have seen it, to tell a stopped writer. */
  let behind: { holder: string; since: number } | undefined
  /** A free lease seen after waiting, being read again before we try to take it. */
  let confirming = false
  let read = opts.first ?? (await readCycle(store, cycle))
  try {
    for (let attempt = 1; ;) {
      const current = read.doc ?? emptyDocument(cycle)
      const { doc: next, result } = mutate(current)
      if (next === current) return { result, doc: current, attempts: attempt, wait }
      if (lease && !holding) {
        const holder = read.lease?.holder ?? null
        if (holder !== null && behind?.holder === holder && clock() - behind.since >= lease.ttlMs) {
          await lease.breakStale(holder)
          behind = undefined
          read = await readCycle(store, cycle)
          continue
        }
        if (holder === null && wait.leaseWaits > 0 && !confirming) {
          // The lease came free while others wait too: each reads again after a random pause, and the
          // first to take it is seen by the rest, so few spend a create that answers "already exists".
          confirming = true
          const ms = Math.round(random() * 1000)
          wait.leaseMs += ms
          await sleep(ms)
          read = await readCycle(store, cycle)
          continue
        }
        confirming = false
        const taken = await lease.take(read)
        if (taken === 'unknown') {
          // No usable answer: the next read says whether the lease is ours.
          read = await readCycle(store, cycle)
          continue
        }
        if (taken === 'busy') {
          if (holder !== null && behind?.holder !== holder) behind = { holder, since: clock() }
          if (wait.leaseMs >= maxLeaseWait)
            throw new Error(
              `ledger: ${store.describe()} stayed busy: other writers held its lease for ${Math.round(wait.leaseMs / 1000)} s; try again`
            )
          // A hold takes ~4 s (five writes a second apart). Waiters poll 1–4 s apart at random, the
          // first time sooner: with several waiting, one still reads the lease free soon after it is.
          const ms = Math.round(wait.leaseWaits === 0 ? 250 + random() * 1750 : 1000 + random() * 3000)
          wait.leaseWaits++
          wait.leaseMs += ms
          await sleep(ms)
          read = await readCycle(store, cycle)
          continue
        }
        holding = true
      }
      const written = { ...next, revision: current.revision + 1 }
      const text = JSON.stringify(written) + '\n'
      const summary = `ledger ${cycle.id} revision ${written.revision}`
      if ((await store.write(cycle.id, text, read.version, summary)).ok)
        return { result, doc: written, attempts: attempt, wait }
      wait.conflicts++
      if (++attempt > max)
        throw new Error(`ledger: gave up after ${max} conflicting writes to ${store.describe()}; try again`)
      if (!holding) {
        // Full jitter: concurrent writers spread out instead of colliding again in lockstep.
        const ms = Math.round(random() * Math.min(2000, 50 * 2 ** attempt))
        wait.backoffMs += ms
        await sleep(ms)
      }
      read = await readCycle(store, cycle)
    }
  } finally {
    if (holding) await lease?.give()
  }
}

/**
 * The row store's update: the same pure `mutate`, applied under the cycle's row lock to the cycle's
 * live state, with only the changed rows written back. Nothing to retry, so nothing waited.
 */
async function updateRows<T>(
  rows: RowLedger,
  where: string,
  cycle: Cycle,
  mutate: (doc: LedgerDocument) => { doc: LedgerDocument; result: T },
  focus: CycleFocus
): Promise<{ result: T; doc: LedgerDocument; attempts: number; wait: LedgerWait }> {
  let decided: { before: LedgerDocument; after: LedgerDocument; result: T } | undefined
  const { revision } = await rows.update(cycle.id, focus, loaded => {
    const before = documentOf(loaded, cycle, where)
    const { doc: after, result } = mutate(before)
    decided = { before, after, result }
    return after === before ? null : changesOf(before, after)
  })
  const { before, after, result } = decided!
  const doc = after === before ? before : { ...after, revision }
  return { result, doc, attempts: 1, wait: { leaseMs: 0, leaseWaits: 0, conflicts: 0, backoffMs: 0 } }
}

/**
 * A cycle's whole document, every entry of a row store included (`ledger copy`); null when none. The
 * cycle's dates come from what is stored, so only its id is needed.
 */
export async function readWholeCycle(store: DocumentStore, cycleId: string): Promise<LedgerDocument | null> {
  return (await readCycle(store, { id: cycleId, start: '', resetsAt: '' }, { all: true })).doc
}
