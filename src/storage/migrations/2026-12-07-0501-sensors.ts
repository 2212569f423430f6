import { sql, type Kysely } from 'kysely';

// Sensors (issue 12): capture sensors that ship events to this node with a token of their own. The
// token may only write events for the sensor's organisation (ADR 016); only its hash is stored.
// The counters are what the Sources page shows: what the server received, and what the sensor says it
// dropped (its spool was full) or read (packets), reported with every batch.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sensors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_prefix', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('last_contact_at', 'timestamptz')
    .addColumn('last_address', 'text')
    .addColumn('batches_received', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('events_received', 'bigint', (c) => c.notNull().defaultTo(0))
    // The sensor's own figures, as last reported (X-Bulwark-Sensor-Stats).
    .addColumn('reported', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  // One live sensor of a name per organisation; a revoked one frees its name.
  await sql`create unique index sensors_org_name_idx on sensors (org_id, name) where revoked_at is null`.execute(db);
}
