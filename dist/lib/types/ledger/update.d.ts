/**
 * Reading and compare-and-swapping a cycle's ledger document in a store. The store only moves text;
 * here it is parsed and validated (a bad document stops everything and is never overwritten), and
 * updateLedger is the CAS loop.
 */
import type { Cycle } from '../budget/types.js';
import type { CycleFocus, DocumentStore, LeaseState } from '../store/types.js';
import { type LedgerDocument } from './document.js';
/** A cycle's document as read, with the version a write must match (null/null when none exists). */
export interface CycleRead {
    doc: LedgerDocument | null;
    version: string | null;
    /** The store's write lease as of this read, for stores that have one. */
    lease?: LeaseState;
}
/**
 * The cycle's document (validated) and its version. `focus` says what the step is about: a store that
 * keeps cycles as rows loads those rows too (a document store has them all anyway).
 */
export declare function readCycle(store: DocumentStore, cycle: Cycle, focus?: CycleFocus): Promise<CycleRead>;
export interface UpdateOptions {
    /** A read the caller already made: the first attempt starts from it instead of reading again. */
    first?: CycleRead;
    /** What the step is about (a row store loads these rows under the lock; see readCycle). */
    focus?: CycleFocus;
    maxAttempts?: number;
    /** How long to wait in all for other writers' leases before giving up (default 10 minutes). */
    maxLeaseWaitMs?: number;
    sleep?: (ms: number) => Promise<void>;
    random?: () => number;
    /** Milliseconds since some fixed instant (Date.now): how long a lease has been seen held. */
    clock?: () => number;
}
/** How long an update waited, and why: the report says it. */
export interface LedgerWait {
    /** Milliseconds waiting while another writer held the store's write lease. */
    leaseMs: number;
    /** Times the lease was found held (each a wait and a read). */
    leaseWaits: number;
    /** Writes that lost the compare-and-swap and were re-read. */
    conflicts: number;
    /** Milliseconds of back-off after those conflicts. */
    backoffMs: number;
}
/** What the report says of a ledger update's waits (seconds); undefined when it did not wait. */
export interface LedgerWaited {
    /** In all: behind the lease, backing off after conflicts, and for GitHub's rate limits. */
    seconds: number;
    /** Behind other writers' write lease, and how many times it was found held. */
    leaseSeconds: number;
    leaseWaits: number;
    /** Writes that lost the compare-and-swap and were written again. */
    conflicts: number;
    /** Honouring GitHub's `retry-after` and rate-limit resets. */
    rateLimitSeconds: number;
}
export declare function ledgerWaited(wait: LedgerWait, rateLimitMs: number): LedgerWaited | undefined;
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
export declare function updateLedger<T>(store: DocumentStore, cycle: Cycle, mutate: (doc: LedgerDocument) => {
    doc: LedgerDocument;
    result: T;
}, opts?: UpdateOptions): Promise<{
    result: T;
    doc: LedgerDocument;
    attempts: number;
    wait: LedgerWait;
}>;
/**
 * A cycle's whole document, every entry of a row store included (`ledger copy`); null when none. The
 * cycle's dates come from what is stored, so only its id is needed.
 */
export declare function readWholeCycle(store: DocumentStore, cycleId: string): Promise<LedgerDocument | null>;
