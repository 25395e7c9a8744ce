/** Files named by inputs, read with one-line errors that name the input, the path and the fix. */
import { readFile, stat } from 'node:fs/promises'
import { InputError } from '../errors.js'

/** Above this a file is not something an agent loads into its context; refuse rather than read 100 MB. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024

/** The one-line error for an input that names a file that is not there. */
function noSuchFile(input: string, path: string, fix = 'check the path'): InputError {
  return new InputError([`${input}: cannot read ${JSON.stringify(path)} (no such file); ${fix}`])
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
  } catch {
    throw noSuchFile(input, shown, fix)
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
    throw noSuchFile(input, shown)
  }
  if (size > MAX_FILE_BYTES) {
    throw new InputError([
      `${input}: ${JSON.stringify(shown)} is ${(size / 1048576).toFixed(1)} MB, over the ${MAX_FILE_BYTES / 1048576} MB limit; point at the text the agent really loads`
    ])
  }
  const buf = await readFile(path)
  if (looksBinary(buf)) {
    throw new InputError([`${input}: ${JSON.stringify(shown)} is a binary file; give a text file`])
  }
  return buf.toString('utf8')
}
