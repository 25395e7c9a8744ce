/**
 * The PostgreSQL ledger's tables, created on first use by numbered migrations (docs/ledger.md lists the
 * columns). A migration is applied once, under an advisory lock, in the transaction that records its
 * number: any number of first gates at once create the schema exactly once. Money is `double precision`
 * because the ledger's figures are JavaScript numbers and must read back exactly as they were written.
 */

/** Everything lives in this schema, so the ledger can share a database with anything else. */
export const SCHEMA = 'agent_credit_gate'

/** The key of the advisory lock migrations take (any constant; this one spells "acg-schema"). */
export const MIGRATION_LOCK = 0x61636773

export interface Migration {
  version: number
  name: string
  sql: string
}

const s = SCHEMA

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'ledgers, cycles, entries, meters, settled totals by day',
    sql: `
create table ${s}.ledgers (
  ledger text primary key,
  billing_cycle_day integer check (billing_cycle_day between 1 and 31),
  created_at timestamptz not null default now()
);
create table ${s}.cycles (
  ledger text not null,
  cycle_id text not null,
  starts_at timestamptz not null,
  resets_at timestamptz not null,
  revision bigint not null default 0,
  plan text,
  seats integer,
  monthly_credits_usd double precision,
  overage_usd double precision,
  external_spend_usd double precision,
  billing_cycle_day integer,
  account_set_at timestamptz,
  account_set_by text,
  account_extra jsonb,
  folded jsonb,
  history jsonb,
  updated_at timestamptz not null default now(),
  primary key (ledger, cycle_id)
);
create table ${s}.entries (
  ledger text not null,
  cycle_id text not null,
  key text not null,
  job_id text not null,
  status text not null check (status in ('held', 'settled', 'released')),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  expires_at timestamptz not null,
  hold_usd double precision not null check (hold_usd >= 0),
  estimate_p50_usd double precision not null,
  estimate_p90_usd double precision not null,
  estimate_max_usd double precision not null,
  gate_on text not null,
  actual_usd double precision check (actual_usd >= 0),
  claude_reported_usd double precision,
  unverified boolean,
  without_hold boolean,
  model text,
  turns integer,
  subtype text,
  usage jsonb,
  behaviour jsonb,
  price_table_as_of text not null,
  settled_at timestamptz,
  stopped_by text,
  extra jsonb,
  primary key (ledger, cycle_id, key),
  foreign key (ledger, cycle_id) references ${s}.cycles (ledger, cycle_id)
);
create index entries_held on ${s}.entries (ledger, cycle_id) where status = 'held';
create index entries_recent on ${s}.entries (ledger, cycle_id, updated_at desc) where status <> 'held';
create index entries_job on ${s}.entries (ledger, cycle_id, job_id, settled_at desc) where status = 'settled';
create index entries_model on ${s}.entries (ledger, cycle_id, model, settled_at desc) where status = 'settled';
create table ${s}.meters (
  ledger text not null,
  cycle_id text not null,
  account text not null,
  meters jsonb not null,
  primary key (ledger, cycle_id, account),
  foreign key (ledger, cycle_id) references ${s}.cycles (ledger, cycle_id)
);
-- Settled money by UTC day, kept by a trigger so a gate sums a month of days, not every settled row.
create table ${s}.settled_days (
  ledger text not null,
  cycle_id text not null,
  day text not null,
  runs integer not null,
  usd double precision not null,
  primary key (ledger, cycle_id, day)
);
create function ${s}.count_settled() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.status = 'settled' then
    update ${s}.settled_days set runs = runs - 1, usd = usd - coalesce(old.actual_usd, 0)
      where ledger = old.ledger and cycle_id = old.cycle_id
        and day = to_char(coalesce(old.settled_at, old.updated_at) at time zone 'UTC', 'YYYY-MM-DD');
  end if;
  if new.status = 'settled' then
    insert into ${s}.settled_days as d (ledger, cycle_id, day, runs, usd)
      values (new.ledger, new.cycle_id,
        to_char(coalesce(new.settled_at, new.updated_at) at time zone 'UTC', 'YYYY-MM-DD'), 1, coalesce(new.actual_usd, 0))
      on conflict (ledger, cycle_id, day) do update set runs = d.runs + 1, usd = d.usd + excluded.usd;
  end if;
  return null;
end $$;
create trigger count_settled after insert or update on ${s}.entries
  for each row execute function ${s}.count_settled();
`
  },
  {
    version: 2,
    name: "the cycle's refused runs and sent alerts (budgets: what the gate prevented, one alert per crossing)",
    sql: `alter table ${s}.cycles add column extras jsonb;`
  },
  {
    version: 3,
    name: 'settled money by scope kept by the trigger; indexes for the day window and live holds by model',
    sql: `
-- The scope keys an entry's money counts under: src/ledger/spend-limits.ts scopeKeys, in SQL.
create function ${s}.scope_keys(job_id text, extra jsonb) returns text[] language sql immutable as $$
  select array['all', 'job:' || job_id]
    || case when coalesce(extra->>'repository', '') <> '' then array['repository:' || (extra->>'repository')] else array[]::text[] end
    || case when coalesce(extra->>'actor', '') <> '' then array['actor:' || (extra->>'actor')] else array[]::text[] end
    || case when coalesce(extra->>'repository', '') <> '' and extra->>'pr' is not null
         then array['pr:' || (extra->>'repository') || '#' || (extra->>'pr')] else array[]::text[] end
$$;
-- Settled money by scope, kept by the trigger, so a gate's budgets per PR, person, repository and job
-- read one row each instead of summing the cycle's settled rows.
create table ${s}.settled_scopes (
  ledger text not null,
  cycle_id text not null,
  scope text not null,
  runs integer not null,
  usd double precision not null,
  real_usd double precision not null,
  primary key (ledger, cycle_id, scope)
) with (fillfactor = 50); -- updated by every settle: room on the page keeps those updates HOT
insert into ${s}.settled_scopes (ledger, cycle_id, scope, runs, usd, real_usd)
  select ledger, cycle_id, k, count(*), sum(coalesce(actual_usd, 0)),
    coalesce(sum(actual_usd) filter (where extra->>'money' = 'real'), 0)
  from ${s}.entries, unnest(${s}.scope_keys(job_id, extra)) k
  where status = 'settled' group by ledger, cycle_id, k;
create or replace function ${s}.count_settled() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.status = 'settled' then
    update ${s}.settled_days set runs = runs - 1, usd = usd - coalesce(old.actual_usd, 0)
      where ledger = old.ledger and cycle_id = old.cycle_id
        and day = to_char(coalesce(old.settled_at, old.updated_at) at time zone 'UTC', 'YYYY-MM-DD');
    update ${s}.settled_scopes set runs = runs - 1, usd = usd - coalesce(old.actual_usd, 0),
        real_usd = real_usd - case when old.extra->>'money' = 'real' then coalesce(old.actual_usd, 0) else 0 end
      where ledger = old.ledger and cycle_id = old.cycle_id and scope = any(${s}.scope_keys(old.job_id, old.extra));
  end if;
  if new.status = 'settled' then
    insert into ${s}.settled_days as d (ledger, cycle_id, day, runs, usd)
      values (new.ledger, new.cycle_id,
        to_char(coalesce(new.settled_at, new.updated_at) at time zone 'UTC', 'YYYY-MM-DD'), 1, coalesce(new.actual_usd, 0))
      on conflict (ledger, cycle_id, day) do update set runs = d.runs + 1, usd = d.usd + excluded.usd;
    insert into ${s}.settled_scopes as d (ledger, cycle_id, scope, runs, usd, real_usd)
      select new.ledger, new.cycle_id, k, 1, coalesce(new.actual_usd, 0),
        case when new.extra->>'money' = 'real' then coalesce(new.actual_usd, 0) else 0 end
      from unnest(${s}.scope_keys(new.job_id, new.extra)) k
      on conflict (ledger, cycle_id, scope) do update
        set runs = d.runs + 1, usd = d.usd + excluded.usd, real_usd = d.real_usd + excluded.real_usd;
  end if;
  return null;
end $$;
-- A gate loads the newest live hold of each model (the cache-warmth estimate) by index, not by sorting them all.
create index entries_held_model on ${s}.entries (ledger, cycle_id, model, created_at desc) where status = 'held';
-- A gate's day window sums the settled runs created in the last 24 hours, not the cycle's.
create index entries_settled_created on ${s}.entries (ledger, cycle_id, created_at) where status = 'settled';
`
  }
]

export const LATEST = MIGRATIONS[MIGRATIONS.length - 1].version
