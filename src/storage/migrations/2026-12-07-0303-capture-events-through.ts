import { type Kysely } from 'kysely';

// Capture operations become events after the job, in chunks, by the server (sensing/capture-events.ts):
// `events_through` is the operation sequence number up to which (exclusive) a job's events are stored,
// so the emission resumes where it stopped after a restart and never holds a capture job's own time.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('capture_jobs').addColumn('events_through', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
}
