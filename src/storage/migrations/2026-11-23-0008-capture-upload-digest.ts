import { sql, type Kysely } from 'kysely';

// The SHA-256 of each analyzed capture, so that uploading the same file again for the same
// organisation answers with the job that exists (unless a new analysis is asked for).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('capture_jobs').addColumn('sha256', 'text').execute();
  await sql`create index capture_jobs_digest_idx on capture_jobs (org_id, sha256, size_bytes) where sha256 is not null`.execute(db);
}
