// Bundles the three entry points with ncc, each into its own dist/ folder (ESM, no source maps:
// byte-identical rebuilds keep the CI dist check simple), and records the sources' hash.
import { execFileSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { sourceHash } from './source-hash.mjs'

const entries = ['main', 'post', 'cli']
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
writeFileSync('dist/source-hash', `${sourceHash()}\n`)
