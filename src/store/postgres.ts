/**
 * The PostgreSQL store: each cycle is rows (entries, meters, the cycle's account), not a document. A
 * step's change is one short transaction holding the cycle's row lock (SELECT … FOR UPDATE), so one
 * ledger's gates queue on the database and no write is ever retried for a conflict. The ledger's pure
 * operations decide (src/ledger/rows.ts); this file only moves rows. The connection string is a secret:
 * what this store says names the host and database only.
 */
import { parse as parseConnectionString } from 'pg-connection-string'
import pg from 'pg'
import type {
  CycleExtras,
  CycleFocus,
  CycleRows,
  DocumentStore,
  RowChanges,
  RowLedger,
  StoredText,
  WriteResult
} from './types.js'
import { LATEST, MIGRATIONS, MIGRATION_LOCK, SCHEMA } from './postgres-schema.js'
import { ACCOUNT_COLUMNS, ENTRY_COLUMNS, entryFromRow, fromColumns, toColumns } from './postgres-rows.js'
import { settledScopes, unloadedSums } from './postgres-sums.js'

const s = SCHEMA

/** The document name a store keeps a ledger's reset day under (ledger/cycles.ts). */
const RESET_DAY = 'reset-day'

/** Settled entries loaded in full besides the live ones (status lists ten; the rest are summed). */
const NEWEST_DONE = 20

export interface PostgresStoreOptions {
  /** The connection string (the `ledger-url` secret). */
  url: string
  /** The ledger's name: several ledgers can share one database. */
  name: string
  /** Connections this process may open (a gate needs one; the benchmark many). */
  maxConnections?: number
  /** Milliseconds a statement may run before the server cancels it (default 30 s). */
  statementTimeoutMs?: number
  /** Milliseconds to wait for a connection (default 10 s). */
  connectTimeoutMs?: number
  /** Milliseconds to keep retrying a lost connection (server restarting; default 15 s). */
  reconnectForMs?: number
}

/** Host, port and database of a connection string: all a message may say of it. */
function describeUrl(url: string): string {
  try {
    // As the driver reads it: no host (`postgres://user:pw@/db`) is `?host=` or the default.
    const c = parseConnectionString(url)
    return `postgres://${c.host || 'localhost'}${c.port ? `:${c.port}` : ''}/${c.database ?? ''}`
  } catch {
    return 'postgres (ledger-url is not a URL)'
  }
}

/** True when the URL says how to use TLS; when it does not, TLS is required. */
function saysTls(url: string): boolean {
  try {
    const p = new URL(url).searchParams
    return ['sslmode', 'ssl', 'sslcert', 'sslrootcert', 'sslnegotiation'].some(k => p.has(k))
  } catch {
    return false
  }
}

/** Lost connections, a server starting or out of connection slots (53300), conflicts to run again. */
const TRANSIENT_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '40001',
  '40P01',
  '53300'
])

/** No connection within connectTimeoutMs (the pool's words, then the client's): a busy server or runner. */
const CONNECT_TIMEOUT = /timeout exceeded when trying to connect|timeout expired|connection timeout/i

/** A fault after which running the whole step again on a new connection is safe and may work. */
function transient(error: unknown): boolean {
  const e = error as { code?: string; message?: string }
  if (e.code && TRANSIENT_CODES.has(e.code)) return true
  if (e.code && ['ECONNRESET', 'ECONNREFUSED', 'EPIPE'].includes(e.code)) return true
  return (
    CONNECT_TIMEOUT.test(e.message ?? '') ||
    /Connection terminated|Client has encountered a connection error|the database system is (starting up|shutting down)/i.test(
      e.message ?? ''
    )
  )
}

/** One line naming what went wrong and what to check; never the password. */
function explain(error: unknown, where: string): Error {
  const e = error as { code?: string; message?: string }
  const m = (e.message ?? String(error)).split('\n')[0]
  const say = (what: string, check: string) => new Error(`${where}: ${what}; ${check}`)
  switch (e.code) {
    case '28P01':
    case '28000':
      return say(m, 'check the user and password in ledger-url (the secret)')
    case '3D000':
      return say(m, 'check the database name in ledger-url; create the database first')
    case '57014':
      return say(
        'the server cancelled a statement (statement timeout)',
        "nothing of this step was written; check the server's load and long transactions on the ledger"
      )
    case '53300':
      return say(
        'the server has no free connection (too many clients)',
        "check the server's max_connections against the gates running at once, or connect through a pooler (PgBouncer)"
      )
    case '42501':
      return say(
        m,
        'the ledger user needs CREATE on the database for the first run, then SELECT, INSERT, UPDATE'
      )
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return say(
        `cannot connect (${e.code})`,
        'check the host and port in ledger-url and that the server is up and reachable from this runner'
      )
  }
  if (CONNECT_TIMEOUT.test(m))
    return say(
      'no connection within the time allowed',
      'check the host and port in ledger-url and the server'
    )
  if (/does not support SSL/i.test(m))
    return say(m, 'use TLS on the server, or for a local server say so in ledger-url: ?sslmode=disable')
  if (/self.signed|certificate|SSL|TLS/i.test(m))
    return say(m, 'check the server certificate, or the sslmode/sslrootcert in ledger-url')
  if (transient(error))
    return say(
      `the connection was lost (${m})`,
      'the step was rolled back and tried again until the retry time ran out; check that the server is up'
    )
  return say(m, 'check the server log')
}

const sleep = (ms: number) => new Promise<void>(r => setTimeout(r, ms))

/**
 * The keys of the entries a step reads (a union of selects; its values pushed onto `args`, whose $1 and
 * $2 are the ledger and the cycle): live holds (with `focus.now`, only the newest of each model: the
 * rest are summed), the newest done ones, the newest settled run of each model, its run's, its job's
 * history, and `extraKeys`. Each is an index lookup: none reads the cycle's settled rows one by one.
 */
function focusedKeys(focus: CycleFocus, extraKeys: string[], args: unknown[]): string {
  const arg = (v: unknown) => `$${args.push(v)}`
  const where = `ledger = $1 and cycle_id = $2`
  const at = focus.now === undefined ? '' : arg(focus.now)
  const parts = [
    at
      ? newestPerModel(
          `${where} and status = 'held'`,
          `expires_at > ${at}::timestamptz and created_at <= ${at}::timestamptz`,
          'created_at'
        )
      : `select key from ${s}.entries where ${where} and status = 'held'`,
    `(select key from ${s}.entries where ${where} and status <> 'held' order by updated_at desc limit ${NEWEST_DONE})`,
    newestPerModel(`${where} and status = 'settled'`, 'true', 'settled_at')
  ]
  const keys = [...(focus.key ? [focus.key] : []), ...extraKeys]
  if (keys.length > 0) parts.push(`select key from ${s}.entries where ${where} and key = any(${arg(keys)})`)
  if (focus.runId !== undefined)
    parts.push(
      `select key from ${s}.entries where ${where} and key like ${arg(`${encodeURIComponent(focus.runId).replace(/[\\%_]/g, m => `\\${m}`)}/%`)}`
    )
  if (focus.jobId !== undefined)
    parts.push(
      `(select key from ${s}.entries where ${where} and status = 'settled' and job_id = ${arg(focus.jobId)}
         and unverified is not true order by settled_at desc limit ${arg(Math.max(0, focus.runs ?? 20))})`
    )
  return parts.join(' union ')
}

/**
 * The key of the newest entry (by `newest`) of each model among the entries `where` selects that pass
 * `filter`: one index probe per model (PostgreSQL has no skip scan, and DISTINCT ON would sort every
 * live hold or read every settled row of the cycle). Needs an index on (ledger, cycle_id, model, newest).
 * An entry without a model is left out: no run's cache warmth matches it (lastRunAt).
 */
function newestPerModel(where: string, filter: string, newest: string): string {
  const from = `${s}.entries where ${where}`
  return `(with recursive m(model) as (
      (select model from ${from} and model is not null order by model limit 1)
      union all
      select (select model from ${from} and model > m.model order by model limit 1) from m where m.model is not null
    )
    select (select key from ${from} and ${filter} and model = m.model order by ${newest} desc limit 1) from m
      where m.model is not null)`
}

export class PostgresStore implements DocumentStore {
  readonly rows: RowLedger = {
    read: (cycleId, focus) => this.transaction(c => this.load(c, cycleId, focus, false), true),
    update: (cycleId, focus, work) => this.transaction(c => this.updateIn(c, cycleId, focus, work)),
    import: (cycleId, changes) =>
      this.transaction(async c => {
        if (await this.cycleRow(c, cycleId, true))
          throw new InvalidLedger(
            `${this.where}: cycle ${cycleId} exists here already; copy into a ledger that does not have it`
          )
        await this.save(c, cycleId, changes.rows, changes.revision)
        // A whole cycle at once: the planner's statistics would otherwise still see an empty ledger.
        await c.query(`analyze ${s}.entries`)
      })
  }
  private readonly pool: pg.Pool
  private migrated: Promise<void> | undefined
  /** Once the server has answered, a refused connection is a restart to wait out, not a wrong address. */
  private connected = false
  private readonly where: string

  constructor(private readonly opts: PostgresStoreOptions) {
    this.where = `postgres ledger ${describeUrl(opts.url)} (${opts.name})`
    this.pool = new pg.Pool({
      connectionString: opts.url,
      ...(saysTls(opts.url) ? {} : { ssl: true }),
      max: opts.maxConnections ?? 2,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
      // Also bounds a gate's wait for the cycle's row lock: a stuck transaction elsewhere cannot hang it.
      statement_timeout: opts.statementTimeoutMs ?? 30_000,
      application_name: 'agent-credit-gate',
      // A step's process ends when its work does, not when idle connections time out.
      allowExitOnIdle: true
    })
    // An idle connection the server closed (a restart) must not end the process; the next query reconnects.
    this.pool.on('error', () => undefined)
    // The same for one in use: its query fails too, and that failure is what the step handles.
    this.pool.on('connect', client => {
      this.connected = true
      client.on('error', () => undefined)
    })
  }

  describe(): string {
    return `postgres:${this.opts.name}@${describeUrl(this.opts.url).replace(/^postgres:\/\//, '')}`
  }

  locate(name: string): string {
    return `${this.describe()} cycle ${name}`
  }

  async close(): Promise<void> {
    await this.pool.end()
  }

  /** Run `fn` in a transaction on one connection, again on a new one after a lost connection. */
  private async transaction<T>(fn: (c: pg.PoolClient) => Promise<T>, readOnly = false): Promise<T> {
    const deadline = Date.now() + (this.opts.reconnectForMs ?? 15_000)
    for (let attempt = 0; ; attempt++) {
      let client: pg.PoolClient | undefined
      try {
        await this.migrate()
        client = await this.pool.connect()
        await client.query(readOnly ? 'begin isolation level repeatable read read only' : 'begin')
        const out = await fn(client)
        await client.query('commit')
        client.release()
        return out
      } catch (error) {
        if (client) {
          await client.query('rollback').catch(() => undefined)
          client.release(transient(error) ? (error as Error) : undefined)
        }
        if (error instanceof InvalidLedger) throw error
        // A lost connection rolls back what it had not committed; one lost after COMMIT was sent may have
        // committed, and running the step again finds its own work (every operation is idempotent by key).
        const refused = (error as { code?: string }).code === 'ECONNREFUSED'
        if (!transient(error) || (refused && !this.connected) || Date.now() > deadline)
          throw explain(error, this.where)
        if ((error as Error).message?.includes('terminated') && attempt === 0) this.migrated = undefined
        await sleep(Math.min(2000, 100 * 2 ** attempt) * (0.5 + Math.random() / 2))
      }
    }
  }

  /** Create or upgrade the tables once per process; refuse a database a newer version has migrated. */
  private migrate(): Promise<void> {
    this.migrated ??= this.applyMigrations().catch(error => {
      this.migrated = undefined
      throw error
    })
    return this.migrated
  }

  private async applyMigrations(): Promise<void> {
    const client = await this.pool.connect()
    try {
      const current = async () =>
        Number(
          (
            await client.query(
              `select coalesce((select max(version) from ${s}.migrations), 0) as v
               where to_regclass('${s}.migrations') is not null`
            )
          ).rows[0]?.v ?? 0
        )
      let version = await current().catch(() => 0)
      if (version < LATEST) {
        await client.query('begin')
        try {
          await client.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
          await client.query(`create schema if not exists ${s}`)
          await client.query(
            `create table if not exists ${s}.migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())`
          )
          version = await current()
          for (const m of MIGRATIONS.filter(x => x.version > version)) {
            await client.query(m.sql)
            await client.query(`insert into ${s}.migrations (version, name) values ($1, $2)`, [
              m.version,
              m.name
            ])
          }
          await client.query('commit')
        } catch (error) {
          await client.query('rollback').catch(() => undefined)
          throw error
        }
        // What it just committed, or what another process had (LATEST or newer): no need to ask again.
        version = Math.max(version, LATEST)
      }
      if (version > LATEST)
        throw new InvalidLedger(
          `${this.where}: the database's ledger tables are at schema version ${version}, newer than this agent-credit-gate knows (${LATEST}); upgrade agent-credit-gate`
        )
    } finally {
      client.release()
    }
  }

  // ---- the reset day, the one small document the ledger keeps besides its cycles

  async read(name: string): Promise<StoredText> {
    if (name !== RESET_DAY) throw new Error(`${this.where}: a cycle is rows here, not a document (${name})`)
    const day = await this.transaction(async c => {
      const r = await c.query(`select billing_cycle_day from ${s}.ledgers where ledger = $1`, [
        this.opts.name
      ])
      return (r.rows[0]?.billing_cycle_day as number | null | undefined) ?? null
    }, true)
    if (day === null) return { text: null, version: null }
    const text = JSON.stringify({ schema: 'agent-credit-gate/reset-day@1', billingCycleDay: day }) + '\n'
    return { text, version: String(day) }
  }

  async write(name: string, text: string, version: string | null): Promise<WriteResult> {
    if (name !== RESET_DAY) throw new Error(`${this.where}: a cycle is rows here, not a document (${name})`)
    const day = Number((JSON.parse(text) as { billingCycleDay: unknown }).billingCycleDay)
    const ok = await this.transaction(async c => {
      const r = await c.query(
        `insert into ${s}.ledgers as l (ledger, billing_cycle_day) values ($1, $2)
         on conflict (ledger) do update set billing_cycle_day = excluded.billing_cycle_day
         where l.billing_cycle_day is not distinct from $3::integer`,
        [this.opts.name, day, version === null ? null : Number(version)]
      )
      return r.rowCount === 1
    })
    return ok ? { ok: true, version: String(day) } : { ok: false }
  }

  async cycles(): Promise<string[]> {
    return this.transaction(async c => {
      const r = await c.query(`select cycle_id from ${s}.cycles where ledger = $1 order by cycle_id`, [
        this.opts.name
      ])
      return r.rows.map(x => x.cycle_id as string)
    }, true)
  }

  // ---- cycles as rows

  /** The cycle row, locked when `lock`; null when the cycle has no row yet. */
  private async cycleRow(c: pg.PoolClient, cycleId: string, lock: boolean) {
    const r = await c.query(
      `select c.*,
         (select coalesce(json_object_agg(m.account, m.meters), '{}') from ${s}.meters m
           where m.ledger = c.ledger and m.cycle_id = c.cycle_id) as meters_by_account,
         (select coalesce(json_object_agg(d.day, json_build_object('runs', d.runs, 'usd', d.usd)), '{}')
           from ${s}.settled_days d where d.ledger = c.ledger and d.cycle_id = c.cycle_id) as settled_by_day
       from ${s}.cycles c where c.ledger = $1 and c.cycle_id = $2 ${lock ? 'for update of c' : ''}`,
      [this.opts.name, cycleId]
    )
    return r.rows[0] as Record<string, unknown> | undefined
  }

  /** The entries a step reads: every one with `focus.all`, else those `focusedKeys` names. */
  private async entries(c: pg.PoolClient, cycleId: string, focus: CycleFocus, extraKeys: string[]) {
    const args: unknown[] = [this.opts.name, cycleId]
    // The keys as an array computed first, so the rows are fetched by key whatever the planner
    // estimates the union to return (a join could read the whole cycle).
    const only = focus.all ? '' : `and e.key = any(array(${focusedKeys(focus, extraKeys, args)}))`
    const r = await c.query(
      `select e.* from ${s}.entries e
       where e.ledger = $1 and e.cycle_id = $2 ${only} order by e.created_at, e.key`,
      args
    )
    return r.rows.map(entryFromRow)
  }

  private async load(
    c: pg.PoolClient,
    cycleId: string,
    focus: CycleFocus,
    lock: boolean,
    extraKeys: string[] = []
  ): Promise<CycleRows> {
    let row = await this.cycleRow(c, cycleId, lock)
    if (!row && lock) {
      // No row to lock yet: the cycle's first writers queue on an advisory lock instead, and the first
      // creates the row the others then lock.
      await c.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`${this.opts.name}/${cycleId}`])
      row = await this.cycleRow(c, cycleId, true)
    }
    if (!row) return { cycle: null, entries: [], meters: {}, settledByDay: {} }
    const account = fromColumns(ACCOUNT_COLUMNS, row, 'account_extra')
    const entries = await this.entries(c, cycleId, focus, extraKeys)
    const scopes = [...new Set(['all', ...(focus.scopes ?? [])])]
    const { name } = this.opts
    const summed = focus.all
      ? {}
      : {
          settledByScope: await settledScopes(c, name, cycleId, scopes),
          ...(focus.now === undefined
            ? {}
            : {
                unloaded: await unloadedSums(
                  c,
                  name,
                  cycleId,
                  focus.now,
                  focus.scopes ?? [],
                  entries.map(e => e.key)
                )
              })
        }
    return {
      cycle: {
        id: cycleId,
        start: (row.starts_at as Date).toISOString(),
        resetsAt: (row.resets_at as Date).toISOString(),
        revision: Number(row.revision),
        ...(Object.keys(account).length > 0 ? { account } : {}),
        ...(row.folded ? { folded: row.folded } : {}),
        ...(row.history ? { history: row.history } : {}),
        ...(row.extras ? { extras: row.extras as CycleExtras } : {})
      },
      entries,
      meters: row.meters_by_account as Record<string, unknown>,
      settledByDay: row.settled_by_day as Record<string, { runs: number; usd: number }>,
      ...summed
    }
  }

  /**
   * Lock the cycle, load its rows, let `work` decide, write what it changed. An insert of a key the load
   * left out (a late settle of an old run) loads that row and decides again: nothing counts twice.
   */
  private async updateIn(
    c: pg.PoolClient,
    cycleId: string,
    focus: CycleFocus,
    work: (rows: CycleRows) => RowChanges | null
  ): Promise<{ revision: number }> {
    const extraKeys: string[] = []
    for (;;) {
      const rows = await this.load(c, cycleId, focus, true, extraKeys)
      const changes = work(rows)
      if (!changes) return { revision: rows.cycle?.revision ?? 0 }
      // The load found every key it asked for by name (the step's own, as a gate's new hold is) or, with
      // focus.all, every key there is: only a key outside both may exist unloaded.
      const asked = new Set([
        ...rows.entries.map(e => e.key),
        ...(focus.key ? [focus.key] : []),
        ...extraKeys
      ])
      const fresh = focus.all ? [] : changes.entries.map(e => e.key).filter(k => !asked.has(k))
      if (fresh.length > 0) {
        const r = await c.query(
          `select key from ${s}.entries where ledger = $1 and cycle_id = $2 and key = any($3)`,
          [this.opts.name, cycleId, fresh]
        )
        if (r.rows.length > 0) {
          extraKeys.push(...r.rows.map(x => x.key as string))
          continue
        }
      }
      return { revision: await this.save(c, cycleId, changes) }
    }
  }

  /** Write what a step changed, and move the cycle's revision on; returns the new revision. */
  private async save(
    c: pg.PoolClient,
    cycleId: string,
    changes: RowChanges,
    revision?: number
  ): Promise<number> {
    const { name } = this.opts
    const { cycle } = changes
    const accountCols = [...ACCOUNT_COLUMNS.map(([, col]) => col), 'account_extra']
    const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v))
    const cycleArgs = [
      name,
      cycleId,
      cycle.start,
      cycle.resetsAt,
      ...toColumns(ACCOUNT_COLUMNS, cycle.account ?? {}),
      json(cycle.folded),
      revision ?? 1,
      json(cycle.history),
      json(cycle.extras)
    ]
    const r = await c.query(
      `insert into ${s}.cycles as c (ledger, cycle_id, starts_at, resets_at, ${accountCols.join(', ')}, folded, revision, history, extras)
       values (${cycleArgs.map((_, i) => `$${i + 1}`).join(', ')})
       on conflict (ledger, cycle_id) do update set
         ${accountCols.map(col => `${col} = excluded.${col}`).join(', ')},
         history = coalesce(excluded.history, c.history), extras = coalesce(excluded.extras, c.extras), revision = c.revision + 1, updated_at = now()
       returning revision`,
      cycleArgs
    )
    const entryCols = [...ENTRY_COLUMNS.map(([, col]) => col), 'extra']
    for (let i = 0; i < changes.entries.length; i += 500) {
      const chunk = changes.entries.slice(i, i + 500)
      const args: unknown[] = [name, cycleId]
      const values = chunk.map(e => {
        const cols = toColumns(ENTRY_COLUMNS, e)
        return `($1, $2, ${cols.map(v => `$${args.push(v)}`).join(', ')})`
      })
      await c.query(
        `insert into ${s}.entries (ledger, cycle_id, ${entryCols.join(', ')}) values ${values.join(', ')}
         on conflict (ledger, cycle_id, key) do update set
           ${entryCols
             .filter(col => col !== 'key')
             .map(col => `${col} = excluded.${col}`)
             .join(', ')}`,
        args
      )
    }
    for (const [account, meters] of Object.entries(changes.meters)) {
      await c.query(
        `insert into ${s}.meters (ledger, cycle_id, account, meters) values ($1, $2, $3, $4)
         on conflict (ledger, cycle_id, account) do update set meters = excluded.meters`,
        [name, cycleId, account, JSON.stringify(meters)]
      )
    }
    return Number(r.rows[0].revision)
  }
}

/** A ledger the database holds in a shape this version must not touch, or a copy that would overwrite. */
class InvalidLedger extends Error {}
