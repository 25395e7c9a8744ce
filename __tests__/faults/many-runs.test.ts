/**
 * Many runs under faults: whole jobs (the main bundle, Claude's result file, the post bundle, as the
 * runner runs them) all started at once against one GitHub double that injects a seeded mix of faults,
 * with production retry waits. Then the ledger is checked against the list of runs: every accepted run
 * has exactly one entry, settled at its actual; refused and failed runs hold nothing; settling twice
 * changes nothing; every run ended in bounded time with a clear message; no token leaked anywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { copyFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { GitHubDouble } from '../support/github-server.js'
import { FAULTS, ROUTES, seededRandom } from '../support/faults.js'
import {
  makeRunnerDirs,
  runStep,
  writePullRequestEvent,
  type RunnerDirs,
  type StepResult
} from '../support/runner.js'
import { runCli } from '../support/cli.js'
import { expectNoSecrets, recordedBodies } from '../support/secrets.js'
import { parseDocument, type LedgerDocument } from '../../src/ledger/document.js'
import { totals } from '../../src/ledger/operations.js'
import { cycleAt } from '../../src/budget/cycle.js'
import { actualFromText } from '../../src/usage/measure.js'
import { builtInTable } from '../../src/pricing/table.js'
import { tempDir } from '../support/temp-dirs.js'

/** The fixtures carry no timestamps: they are priced with today's prices, as post prices them. */
const TODAY = { day: new Date().toISOString().slice(0, 10), from: 'today' }
const TOKEN = 'ghs_manyRunsSecretToken0123456789abcd'
const READ_ONLY = 'ghs_forkReadOnlyToken0123456789abcdef'
const SEED = 20261124
/** Normal runs; two more run with a read-only ledger token, one per on-ledger-error mode. */
const N = 12
const REF = 'refs/agent-credit-gate/ledger'
const fixture = (name: string) => join(process.cwd(), '__tests__/fixtures', name)
/** Claude's result per run, in turn; undefined: the agent left no result (settled unverified at the hold). */
const RESULTS = [
  'result-success.json',
  'real-world__cli-2.1.233__vertex__opus-5__say-ok.json',
  'result-error-max-turns.json',
  'minimal-legacy-shape.json',
  undefined
]
/** The mix: each request meets at most one fault, drawn in this order. */
const MIX: Array<[name: string, chance: number]> = [
  ['CAS conflict: another writer moves the ref first', 0.05],
  ['500 Internal Server Error', 0.02],
  ['502 Bad Gateway', 0.01],
  ['503 Service Unavailable', 0.01],
  ['429 secondary rate limit, retry-after: 1', 0.01],
  ['403 secondary rate limit, retry-after: 1', 0.01],
  ['403 primary rate limit, resets in 1 s', 0.005],
  ['connection reset', 0.02],
  ['slow answer (0.1 s, under the timeout)', 0.03]
]

interface Run {
  i: number
  kind: 'normal' | 'read-only, fail' | 'read-only, warn'
  result?: string
  inputs: Record<string, string>
  env: Record<string, string>
  dirs: RunnerDirs
  key: string
  main?: StepResult
  post?: StepResult
  ms?: number
}

let server: GitHubDouble
let runs: Run[]
let hold: number
let doc: LedgerDocument
let started: number
let seconds: number

const errors = (s: StepResult) => s.commands.filter(c => c.command === 'error').map(c => c.message)
const told = (s: StepResult, command: string, pattern: RegExp) =>
  s.commands.some(c => c.command === command && pattern.test(c.message))

beforeAll(async () => {
  server = await new GitHubDouble().start()
  server.random = seededRandom(SEED)
  server.readOnlyTokens.add(READ_ONLY)
  const common = {
    prompt: 'Review the diff and report bugs.',
    model: 'sonnet',
    agent: 'none',
    'max-turns': '12',
    'gate-on': 'max',
    'history-runs': '0',
    'on-exhaust': 'skip'
  }
  const dir = tempDir('many')
  const estimate = await runCli(
    [
      'estimate',
      '--json',
      '--report-file',
      join(dir, 'r.json'),
      // estimate takes the estimate's inputs only: what the gate decides on is not one of them.
      ...Object.entries(common)
        .filter(([k]) => k !== 'gate-on' && k !== 'on-exhaust')
        .flatMap(([k, v]) => [`--${k}`, v])
    ],
    { cwd: dir, now: new Date() }
  )
  hold = JSON.parse(estimate.out).estimate.blended.maxUsd
  const kinds: Run['kind'][] = [...Array<Run['kind']>(N).fill('normal'), 'read-only, fail', 'read-only, warn']
  runs = kinds.map((kind, i) => {
    const dirs = makeRunnerDirs()
    const sha = (i + 1).toString(16).padStart(40, 'a')
    const event = writePullRequestEvent(dirs, { number: 100 + i, headSha: sha })
    return {
      i,
      kind,
      result: kind === 'normal' ? RESULTS[i % RESULTS.length] : undefined,
      dirs,
      key: `${3000 + i}/1/acme%2Fapi/agent/review/gate`,
      inputs: {
        ...common,
        // Room for 9 holds at once; runs that settle below their hold make room for more. A read-only
        // run has room whenever it reads, so what stops it is its token, not the others' holds.
        'monthly-credits': (kind === 'normal' ? hold * 9.5 : hold * 100).toFixed(6),
        'github-token': TOKEN,
        ...(kind === 'normal' ? {} : { 'ledger-token': READ_ONLY }),
        // The last normal run could never fit: 400 turns hold more than the whole credit.
        ...(i === N - 1 ? { 'max-turns': '400' } : {}),
        'on-ledger-error': kind === 'read-only, warn' ? 'warn' : 'fail'
      },
      env: {
        GITHUB_API_URL: server.url,
        GITHUB_RUN_ID: String(3000 + i),
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: event,
        GITHUB_SHA: 'b'.repeat(40)
      }
    }
  })
  for (const [name, chance] of MIX) {
    const kind = FAULTS.find(f => f.name === name)!
    server.fault(kind.refWritesOnly ? ROUTES.refWrites : /./, { ...kind.fault, chance, name })
  }
  started = Date.now()
  await Promise.all(
    runs.map(async run => {
      const t0 = Date.now()
      run.main = await runStep('main', { dirs: run.dirs, inputs: run.inputs, env: run.env })
      if (run.result) copyFileSync(fixture(run.result), join(run.dirs.temp, 'claude-execution-output.json'))
      run.post = await runStep('post', {
        dirs: run.dirs,
        inputs: run.inputs,
        env: run.env,
        state: run.main.state
      })
      run.ms = Date.now() - t0
    })
  )
  seconds = (Date.now() - started) / 1000
  server.clearFaults()
  const cycle = cycleAt(new Date(), 1)
  doc = parseDocument(JSON.parse(server.fileAt(REF, `cycles/${cycle.id}.json`)!), 'the double')
})
afterAll(async () => server.stop())

/** What became of a normal run, from what main and post printed. */
type Fate = 'accepted' | 'refused' | 'failed closed'
function fate(run: Run): Fate | 'unclear' {
  const main = run.main!
  if (main.exitCode === 0 && main.outputs.allowed === 'true') return 'accepted'
  if (main.exitCode === 0 && main.outputs.allowed === 'false') return 'refused'
  if (main.exitCode === 1 && main.outputs.allowed === 'false') return 'failed closed'
  return 'unclear'
}
const normal = (f: Fate) => runs.filter(r => r.kind === 'normal' && fate(r) === f)

describe(`${N} jobs at once under a seeded mix of faults`, () => {
  it('every job ended by itself, and met faults on the way', () => {
    const met = server.requests.filter(r => r.fault)
    const byKind = Object.entries(
      met.reduce<Record<string, number>>(
        (n, r) => ({ ...n, [r.fault!.name!]: (n[r.fault!.name!] ?? 0) + 1 }),
        {}
      )
    )
    console.log(
      `${runs.length} jobs (${normal('accepted').length} accepted, ${normal('refused').length} refused, ` +
        `${normal('failed closed').length} failed closed, 2 with a read-only ledger token) in ${seconds.toFixed(1)} s; ` +
        `${server.requests.length} API calls, ${server.requests.filter(r => r.status === 422).length} CAS conflicts; ` +
        `${met.length} met an injected fault: ${byKind.map(([k, n]) => `${k} ×${n}`).join(', ')}; ` +
        `slowest job ${(Math.max(...runs.map(r => r.ms!)) / 1000).toFixed(1)} s`
    )
    // Ended with an exit code (not a signal), whatever the machine's speed: every wait on the way is
    // bounded (retries, rate-limit waits, the lease's TTL); the test timeout is only a backstop.
    for (const run of runs)
      expect({ run: run.i, main: [0, 1].includes(run.main!.exitCode), post: run.post!.exitCode }).toEqual({
        run: run.i,
        main: true,
        post: 0
      })
    expect(met.length).toBeGreaterThan(20)
  })

  it('every run was accepted, refused or failed closed, and said which', () => {
    for (const run of runs.filter(r => r.kind === 'normal')) {
      const main = run.main!
      const said = { run: run.i, fate: fate(run), errors: errors(main) }
      if (said.fate === 'accepted') expect(said).toEqual({ run: run.i, fate: 'accepted', errors: [] })
      else if (said.fate === 'refused') {
        expect(said).toEqual({ run: run.i, fate: 'refused', errors: [] })
        expect(
          told(
            main,
            'notice',
            /does not fit the \$[\d.]+ left.*the agent step is skipped \(allowed=false\)\.$/
          )
        ).toBe(true)
      } else
        expect(said).toEqual({
          run: run.i,
          fate: 'failed closed',
          errors: [
            // Any request of the gate's: reads, the write lease's create and delete, tree, commit, ref.
            expect.stringMatching(
              /^ledger: .+ \((GET|POST|PATCH|DELETE) \/(repos\/acme\/api\/.+|graphql)\); failing closed/
            )
          ]
        })
    }
    // Nine holds fit at once; a run that failed closed leaves its room to another.
    expect(normal('accepted').length).toBeGreaterThanOrEqual(9 - normal('failed closed').length)
    expect(normal('refused').map(r => r.i)).toContain(N - 1)
  })

  it('every accepted run has exactly one entry, settled at its actual', () => {
    for (const run of normal('accepted')) {
      const entries = doc.entries.filter(e => e.key === run.key)
      expect({ run: run.i, entries: entries.length }).toEqual({ run: run.i, entries: 1 })
      const [entry] = entries
      // Post never fails the job: the agent already ran.
      expect({ run: run.i, exit: run.post!.exitCode, errors: errors(run.post!) }).toEqual({
        run: run.i,
        exit: 0,
        errors: []
      })
      if (entry.status === 'held') {
        // Post met a fault it could not get past: it warns, and the hold stays counted.
        expect(told(run.post!, 'warning', /ledger: .+ was not recorded: the hold stays counted/)).toBe(true)
        continue
      }
      expect(run.post!.stdout).toMatch(/agent-credit-gate: recorded actual \d+\.\d{4} USD/)
      // Without a result file the hold itself is the (unverified) actual.
      const actual = run.result
        ? actualFromText(builtInTable(), readFileSync(fixture(run.result), 'utf8'), run.result, TODAY).usd
        : entry.holdUsd
      expect({
        run: run.i,
        status: entry.status,
        actualUsd: entry.actualUsd,
        unverified: entry.unverified ?? false
      }).toEqual({ run: run.i, status: 'settled', actualUsd: actual, unverified: !run.result })
    }
    const t = totals(doc, new Date())
    const settled = doc.entries.filter(e => e.status === 'settled')
    expect(t.settledUsd).toBeCloseTo(
      settled.reduce((s, e) => s + e.actualUsd!, 0),
      9
    )
    expect(t.heldUsd).toBeCloseTo(
      doc.entries.filter(e => e.status === 'held').reduce((s, e) => s + e.holdUsd, 0),
      9
    )
  })

  it('refused and failed runs hold nothing, and post says there is nothing to settle', () => {
    for (const run of [...normal('refused'), ...normal('failed closed')]) {
      expect(run.post!.exitCode).toBe(0)
      expect(run.post!.stdout).toContain('no hold was written')
      expect(doc.entries.filter(e => e.key === run.key)).toEqual([])
    }
    expect(doc.entries).toHaveLength(normal('accepted').length)
  })

  it('a read-only ledger token fails closed with one line, or goes on loudly with warn, and holds nothing', () => {
    const [closed, open] = [runs[N], runs[N + 1]]
    expect(closed.main!.exitCode).toBe(1)
    expect(closed.main!.outputs.allowed).toBe('false')
    expect(errors(closed.main!)).toEqual([
      expect.stringMatching(
        // Its first write: taking the write lease, a tree, or clearing a lease another gate left stale.
        /^ledger: 403 Resource not accessible by integration \((POST|DELETE) \/repos\/acme\/api\/git\/(trees|refs)[^)]*\); failing closed \(on-ledger-error: fail\): the agent step must not run; /
      )
    ])
    expect(open.main!.exitCode).toBe(0)
    expect(open.main!.outputs.allowed).toBe('true')
    expect(told(open.main!, 'warning', /^ledger: 403 Resource not accessible by integration/)).toBe(true)
    expect(open.main!.summary).toContain('Not gated: the ledger was unavailable')
    for (const run of [closed, open]) {
      expect(run.post!.exitCode).toBe(0)
      expect(run.post!.stdout).toContain('no hold was written')
      expect(doc.entries.filter(e => e.key === run.key)).toEqual([])
    }
  })

  it('settling a run again changes nothing', async () => {
    // A run whose post got through (under faults one may not have: its hold is still held, by design).
    const run = normal('accepted').find(r => doc.entries.find(e => e.key === r.key)?.status === 'settled')!
    expect(run).toBeDefined()
    const again = await runStep('post', {
      dirs: run.dirs,
      inputs: run.inputs,
      env: run.env,
      state: run.main!.state
    })
    expect(again.exitCode).toBe(0)
    const cycle = cycleAt(new Date(), 1)
    expect(JSON.parse(server.fileAt(REF, `cycles/${cycle.id}.json`)!)).toEqual(doc)
  })

  it('no token appears in anything printed, written or sent', () => {
    const places: Record<string, string> = {
      ...recordedBodies(server.requests),
      'ledger document': JSON.stringify(doc),
      comments: JSON.stringify(server.comments),
      'check runs': JSON.stringify(server.checkRuns),
      statuses: JSON.stringify(server.statuses)
    }
    for (const run of runs) {
      for (const [step, r] of [
        ['main', run.main!],
        ['post', run.post!]
      ] as const) {
        places[`run ${run.i} ${step} stdout`] = r.stdout
        places[`run ${run.i} ${step} stderr`] = r.stderr
        places[`run ${run.i} ${step} summary`] = r.summary
        places[`run ${run.i} ${step} outputs`] = JSON.stringify(r.outputs)
      }
      const report = run.main!.outputs['report-file']
      if (report) places[`run ${run.i} report`] = readFileSync(report, 'utf8')
      expect(run.main!.stdout).toContain(`::add-mask::${TOKEN}`)
    }
    expectNoSecrets(places, [TOKEN, READ_ONLY])
  })
})
