/** A path's folder must exist unless the caller may create it: a typo must not start a new account. */
import { existsSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { InputError } from '../errors.js'

/** A one-line error naming `input` when the folder `path` would be written in does not exist. */
export function requireFolder(path: string, cwd: string, input: string, why: string): void {
  const folder = dirname(resolve(cwd, path))
  if (existsSync(folder) && statSync(folder).isDirectory()) return
  throw new InputError([
    `${input}: the folder of ${JSON.stringify(path)} (${folder}) does not exist; ${why}. Check the path, or create the folder first (mkdir -p ${JSON.stringify(folder)})`
  ])
}
