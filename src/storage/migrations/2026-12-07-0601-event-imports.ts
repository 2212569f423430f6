import { sql, type Kysely } from 'kysely';

// Event import jobs (issue 12): a log file uploaded through the API or the console, parsed in the
// background and offered to the ingest; the row carries its progress so the Sources page can show it.
// `issues` keeps the first problems (line numbers) only; `issues_count` counts them all.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table event_imports (
      id text primary key,
      org_id text not null references organisations(id),
      name text not null,
      format text not null check (format in ('auto', 'zeek', 'suricata', 'syslog', 'winevent', 'ndjson')),
      detected_format text,
      status text not null default 'queued' check (status in ('queued', 'running', 'finished', 'failed')),
      tlp text not null default 'amber',
      shared_upward boolean not null default false,
      size_bytes bigint not null default 0,
      bytes_read bigint not null default 0,
      lines bigint not null default 0,
      events_offered bigint not null default 0,
      events_stored bigint not null default 0,
      issues_count bigint not null default 0,
      issues jsonb not null default '[]'::jsonb,
      error text,
      created_by text not null,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz
    )`.execute(db);
  await sql`create index event_imports_org_created_idx on event_imports (org_id, created_at desc)`.execute(db);
}
