import { sql, type Kysely } from 'kysely';

// CACAO playbooks per organisation, one row per version (same playbook id, another `modified`).
// Secrets of authentication_info are sealed apart from the content (ADR 008); the content keeps
// everything else of the document as imported, extensions included.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('playbooks')
    .addColumn('row_id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('playbook_id', 'text', (c) => c.notNull())
    .addColumn('modified', 'text', (c) => c.notNull())
    .addColumn('modified_at', 'timestamptz', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('sealed_secrets', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('signed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('revoked', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('step_count', 'integer', (c) => c.notNull())
    .addColumn('tlp', 'text', (c) => c.notNull())
    .addColumn('shared_upward', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('imported_by', 'text')
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('playbooks_version_key', ['org_id', 'playbook_id', 'modified'])
    .execute();
  await db.schema.createIndex('playbooks_latest_idx').on('playbooks').columns(['org_id', 'playbook_id', 'modified_at']).execute();
}
