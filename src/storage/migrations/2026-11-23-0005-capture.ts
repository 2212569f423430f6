import { sql, type Kysely } from 'kysely';

// Capture analysis: jobs with progress, what each job discovered (hosts with identity and evidence,
// communications, operations, malformed packets), organisations' own fingerprint rules, and the
// conflicts between discovered values and what people entered on assets.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('capture_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'running', 'finished', 'failed')`))
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('bytes_read', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('frames', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('summary', 'jsonb')
    .addColumn('error', 'text')
    .addColumn('tlp', 'text', (c) => c.notNull().check(sql`tlp in ('clear', 'green', 'amber', 'amber+strict', 'red')`))
    .addColumn('shared_upward', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('merge_assets', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await sql`create index capture_jobs_org_idx on capture_jobs (org_id, created_at desc)`.execute(db);

  await db.schema
    .createTable('capture_hosts')
    .addColumn('job_id', 'text', (c) => c.notNull().references('capture_jobs.id').onDelete('cascade'))
    .addColumn('host_key', 'text', (c) => c.notNull())
    .addColumn('asset_id', 'text', (c) => c.references('assets.id').onDelete('set null'))
    .addColumn('ip', 'text')
    .addColumn('mac', 'text')
    .addColumn('mac_vendor', 'text')
    .addColumn('first_seen_us', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_us', 'bigint', (c) => c.notNull())
    .addColumn('packets', 'bigint', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('serves', sql`text[]`, (c) => c.notNull())
    .addColumn('uses', sql`text[]`, (c) => c.notNull())
    .addColumn('device_type', 'text')
    .addColumn('roles', 'jsonb', (c) => c.notNull())
    .addColumn('facts', 'jsonb', (c) => c.notNull())
    .addColumn('identity', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('capture_hosts_pk', ['job_id', 'host_key'])
    .execute();
  await sql`create index capture_hosts_asset_idx on capture_hosts (asset_id)`.execute(db);

  await db.schema
    .createTable('capture_communications')
    .addColumn('job_id', 'text', (c) => c.notNull().references('capture_jobs.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('server', 'text', (c) => c.notNull())
    .addColumn('client_mac', 'text')
    .addColumn('server_mac', 'text')
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('port', 'integer')
    .addColumn('protocol', 'text')
    .addColumn('conversations', 'integer', (c) => c.notNull())
    .addColumn('packets', 'bigint', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('first_seen_us', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_us', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('capture_communications_pk', ['job_id', 'seq'])
    .execute();

  await db.schema
    .createTable('capture_operations')
    .addColumn('job_id', 'text', (c) => c.notNull().references('capture_jobs.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('frame', 'bigint', (c) => c.notNull())
    .addColumn('last_frame', 'bigint', (c) => c.notNull())
    .addColumn('time_us', 'bigint', (c) => c.notNull())
    .addColumn('last_time_us', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('protocol', 'text', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'integer')
    .addColumn('target', 'text')
    .addColumn('op_values', 'text')
    .addColumn('unit', 'integer')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('detail', 'text')
    .addPrimaryKeyConstraint('capture_operations_pk', ['job_id', 'seq'])
    .execute();
  await sql`create index capture_operations_time_idx on capture_operations (job_id, time_us, seq)`.execute(db);

  await db.schema
    .createTable('capture_malformed')
    .addColumn('job_id', 'text', (c) => c.notNull().references('capture_jobs.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('frame', 'bigint', (c) => c.notNull())
    .addColumn('layer', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('capture_malformed_pk', ['job_id', 'seq'])
    .execute();

  await db.schema
    .createTable('fingerprint_rules')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('rule', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('fingerprint_rules_pk', ['org_id', 'id'])
    .execute();

  await db.schema
    .createTable('asset_discovery_conflicts')
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id').onDelete('cascade'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text', (c) => c.notNull().references('capture_jobs.id').onDelete('cascade'))
    .addColumn('current_value', 'text', (c) => c.notNull())
    .addColumn('discovered_value', 'text', (c) => c.notNull())
    .addColumn('confidence', 'real', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('asset_discovery_conflicts_pk', ['asset_id', 'field', 'job_id'])
    .execute();
}
