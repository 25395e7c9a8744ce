/**
 * `npm run accuracy:runs`: fits the agent-loop presets on the published runs in reference/real-runs,
 * writes them into src/estimate/presets.json (`fitted`, each value with its why), and prints how well
 * the estimate predicts those runs: in-sample (the shipped presets) and leave-one-out (each run
 * predicted from presets fitted on the others, spread included: what a new run sees), per model family,
 * with the turn count given and with the defaults. `--check` fits and compares without writing.
 * `--cli BUNDLE` instead runs every run through a built CLI (`node BUNDLE estimate …`, no ledger), so
 * two builds (main's dist and this one) are measured the same way. Prints measured numbers; asserts nothing.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FittedPresets } from '../src/estimate/presets.js'
import { fitRuns, loadRuns, predict, type CalibrationRun, type PredictOptions } from './runs-fit.js'

const PRESETS = 'src/estimate/presets.json'
const started = Date.now()
const runs = loadRuns()

interface Row {
  family: string
  ratio: number
  inside: boolean
  hold: number
}

const row = (r: CalibrationRun, b: { p50Usd: number; p90Usd: number }): Row => ({
  family: r.family,
  ratio: r.actual.usd / b.p50Usd,
  inside: r.actual.usd <= b.p90Usd,
  hold: b.p90Usd / b.p50Usd
})

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b)
  const pos = q * (s.length - 1)
  const lo = Math.floor(pos)
  return s[lo] + (s[Math.ceil(pos)] - s[lo]) * (pos - lo)
}

function line(name: string, rows: Row[]): string {
  const f2 = (x: number) => x.toFixed(2)
  const ratios = rows.map(r => r.ratio)
  const inside = rows.filter(r => r.inside).length
  const holds = rows.map(r => r.hold)
  return (
    `${name.padEnd(10)} n=${String(rows.length).padStart(2)}  median actual/p50 ${f2(quantile(ratios, 0.5)).padStart(5)}` +
    `  p10–p90 ${f2(quantile(ratios, 0.1))}–${f2(quantile(ratios, 0.9))}` +
    `  actual ≤ p90 ${String(inside).padStart(2)}/${rows.length} (${((100 * inside) / rows.length).toFixed(0)}%)` +
    `  median p90/p50 ${f2(quantile(holds, 0.5))}`
  )
}

function table(title: string, rows: Row[]): void {
  console.log(title)
  for (const f of [...new Set(rows.map(r => r.family))].sort()) {
    console.log(
      line(
        f,
        rows.filter(r => r.family === f)
      )
    )
  }
  console.log(line('all', rows))
  console.log('')
}

/** Refit, write (or check) presets.json, and print the fit. */
function fitAndWrite(): FittedPresets {
  const fitted = fitRuns(runs)
  const file = JSON.parse(readFileSync(PRESETS, 'utf8'))
  const same = JSON.stringify(file.fitted) === JSON.stringify(fitted)
  if (process.argv.includes('--check')) {
    console.log(
      same ? `${PRESETS}: fitted presets are what the fit produces` : `${PRESETS}: DIFFERS from the fit`
    )
  } else if (!same) {
    writeFileSync(PRESETS, JSON.stringify({ ...file, fitted }, null, 2) + '\n')
    // Written as the repository formats JSON, so lint stays green after a refit.
    execFileSync(process.execPath, ['node_modules/prettier/bin/prettier.cjs', '--write', PRESETS])
    console.log(`wrote ${PRESETS} (fitted)`)
  } else console.log(`${PRESETS}: already what the fit produces`)
  console.log(`\nFit on ${fitted.runs} runs (${fitted.source})\n`)
  console.log('family   runs  requests/turn  growth a·k^α        output/request')
  for (const [name, f] of Object.entries(fitted.families)) {
    console.log(
      `${name.padEnd(8)} ${String(f.runs).padStart(4)}  ${f.requestsPerTurn.value.toFixed(3).padStart(13)}  ` +
        `${String(f.growthScale.value).padStart(6)}·k^${fitted.growthExponent.value.toFixed(3)}  ` +
        `${String(f.outputPerRequest.value).padStart(14)}`
    )
  }
  console.log(
    `cache hit ${fitted.cacheHitRate.value} · TTL gaps ${fitted.ttlGapsPerRequest.value}/request · prefix cached ` +
      `warm ${fitted.prefixCache.warmShare.value} cold ${fitted.prefixCache.coldShare.value} · side ` +
      `+${(fitted.sideShare.value * 100).toFixed(1)}% · turns median ${fitted.turns.median.value} ` +
      `σ ${fitted.turns.sigma.value} · TTL ${fitted.measuredTtl.value}`
  )
  const k = Math.ceil(0.9 * (fitted.spread.scores.length + 1))
  console.log(
    `spread: ${fitted.spread.scores.length} leave-one-out scores, p90 score ${fitted.spread.scores[k - 1]} (rank ${k})\n`
  )
  return fitted
}

/** In-sample and leave-one-out (nested: the spread too is fitted without the run), both ledger views. */
function inProcess(fitted: FittedPresets): void {
  const held = runs.map((_, i) => fitRuns([...runs.slice(0, i), ...runs.slice(i + 1)], runs))
  const evaluate = (presetsFor: (i: number) => FittedPresets, opts: (r: CalibrationRun) => PredictOptions) =>
    runs.map((r, i) => row(r, predict(r, presetsFor(i), runs, opts(r)).estimate.blended))
  const given = (ledger: PredictOptions['ledger']) => (r: CalibrationRun) => ({
    expectedTurns: r.turns,
    maxTurns: Math.max(r.turns, 10),
    ledger
  })
  const defaults = (ledger: PredictOptions['ledger']) => (r: CalibrationRun) => ({
    maxTurns: Math.max(r.turns, 10),
    ledger
  })
  console.log(
    'max-turns = max(turns, 10); "gate": the ledger knows the earlier runs; "estimate": no ledger\n'
  )
  const inSample = () => fitted
  const leftOut = (i: number) => held[i]
  const cases: Array<[string, (i: number) => FittedPresets, (r: CalibrationRun) => PredictOptions]> = [
    ['In-sample, turns given (gate)', inSample, given('gate')],
    ['Leave-one-out, turns given (gate)', leftOut, given('gate')],
    ['Leave-one-out, turns given (estimate, no ledger)', leftOut, given('none')],
    ['In-sample, defaults (gate)', inSample, defaults('gate')],
    ['Leave-one-out, defaults (gate)', leftOut, defaults('gate')],
    ['Leave-one-out, defaults (estimate, no ledger)', leftOut, defaults('none')]
  ]
  for (const [title, presetsFor, opts] of cases) table(title, evaluate(presetsFor, opts))
}

/**
 * Each run through a built CLI with no ledger, as the issue measured it: a prompt of the run's length
 * (examples/prompts/review.md repeated), its model, max-turns max(turns, 10), with and without
 * --expected-turns.
 */
function viaCli(bundle: string | undefined): void {
  if (!bundle) throw new Error('--cli: name a CLI bundle, e.g. dist/cli/index.js')
  const dir = mkdtempSync(join(tmpdir(), 'acg-runs-'))
  const text = readFileSync('examples/prompts/review.md', 'utf8')
  const rows = { given: [] as Row[], defaults: [] as Row[] }
  for (const r of runs) {
    const prompt = join(dir, `${r.file}.md`)
    writeFileSync(prompt, text.repeat(Math.ceil(r.promptChars / text.length)).slice(0, r.promptChars))
    for (const mode of ['given', 'defaults'] as const) {
      const args = [bundle, 'estimate', '--prompt-file', prompt, '--model', r.model]
      args.push('--max-turns', String(Math.max(r.turns, 10)), '--json')
      if (mode === 'given') args.push('--expected-turns', String(r.turns))
      const out = execFileSync(process.execPath, args, { cwd: dir, encoding: 'utf8' })
      rows[mode].push(row(r, JSON.parse(out).estimate.blended))
    }
  }
  console.log(`${bundle}: ${runs.length} runs, no ledger, max-turns = max(turns, 10)\n`)
  table('Turns given (--expected-turns)', rows.given)
  table('Defaults', rows.defaults)
}

const cli = process.argv.indexOf('--cli')
if (cli > 0) viaCli(process.argv[cli + 1])
else inProcess(fitAndWrite())
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`)
