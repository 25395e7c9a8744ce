/**
 * A document store: named text documents, each replaced only by compare-and-swap. Stores know nothing
 * of what the documents hold; the ledger parses, validates and decides (src/ledger/update.ts).
 */
export interface StoredText {
    /** The document's text; null when it does not exist yet. */
    text: string | null;
    /** Opaque version to pass back to write; null when the document (or the whole store) does not exist. */
    version: string | null;
    /** Stores with a write lease: its state as of this read. */
    lease?: LeaseState;
}
/** Who holds a store's write lease as of a read, and what taking it from that read would mean. */
export interface LeaseState {
    /** An opaque token naming the current hold; null when nobody holds the lease. */
    holder: string | null;
    /** Opaque: what `take` needs from this read. */
    claim: string | null;
}
export type WriteResult = {
    ok: true;
    version: string;
} | {
    ok: false;
};
/**
 * A short exclusive claim on a store's next write, for stores many writers share over a network with a
 * write budget (GitHub). Advisory: every write stays a compare-and-swap, so two writers that both
 * believe they hold it (a lease taken over, an answer lost) cost a conflict, never a wrong document.
 */
export interface WriteLease {
    /** Take the lease as of `read`: `taken`, `busy` (another writer has it), or `unknown` (no usable answer: read again). */
    take(read: {
        lease?: LeaseState;
    }): Promise<'taken' | 'busy' | 'unknown'>;
    /** Remove a hold whose writer stopped without giving it back (seen unchanged past the lease's time to live). */
    breakStale(holder: string): Promise<void>;
    /** Give the lease back. Never throws: a lease not given back is taken over when it goes stale. */
    give(): Promise<void>;
    /** Milliseconds after which a hold seen unchanged counts as stale. */
    readonly ttlMs: number;
}
export interface DocumentStore {
    /** Where the store lives, for reports: `file:…` or `github:owner/repo@ref`. */
    describe(): string;
    /** Where one document lives, for error messages. */
    locate(name: string): string;
    read(name: string): Promise<StoredText>;
    /**
     * Write only if the stored version is still `version` (null = must not exist yet); ok:false on
     * conflict. `summary` says what changed, for stores that keep a history (the commit message).
     */
    write(name: string, text: string, version: string | null, summary?: string): Promise<WriteResult>;
    /** Shared network stores serialise writers with a lease; local ones need none. */
    readonly lease?: WriteLease;
    /** Milliseconds spent so far honouring the backend's rate limits (`retry-after`, resets), for reports. */
    rateLimitWaitMs?(): number;
    /** Stores that keep a cycle as rows (PostgreSQL) instead of one document: see RowLedger. */
    readonly rows?: RowLedger;
    /** The names of the cycle documents the store holds (`ledger copy`), oldest first. */
    cycles?(): Promise<string[]>;
    /** Let go of connections, so a command can exit. */
    close?(): Promise<void>;
    /** What the store had to do differently since last asked (each said once), for the report's notices. */
    takeNotices?(): string[];
}
/**
 * What one step is about, so a store that keeps a cycle as rows loads, besides the cycle's live holds
 * and newest entries, the rows the step's operation reads: its own run's entries and its job's history.
 */
export interface CycleFocus {
    /** The run's idempotency key. */
    key?: string;
    /** The run id `release`/`record` name a run by: every entry of that run. */
    runId?: string;
    /** The history key whose newest settled runs the estimate blends in. */
    jobId?: string;
    /** How many of them. */
    runs?: number;
    /** Load every entry of the cycle (`status`, `ledger copy`). */
    all?: boolean;
    /**
     * The step's instant (ISO). Given (and not `all`), the store loads no live hold but the step's own and
     * the newest of each model, and sums the others at this instant instead (`CycleRows.unloaded`).
     */
    now?: string;
    /** Scope keys (src/ledger/spend-limits.ts scopeKeys) whose money the store sums too: the step's limits'. */
    scopes?: string[];
}
/** One entry as a row: the ledger's entry fields, flat (`estimate` as four fields), absent = null. */
export type EntryRow = {
    key: string;
} & Record<string, unknown>;
/** Cycle-wide records a row store keeps on the cycle's row: refused runs and the alerts already sent. */
export interface CycleExtras {
    prevented?: unknown;
    alerts?: unknown;
    preventedFolded?: unknown;
}
/** A cycle's own row, beside its entries and meters. */
export interface CycleRow {
    start: string;
    resetsAt: string;
    /** The account the gates recorded (the document's `account`), when one is. */
    account?: Record<string, unknown>;
    /** What a document ledger had already folded away when it was copied here (its `compacted`). */
    folded?: unknown;
    /** Per history key, runs of earlier cycles the cycle carries (the document's `history`). */
    history?: unknown;
    /** The document's `prevented`, `alerts` and `compacted.prevented`: cycle-wide records, not entries. */
    extras?: CycleExtras;
}
/** The rows of one cycle a step works on. */
export interface CycleRows {
    cycle: (CycleRow & {
        id: string;
        revision: number;
    }) | null;
    /** The loaded entries. */
    entries: EntryRow[];
    /** Meters by account. */
    meters: Record<string, unknown>;
    /** Every settled entry of the cycle, loaded or not, by UTC day: runs and USD. */
    settledByDay: Record<string, {
        runs: number;
        usd: number;
    }>;
    /** Every settled entry of the cycle, loaded or not, by scope key (`all` and the focus's scopes). */
    settledByScope?: Record<string, {
        runs: number;
        usd: number;
        realUsd: number;
    }>;
    /** With `focus.now`: the money of the entries not loaded, summed (src/ledger/sums.ts). */
    unloaded?: Unloaded;
}
/**
 * What a step changes: entries to insert or replace, accounts' meters, the cycle's own row (its
 * `history` and `extras` set only when they changed; absent: as they are).
 */
export interface RowChanges {
    cycle: CycleRow;
    entries: EntryRow[];
    meters: Record<string, unknown>;
}
/**
 * A ledger that keeps each cycle as rows. `update` runs `work` in one transaction holding the cycle's
 * row lock, so gates of one cycle are serialised and those of other ledgers are not; `work` is the pure
 * ledger operation applied to the loaded rows (src/ledger/rows.ts). When it inserts an entry whose key
 * the load had left out, the store loads that row too and runs `work` again: nothing is counted twice.
 */
export interface RowLedger {
    read(cycleId: string, focus: CycleFocus): Promise<CycleRows>;
    update(cycleId: string, focus: CycleFocus, work: (rows: CycleRows) => RowChanges | null): Promise<{
        revision: number;
    }>;
    /** Write a whole cycle copied from another ledger; refuses a cycle that exists here already. */
    import(cycleId: string, copy: {
        rows: RowChanges;
        revision: number;
    }): Promise<void>;
}
/** Where a store lives: a local file, a ref of a GitHub repository, or a named ledger in PostgreSQL. */
export type StoreLocation = {
    kind: 'file';
    path: string;
} | {
    kind: 'github';
    owner: string;
    repo: string;
    ref: string;
} | {
    kind: 'postgres';
    name: string;
};
/** Dollars, and the part of them that is real money (`budget-applies-to: real` counts only that). */
export interface Usd {
    usd: number;
    realUsd: number;
}
/** One scope's money: live holds, and everything created in the last 24 hours (settled actuals, live holds). */
export interface ScopeSum {
    held: Usd;
    day: Usd;
}
/** What a row store summed instead of loading: entries that are not in the document's `entries`. */
export interface Unloaded {
    /** The step's instant (ISO): live = not expired then; the day = the 24 hours before it. */
    at: string;
    /** Every live hold of the cycle not loaded. */
    held: Usd;
    /** Per scope key the step asked for (its limits'), the entries of that scope not loaded. */
    byScope: Record<string, ScopeSum>;
}
