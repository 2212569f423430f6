import { sql, type Kysely } from 'kysely';

// Match precision (issue 11): each exposure carries the confidence of its surest reason, people of
// the asset's organisation confirm or reject a match (kept apart from kb_exposures, which
// correlation rewrites, so a decision outlives recorrelation), and a product is one family whose
// order numbers are its variants, the name each source wrote kept on the affected entry.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('kb_exposures').addColumn('confidence', 'real', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema
    .createTable('kb_exposure_decisions')
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id').onDelete('cascade'))
    .addColumn('vuln_id', 'text', (c) => c.notNull().references('kb_vulnerabilities.id').onDelete('cascade'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('confirmed', 'rejected')`))
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('kb_exposure_decisions_pk', ['asset_id', 'vuln_id'])
    .execute();
  await db.schema.alterTable('kb_affected').addColumn('product_text', 'text').execute();
  await db.schema.alterTable('kb_products').addColumn('variants', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`)).execute();
}
