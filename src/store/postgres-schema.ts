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
  }
]

export const LATEST = MIGRATIONS[MIGRATIONS.length - 1].version
