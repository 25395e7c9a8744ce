/**
 * The PostgreSQL ledger as users run it, against a real server (a throwaway cluster): the CLI with the
 * connection string in the environment, `ledger copy` both ways keeping every entry, first gates at
 * once on a new database, and the faults — a killed connection, a statement timeout, a wrong password,
 * a closed port, a server without TLS — each one line that names what to check and never the password.
 */
import { describe, expect, it } from '@jest/globals'
import { copyFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { runCli, SMALL_RUN } from '../support/cli.js'
import { PG_PASSWORD } from '../support/postgres.js'
import { postgresLedgers } from '../support/ledger-stores.js'
import type { PostgresStore, PostgresStoreOptions } from '../../src/store/postgres.js'
import { LATEST, MIGRATIONS } from '../../src/store/postgres-schema.js'
import { readCycle, updateLedger } from '../../src/ledger/update.js'
import { reserve, totals } from '../../src/ledger/operations.js'
import { cycleAt } from '../../src/budget/cycle.js'
import { holdOf } from '../support/ledger-fixtures.js'
import { GitHubDouble } from '../support/github-server.js'
import { GitHubStore } from '../../src/store/github.js'
import { createGitHubClient } from '../../src/github/client.js'
import { copyLedger } from '../../src/steps/copy.js'
import { settle } from '../../src/ledger/operations.js'
import { tempDir } from '../support/temp-dirs.js'

const NOW = new Date('2026-11-24T12:00:00Z')
const cycle = cycleAt(NOW, 1)
const postgres = postgresLedgers('postgres ledger')
const maybe = postgres.missing ? describe.skip : describe
const open = (url: string, opts: Partial<PostgresStoreOptions> = {}) => postgres.store({ url, ...opts })

/** The CLI with `env`, in a fresh folder holding a Claude result as a.json. */
function cliWith(env: Record<string, string>) {
  const dir = tempDir('pg-cli')
  copyFileSync(join(process.cwd(), '__tests__/fixtures/result-success.json'), join(dir, 'a.json'))
  return { dir, cli: (...argv: string[]) => runCli(argv, { cwd: dir, now: NOW, env }) }
}

/** A new, empty database: a first gate there creates the tables. */
async function freshDatabase(): Promise<string> {
  const name = `db_${Math.random().toString(36).slice(2)}`
  const admin = new pg.Client({ connectionString: postgres.cluster.url() })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  return postgres.cluster.url(name)
}

/** Another session holding the row lock of `store`'s cycles, so a step of that ledger waits inside its transaction. */
async function lockCycles(store: PostgresStore): Promise<pg.Client> {
  const blocker = new pg.Client({ connectionString: postgres.cluster.url() })
  await blocker.connect()
  await blocker.query('begin')
  const name = store.describe().replace(/^postgres:([^@]+)@.*$/, '$1')
  await blocker.query('select 1 from agent_credit_gate.cycles where ledger = $1 for update', [name])
  return blocker
}

maybe('the CLI on a postgres ledger', () => {
  it('gates, records and shows status with the connection string from the environment, never from a flag', async () => {
    const { dir, cli } = cliWith({ AGENT_CREDIT_GATE_DATABASE_URL: postgres.cluster.url() })
    const ledger = ['--ledger', 'postgres:cli']
    const gate = await cli('gate', ...SMALL_RUN, '--run-id', '41', ...ledger, '--json')
    expect(gate.err).toBe('')
    expect(JSON.parse(gate.out).ledger.location).toMatch(/^postgres:cli@127\.0\.0\.1:\d+\/postgres$/)
    const again = await cli('gate', ...SMALL_RUN, '--run-id', '41', ...ledger, '--json')
    expect(JSON.parse(again.out).notices.join()).toMatch(/already existed \(already-held\)/)
    const record = await cli('record', '--run-id', '41', '--usage-file', 'a.json', ...ledger, '--json')
    expect(record.code).toBe(0)
    expect(JSON.parse(record.out).outcome).toBe('settled')
    const status = await cli('status', ...ledger, '--json')
    expect(JSON.parse(status.out).lastEntries).toMatchObject([{ status: 'settled' }])

    const flag = await cli('status', '--ledger', 'postgres', '--ledger-url', postgres.cluster.url())
    expect(flag.code).not.toBe(0)
    expect(flag.err).toMatch(/--ledger-url: not a flag, so the password stays out of the process list/)
    const none = await runCli(['status', '--ledger', 'postgres'], { cwd: dir, now: NOW })
    expect(none.err).toMatch(/ledger-url: .*set AGENT_CREDIT_GATE_DATABASE_URL/)
  })

  it('copies a ledger to a file and back into postgres, every entry kept', async () => {
    const { dir, cli } = cliWith({ DATABASE_URL: postgres.cluster.url() })
    for (const run of ['1', '2', '3']) {
      await cli('gate', ...SMALL_RUN, '--run-id', run, '--ledger', 'postgres:from')
    }
    await cli('record', '--run-id', '1', '--usage-file', 'a.json', '--ledger', 'postgres:from')
    const out = await cli('ledger', 'copy', '--from', 'postgres:from', '--to', `file:${join(dir, 'l.json')}`)
    expect(out.err).toBe('')
    expect(out.out).toMatch(/copied 1 cycle\(s\) .*\n {2}2026-11-01: 3 entries/)
    const back = await cli('ledger', 'copy', '--from', `file:${join(dir, 'l.json')}`, '--to', 'postgres:back')
    expect(back.out).toMatch(/2026-11-01: 3 entries/)
    const status = async (ledger: string) => {
      const s = JSON.parse((await cli('status', '--ledger', ledger, '--json')).out)
      return { budget: s.budget, entries: s.lastEntries }
    }
    expect(await status('postgres:back')).toEqual(await status('postgres:from'))
    expect(await status(`file:${join(dir, 'l.json')}`)).toEqual(await status('postgres:from'))
    // Run again (as after a copy stopped part-way): what is there already, identical, is kept.
    const twice = await cli('ledger', 'copy', '--from', 'postgres:from', '--to', 'postgres:back')
    expect(twice.code).toBe(0)
    expect(twice.out).toMatch(
      /copied 0 cycle\(s\) .*\n {2}2026-11-01: 3 entries, .*\(there already, identical: kept\)/
    )
    // A target whose cycle differs from the source's is refused, and left as it was.
    await cli('gate', ...SMALL_RUN, '--run-id', '4', '--ledger', 'postgres:from')
    const before = await status('postgres:back')
    const differs = await cli('ledger', 'copy', '--from', 'postgres:from', '--to', 'postgres:back')
    expect(differs.code).toBe(1)
    expect(differs.err).toMatch(
      /holds cycle 2026-11-01 already, and not as postgres.*has it; nothing of it was changed/
    )
    expect(await status('postgres:back')).toEqual(before)
  })
})

maybe('moving a GitHub ledger in and back', () => {
  it('copies every cycle from github:OWNER/REPO into postgres and back to another ref, entries and sums kept', async () => {
    const server = await new GitHubDouble().start()
    try {
      const github = (ref: string) =>
        new GitHubStore({
          octokit: createGitHubClient({ token: 't', baseUrl: server.url, throttle: false }),
          owner: 'acme',
          repo: 'api',
          ref
        })
      const source = github('refs/agent-credit-gate/ledger')
      const october = cycleAt(new Date('2026-10-10T00:00:00Z'), 1)
      for (const [c, at] of [
        [october, new Date('2026-10-10T00:00:00Z')],
        [cycle, NOW]
      ] as const) {
        await updateLedger(source, c, doc => ({ doc: reserve(doc, holdOf('a'), at).doc, result: null }))
        await updateLedger(source, c, doc => ({ doc: reserve(doc, holdOf('b'), at).doc, result: null }))
        await updateLedger(source, c, doc => ({
          doc: settle(doc, { key: 'a', actualUsd: 0.3 }, at).doc,
          result: null
        }))
      }
      const dir = tempDir('pg-gh')
      const cli = await runCli(
        ['ledger', 'copy', '--from', 'github:acme/api', '--to', 'postgres:from-github'],
        {
          cwd: dir,
          now: NOW,
          apiUrl: server.url,
          env: { GH_ENTERPRISE_TOKEN: 't', DATABASE_URL: postgres.cluster.url() }
        }
      )
      expect(cli.err).toBe('')
      expect(cli.out).toMatch(
        /copied 2 cycle\(s\) from github:acme\/api@refs\/agent-credit-gate\/ledger to postgres:from-github@/
      )
      expect(cli.out).toMatch(/2026-10-01: 2 entries, \$0\.3000 recorded actuals\n {2}2026-11-01: 2 entries/)
      const pgStore = open(postgres.cluster.url(), { name: 'from-github' })
      const back = await copyLedger(pgStore, github('refs/agent-credit-gate/back'))
      expect(back.cycles.map(c => [c.cycle, c.entries])).toEqual([
        ['2026-10-01', 2],
        ['2026-11-01', 2]
      ])
      const { doc } = await readCycle(github('refs/agent-credit-gate/back'), cycle)
      expect(totals(doc!, NOW)).toMatchObject({ settledUsd: 0.3, heldUsd: 1 })
    } finally {
      await server.stop()
    }
  })
})

maybe('a postgres ledger under faults', () => {
  it('creates its tables once when many first gates start at once on a new database', async () => {
    const url = await freshDatabase()
    const many = Array.from({ length: 8 }, () => open(url, { name: 'same' }))
    await Promise.all(
      many.map((s, i) =>
        updateLedger(s, cycle, doc => ({ doc: reserve(doc, holdOf(`k${i}`), NOW).doc, result: null }))
      )
    )
    const { doc } = await readCycle(many[0], cycle)
    expect(totals(doc!, NOW).heldUsd).toBe(8)
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    const versions = await c.query('select version from agent_credit_gate.migrations order by version')
    expect(versions.rows).toEqual(MIGRATIONS.map(m => ({ version: m.version })))
    // A newer agent-credit-gate migrated this database: this one refuses to touch it.
    await c.query(`insert into agent_credit_gate.migrations (version, name) values (99, 'future')`)
    await c.end()
    await expect(readCycle(open(url), cycle)).rejects.toThrow(
      new RegExp(
        `schema version 99, newer than this agent-credit-gate knows \\(${LATEST}\\); upgrade agent-credit-gate`
      )
    )
  })

  it('keeps one hold when its connection is killed in the middle of the transaction', async () => {
    const store = open(postgres.cluster.url())
    await updateLedger(store, cycle, doc => ({ doc: reserve(doc, holdOf('first'), NOW).doc, result: null }))
    // Another session holds the cycle's row lock, so the gate's transaction stops inside, waiting.
    const blocker = await lockCycles(store)
    const gate = updateLedger(store, cycle, doc => ({
      doc: reserve(doc, holdOf('killed'), NOW).doc,
      result: null
    }))
    let pid: number | undefined
    while (pid === undefined) {
      const r = await blocker.query(
        `select pid from pg_stat_activity where application_name = 'agent-credit-gate' and wait_event_type = 'Lock'`
      )
      pid = r.rows[0]?.pid
    }
    await blocker.query('select pg_terminate_backend($1)', [pid])
    await blocker.query('commit')
    await blocker.end()
    await gate
    const { doc } = await readCycle(store, cycle)
    expect(doc!.entries.map(e => e.key).sort()).toEqual(['first', 'killed'])
    expect(totals(doc!, NOW).heldUsd).toBe(2)
  })

  it('waits for a free connection (53300 too many clients) within its retry time, and says so in one line past it', async () => {
    // A role allowed one connection, that connection taken: the server refuses the store with 53300.
    const name = `slots-${Math.random().toString(36).slice(2)}`
    await updateLedger(open(postgres.cluster.url(), { name }), cycle, doc => ({ doc, result: null }))
    const role = `slot_${Math.random().toString(36).slice(2)}`
    const admin = new pg.Client({ connectionString: postgres.cluster.url() })
    await admin.connect()
    await admin.query(`create role ${role} login password '${PG_PASSWORD}' connection limit 1`)
    await admin.query(`grant usage on schema agent_credit_gate to ${role}`)
    await admin.query(`grant select, insert, update on all tables in schema agent_credit_gate to ${role}`)
    await admin.end()
    const url = postgres.cluster.url().replace(/\/\/acg:/, `//${role}:`)
    const slot = new pg.Client({ connectionString: url })
    await slot.connect()
    const refused = await updateLedger(open(url, { name, reconnectForMs: 500 }), cycle, doc => ({
      doc: reserve(doc, holdOf('no-slot'), NOW).doc,
      result: null
    })).catch((e: Error) => e)
    expect(String(refused)).toMatch(
      /: the server has no free connection \(too many clients\); check the server's max_connections against the gates running at once, or connect through a pooler \(PgBouncer\)$/
    )
    // Once the server has refused the next gate (its log says so), the slot comes free: the gate gets it.
    const gate = updateLedger(open(url, { name, reconnectForMs: 120_000 }), cycle, doc => ({
      doc: reserve(doc, holdOf('slot-freed'), NOW).doc,
      result: null
    }))
    const log = join(postgres.cluster.dir, 'log')
    const said = `too many connections for role "${role}"`
    const count = () => readFileSync(log, 'utf8').split(said).length - 1
    const before = count()
    while (count() <= before) await new Promise(r => setImmediate(r))
    await slot.end()
    await gate
    const { doc } = await readCycle(open(postgres.cluster.url(), { name }), cycle, { all: true })
    expect(doc!.entries.map(e => e.key)).toEqual(['slot-freed'])
  })

  it('says a statement timed out, and writes nothing', async () => {
    const store = open(postgres.cluster.url(), { statementTimeoutMs: 300 })
    await updateLedger(store, cycle, doc => ({ doc: reserve(doc, holdOf('a'), NOW).doc, result: null }))
    const blocker = await lockCycles(store)
    const failed = await updateLedger(store, cycle, doc => ({
      doc: reserve(doc, holdOf('b'), NOW).doc,
      result: null
    })).catch((e: Error) => e)
    await blocker.query('rollback')
    await blocker.end()
    expect(String(failed)).toMatch(
      /postgres ledger postgres:\/\/127\.0\.0\.1:\d+\/postgres \(t-\w+\): the server cancelled a statement \(statement timeout\); nothing of this step was written/
    )
    const { doc } = await readCycle(store, cycle)
    expect(doc!.entries.map(e => e.key)).toEqual(['a'])
  })

  it.each([
    [
      'a wrong password',
      () => postgres.cluster.url('postgres', 'not-the-password'),
      /check the user and password in ledger-url/
    ],
    [
      'a closed port',
      () => `postgres://acg:${PG_PASSWORD}@127.0.0.1:1/postgres?sslmode=disable`,
      /cannot connect \(ECONNREFUSED\); check the host and port in ledger-url/
    ],
    [
      'a server without TLS, the URL not saying',
      () => postgres.cluster.url().replace('?sslmode=disable', ''),
      /does not support SSL connections; use TLS on the server, or for a local server say so in ledger-url: \?sslmode=disable/
    ]
  ])(
    'fails a gate on %s with one line naming what to check, never the password',
    async (_what, url, check) => {
      const { cli } = cliWith({ AGENT_CREDIT_GATE_DATABASE_URL: url() })
      const failed = await cli('gate', ...SMALL_RUN, '--ledger', 'postgres')
      expect(failed.code).not.toBe(0)
      const lines = failed.err.trim().split('\n')
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(check)
      expect(lines[0]).toMatch(/failing closed \(on-ledger-error: fail\)/)
      expect(failed.err + failed.out).not.toContain(PG_PASSWORD)
      const warned = await cli(
        'gate',
        ...SMALL_RUN,
        '--ledger',
        'postgres',
        '--on-ledger-error',
        'warn',
        '--json'
      )
      expect(warned.code).toBe(0)
      expect(JSON.parse(warned.out).notices.join()).toMatch(
        /going on WITHOUT a hold \(on-ledger-error: warn\)/
      )
    }
  )
})
