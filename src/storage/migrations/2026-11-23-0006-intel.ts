import { sql, type Kysely } from 'kysely';

// Threat intelligence: STIX objects with every version each organisation holds, where each version
// came from, contradictions between holders, import jobs (also TAXII status resources), and TAXII
// collections defined by organisations over their own store.
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row hands out date_added values: a batch reserves a range under the row lock, held until
  // its transaction commits, so values are unique and become visible in increasing order.
  await db.schema
    .createTable('intel_clock')
    .addColumn('id', 'smallint', (c) => c.primaryKey())
    .addColumn('last_us', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into intel_clock (id, last_us) values (1, 0)`.execute(db);

  await db.schema
    .createTable('intel_objects')
    // No foreign key: a per-row check costs a fifth of bulk import time, and organisations are never deleted.
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    // The object's own version timestamp text (modified, else created), kept as written.
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('version_us', 'bigint', (c) => c.notNull())
    // date_added in microseconds since the epoch: unique, increasing in commit order (TAXII paging).
    .addColumn('added_us', 'bigint', (c) => c.notNull())
    .addColumn('spec_version', 'text', (c) => c.notNull())
    .addColumn('tlp', 'text', (c) => c.notNull().check(sql`tlp in ('clear', 'green', 'amber', 'amber+strict', 'red')`))
    .addColumn('shared_upward', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('confidence', 'smallint', (c) => c.check(sql`confidence between 0 and 100`))
    // Who said it: a named feed or source, or '' for the organisation itself.
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reliability', 'text', (c) => c.notNull().defaultTo('F').check(sql`reliability in ('A', 'B', 'C', 'D', 'E', 'F')`))
    .addColumn('revoked', 'boolean', (c) => c.notNull().defaultTo(false))
    // The newest version this organisation holds of this id (kept by the writer).
    .addColumn('latest', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('labels', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('pattern_key', 'text')
    .addColumn('source_ref', 'text')
    .addColumn('target_ref', 'text')
    .addColumn('refs', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('object', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    // Id first: lookups by id across holders, versions in order, and exports walk this index.
    .addPrimaryKeyConstraint('intel_objects_pk', ['id', 'version_us', 'org_id'])
    .execute();
  await sql`create unique index intel_objects_added_idx on intel_objects (added_us)`.execute(db);
  await sql`create index intel_objects_org_added_idx on intel_objects (org_id, added_us)`.execute(db);
  await sql`create index intel_objects_type_idx on intel_objects (type, added_us)`.execute(db);
  await sql`create index intel_objects_source_ref_idx on intel_objects (source_ref) where source_ref is not null`.execute(db);
  await sql`create index intel_objects_target_ref_idx on intel_objects (target_ref) where target_ref is not null`.execute(db);
  await sql`create index intel_objects_pattern_idx on intel_objects (pattern_key) where pattern_key is not null`.execute(db);
  await sql`
    create index intel_objects_shared_idx on intel_objects (added_us)
    where shared_upward and tlp in ('clear', 'green', 'amber')`.execute(db);

  // Further sources that supplied a version an organisation already held (the first is on the row).
  await db.schema
    .createTable('intel_provenance')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('version_us', 'bigint', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reliability', 'text', (c) => c.notNull())
    .addColumn('confidence', 'smallint')
    .addColumn('first_seen', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('intel_provenance_pk', ['id', 'version_us', 'org_id', 'source'])
    .addForeignKeyConstraint('intel_provenance_object_fk', ['id', 'version_us', 'org_id'], 'intel_objects', ['id', 'version_us', 'org_id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('intel_conflicts')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('content', 'revoked', 'disputed')`))
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('other_org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('other_source', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('detected_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`
    create unique index intel_conflicts_key_idx
    on intel_conflicts (object_id, kind, version, org_id, source, other_org_id, other_source)`.execute(db);

  // Bundle imports and TAXII add-objects requests; a TAXII status resource is one of these rows.
  await db.schema
    .createTable('intel_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('bundle', 'taxii')`))
    .addColumn('collection_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'complete', 'failed')`))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('successes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('failures', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('report', 'jsonb')
    .addColumn('error', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await sql`create index intel_imports_org_idx on intel_imports (org_id, created_at desc)`.execute(db);

  await db.schema
    .createTable('taxii_collections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('alias', 'text', (c) => c.unique())
    .addColumn('filter', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('readers', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('writers', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Remote TAXII collections an organisation pulls from or pushes to, with where each run stopped.
  await db.schema
    .createTable('taxii_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('pull', 'push')`))
    .addColumn('url', 'text', (c) => c.notNull())
    // Credentials for the remote server; never returned by the API.
    .addColumn('auth', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('options', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('state', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('last_run_at', 'timestamptz')
    .addColumn('last_error', 'text')
    // What the last run did, for the console ({ pages, objects, stored, duplicates, failed, complete, error }).
    .addColumn('last_result', 'jsonb')
    // Scheduled feeds run every interval_minutes; next_run_at is claimed atomically so one process runs each turn.
    .addColumn('interval_minutes', 'integer', (c) => c.check(sql`interval_minutes between 5 and 10080`))
    .addColumn('next_run_at', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('taxii_feeds_name_uq', ['org_id', 'name'])
    .execute();
  await db.schema.createIndex('taxii_feeds_due_idx').on('taxii_feeds').column('next_run_at').where(sql.ref('next_run_at'), 'is not', null).execute();
}
