import { sql, type Kysely } from 'kysely';

// Re-import deletes references by source record; search resolves any identifier by alias value.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index kb_references_record_idx on kb_references (source_id, source_record_id)`.execute(db);
  await sql`create index kb_aliases_value_idx on kb_aliases (value)`.execute(db);
}
