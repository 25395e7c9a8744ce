/**
 * A document store: named text documents, each replaced only by compare-and-swap. Stores know nothing
 * of what the documents hold; the ledger parses, validates and decides (src/ledger/update.ts).
 */
export interface StoredText {
  /** The document's text; null when it does not exist yet. */
  text: string | null
  /** Opaque version to pass back to write; null when the document (or the whole store) does not exist. */
  version: string | null
  /** Stores with a write lease: its state as of this read. */
  lease?: LeaseState
}

/** Who holds a store's write lease as of a read, and what taking it from that read would mean. */
export interface LeaseState {
  /** An opaque token naming the current hold; null when nobody holds the lease. */
  holder: string | null
  /** Opaque: what `take` needs from this read. */
  claim: string | null
}

export type WriteResult = { ok: true; version: string } | { ok: false }

/**
 * A short exclusive claim on a store's next write, for stores many writers share over a network with a
 * write budget (GitHub). Advisory: every write stays a compare-and-swap, so two writers that both
 * believe they hold it (a lease taken over, an answer lost) cost a conflict, never a wrong document.
 */
export interface WriteLease {
  /** Take the lease as of `read`: `taken`, `busy` (another writer has it), or `unknown` (no usable answer: read again). */
  take(read: { lease?: LeaseState }): Promise<'taken' | 'busy' | 'unknown'>
  /** Remove a hold whose writer stopped without giving it back (seen unchanged past the lease's time to live). */
  breakStale(holder: string): Promise<void>
  /** Give the lease back. Never throws: a lease not given back is taken over when it goes stale. */
  give(): Promise<void>
  /** Milliseconds after which a hold seen unchanged counts as stale. */
  readonly ttlMs: number
}

export interface DocumentStore {
  /** Where the store lives, for reports: `file:…` or `github:owner/repo@ref`. */
  describe(): string
  /** Where one document lives, for error messages. */
  locate(name: string): string
  read(name: string): Promise<StoredText>
  /**
   * Write only if the stored version is still `version` (null = must not exist yet); ok:false on
   * conflict. `summary` says what changed, for stores that keep a history (the commit message).
   */
  write(name: string, text: string, version: string | null, summary?: string): Promise<WriteResult>
  /** Shared network stores serialise writers with a lease; local ones need none. */
  readonly lease?: WriteLease
  /** Milliseconds spent so far honouring the backend's rate limits (`retry-after`, resets), for reports. */
  rateLimitWaitMs?(): number
  /** What the store had to do differently since last asked (each said once), for the report's notices. */
  takeNotices?(): string[]
}

/** Where a store lives: a local file, or a ref of a GitHub repository. */
export type StoreLocation =
  { kind: 'file'; path: string } | { kind: 'github'; owner: string; repo: string; ref: string }
