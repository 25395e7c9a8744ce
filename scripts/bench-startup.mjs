// Wall time of `node dist/main/index.js` against a minimal @actions/core action bundled the same way,
// on the same machine in the same run: what our bundle adds to a job. Prints measured numbers.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const RUNS = Number(process.argv[2] ?? 10)
const build = resolve('.build/minimal')
mkdirSync(build, { recursive: true })
writeFileSync(
  join(build, 'entry.js'),
  "import * as core from '@actions/core'\ncore.setOutput('ok', 'true')\n"
)
writeFileSync(join(build, 'package.json'), '{"type":"module"}\n')
execFileSync(process.execPath, [
  'node_modules/@vercel/ncc/dist/ncc/cli.js',
  'build',
  join(build, 'entry.js'),
  '-o',
  join(build, 'dist'),
  '-q'
])

const temp = mkdtempSync(join(tmpdir(), 'acg-startup-'))
const ledger = join(temp, 'ledger.json')
function env() {
  const out = join(temp, 'out')
  const state = join(temp, 'state')
  const summary = join(temp, 'summary')
  for (const f of [out, state, summary]) writeFileSync(f, '')
  return {
    PATH: process.env.PATH,
    GITHUB_OUTPUT: out,
    GITHUB_STATE: state,
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: temp,
    GITHUB_REPOSITORY: 'acme/api',
    INPUT_PROMPT: 'Review the diff.',
    INPUT_LEDGER: `file:${ledger}`,
    'INPUT_MONTHLY-CREDITS': '1000',
    'INPUT_MAX-TURNS': '8'
  }
}
function time(bundle) {
  const ms = []
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint()
    const r = spawnSync(process.execPath, [bundle], { env: { ...env(), GITHUB_RUN_ID: String(i) } })
    if (r.status !== 0) throw new Error(`${bundle} failed: ${r.stdout}${r.stderr}`)
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6)
  }
  ms.sort((a, b) => a - b)
  return { median: ms[Math.floor(ms.length / 2)], min: ms[0], max: ms[ms.length - 1] }
}
const size = p => `${(statSync(p).size / 1e6).toFixed(2)} MB`
for (const b of [
  'dist/main/index.js',
  'dist/post/index.js',
  'dist/cli/index.js',
  join(build, 'dist/index.js')
])
  console.log(`${b}: ${size(b)}`)
const minimal = time(join(build, 'dist/index.js'))
const ours = time('dist/main/index.js')
const f = t => `median ${t.median.toFixed(0)} ms (min ${t.min.toFixed(0)}, max ${t.max.toFixed(0)})`
console.log(`minimal @actions/core action, ${RUNS} runs: ${f(minimal)}`)
console.log(`agent-credit-gate main (estimate + file-ledger gate), ${RUNS} runs: ${f(ours)}`)
