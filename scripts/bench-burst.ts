/**
 * `npm run bench:burst`: gates in bursts on one GitHub ledger, against the local GitHub double with
 * GitHub's secondary limit on content-creating requests switched on (80 a minute, 500 an hour, per
 * token). Every gate is its own process (the CLI bundle, dist/cli), as every job of a matrix is.
 * The ledger exists already (this cycle's document, empty). Scenarios:
 *   - one gate, no contention: the API calls it makes;
 *   - 24 gates at once on a budget that fits 8, and on one that fits all 24;
 *   - 12 gates at once while every 4th request answers 502 and every 7th answer is lost after GitHub
 *     handled the request.
 * For each it prints the content-creating requests (in all and per gate), secondary-limit answers, the
 * wall time, and checks the ledger against what the gates printed: held entries = allowed runs, Σ holds
 * ≤ budget, revision = ledger writes that landed, no key twice. Prints measured numbers; asserts nothing
 * but exits 1 when an invariant is broken.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GitHubDouble, type Fault } from '../__tests__/support/github-server.js'
import { GATE_ARGS, cliProcess as cli, type CliProcess as Proc } from '../__tests__/support/gate-process.js'
import freshDist from '../__tests__/support/fresh-dist.js'
import { parseDocument, type LedgerDocument } from '../src/ledger/document.js'
import { cycleAt } from '../src/budget/cycle.js'
import { emptyDocument } from '../src/ledger/operations.js'

const TOKEN = 'ghp_burstBenchToken0123456789abcdef'
const LEDGER_REF = 'refs/agent-credit-gate/ledger'
/** Without history, so every gate estimates the same. */
const COMMON = [...GATE_ARGS, '--history-runs', '0']

interface Scenario {
  name: string
  gates: number
  /** How many holds the budget fits. */
  fit: number
  faults?: Array<{ route: RegExp; fault: Fault }>
}

/** What a gate process came to, from what it printed. */
type Fate = 'allowed' | 'refused' | 'failed' | 'unclear'
function fateOf(p: Proc): { fate: Fate; key?: string; waited?: unknown } {
  if (p.code === 0 || p.code === 2) {
    try {
      const report = JSON.parse(p.stdout)
      const key = `${report.job.runId}/${report.job.runAttempt}`
      return { fate: report.decision?.allowed ? 'allowed' : 'refused', key, waited: report.ledger?.waited }
    } catch {
      return { fate: 'unclear' }
    }
  }
  const lines = p.stderr.trim().split('\n')
  return { fate: lines.length === 1 && p.stdout === '' ? 'failed' : 'unclear' }
}

/** COMMON without the flags only a gate takes (estimate refuses them); the figure read is the max anyway. */
function estimateArgs(): string[] {
  const gateOnly = new Set(['--gate-on', '--on-exhaust'])
  return COMMON.filter((a, i) => !gateOnly.has(a) && !gateOnly.has(COMMON[i - 1]))
}

async function gatedUsd(dir: string): Promise<number> {
  const est = await cli(['estimate', ...estimateArgs()], {}, dir)
  return JSON.parse(est.stdout).estimate.blended.maxUsd
}

async function run(s: Scenario, hold: number): Promise<boolean> {
  const server = await new GitHubDouble().start()
  server.repo = 'ledger'
  // The ledger exists already (this cycle's document, nothing in it): a burst on an organisation's ledger.
  const cycle = cycleAt(new Date(), 1)
  server.writeFile(LEDGER_REF, `cycles/${cycle.id}.json`, JSON.stringify(emptyDocument(cycle)) + '\n')
  for (const f of s.faults ?? []) server.fault(f.route, f.fault)
  const dir = mkdtempSync(join(tmpdir(), 'acg-burst-'))
  const credit = (hold * (s.fit + 0.5)).toFixed(6)
  const started = Date.now()
  const procs = await Promise.all(
    Array.from({ length: s.gates }, (_, i) =>
      cli(
        [
          'gate',
          ...COMMON,
          ...['--ledger', 'github:acme/ledger', '--github-token', TOKEN],
          ...['--monthly-credits', credit, '--run-id', `r${i}`, '--report-file', join(dir, `r${i}.json`)]
        ],
        { GITHUB_API_URL: server.url },
        dir
      )
    )
  )
  const seconds = (Date.now() - started) / 1000
  server.clearFaults()
  await server.stop()
  if (process.env.BENCH_TRACE)
    for (const r of server.requests)
      console.log(
        `${((r.at - started) / 1000).toFixed(2).padStart(6)} ${r.method} ${r.path} ${r.status}${r.fault ? ` (${r.fault.name})` : ''}`
      )

  const fates = procs.map(fateOf)
  const count = (f: Fate) => fates.filter(x => x.fate === f).length
  const text = server.fileAt(LEDGER_REF, `cycles/${cycle.id}.json`)
  const doc: LedgerDocument | null = text ? parseDocument(JSON.parse(text), 'the double') : null
  const entries = doc?.entries ?? []
  const creates = server.requests.filter(r => r.creates).length
  const limited = server.requests.filter(r => r.limited).length
  const landed = server.requests.filter(
    r =>
      (r.method === 'PATCH' && r.path.endsWith(`/git/refs/${encodeURIComponent(LEDGER_REF.slice(5))}`)) ||
      (r.method === 'POST' &&
        r.path.endsWith('/git/refs') &&
        (r.body as { ref?: string })?.ref === LEDGER_REF)
  )
  // A write whose answer was lost is sent again and lands as a no-op: count the commits the ref moved to.
  const ledgerWrites = new Set(
    landed.filter(r => r.status === 200 || r.status === 201).map(r => (r.body as { sha: string }).sha)
  ).size
  const byMethod = server.requests.reduce<Record<string, number>>(
    (n, r) => ({ ...n, [r.method]: (n[r.method] ?? 0) + 1 }),
    {}
  )
  const keys = entries.map(e => e.key)
  const allowedKeys = fates.filter(f => f.fate === 'allowed').map(f => f.key!)
  const held = entries.filter(e => e.status === 'held')
  const heldUsd = held.reduce((sum, e) => sum + e.holdUsd, 0)
  const checks: Array<[string, boolean]> = [
    ['every process printed its JSON or one line', count('unclear') === 0],
    ['no key twice', new Set(keys).size === keys.length],
    [
      'every allowed run holds exactly one entry',
      allowedKeys.every(k => keys.filter(x => x.startsWith(k)).length === 1)
    ],
    [
      'no entry for a refused run',
      fates.filter(f => f.fate === 'refused').every(f => !keys.some(x => x.startsWith(f.key!)))
    ],
    [
      s.faults
        ? 'held entries ≥ allowed runs (a failed gate whose write landed holds too)'
        : 'held entries = allowed runs',
      s.faults ? held.length >= allowedKeys.length : held.length === allowedKeys.length
    ],
    ['Σ holds ≤ budget', heldUsd <= Number(credit) + 1e-9],
    [
      'revision = ledger writes that landed',
      (doc?.revision ?? 0) === ledgerWrites ||
        (s.faults !== undefined && (doc?.revision ?? 0) >= ledgerWrites)
    ]
  ]
  const waits = fates.map(f => f.waited).filter(Boolean)
  console.log(`\n## ${s.name}`)
  console.log(
    `${s.gates} gate processes, budget fits ${s.fit}: ${count('allowed')} allowed, ${count('refused')} refused, ` +
      `${count('failed')} failed closed, ${count('unclear')} unclear · ${seconds.toFixed(1)} s`
  )
  console.log(
    `API calls ${server.requests.length} (${Object.entries(byMethod)
      .map(([m, n]) => `${m} ${n}`)
      .join(', ')}) · content-creating ${creates} = ${(creates / s.gates).toFixed(2)} per gate · ` +
      `secondary-limit answers ${limited} · ledger writes landed ${ledgerWrites} · revision ${doc?.revision ?? 0}` +
      (s.faults ? ` · injected faults met ${server.requests.filter(r => r.fault).length}` : '')
  )
  if (waits.length)
    console.log(`reports with a ledger wait: ${waits.length}; e.g. ${JSON.stringify(waits[0])}`)
  for (const p of procs.filter(p => p.code !== 0 && p.code !== 2).slice(0, 3))
    console.log(`  exit ${p.code}: ${p.stderr.trim().split('\n')[0]}`)
  for (const [what, ok] of checks) console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`)
  return checks.every(([, ok]) => ok)
}

freshDist()
const hold = await gatedUsd(mkdtempSync(join(tmpdir(), 'acg-burst-')))
const only = process.argv[2]
const scenarios: Scenario[] = [
  { name: 'one gate, no contention', gates: 1, fit: 1 },
  { name: '24 gates at once, budget fits 8', gates: 24, fit: 8 },
  { name: '24 gates at once, budget fits all 24', gates: 24, fit: 24 },
  {
    name: '12 gates at once, every 4th request 502, every 7th answer lost after the request was handled',
    gates: 12,
    fit: 8,
    faults: [
      { route: /./, fault: { name: '502', status: 502, message: 'Bad Gateway', every: 4 } },
      { route: /./, fault: { name: 'lost answer', lostResponse: true, every: 7 } }
    ]
  }
]
let ok = true
for (const s of scenarios.filter(s => !only || s.name.startsWith(only))) ok = (await run(s, hold)) && ok
process.exit(ok ? 0 : 1)
