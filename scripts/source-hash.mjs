// The hash of everything a bundle is built from (src/, the lockfile, the build script): the build
// writes it to dist/source-hash, and the end-to-end tests rebuild dist/ when it no longer matches.
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'

function files(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap(e => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
}

export function sourceHash(root = '.') {
  const hash = createHash('sha256')
  for (const f of [
    ...files(join(root, 'src')),
    join(root, 'package-lock.json'),
    join(root, 'scripts/build.mjs'),
    join(root, 'tsconfig.lib.json')
  ]) {
    hash.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0')
  }
  return hash.digest('hex')
}
