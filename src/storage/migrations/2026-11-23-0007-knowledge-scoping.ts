import { sql, type Kysely } from 'kysely';

// Knowledge visibility: submissions may keep to their organisation (not shared upward), and
// import runs belong to the organisation that started them (null: the local operator).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('kb_vulnerabilities').addColumn('shared_upward', 'boolean', (c) => c.notNull().defaultTo(true)).execute();
  await db.schema.alterTable('kb_import_runs').addColumn('org_id', 'text', (c) => c.references('organisations.id')).execute();
  await sql`create index kb_import_runs_org_idx on kb_import_runs (org_id, started_at desc)`.execute(db);
}
