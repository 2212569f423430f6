import { sql, type Kysely } from 'kysely';

// Event rollups (issue 12, ADR 017): counts per organisation and five-minute bucket, kept by the event
// writer in the transaction that stores the events, so histograms and top-N over days read the rollups.
// `upward` is "shared upward with a TLP that travels upward" (clear, green, amber), the only part of an
// event's marking the visibility rule reads besides its organisation and path. Existing events are
// counted here once; from now on every write adds its new events (sensing/event-rollups.store.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table event_counts (
      org_id text not null,
      bucket timestamptz not null,
      org_path text not null,
      upward boolean not null,
      kind text not null,
      severity smallint not null,
      n bigint not null,
      primary key (org_id, bucket, org_path, upward, kind, severity)
    )`.execute(db);
  await sql`
    create table event_field_counts (
      org_id text not null,
      field text not null,
      bucket timestamptz not null,
      org_path text not null,
      upward boolean not null,
      value text not null,
      n bigint not null,
      primary key (org_id, field, bucket, org_path, upward, value)
    )`.execute(db);
  const bucket = sql`date_bin('300 seconds', time, timestamptz '1970-01-01 00:00:00+00')`;
  const upward = sql`(shared_upward and tlp in ('clear', 'green', 'amber'))`;
  await sql`
    insert into event_counts (org_id, bucket, org_path, upward, kind, severity, n)
    select org_id, ${bucket}, org_path, ${upward}, kind, severity, count(*) from events group by 1, 2, 3, 4, 5, 6`.execute(db);
  await sql`
    insert into event_field_counts (org_id, field, bucket, org_path, upward, value, n)
    select org_id, f.field, ${bucket}, org_path, ${upward}, f.value, count(*)
    from events cross join lateral (values
      ('source.ip', host(source_ip)), ('destination.ip', host(destination_ip)), ('protocol', protocol), ('action', action),
      ('ics.operation', fields #>> '{ics,operation}'), ('ics.protocol', fields #>> '{ics,protocol}'), ('network.protocol', fields #>> '{network,protocol}')
    ) as f(field, value)
    where f.value is not null
    group by 1, 2, 3, 4, 5, 6`.execute(db);
}
