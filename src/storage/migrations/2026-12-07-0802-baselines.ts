import { sql, type Kysely } from 'kysely';

// Baselines (issue 13): what is normal per zone (or per organisation where assets carry no zone), learnt
// over a period of event time; the items learnt or accepted, the versions an operator's accept or relearn
// made, the deviations seen after learning, and each organisation's default learning period (ADR 020).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table baselines (
      id text primary key,
      org_id text not null references organisations(id),
      org_path text not null,
      zone text not null default '',
      state text not null default 'learning' check (state in ('learning', 'active')),
      learning_ms bigint not null,
      learn_start timestamptz,
      learned_through timestamptz,
      activated_at timestamptz,
      version integer not null default 0,
      tlp text not null default 'amber',
      shared_upward boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index baselines_org_zone_idx on baselines (org_id, zone)`.execute(db);
  await sql`create index baselines_path_idx on baselines (org_path text_pattern_ops)`.execute(db);

  // One row per thing known: counts and first/last event time; lo/hi for address ranges, iv_* for polling intervals (ms).
  await sql`
    create table baseline_items (
      baseline_id text not null references baselines(id) on delete cascade,
      kind text not null,
      key text not null,
      origin text not null default 'learned' check (origin in ('learned', 'accepted')),
      version_added integer not null default 0,
      count bigint not null default 0,
      first_seen timestamptz not null,
      last_seen timestamptz not null,
      lo double precision,
      hi double precision,
      iv_n bigint not null default 0,
      iv_sum double precision not null default 0,
      iv_sumsq double precision not null default 0,
      iv_min double precision,
      iv_max double precision,
      primary key (baseline_id, kind, key)
    )`.execute(db);

  await sql`
    create table baseline_versions (
      baseline_id text not null references baselines(id) on delete cascade,
      version integer not null,
      change text not null,
      actor text not null,
      details jsonb not null default '{}'::jsonb,
      items integer not null default 0,
      created_at timestamptz not null default now(),
      primary key (baseline_id, version)
    )`.execute(db);

  await sql`
    create table baseline_deviations (
      id text primary key,
      baseline_id text not null references baselines(id) on delete cascade,
      org_id text not null references organisations(id),
      kind text not null,
      key text not null,
      status text not null default 'open' check (status in ('open', 'accepted')),
      expected text not null,
      seen text not null,
      techniques text[] not null default '{}',
      event_ids text[] not null default '{}',
      -- the items that make the deviating event normal: what an accept adds
      adds jsonb not null default '[]'::jsonb,
      count bigint not null default 0,
      first_seen timestamptz not null,
      last_seen timestamptz not null,
      accepted_by text,
      accepted_at timestamptz,
      accepted_version integer
    )`.execute(db);
  await sql`create unique index baseline_deviations_key_idx on baseline_deviations (baseline_id, kind, key)`.execute(db);
  await sql`create index baseline_deviations_open_idx on baseline_deviations (baseline_id, status, last_seen desc)`.execute(db);

  await sql`
    create table baseline_settings (
      org_id text primary key references organisations(id),
      learning_ms bigint not null,
      updated_by text not null,
      updated_at timestamptz not null default now()
    )`.execute(db);
}
