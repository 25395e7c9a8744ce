/** Files named by inputs, read with one-line errors that name the input, the path and the fix. */
import { readFile, stat } from 'node:fs/promises'
import { InputError } from '../errors.js'

/** Above this a file is not something an agent loads into its context; refuse rather than read 100 MB. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024

/** Why a path could not be read or written, in words, from the system's error code. */
function why(error: unknown): { what: string; fix?: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'EISDIR') return { what: 'it is a folder', fix: 'give a file path' }
  if (code === 'EACCES' || code === 'EPERM')
    return { what: 'permission denied', fix: 'check who owns it and its mode (ls -l)' }
  if (code === 'ENOTDIR') return { what: 'a part of the path is a file, not a folder' }
  if (code === 'EROFS') return { what: 'the file system is read-only', fix: 'choose a writable path' }
  if (code === 'ENOSPC') return { what: 'the disk is full' }
  if (code === 'ENOENT' || code === undefined) return { what: 'no such file' }
  return { what: code }
}

/** The one-line error for an input that names a file that cannot be read. */
export function cannotRead(input: string, path: string, error: unknown, fix = 'check the path'): InputError {
  const w = why(error)
  return new InputError([`${input}: cannot read ${JSON.stringify(path)} (${w.what}); ${w.fix ?? fix}`])
}

/** The one-line error for a file an input names that cannot be written. */
export function cannotWrite(input: string, path: string, error: unknown): InputError {
  const w = why(error)
  const what = w.what === 'no such file' ? 'its folder cannot be made' : w.what
  return new InputError([
    `${input}: cannot write ${JSON.stringify(path)} (${what}); ${w.fix ?? 'choose a writable path'}`
  ])
}

/** The text of a file named by an input, or a one-line error naming the input, the path and the fix. */
export async function readNamedFile(
  path: string,
  input: string,
  fix?: string,
  shown = path
): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    throw cannotRead(input, shown, error, fix)
  }
}

/** A NUL byte in the first 8,000 bytes: what git calls binary. */
export function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8000)
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true
  return false
}

/**
 * A text file an agent would load: a one-line error naming the input when it is missing, not a file,
 * over MAX_FILE_BYTES or binary. `shown` is the path as the user wrote it.
 */
export async function readTextFile(path: string, input: string, shown = path): Promise<string> {
  let size: number
  try {
    const s = await stat(path)
    if (!s.isFile())
      throw new InputError([`${input}: ${JSON.stringify(shown)} is not a file; give a file path`])
    size = s.size
  } catch (error) {
    if (error instanceof InputError) throw error
    throw cannotRead(input, shown, error)
  }
  if (size > MAX_FILE_BYTES) {
    throw new InputError([
      `${input}: ${JSON.stringify(shown)} is ${(size / 1048576).toFixed(1)} MB, over the ${MAX_FILE_BYTES / 1048576} MB limit; point at the text the agent really loads`
    ])
  }
  const buf = await readFile(path).catch((error: unknown) => {
    throw cannotRead(input, shown, error)
  })
  if (looksBinary(buf)) {
    throw new InputError([`${input}: ${JSON.stringify(shown)} is a binary file; give a text file`])
  }
  return buf.toString('utf8')
}
