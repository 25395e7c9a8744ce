/**
 * The bundled action with `ledger: postgres`, run as the runner runs it against a real server: main
 * holds in the database, post settles there, and the connection string given as a secret appears in
 * no output, summary, state or file.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { copyFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { runJob, makeRunnerDirs } from '../support/runner.js'
import { expectNoSecrets } from '../support/secrets.js'
import { PG_PASSWORD, PostgresCluster, postgresMissing } from '../support/postgres.js'

const missing = postgresMissing()
const maybe = missing ? describe.skip : describe
if (missing) it.skip(`action on a postgres ledger: skipped, ${missing}`, () => undefined)

let cluster: PostgresCluster
beforeAll(async () => {
  if (!missing) cluster = await PostgresCluster.start()
}, 180_000)
afterAll(async () => cluster?.destroy(), 60_000)

maybe('the action on a postgres ledger', () => {
  it('holds in the database in main and settles there in post, the secret never shown', async () => {
    const dirs = makeRunnerDirs()
    const url = cluster.url()
    const { main, post } = await runJob({
      dirs,
      inputs: {
        prompt: 'Review the diff and report bugs.',
        model: 'sonnet',
        'max-turns': '8',
        ledger: 'postgres:org',
        'ledger-url': url,
        'monthly-credits': '20'
      },
      between: d =>
        copyFileSync(
          join(process.cwd(), '__tests__/fixtures/claude-execution-output.json'),
          join(d.temp, 'claude-execution-output.json')
        )
    })
    expect(main.exitCode).toBe(0)
    expect(main.outputs).toMatchObject({ allowed: 'true', decision: 'pass' })
    expect(post.exitCode).toBe(0)
    const report = JSON.parse(readFileSync(main.outputs['report-file'], 'utf8'))
    expect(report.phase).toBe('settled')
    expect(report.ledger.location).toMatch(/^postgres:org@127\.0\.0\.1:\d+\/postgres$/)
    const db = new pg.Client({ connectionString: url })
    await db.connect()
    const rows = await db.query(
      `select key, status, actual_usd from agent_credit_gate.entries where ledger = 'org'`
    )
    await db.end()
    expect(rows.rows).toEqual([
      { key: '1001/1/acme%2Fapi/agent/review/gate', status: 'settled', actual_usd: 0.102756 }
    ])
    const places: Record<string, string> = { report: readFileSync(main.outputs['report-file'], 'utf8') }
    for (const [name, s] of Object.entries({ main, post })) {
      places[`${name} stdout`] = s.stdout
      places[`${name} stderr`] = s.stderr
      places[`${name} summary`] = s.summary
      places[`${name} state`] = JSON.stringify(s.state)
      places[`${name} outputs`] = JSON.stringify(s.outputs)
    }
    expectNoSecrets(places, [url, PG_PASSWORD])
  })

  it('fails closed in one line naming host and database on a wrong password, or goes on with on-ledger-error: warn', async () => {
    for (const onLedgerError of ['fail', 'warn']) {
      const dirs = makeRunnerDirs()
      const url = cluster.url('postgres', 'wrong-pa55word')
      const { main } = await runJob({
        dirs,
        inputs: {
          prompt: 'Review the diff.',
          model: 'sonnet',
          'max-turns': '8',
          ledger: 'postgres',
          'ledger-url': url,
          'monthly-credits': '20',
          'on-ledger-error': onLedgerError
        }
      })
      const said = main.commands
        .filter(c => c.command === 'error' || c.command === 'warning')
        .map(c => c.message)
      expect(said.join('\n')).toMatch(
        /postgres ledger postgres:\/\/127\.0\.0\.1:\d+\/postgres \(default\): password authentication failed for user "acg"; check the user and password in ledger-url/
      )
      expect(main.exitCode).toBe(onLedgerError === 'fail' ? 1 : 0)
      expectNoSecrets({ stdout: main.stdout, stderr: main.stderr, summary: main.summary }, ['wrong-pa55word'])
    }
  })
})
