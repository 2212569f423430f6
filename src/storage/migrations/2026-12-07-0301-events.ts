import { sql, type Kysely } from 'kysely';

// Events (issue 12): one table for every normalized event, partitioned by day on `time` so that
// retention drops whole partitions and time-bounded queries touch only the days they ask for.
// Partitions are created by the writer for the days a batch needs (events.store.ts); there is no
// default partition, because a default partition holding rows for a day blocks creating that day later.
//
// The primary key includes `time` (PostgreSQL requires the partition key in every unique constraint);
// ids are derived from content that includes the time, so a re-sent event collides on it and is dropped.
// The columns beside `fields` are copies of the fields queries filter on most, so those filters use
// plain indexes instead of JSON operators. `org_path` is the organisation's ancestry, copied so that
// a parent's read needs no join on the hot path.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table events (
      org_id text not null references organisations(id),
      org_path text not null,
      id text not null,
      time timestamptz not null,
      received_at timestamptz not null,
      tlp text not null,
      shared_upward boolean not null default false,
      source_type text not null,
      source_id text not null,
      source_name text not null,
      kind text not null,
      severity smallint not null,
      message text not null,
      fields jsonb not null,
      source_ip inet,
      source_port integer,
      destination_ip inet,
      destination_port integer,
      protocol text,
      action text,
      source_asset_id text,
      destination_asset_id text,
      raw text,
      raw_truncated boolean not null default false,
      origin jsonb not null,
      primary key (org_id, id, time)
    ) partition by range (time)`.execute(db);
  await sql`create index events_time_brin on events using brin (time)`.execute(db);
  await sql`create index events_org_time_idx on events (org_id, time desc, id desc)`.execute(db);
  await sql`create index events_source_ip_idx on events (org_id, source_ip, time desc)`.execute(db);
  await sql`create index events_destination_ip_idx on events (org_id, destination_ip, time desc)`.execute(db);
  await sql`create index events_asset_idx on events (source_asset_id, time desc) where source_asset_id is not null`.execute(db);
  await sql`create index events_destination_asset_idx on events (destination_asset_id, time desc) where destination_asset_id is not null`.execute(db);
  await sql`create index events_message_fts on events using gin (to_tsvector('simple', message))`.execute(db);
}
