// globalSetup of the e2e project: the tests run dist/, so dist/ must be what src/ builds. A local
// change is never tested against stale bundles: when the sources' hash differs, rebuild first.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { sourceHash } from '../../scripts/source-hash.mjs'

export default function freshDist() {
  let built = ''
  try {
    built = readFileSync('dist/source-hash', 'utf8').trim()
  } catch {
    // no bundles yet
  }
  if (built === sourceHash()) return
  process.stderr.write('\ne2e: dist/ is older than src/; rebuilding (npm run build) before running it\n')
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' })
}
