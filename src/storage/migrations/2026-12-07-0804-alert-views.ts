import { sql, type Kysely } from 'kysely';

// The alert queue's filters that a person saves under a name (issue 13's saved views), per user.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alert_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('filter', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('alert_views_name_key', ['user_id', 'name'])
    .execute();
}
