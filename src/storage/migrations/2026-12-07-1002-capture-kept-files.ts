import { sql, type Kysely } from 'kysely';

// Where a capture job's file is kept after analysis, for packet evidence (an alert's frames as a pcap).
// Uploads are moved into the data directory's captures folder instead of being deleted; a file analyzed
// in place by the CLI is named where it lies. Null: nothing kept (jobs from before, failed jobs).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table capture_jobs add column kept_path text`.execute(db);
}
