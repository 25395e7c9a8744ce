/**
 * `npm run bench:postgres`: the PostgreSQL ledger on a throwaway local cluster (PostgreSQL 15, fsync off,
 * this machine). Prints measured numbers for docs/ledger.md:
 *   1. 2,000 gates from 50 concurrent connections in one process (a gate's ledger work: the read, then the
 *      check-and-hold transaction the gate step runs, holdIfAllowed; the estimate is computed once);
 *   2. 100 gate processes at once (the CLI bundle, one connection each);
 *   3. a gate on a cycle with 20,000 settled runs against one on an empty cycle;
 *   4. faults: backends killed mid-transaction, the server restarted during a burst, a statement timeout,
 *      a wrong password, a closed port on 127.0.0.1.
 * Every burst is checked against the database: lost holds (a gate said held, no row), doubled or unknown
 * holds (a row no gate claims), Σ holds against the budget. The load average is printed before and after
 * each section (other work on the machine shares its cores).
 *
 * Sizes and sections are parameters, for a shorter run on a busy machine:
 *   BENCH_GATES=2000 BENCH_CONNECTIONS=50 BENCH_PROCESSES=100 BENCH_SETTLED=20000 BENCH_KILL_EVERY_MS=20
 *   BENCH_SECTIONS=burst,processes,settled,faults (any of them)
 */
import { mkdtempSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { PostgresCluster, PG_PASSWORD } from '../__tests__/support/postgres.js'
import { cliProcess } from '../__tests__/support/gate-process.js'
import { SMALL_RUN } from '../__tests__/support/cli.js'
import freshDist from '../__tests__/support/fresh-dist.js'
import { parseSettings } from '../src/config/parse.js'
import { gate } from '../src/steps/gate.js'
import { PostgresStore } from '../src/store/postgres.js'
import { nodeFiles } from '../src/files/files.js'
import { cycleAt } from '../src/budget/cycle.js'
import { rowsOfDocument } from '../src/ledger/rows.js'
import { emptyDocument } from '../src/ledger/operations.js'
import type { LedgerEntry } from '../src/ledger/document.js'
import { readCycle, updateLedger } from '../src/ledger/update.js'
import { holdIfAllowed } from '../src/ledger/hold.js'
import { describeError } from '../src/github/errors.js'

/** A whole-number parameter from the environment, or its default; anything else stops the benchmark. */
function size(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${name}: ${JSON.stringify(raw)} is not a whole number above 0; e.g. ${name}=${fallback}`)
  return n
}
const GATES = size('BENCH_GATES', 2000)
const CONNECTIONS = size('BENCH_CONNECTIONS', 50)
const PROCESSES = size('BENCH_PROCESSES', 100)
const SETTLED = size('BENCH_SETTLED', 20_000)
/** Milliseconds between two backends killed during the burst of the kill fault. */
const KILL_EVERY_MS = size('BENCH_KILL_EVERY_MS', 20)
const ALL_SECTIONS = ['burst', 'processes', 'settled', 'faults']
const SECTIONS = (process.env.BENCH_SECTIONS || ALL_SECTIONS.join(',')).split(',').map(x => x.trim())
for (const x of SECTIONS)
  if (!ALL_SECTIONS.includes(x))
    throw new Error(
      `BENCH_SECTIONS: ${JSON.stringify(x)} is not a section; use any of ${ALL_SECTIONS.join(',')}`
    )
const runs = (section: string) => SECTIONS.includes(section)
const load = () =>
  `load average ${loadavg()
    .map(x => x.toFixed(1))
    .join(' ')}`

const now = new Date()
const cycle = cycleAt(now, 1)
const dir = mkdtempSync(join(tmpdir(), 'acg-bench-pg-'))

freshDist()
const cluster = await PostgresCluster.start()
const url = cluster.url()
let admin = new pg.Client({ connectionString: url })
await admin.connect()

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN
}
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6

function settingsFor(ledger: string, runId: string, credits: number, extra: Record<string, string> = {}) {
  return parseSettings(
    {
      prompt: 'Review the diff.',
      model: 'haiku',
      agent: 'none',
      'max-turns': '3',
      ledger,
      'ledger-url': url,
      'monthly-credits': String(credits),
      ...extra
    },
    { GITHUB_RUN_ID: runId },
    'cli'
  )
}

interface GateResult {
  runId: string
  held: boolean
  ms: number
  decision?: string
  error?: string
  /** A CLI gate's exit code. */
  code?: number
}

/** One gate in this process: what it decided, whether it holds, how long it took, its error line. */
async function oneGate(
  store: PostgresStore,
  ledger: string,
  runId: string,
  credits: number,
  extra = {}
): Promise<GateResult> {
  const t0 = process.hrtime.bigint()
  try {
    const { report, holdKey } = await gate(settingsFor(ledger, runId, credits, extra), {
      now,
      files: nodeFiles(dir),
      log: () => undefined,
      store
    })
    return {
      runId,
      held: holdKey !== undefined,
      ms: ms(t0),
      decision: report.decision?.decision,
      error: report.ledger?.error
    }
  } catch (error) {
    return { runId, held: false, ms: ms(t0), decision: 'error', error: (error as Error).message }
  }
}

/** The ledger's holds as the database has them, against what the gates said. */
async function check(ledger: string, said: Array<{ runId: string; held: boolean }>, budget: number) {
  const r = await admin.query(
    `select key, hold_usd from agent_credit_gate.entries where ledger = $1 and status = 'held'`,
    [ledger]
  )
  const rows = new Map(r.rows.map(x => [decodeURIComponent(String(x.key).split('/')[0]), Number(x.hold_usd)]))
  const claimed = new Set(said.filter(g => g.held).map(g => g.runId))
  const lost = [...claimed].filter(id => !rows.has(id)).length
  const unclaimed = [...rows.keys()].filter(id => !claimed.has(id))
  const sum = [...rows.values()].reduce((a, b) => a + b, 0)
  return { holds: rows.size, lost, unclaimed: unclaimed.length, sum, fits: sum <= budget + 1e-9 }
}

/** A gate's ledger work, as src/steps/gate.ts does it: read the cycle, then check and hold in one transaction. */
async function ledgerGate(
  store: PostgresStore,
  ledger: string,
  runId: string,
  credits: number
): Promise<GateResult> {
  const t0 = process.hrtime.bigint()
  const settings = settingsFor(ledger, runId, credits)
  const key = `${runId}/1/local%2Flocal/agent/review/gate`
  // As the gate step asks: its key, its job's history, and the rest summed at its instant.
  const focus = { key, jobId: 'local/local/agent/review/gate', runs: 20, now: now.toISOString() }
  try {
    await readCycle(store, cycle, focus)
    const { result } = await updateLedger(
      store,
      cycle,
      doc =>
        holdIfAllowed(
          doc,
          {
            key,
            jobId: focus.jobId,
            budget: settings.budget,
            estimate: { p50Usd: hold * 0.6, p90Usd: hold, maxUsd: hold * 2 },
            model: 'claude-haiku-4-5',
            priceTableAsOf: '2026-11-23',
            holdHours: 6,
            account: 'bench'
          },
          now
        ),
      { focus }
    )
    return { runId, held: result.held, ms: ms(t0), decision: result.decision.decision }
  } catch (error) {
    return { runId, held: false, ms: ms(t0), decision: 'error', error: `ledger: ${describeError(error)}` }
  }
}

/** What one hold of this run costs, so a budget can be set to fit an exact number of gates. */
async function holdSize(): Promise<number> {
  const store = new PostgresStore({ url, name: 'probe' })
  const g = await gate(settingsFor('postgres:probe', 'probe', 1000), {
    now,
    files: nodeFiles(dir),
    log: () => undefined,
    store
  })
  await store.close()
  return g.report.decision!.holdUsd
}

const hold = await holdSize()
console.log(
  `one hold: $${hold.toFixed(6)} (haiku, 3 turns, p90) · sizes: ${GATES} gates on ${CONNECTIONS} connections, ` +
    `${PROCESSES} processes, ${SETTLED} settled runs · sections: ${SECTIONS.join(',')} · ${load()}`
)
const line = (s: string) => console.log(`${s} · ${load()}`)

// ---- 1. 2,000 gates from 50 connections in one process
if (runs('burst')) {
  const fit = Math.round(GATES * 0.75)
  const budget = hold * (fit + 0.5)
  const store = new PostgresStore({ url, name: 'burst', maxConnections: CONNECTIONS })
  const results: GateResult[] = []
  let next = 0
  const t0 = process.hrtime.bigint()
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < GATES) results.push(await ledgerGate(store, 'postgres:burst', `b${next++}`, budget))
    })
  )
  const wall = ms(t0)
  const c = await check('burst', results, budget)
  const lat = results.map(r => r.ms)
  const failed = results.find(r => r.error)
  line(
    `in-process: ${GATES} gates, ${CONNECTIONS} connections, budget fits ${fit}: ${(wall / 1000).toFixed(1)} s, ${((GATES / wall) * 1000).toFixed(0)} gates/s, ` +
      `p50 ${pct(lat, 50).toFixed(0)} ms, p99 ${pct(lat, 99).toFixed(0)} ms · held ${results.filter(r => r.held).length}, ` +
      `refused ${results.filter(r => r.decision === 'fail').length}, errors ${results.filter(r => r.error).length} · ` +
      `rows held ${c.holds}, lost ${c.lost}, unclaimed ${c.unclaimed}, Σ holds $${c.sum.toFixed(4)} ≤ budget $${budget.toFixed(4)}: ${c.fits}` +
      (failed ? ` · e.g. ${failed.error}` : '')
  )
  await store.close()
}

// ---- 2. 100 gate processes at once
/** One gate as its own process (the CLI bundle, dist/cli), from what it printed. */
async function cliGate(
  ledger: string,
  runId: string,
  credits: number,
  env: Record<string, string> = {},
  args: string[] = []
): Promise<GateResult> {
  const t0 = process.hrtime.bigint()
  const p = await cliProcess(
    [
      'gate',
      ...SMALL_RUN,
      '--ledger',
      ledger,
      '--run-id',
      runId,
      '--monthly-credits',
      String(credits),
      '--json',
      ...args
    ],
    { AGENT_CREDIT_GATE_DATABASE_URL: url, ...env },
    dir
  )
  let report: { decision?: { decision: string }; ledger?: { error?: string } } = {}
  try {
    report = JSON.parse(p.stdout)
  } catch {
    // A failed gate prints its one line on stderr instead.
  }
  const decision = report.decision?.decision ?? 'error'
  return {
    runId,
    held: decision !== 'fail' && decision !== 'error' && !report.ledger?.error,
    ms: ms(t0),
    decision,
    error: p.stderr.trim() || report.ledger?.error,
    code: p.code
  }
}
if (runs('processes')) {
  const fit = Math.round(PROCESSES * 0.8)
  const budget = hold * (fit + 0.5)
  const t0 = process.hrtime.bigint()
  const results = await Promise.all(
    Array.from({ length: PROCESSES }, (_, i) => cliGate('postgres:procs', `p${i}`, budget))
  )
  const wall = ms(t0)
  const c = await check('procs', results, budget)
  const lat = results.map(r => r.ms)
  line(
    `processes: ${PROCESSES} CLI gates at once, budget fits ${fit}: ${(wall / 1000).toFixed(1)} s wall, ` +
      `p50 ${(pct(lat, 50) / 1000).toFixed(1)} s, p99 ${(pct(lat, 99) / 1000).toFixed(1)} s per process (startup included) · ` +
      `held ${results.filter(r => r.held).length}, refused ${results.filter(r => r.decision === 'fail').length}, errors ${results.filter(r => r.decision === 'error').length} · ` +
      `rows held ${c.holds}, lost ${c.lost}, unclaimed ${c.unclaimed}, Σ ≤ budget: ${c.fits}` +
      (results.find(r => r.decision === 'error')
        ? ` · e.g. ${results.find(r => r.decision === 'error')!.error}`
        : '')
  )
}

// ---- 3. a cycle with 20,000 settled runs against an empty one
if (runs('settled')) {
  const doc = emptyDocument(cycle)
  const at = new Date(Date.parse(cycle.start) + 3_600_000).toISOString()
  for (let i = 0; i < SETTLED; i++) {
    const e: LedgerEntry = {
      key: `old-${i}`,
      jobId: `acme/api/agent/review-${i % 50}/gate`,
      status: 'settled',
      createdAt: at,
      updatedAt: at,
      expiresAt: at,
      holdUsd: 0.01,
      estimate: { p50Usd: 0.01, p90Usd: 0.01, maxUsd: 0.01, gateOn: 'p90' },
      actualUsd: 0.001,
      model: i % 2 ? 'claude-haiku-4-5' : 'claude-sonnet-4-5',
      turns: 3,
      priceTableAsOf: '2026-11-23',
      settledAt: at
    }
    doc.entries.push(e)
  }
  const full = new PostgresStore({ url, name: 'full' })
  const t0 = process.hrtime.bigint()
  await full.rows.import(cycle.id, rowsOfDocument(doc))
  line(`${SETTLED} settled runs imported in ${(ms(t0) / 1000).toFixed(1)} s`)
  const empty = new PostgresStore({ url, name: 'empty' })
  const time = async (store: PostgresStore, ledger: string) => {
    const lat: number[] = []
    for (let i = 0; i < 60; i++) lat.push((await ledgerGate(store, ledger, `t${i}`, 1000)).ms)
    return lat.slice(10) // the first gates warm the connection and the caches
  }
  // Interleaved rounds, so the machine's load falls on both alike.
  const a: number[] = []
  const b: number[] = []
  for (let round = 0; round < 3; round++) {
    a.push(...(await time(empty, 'postgres:empty')))
    b.push(...(await time(full, 'postgres:full')))
    await admin.query(
      `delete from agent_credit_gate.entries where status = 'held' and ledger in ('empty', 'full')`
    )
  }
  line(
    `gate on an empty cycle: p50 ${pct(a, 50).toFixed(1)} ms, p99 ${pct(a, 99).toFixed(1)} ms · ` +
      `with ${SETTLED} settled runs: p50 ${pct(b, 50).toFixed(1)} ms, p99 ${pct(b, 99).toFixed(1)} ms · ratio of p50s ${(pct(b, 50) / pct(a, 50)).toFixed(2)}`
  )
  await Promise.all([full.close(), empty.close()])
}

// ---- 4. faults
const fault = (name: string, results: GateResult[], c: Awaited<ReturnType<typeof check>>) => {
  const errors = results.filter(r => r.error)
  const lines = [...new Set(errors.map(r => (r.error ?? '').replace(/\d+/g, 'N')))]
  line(
    `fault: ${name}: ${results.length} gates · held ${results.filter(r => r.held).length}, failed ${errors.length} · ` +
      `rows held ${c.holds}, lost ${c.lost}, unclaimed ${c.unclaimed} · error lines: ${lines.length ? lines.map(l => JSON.stringify(l)).join(' | ') : 'none'}`
  )
}
const budgetAll = hold * 10_000
if (runs('faults')) {
  {
    // Backends killed while gates are inside their transactions.
    const store = new PostgresStore({ url, name: 'killed', maxConnections: 20 })
    let stop = false
    let kills = 0
    const killer = (async () => {
      while (!stop) {
        const r = await admin.query(
          `select pg_terminate_backend(pid) from pg_stat_activity
         where application_name = 'agent-credit-gate' and state in ('active', 'idle in transaction') limit 1`
        )
        kills += r.rowCount ?? 0
        await new Promise(res => setTimeout(res, KILL_EVERY_MS))
      }
    })()
    let next = 0
    const results: GateResult[] = []
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < 300) results.push(await ledgerGate(store, 'postgres:killed', `k${next++}`, budgetAll))
      })
    )
    stop = true
    await killer
    fault(
      `${kills} backends killed mid-transaction (pg_terminate_backend, one every ${KILL_EVERY_MS} ms)`,
      results,
      await check('killed', results, budgetAll)
    )
    await store.close()
  }
  {
    // The server restarted (pg_ctl stop -m fast, start) during a burst.
    const store = new PostgresStore({ url, name: 'restart', maxConnections: 20, reconnectForMs: 60_000 })
    let next = 0
    const results: GateResult[] = []
    const burst = Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < 400) results.push(await ledgerGate(store, 'postgres:restart', `r${next++}`, budgetAll))
      })
    )
    while (results.length < 100) await new Promise(res => setTimeout(res, 10))
    await admin.end().catch(() => undefined)
    const t0 = process.hrtime.bigint()
    await cluster.stopServer()
    await cluster.startServer()
    const down = ms(t0)
    await burst
    admin = new pg.Client({ connectionString: url })
    await admin.connect()
    fault(
      `server restarted after 100 of 400 gates (down ${(down / 1000).toFixed(1)} s)`,
      results,
      await check('restart', results, budgetAll)
    )
    await store.close()
  }
  {
    // A statement timeout: another session holds the cycle's row lock longer than the gates may wait.
    const store = new PostgresStore({ url, name: 'timeout', statementTimeoutMs: 500 })
    await ledgerGate(store, 'postgres:timeout', 'first', budgetAll)
    const blocker = new pg.Client({ connectionString: url })
    await blocker.connect()
    await blocker.query('begin')
    await blocker.query(`select 1 from agent_credit_gate.cycles where ledger = 'timeout' for update`)
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => ledgerGate(store, 'postgres:timeout', `s${i}`, budgetAll))
    )
    const warned = await oneGate(store, 'postgres:timeout', 'warn', budgetAll, { 'on-ledger-error': 'warn' })
    await blocker.query('rollback')
    await blocker.end()
    fault(
      `statement timeout 500 ms behind a held row lock (then one gate with on-ledger-error: warn: ${warned.error ? `went on without a hold, saying "${warned.error}"` : `no ledger error, held ${warned.held}`})`,
      results,
      await check('timeout', [{ runId: 'first', held: true }, ...results], budgetAll)
    )
    await store.close()
  }
  for (const [name, bad] of [
    ['wrong password', cluster.url('postgres', 'wrong')],
    [
      'unreachable: 127.0.0.1 on a closed port',
      `postgres://acg:${PG_PASSWORD}@127.0.0.1:1/postgres?sslmode=disable`
    ]
  ] as const) {
    const results = [await cliGate('postgres:bad', 'x', budgetAll, { AGENT_CREDIT_GATE_DATABASE_URL: bad })]
    const warn = await cliGate('postgres:bad', 'y', budgetAll, { AGENT_CREDIT_GATE_DATABASE_URL: bad }, [
      '--on-ledger-error',
      'warn'
    ])
    fault(
      `${name} (CLI process, exit ${results[0].code}; with on-ledger-error: warn, exit ${warn.code}: ${warn.error ? 'went on without a hold' : 'no ledger error'})`,
      results,
      {
        holds: 0,
        lost: 0,
        unclaimed: 0,
        sum: 0,
        fits: true
      }
    )
  }
}

await admin.end().catch(() => undefined)
await cluster.destroy()
