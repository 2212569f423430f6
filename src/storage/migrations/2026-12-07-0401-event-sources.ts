import { sql, type Kysely } from 'kysely';

// Event sources (issue 12): the syslog listeners, MQTT subscriptions and followed Zeek, Suricata and
// Windows event files an organisation defines; the server runs the enabled ones. `config` holds the
// type's settings (validated by the service per type); `counters` the totals saved when a running
// source stops or changes, so they survive restarts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table event_sources (
      id text primary key,
      org_id text not null references organisations(id),
      type text not null check (type in ('syslog', 'mqtt', 'zeek', 'suricata', 'winevent')),
      name text not null,
      config jsonb not null,
      enabled boolean not null default true,
      tlp text not null default 'amber',
      shared_upward boolean not null default false,
      created_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      last_error text,
      counters jsonb not null default '{}'::jsonb,
      unique (org_id, name)
    )`.execute(db);
  await sql`create index event_sources_enabled_idx on event_sources (enabled, type)`.execute(db);
}
