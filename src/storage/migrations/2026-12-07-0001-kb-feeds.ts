import { sql, type Kysely } from 'kysely';

// Scheduled knowledge feeds (CSAF providers, ROLIE, KEV, NVD API 2.0, OSV, CNVD). Shared knowledge is
// the root organisation's, so feeds are platform-wide: one name space, no owning organisation.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('kb_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('csaf', 'rolie', 'kev', 'nvd', 'osv', 'cnvd')`))
    .addColumn('url', 'text', (c) => c.notNull())
    // The NVD API key, sealed (ADR 008); never returned by the API.
    .addColumn('auth', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('options', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // Where the next run goes on from: validators (ETag, Last-Modified) and per-kind cursors.
    .addColumn('state', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('interval_minutes', 'integer', (c) => c.check(sql`interval_minutes between 5 and 10080`))
    .addColumn('next_run_at', 'timestamptz')
    .addColumn('last_run_at', 'timestamptz')
    .addColumn('last_result', 'jsonb')
    .addColumn('last_error', 'text')
    // Set while a run is under way (one at a time per feed), with what it has done so far.
    .addColumn('running_since', 'timestamptz')
    .addColumn('progress', 'jsonb')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('kb_feeds_due_idx').on('kb_feeds').column('next_run_at').where(sql.ref('next_run_at'), 'is not', null).execute();
}
