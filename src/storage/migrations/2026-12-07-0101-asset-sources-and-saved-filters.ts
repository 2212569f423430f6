import { sql, type Kysely } from 'kysely';

// Where each fact of an asset came from (a person, passive discovery, a CSV import), so the asset
// page can say it; and the assets list's filters that people save under a name, per user.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('asset_field_sources')
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id').onDelete('cascade'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('person', 'discovery', 'import')`))
    // The capture job for discovery; null otherwise.
    .addColumn('job_id', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('asset_field_sources_pk', ['asset_id', 'field'])
    .execute();

  await db.schema
    .createTable('asset_saved_filters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('filter', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('asset_saved_filters_name_key', ['user_id', 'name'])
    .execute();
}
