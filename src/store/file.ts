/**
 * The local store: one JSON file per document next to the configured path (`ledger.json` →
 * `ledger.2026-11-01.json`), replaced atomically (temp file, fsync, rename) under an exclusive lock
 * file, with the content hash as version.
 */
import { createHash } from 'node:crypto'
import { mkdir, open, readFile, readdir, rename, stat, unlink } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import type { DocumentStore, StoredText, WriteResult } from './types.js'

/** A lock older than this belongs to a crashed process. */
const STALE_LOCK_MS = 30_000

const hash = (text: string) => createHash('sha256').update(text).digest('hex')

export class FileStore implements DocumentStore {
  constructor(readonly path: string) {}

  describe(): string {
    return `file:${this.path}`
  }

  locate(name: string): string {
    return this.fileFor(name)
  }

  /** The file of one document: the configured name with the document's name before the extension. */
  fileFor(name: string): string {
    const ext = extname(this.path) || '.json'
    return join(dirname(this.path), `${basename(this.path, extname(this.path))}.${name}${ext}`)
  }

  async cycles(): Promise<string[]> {
    const ext = extname(this.path) || '.json'
    const base = basename(this.path, extname(this.path))
    const names = await readdir(dirname(this.path)).catch(() => [] as string[])
    return names
      .map(n => (n.startsWith(`${base}.`) && n.endsWith(ext) ? n.slice(base.length + 1, -ext.length) : ''))
      .filter(id => /^\d{4}-\d{2}-\d{2}$/.test(id))
      .sort()
  }

  async read(name: string): Promise<StoredText> {
    try {
      const text = await readFile(this.fileFor(name), 'utf8')
      return { text, version: hash(text) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { text: null, version: null }
      throw error
    }
  }

  private async lock(file: string): Promise<() => Promise<void>> {
    const lockFile = `${file}.lock`
    for (let i = 0; ; i++) {
      try {
        const handle = await open(lockFile, 'wx')
        await handle.close()
        return () => unlink(lockFile).catch(() => undefined)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
        const age = await stat(lockFile).then(
          s => Date.now() - s.mtimeMs,
          () => 0
        )
        if (age > STALE_LOCK_MS) await unlink(lockFile).catch(() => undefined)
        else await new Promise(r => setTimeout(r, 5 + Math.random() * 20))
        if (i > 5000) throw new Error(`ledger: ${lockFile} stays locked; remove it if no gate is running`)
      }
    }
  }

  async write(name: string, text: string, version: string | null): Promise<WriteResult> {
    const file = this.fileFor(name)
    await mkdir(dirname(file), { recursive: true })
    const unlock = await this.lock(file)
    try {
      const current = await readFile(file, 'utf8').then(hash, () => null)
      if (current !== version) return { ok: false }
      const temp = `${file}.${process.pid}.${Date.now()}.tmp`
      const handle = await open(temp, 'w')
      await handle.writeFile(text)
      await handle.sync()
      await handle.close()
      await rename(temp, file)
      return { ok: true, version: hash(text) }
    } finally {
      await unlock()
    }
  }
}
