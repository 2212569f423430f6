import { sql, type Kysely } from 'kysely';

// The per-address btrees of events (issue 12, ADR 017) go: they cost about a fifth of the database's CPU
// per stored event (psql \copy measured with and without them), and what they served is now served by
// the rollups: aggregates read them, and a page or scan filtered on an address skips the organisations
// and the times whose rollups hold no such address, then walks (org_id, time) (events-query.store.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists events_source_ip_idx`.execute(db);
  await sql`drop index if exists events_destination_ip_idx`.execute(db);
}
