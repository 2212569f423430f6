import { sql, type Kysely } from 'kysely';

// Per-organisation event retention (issue 12): an organisation may keep its events for fewer or more
// days than BULWARK_EVENT_RETENTION_DAYS. Absent: the default.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table event_retention (
      org_id text primary key references organisations(id),
      days integer not null check (days >= 1)
    )`.execute(db);
}
