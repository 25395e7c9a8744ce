/**
 * The PostgreSQL ledger's sums: what a gate needs of the entries it does not load, summed by the server
 * under the same rules as src/ledger/sums.ts sumEntries (live = held and not expired at the step's
 * instant; the day = entries created in the 24 hours before it; a scope = scope_keys of the entry). A
 * gate's transaction so reads a few sums from indexes, however many holds are live or runs settled.
 */
import type pg from 'pg'
import type { ScopeSum, Unloaded, Usd } from './types.js'
import { SCHEMA } from './postgres-schema.js'

const s = SCHEMA
const DAY_MS = 86_400_000

const usd = (total: unknown, real: unknown): Usd => ({ usd: Number(total ?? 0), realUsd: Number(real ?? 0) })

/**
 * The money of the cycle's entries whose keys are not in `loaded`, at `at`: every live hold, and per
 * scope in `scopes` its live holds and what was created in the last 24 hours (settled actuals, live holds).
 */
export async function unloadedSums(
  c: pg.PoolClient,
  ledger: string,
  cycleId: string,
  at: string,
  scopes: readonly string[],
  loaded: readonly string[]
): Promise<Unloaded> {
  const dayStart = new Date(Date.parse(at) - DAY_MS).toISOString()
  const args = [ledger, cycleId, at, [...loaded]]
  const live = `select hold_usd as usd, extra->>'money' = 'real' as real, created_at, job_id, extra
    from ${s}.entries where ledger = $1 and cycle_id = $2 and status = 'held'
      and expires_at > $3::timestamptz and key <> all($4::text[])`
  const held = await c.query(
    `select sum(usd) as usd, sum(usd) filter (where real) as real from (${live}) l`,
    args
  )
  const out: Unloaded = { at, held: usd(held.rows[0].usd, held.rows[0].real), byScope: {} }
  if (scopes.length === 0) return out
  for (const scope of scopes) out.byScope[scope] = { held: usd(0, 0), day: usd(0, 0) }
  const r = await c.query(
    `with scoped as (
       select k as scope, usd, real, true as live, created_at > $5::timestamptz as today
         from (${live}) l, unnest(${s}.scope_keys(job_id, extra)) k
       union all
       select k, coalesce(actual_usd, 0), extra->>'money' = 'real', false, true
         from ${s}.entries, unnest(${s}.scope_keys(job_id, extra)) k
         where ledger = $1 and cycle_id = $2 and status = 'settled'
           and created_at > $5::timestamptz and key <> all($4::text[])
     )
     select scope,
       sum(usd) filter (where live) as held, sum(usd) filter (where live and real) as held_real,
       sum(usd) filter (where today) as day, sum(usd) filter (where today and real) as day_real
     from scoped where scope = any($6::text[]) group by scope`,
    [...args, dayStart, [...scopes]]
  )
  for (const row of r.rows)
    out.byScope[row.scope as string] = {
      held: usd(row.held, row.held_real),
      day: usd(row.day, row.day_real)
    } satisfies ScopeSum
  return out
}

/** Every settled entry's money by scope (the trigger's totals) for `scopes`. */
export async function settledScopes(
  c: pg.PoolClient,
  ledger: string,
  cycleId: string,
  scopes: readonly string[]
): Promise<Record<string, { runs: number; usd: number; realUsd: number }>> {
  const r = await c.query(
    `select scope, runs, usd, real_usd from ${s}.settled_scopes
     where ledger = $1 and cycle_id = $2 and scope = any($3::text[])`,
    [ledger, cycleId, [...scopes]]
  )
  return Object.fromEntries(
    r.rows.map(x => [x.scope, { runs: Number(x.runs), usd: Number(x.usd), realUsd: Number(x.real_usd) }])
  )
}
