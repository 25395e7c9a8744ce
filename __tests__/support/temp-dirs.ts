/**
 * Folders the tests make, each removed once its test file is done (temp-cleanup.ts, a jest setup file,
 * calls removeTempDirs after every file): a test run leaves nothing in the temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const made = new Set<string>()

/** A fresh, empty folder named `acg-<what>-…` in the temp folder, removed when the test file ends. */
export function tempDir(what: string): string {
  const dir = mkdtempSync(join(tmpdir(), `acg-${what}-`))
  made.add(dir)
  return dir
}

/** Remove every folder tempDir made for this test file (and everything in it). */
export function removeTempDirs(): void {
  for (const dir of made) {
    // maxRetries: a child process that just exited may still be closing a file in it.
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
    made.delete(dir)
  }
}
