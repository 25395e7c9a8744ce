/**
 * A document store: named text documents, each replaced only by compare-and-swap. Stores know nothing
 * of what the documents hold; the ledger parses, validates and decides (src/ledger/update.ts).
 */
export interface StoredText {
  /** The document's text; null when it does not exist yet. */
  text: string | null
  /** Opaque version to pass back to write; null when the document (or the whole store) does not exist. */
  version: string | null
}

export type WriteResult = { ok: true; version: string } | { ok: false }

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
}

/** Where a store lives: a local file, or a ref of a GitHub repository. */
export type StoreLocation =
  { kind: 'file'; path: string } | { kind: 'github'; owner: string; repo: string; ref: string }
