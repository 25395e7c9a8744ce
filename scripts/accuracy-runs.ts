/**
 * `npm run accuracy:runs`: fits the agent-loop presets on the published runs (reference/real-runs,
 * real-runs-jobs, real-runs-more; ACG_REAL_RUNS names other folders, comma-separated), writes them into
 * src/estimate/presets.json (`fitted`, each value with its why), and prints how well the estimate
 * predicts runs from a source it was not fitted on (leave-one-source-out, per source and per model
 * family, with the turn count given and with the defaults), beside it what a hold that already knew
 * each source reaches, how it learns a job (the job data with a time split), and the cap replayed: each
 * source's runs in time order through the gate's hold and cap against monthly budgets (cap-replay.ts).
 * `--check` fits and compares without writing.
 * `--cli BUNDLE` instead runs every run through a built CLI (`node BUNDLE estimate …`, no ledger), so
 * two builds (main's dist and this one) are measured the same way. Prints measured numbers; asserts nothing.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FittedPresets } from '../src/estimate/presets.js'
import { fitRuns, loadRuns } from './runs-fit.js'
import { cycleSpend, replayPivot, replayRunOf, replayTable, type ReplayRun } from './cap-replay.js'
import {
  jobHistory,
  leaveOneSourceOut,
  markdownHead,
  markdownLine,
  markdownTable,
  referenceRows,
  rowOf,
  type Benchmark,
  type Row
} from './runs-benchmark.js'

const PRESETS = 'src/estimate/presets.json'
const started = Date.now()
const runs = loadRuns()

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

const table = (title: string, rows: Row[], bySource = true) =>
  console.log([`${title}\n`, ...markdownTable(rows, bySource), ''].join('\n'))

/** Leave-one-source-out, printed; returns the benchmark for the job table and the replay. */
function bySource(): Benchmark {
  const b = leaveOneSourceOut(runs)
  console.log('Leave-one-source-out: each source predicted by presets fitted on the others')
  console.log(
    'max-turns = max(turns, 10); the ledger knows the earlier runs (warm prefix); the cap is in the replay below\n'
  )
  table('Turns given (expected-turns)', b.given)
  table('Defaults', b.defaults)
  const ref = referenceRows(runs)
  console.log(
    'Reference: a hold that already knew each source (its own cost distribution, in-sample) at 90% covered\n'
  )
  table('Turns given: the source’s own cost curve in turns', ref.given)
  table('Defaults: one hold per source, its 90th-percentile cost', ref.defaults)
  return b
}

/** The job table, printed; returns its predictions for the replay. */
function byJob(fits: Map<string, FittedPresets>): Benchmark['predicted'] {
  const rows = jobHistory(runs, fits)
  console.log('Job history, time split: earlier runs of the job as history, by how many there were\n')
  table('Turns given (expected-turns)', rows.given, false)
  table('Defaults', rows.defaults, false)
  const after3 = (xs: Row[]) => xs.filter(x => x.group === '3-5 runs' || x.group === '6+ runs')
  console.log(
    [
      'After 3 or more runs of the job\n',
      ...markdownHead,
      markdownLine('turns given', after3(rows.given)),
      markdownLine('defaults', after3(rows.defaults)),
      ''
    ].join('\n')
  )
  return rows.predicted
}

/** The cap replayed with the leave-one-source-out estimates, and with the job data's time split. */
function byCap(b: Benchmark['predicted'], jobs: Benchmark['predicted']): void {
  const sets: Array<[string, ReplayRun[]]> = [
    ['Leave-one-source-out, turns given', b.given.map(replayRunOf)],
    ['Leave-one-source-out, defaults', b.defaults.map(replayRunOf)],
    ['Job history, time split, turns given', jobs.given.map(replayRunOf)],
    ['Job history, time split, defaults', jobs.defaults.map(replayRunOf)]
  ]
  const print = (title: string, lines: string[]) => console.log([`${title}\n`, ...lines, ''].join('\n'))
  console.log(
    'The cap, replayed: each source one ledger, its runs gated in order of their start (real start and end times),\n' +
      'monthly cycles (billing-cycle-day 1), hold = p90, cap = what is left after spend and live holds;\n' +
      'a run spends min(actual, cap), cut = actual > cap, cut with room = its actual would have fit the cycle\n'
  )
  print('What the runs cost per source and month (their actuals)', cycleSpend(sets[0][1]))
  for (const [title, rs] of sets) print(title, replayTable(rs))
  console.log('The replay in short: runs cut of runs admitted (of them cut with room), runs refused\n')
  for (const [title, rs] of sets) print(title, replayPivot(rs))
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
      rows[mode].push(rowOf(r, JSON.parse(out).estimate.blended))
    }
  }
  console.log(`${bundle}: ${runs.length} runs, no ledger, max-turns = max(turns, 10)\n`)
  table('Turns given (--expected-turns)', rows.given)
  table('Defaults', rows.defaults)
}

const cli = process.argv.indexOf('--cli')
if (cli > 0) viaCli(process.argv[cli + 1])
else {
  fitAndWrite()
  const b = bySource()
  byCap(b.predicted, byJob(b.fits))
}
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`)
