/**
 * Paths a step will write, checked before it writes anything: a ledger's folder must exist unless the
 * caller may create it (a typo must not start a new account), and a report file must be writable.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { InputError } from '../errors.js'
import { cannotWrite } from './read.js'

/** A one-line error naming `input` when the folder `path` would be written in does not exist. */
export function requireFolder(path: string, cwd: string, input: string, why: string): void {
  const folder = dirname(resolve(cwd, path))
  if (existsSync(folder) && statSync(folder).isDirectory()) return
  throw new InputError([
    `${input}: the folder of ${JSON.stringify(path)} (${folder}) does not exist; ${why}. Check the path, or create the folder first (mkdir -p ${JSON.stringify(folder)})`
  ])
}

/**
 * A one-line error naming `input` when `path` could not be written as a file: it is a folder, or it or
 * its folder is not writable. Checked before a step writes to the ledger, so a bad path fails with
 * nothing held instead of after the money is.
 */
export function requireWritableFile(path: string, cwd: string, input: string): void {
  const file = resolve(cwd, path)
  let probe = file
  // The nearest part of the path that exists decides: the write makes the folders below it.
  while (!existsSync(probe) && dirname(probe) !== probe) probe = dirname(probe)
  const fail = (code: string) => {
    throw cannotWrite(input, path, Object.assign(new Error(code), { code }))
  }
  const stats = statSync(probe)
  if (probe === file && stats.isDirectory()) fail('EISDIR')
  if (probe !== file && !stats.isDirectory()) fail('ENOTDIR')
  try {
    accessSync(probe, constants.W_OK)
  } catch (error) {
    fail((error as NodeJS.ErrnoException).code ?? 'EACCES')
  }
}
