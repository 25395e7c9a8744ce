// Bundles the four entry points with ncc, each into its own dist/ folder (ESM, no source maps:
// byte-identical rebuilds keep the CI dist check simple), emits the library's type declarations, and
// records the sources' hash.
import { execFileSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { sourceHash } from './source-hash.mjs'

const entries = ['main', 'post', 'cli', 'lib']
for (const name of entries) {
  rmSync(`dist/${name}`, { recursive: true, force: true })
  execFileSync(
    process.execPath,
    [
      'node_modules/@vercel/ncc/dist/ncc/cli.js',
      'build',
      `src/entry/${name}.ts`,
      '-o',
      `dist/${name}`,
      '--license',
      'licenses.txt',
      '--quiet'
    ],
    { stdio: 'inherit' }
  )
}
// The library's types (package.json "exports" → types), beside its bundle: tsc over its entry's imports.
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.lib.json'], {
  stdio: 'inherit'
})
writeFileSync('dist/source-hash', `${sourceHash()}\n`)
