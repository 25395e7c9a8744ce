import type { DocumentStore, StoredText, WriteResult } from './types.js'

/**
 * Documents in memory with the same compare-and-swap as the file and GitHub stores: for tests, and for
 * anything that wants the ledger's semantics without I/O.
 */
export class MemoryStore implements DocumentStore {
  private readonly docs = new Map<string, { text: string; version: string }>()
  private writes = 0

  describe(): string {
    return 'memory'
  }

  locate(name: string): string {
    return `memory:${name}`
  }

  async read(name: string): Promise<StoredText> {
    const d = this.docs.get(name)
    return d ? { text: d.text, version: d.version } : { text: null, version: null }
  }

  async write(name: string, text: string, version: string | null): Promise<WriteResult> {
    const current = this.docs.get(name)?.version ?? null
    if (current !== version) return { ok: false }
    const next = `v${++this.writes}`
    this.docs.set(name, { text, version: next })
    return { ok: true, version: next }
  }

  /** The stored text of a document (tests look at it directly). */
  textOf(name: string): string | undefined {
    return this.docs.get(name)?.text
  }
}
