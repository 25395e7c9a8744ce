/**
 * The fault matrix: each fault GitHub can throw (support/faults.ts) × each operation the action runs
 * against GitHub, every cell against its own GitHub double. A fault on every other request is retried
 * (or re-read, for a compare-and-swap conflict) and the operation succeeds. A fault on every request
 * ends the operation the way on-ledger-error says, in bounded time, with one line naming the fault and
 * the request; the ledger document is never corrupted and never counts a run twice. The table this
 * renders is the one in docs/faults.md.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { copyFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { GitHubDouble } from '../support/github-server.js'
import { FAULTS, ROUTES, faultTuning, type FaultKind } from '../support/faults.js'
import { runCli, type CliRun } from '../support/cli.js'
import { expectNoSecrets } from '../support/secrets.js'
import { createGitHubClient } from '../../src/github/client.js'
import { describeError } from '../../src/github/errors.js'
import { upsertStickyComment } from '../../src/github/comment.js'
import { publishCheck } from '../../src/github/check-run.js'
import { parseDocument, type LedgerDocument } from '../../src/ledger/document.js'
import { cycleAt } from '../../src/budget/cycle.js'
import { actualFromText } from '../../src/usage/measure.js'
import { builtInTable } from '../../src/pricing/table.js'
import { tempDir } from '../support/temp-dirs.js'

const TOKEN = 'ghs_faultMatrixSecret0123456789abcdef'
const NOW = new Date()
const CYCLE = cycleAt(NOW, 1)
const REF = 'refs/agent-credit-gate/ledger'
const USAGE = join(process.cwd(), '__tests__/fixtures/result-success.json')
const ACTUAL = actualFromText(builtInTable(), readFileSync(USAGE, 'utf8'), USAGE, {
  day: NOW.toISOString().slice(0, 10),
  from: 'today'
}).usd
/**
 * Most requests one operation may send. A gate is about eight (reads, the write lease, tree, commit,
 * ref, the lease back); a fault on every other request doubles that (20 at most, measured). A retry or
 * compare-and-swap loop that never gave up would blow past it. Counted, not timed: a busy machine sends
 * no more requests, only slower ones; every wait between them is bounded in the client.
 */
const MAX_REQUESTS = 32

type Scope = 'every other request' | 'every request'
const OPS = ['gate', 'record', 'release', 'comment', 'check run'] as const
type Op = (typeof OPS)[number]
type OnLedgerError = 'fail' | 'warn'

interface Cell {
  fault: FaultKind
  scope: Scope
  op: Op
  onLedgerError: OnLedgerError
}

interface Observed {
  /** What happened, in the matrix's words. */
  outcome: string
  /** The line the user reads when the operation did not succeed. */
  message: string
  ms: number
  /** Requests the operation sent. */
  sent: number
  /** Requests that met the fault. */
  faulted: number
  /** Everything the operation printed, for the secret scan. */
  printed: string[]
  violations: string[]
  ledger: LedgerDocument | null
}

const LEDGER_OPS: Op[] = ['gate', 'record', 'release']
const DONE: Record<Op, string> = {
  gate: 'held',
  record: 'settled',
  release: 'released',
  comment: 'written',
  'check run': 'written'
}

/** What each cell must come to: the rules the matrix holds the code to. */
function expected(cell: Cell): string {
  const { fault, scope, op, onLedgerError } = cell
  if (scope === 'every request' && !fault.slowOnly) {
    if (op === 'gate') return onLedgerError === 'fail' ? 'fails closed' : 'goes on unheld, warns'
    // on-ledger-error governs the gate only: recording after the agent ran never pretends it worked.
    if (op === 'record' || op === 'release') return 'exits 1, hold kept'
    return 'notice, job goes on'
  }
  const how = fault.refWritesOnly ? 're-read' : fault.slowOnly ? 'slower' : 'retried'
  if (fault.landsTwice && !LEDGER_OPS.includes(op)) return `${how}, written twice`
  return `${how}, ${DONE[op]}`
}

const cells: Cell[] = FAULTS.flatMap(fault =>
  (fault.refWritesOnly
    ? (['every other request'] as Scope[])
    : (['every other request', 'every request'] as Scope[])
  ).flatMap(scope =>
    OPS.filter(op => !fault.refWritesOnly || LEDGER_OPS.includes(op)).flatMap(op =>
      (op === 'gate' || op === 'record' ? (['fail', 'warn'] as const) : (['fail'] as const)).map(
        onLedgerError => ({
          fault,
          scope,
          op,
          onLedgerError
        })
      )
    )
  )
)

let nextId = 0
/** One tuning per client: separate throttler keys, so cells do not queue behind each other's writes. */
const tuning = (server: GitHubDouble) => faultTuning(server, `matrix-${nextId++}`)

function ledgerOf(server: GitHubDouble): LedgerDocument | null {
  const text = server.fileAt(REF, `cycles/${CYCLE.id}.json`)
  return text === undefined ? null : parseDocument(JSON.parse(text), 'the double')
}

/** What one operation needs: its double, the CLI bound to it, the run's folder. */
interface Ctx {
  server: GitHubDouble
  cli: (...argv: string[]) => Promise<CliRun>
  gate: () => Promise<CliRun>
  dir: string
}

/** The CLI of run `runId` against `server`'s ledger, and its gate. */
function cliOf(
  server: GitHubDouble,
  dir: string,
  opts: { runId?: string; onLedgerError?: OnLedgerError } = {}
) {
  const cli = (...argv: string[]) =>
    runCli(
      [
        ...argv,
        ...['--ledger', 'github:acme/api', '--github-token', TOKEN, '--run-id', opts.runId ?? 'r1', '--json'],
        // release writes no report and has no on-ledger-error: it is not a flag of release.
        ...(argv[0] === 'release'
          ? []
          : ['--report-file', join(dir, 'report.json'), '--on-ledger-error', opts.onLedgerError ?? 'fail'])
      ],
      { apiUrl: server.url, cwd: dir, now: NOW, github: tuning(server) }
    )
  const gate = () =>
    cli(
      'gate',
      '--prompt',
      'Review the diff.',
      '--model',
      'claude-haiku-4-5',
      '--agent',
      'none',
      '--max-turns',
      '2'
    )
  return { cli, gate }
}

async function runCell(cell: Cell): Promise<Observed> {
  const server = await new GitHubDouble().start()
  const dir = tempDir('matrix')
  const { cli, gate } = cliOf(server, dir, { onLedgerError: cell.onLedgerError })
  try {
    // Everything before the operation under test runs without faults.
    if (cell.op === 'record' || cell.op === 'release') expect((await gate()).code).toBe(0)
    copyFileSync(USAGE, join(dir, 'result.json'))
    const routes = LEDGER_OPS.includes(cell.op)
      ? cell.fault.refWritesOnly
        ? ROUTES.refWrites
        : ROUTES.ledger
      : cell.op === 'comment'
        ? ROUTES.comment
        : ROUTES.check
    server.fault(routes, {
      ...cell.fault.fault,
      ...(cell.scope === 'every other request' ? { every: 2 } : {})
    })
    const before = server.requests.length
    const started = Date.now()
    const r = await OPERATIONS[cell.op]({ server, cli, gate, dir })
    const ms = Date.now() - started
    const requests = server.requests.slice(before)
    return {
      ...r,
      outcome: r.outcome.replace('{how}', how(requests)),
      ms,
      sent: requests.length,
      faulted: requests.filter(q => q.fault).length,
      violations: server.takeViolations(),
      ledger: ledgerOf(server)
    }
  } finally {
    server.clearFaults()
    await server.stop()
  }
}

/** How a successful operation got past its faults: by re-reading, by retrying, or only by waiting. */
function how(requests: GitHubDouble['requests']): string {
  if (requests.some(r => r.fault?.conflict)) return 're-read'
  const same = (a: (typeof requests)[number], b: (typeof requests)[number]) =>
    `${a.method} ${a.path} ${JSON.stringify(a.body)}` === `${b.method} ${b.path} ${JSON.stringify(b.body)}`
  // A retry repeats a request that got no usable answer; reading the same thing twice (the ledger's
  // cycle, then its reset day, both start at the ref) is not one, and neither is a slow answer.
  const unanswered = (r: (typeof requests)[number]) =>
    r.fault !== undefined &&
    !(r.fault.delayMs !== undefined && !r.fault.status && !r.fault.reset && !r.fault.lostResponse)
  return requests.some((r, i) => unanswered(r) && requests.slice(i + 1).some(q => same(q, r)))
    ? 'retried'
    : 'slower'
}

type Result = Pick<Observed, 'outcome' | 'message' | 'printed'>
const unexpected = (what: string, r?: CliRun): Result => ({
  outcome: `unexpected: ${what}`,
  message: r?.err ?? '',
  printed: r ? [r.out, r.err] : []
})

/**
 * Each operation as the action (or the CLI) runs it, classified by what the user and the ledger see once
 * the double is idle: a request whose client gave up (a hung answer) may still land after it returned.
 */
const OPERATIONS: Record<Op, (ctx: Ctx) => Promise<Result>> = {
  async gate({ server, gate }) {
    const r = await gate()
    await server.idle()
    const entries = ledgerOf(server)?.entries ?? []
    const printed = [r.out, r.err]
    if (r.code === 1 && entries.length === 0 && /failing closed/.test(r.err))
      return { outcome: 'fails closed', message: r.err.trim(), printed }
    const report = r.code === 0 ? JSON.parse(r.out) : undefined
    if (report?.decision?.allowed && entries.length === 1 && entries[0].status === 'held')
      return { outcome: '{how}, held', message: '', printed }
    const warning = report?.notices.find((n: string) => /going on WITHOUT a hold/.test(n))
    if (warning && report.ledger?.error && entries.length === 0)
      return { outcome: 'goes on unheld, warns', message: warning, printed }
    return unexpected(`exit ${r.code}, ${entries.length} entries`, r)
  },
  async record({ server, cli, dir }) {
    const r = await cli('record', '--usage-file', join(dir, 'result.json'))
    await server.idle()
    const entries = ledgerOf(server)?.entries ?? []
    const printed = [r.out, r.err]
    if (entries.length !== 1) return unexpected(`${entries.length} entries`, r)
    const [entry] = entries
    if (r.code === 0 && entry.status === 'settled' && entry.actualUsd === ACTUAL)
      return { outcome: '{how}, settled', message: '', printed }
    // The report still carries the actual, so the hold can be settled by hand once GitHub answers.
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))
    if (
      r.code === 1 &&
      entry.status === 'held' &&
      /was not recorded/.test(r.err) &&
      report.actual.usd === ACTUAL
    )
      return { outcome: 'exits 1, hold kept', message: r.err.trim(), printed }
    return unexpected(`exit ${r.code}, entry ${entry.status}`, r)
  },
  async release({ server, cli }) {
    const r = await cli('release')
    await server.idle()
    const entry = ledgerOf(server)?.entries[0]
    const printed = [r.out, r.err]
    if (r.code === 0 && entry?.status === 'released')
      return { outcome: '{how}, released', message: '', printed }
    if (r.code === 1 && entry?.status === 'held' && /nothing was released/.test(r.err))
      return { outcome: 'exits 1, hold kept', message: r.err.trim(), printed }
    return unexpected(`exit ${r.code}, entry ${entry?.status}`, r)
  },
  async comment({ server }) {
    const octokit = createGitHubClient({ token: TOKEN, baseUrl: server.url, ...tuning(server) })
    const target = { owner: 'acme', repo: 'api', issueNumber: 7 }
    const marker = '<!-- agent-credit-gate:comment:default -->'
    const upsert = (body: string, knownId?: number) =>
      upsertStickyComment(octokit, target, {
        marker,
        body: `${body} ${marker}`,
        mode: 'update',
        quiet: false,
        knownId
      })
    try {
      // Main creates the sticky comment, post edits it.
      const made = await upsert('estimate')
      if (!('id' in made)) return unexpected(`comment ${made.action}`)
      await upsert('actual', made.id)
    } catch (error) {
      // publish() turns this into a notice ("could not write the PR comment (…)") and the job goes on.
      return { outcome: 'notice, job goes on', message: describeError(error), printed: [] }
    }
    await server.idle()
    return written(
      server.comments.map(c => c.body.startsWith('actual')),
      'comments'
    )
  },
  async 'check run'({ server }) {
    const octokit = createGitHubClient({ token: TOKEN, baseUrl: server.url, ...tuning(server) })
    const target = { owner: 'acme', repo: 'api', headSha: 'a'.repeat(40) }
    const content = (title: string) => ({
      name: 'Agent credits',
      conclusion: 'success' as const,
      title,
      summary: title,
      statusDescription: title
    })
    try {
      const made = await publishCheck(octokit, target, content('estimate'))
      if (made.kind !== 'check-run') return unexpected(`check ${made.kind}`)
      await publishCheck(octokit, target, content('actual'), made.id)
    } catch (error) {
      return { outcome: 'notice, job goes on', message: describeError(error), printed: [] }
    }
    await server.idle()
    return written(
      server.checkRuns.map(c => c.output?.title === 'actual'),
      'check runs'
    )
  }
}

/** One object edited to the actual; a second is what a lost answer to a create leaves behind. */
function written(edited: boolean[], what: string): Result {
  const outcome =
    edited.filter(Boolean).length !== 1
      ? `unexpected: ${edited.length} ${what}, ${edited.filter(Boolean).length} edited`
      : edited.length === 1
        ? '{how}, written'
        : edited.length === 2
          ? '{how}, written twice'
          : `unexpected: ${edited.length} ${what}`
  return { outcome, message: '', printed: [] }
}

const observed = new Map<Cell, Observed>()
let suiteMs = 0
beforeAll(async () => {
  const started = Date.now()
  await Promise.all(cells.map(async cell => observed.set(cell, await runCell(cell))))
  suiteMs = Date.now() - started
})

const rows = [...new Set(cells.map(c => `${c.fault.name}|${c.scope}`))].map(key => {
  const [name, scope] = key.split('|')
  const row = cells.filter(c => c.fault.name === name && c.scope === scope)
  // Only ref writes can conflict: "every other request" of the ref-write route is every other write.
  return { name, on: row[0].fault.refWritesOnly ? 'every other ref write' : scope, cells: row }
})

describe('the fault matrix', () => {
  it.each(rows)('$name on $on', ({ cells: row }) => {
    for (const cell of row) {
      const seen = observed.get(cell)!
      const where = `${cell.op} (on-ledger-error: ${cell.onLedgerError})`
      expect({ where, outcome: seen.outcome }).toEqual({ where, outcome: expected(cell) })
      expect(seen.violations).toEqual([])
      expect(seen.sent).toBeLessThanOrEqual(MAX_REQUESTS)
      expect(seen.faulted).toBeGreaterThan(0)
      if (seen.message) {
        expect(seen.message.split('\n')).toHaveLength(1)
        expect(seen.message).toMatch(cell.fault.says)
      }
      expectNoSecrets(Object.fromEntries(seen.printed.map((t, i) => [`${where} output #${i}`, t])), [TOKEN])
    }
  })
  it('never leaves a corrupted ledger or a run counted twice', () => {
    for (const [cell, seen] of observed) {
      const keys = seen.ledger?.entries.map(e => e.key) ?? []
      expect({ cell: `${cell.fault.name} on ${cell.scope}: ${cell.op}`, keys: new Set(keys).size }).toEqual({
        cell: `${cell.fault.name} on ${cell.scope}: ${cell.op}`,
        keys: keys.length
      })
      expect(keys.length).toBeLessThanOrEqual(1)
    }
  })
  it('is the table in docs/faults.md', () => {
    const table = renderMatrix()
    const said = FAULTS.map(f => {
      const cell = cells.find(c => c.fault === f && c.scope === 'every request' && c.op === 'gate')
      return cell ? `${f.name}: ${observed.get(cell)!.message}` : undefined
    })
    console.log(
      [
        table,
        `${cells.length} cells in ${(suiteMs / 1000).toFixed(1)} s; slowest cell ${(Math.max(...[...observed.values()].map(o => o.ms)) / 1000).toFixed(1)} s, most requests by one operation ${Math.max(...[...observed.values()].map(o => o.sent))}`,
        ...said.filter(Boolean)
      ].join('\n\n')
    )
    expect(readFileSync('docs/faults.md', 'utf8')).toContain(table)
  })
})

/** The matrix as docs/faults.md shows it: one row per fault and scope, one column per operation. */
function renderMatrix(): string {
  const text = (cell: Cell | undefined) => (cell ? observed.get(cell)!.outcome : '—')
  const header = ['fault', 'on', 'gate (reserve)', 'record (settle)', 'release', 'comment', 'check run']
  const body = rows.map(({ name, on, cells: row }) => {
    const at = (op: Op, mode: OnLedgerError = 'fail') =>
      row.find(c => c.op === op && c.onLedgerError === mode)
    const both = (op: Op) => {
      const fail = text(at(op))
      const warn = text(at(op, 'warn'))
      return fail === warn ? fail : `${fail}; warn: ${warn}`
    }
    return [
      name,
      on,
      both('gate'),
      both('record'),
      text(at('release')),
      text(at('comment')),
      text(at('check run'))
    ]
  })
  const widths = header.map((h, i) => Math.max(h.length, ...body.map(r => r[i].length)))
  const line = (cols: string[]) => `| ${cols.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`
  return [line(header), `| ${widths.map(w => '-'.repeat(w)).join(' | ')} |`, ...body.map(line)].join('\n')
}

describe('a gate whose ref update landed but whose every answer was lost', () => {
  it('fails closed, names the key that releases the hold, and that release frees it', async () => {
    const server = await new GitHubDouble().start()
    const dir = tempDir('matrix')
    try {
      // Another run's hold first: this gate's write is then an update of the ref, not its creation.
      expect((await cliOf(server, dir, { runId: 'r0' }).gate()).code).toBe(0)
      server.fault(ROUTES.refWrites, { lostResponse: true, onRef: /^refs\/agent-credit-gate\/ledger$/ })
      const { cli, gate } = cliOf(server, dir)
      const r = await gate()
      expect(r.code).toBe(1)
      expect(r.err.trim().split('\n')).toHaveLength(1)
      expect(r.err).toMatch(
        /no answer from GitHub: other side closed \(PATCH \/repos\/acme\/api\/git\/refs\//
      )
      const key = /failing closed .*release it with: agent-credit-gate release --key (\S+)$/.exec(
        r.err.trim()
      )?.[1]
      expect(ledgerOf(server)?.entries.find(e => e.key === key)?.status).toBe('held')
      server.clearFaults()
      expect((await cli('release', '--key', key!)).code).toBe(0)
      expect(ledgerOf(server)?.entries.find(e => e.key === key)?.status).toBe('released')
      expect(server.takeViolations()).toEqual([])
    } finally {
      await server.stop()
    }
  })
})
