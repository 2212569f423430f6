import { sql, type Kysely } from 'kysely';

// The basic resource library: vulnerabilities merged from many sources, with every claim kept.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('kb_sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    // Admiralty source reliability: A (completely reliable) .. F (cannot be judged).
    .addColumn('reliability', 'text', (c) => c.notNull().check(sql`reliability in ('A', 'B', 'C', 'D', 'E', 'F')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await sql`create sequence kb_vulnerability_seq`.execute(db);
  await db.schema
    .createTable('kb_vulnerabilities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text')
    .addColumn('description', 'text')
    .addColumn('published', 'timestamptz')
    .addColumn('modified', 'timestamptz')
    .addColumn('cvss_version', 'text')
    .addColumn('cvss_vector', 'text')
    .addColumn('cvss_score', 'real')
    .addColumn('grade', 'text')
    .addColumn('gbt_grade', 'text')
    .addColumn('cause_category', 'text')
    .addColumn('cwes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('kev', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('kev_date_added', 'date')
    .addColumn('kev_due_date', 'date')
    .addColumn('kev_ransomware', 'boolean')
    .addColumn('has_fix', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('vendors', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('products', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('device_types', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('conflicts', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('lifecycle', 'text', (c) =>
      c.notNull().defaultTo('published').check(sql`lifecycle in ('collected', 'verified', 'published', 'remediated', 'closed')`),
    )
    // Null: public knowledge from imported sources. Set: submitted by (and visible to) that organisation.
    .addColumn('org_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('tlp', 'text', (c) => c.notNull().defaultTo('clear'))
    .addColumn('search', sql`tsvector`)
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index kb_vuln_search_idx on kb_vulnerabilities using gin (search)`.execute(db);
  await sql`create index kb_vuln_vendors_idx on kb_vulnerabilities using gin (vendors)`.execute(db);
  await sql`create index kb_vuln_published_idx on kb_vulnerabilities (published desc nulls last, id)`.execute(db);

  await db.schema
    .createTable('kb_aliases')
    .addColumn('scheme', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('vuln_id', 'text', (c) => c.notNull().references('kb_vulnerabilities.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('kb_aliases_pk', ['scheme', 'value'])
    .execute();
  await db.schema.createIndex('kb_aliases_vuln_idx').on('kb_aliases').column('vuln_id').execute();

  // Provenance: what each source record said about each field, and when.
  await db.schema
    .createTable('kb_claims')
    .addColumn('vuln_id', 'text', (c) => c.notNull().references('kb_vulnerabilities.id').onDelete('cascade'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull().references('kb_sources.id'))
    .addColumn('source_record_id', 'text', (c) => c.notNull())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('observed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('kb_claims_pk', ['vuln_id', 'field', 'source_id', 'source_record_id'])
    .execute();
  await db.schema.createIndex('kb_claims_record_idx').on('kb_claims').columns(['source_id', 'source_record_id']).execute();

  await db.schema
    .createTable('kb_vendors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('aliases', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();

  await db.schema
    .createTable('kb_products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vendor_id', 'text', (c) => c.notNull().references('kb_vendors.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('device_type', 'text', (c) => c.notNull().defaultTo('unknown'))
    .addColumn('cpe', 'text')
    .addColumn('purl', 'text')
    .execute();
  await db.schema.createIndex('kb_products_vendor_idx').on('kb_products').column('vendor_id').execute();

  await db.schema
    .createTable('kb_affected')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('vuln_id', 'text', (c) => c.notNull().references('kb_vulnerabilities.id').onDelete('cascade'))
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('source_record_id', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('kb_products.id'))
    .addColumn('range_text', 'text', (c) => c.notNull())
    .addColumn('range', 'jsonb', (c) => c.notNull())
    .addColumn('parsed', 'boolean', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('grp', 'text')
    .addColumn('platform_only', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('negate', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex('kb_affected_vuln_idx').on('kb_affected').column('vuln_id').execute();
  await db.schema.createIndex('kb_affected_product_idx').on('kb_affected').column('product_id').execute();
  await db.schema.createIndex('kb_affected_record_idx').on('kb_affected').columns(['source_id', 'source_record_id']).execute();

  await db.schema
    .createTable('kb_remediations')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('vuln_id', 'text', (c) => c.notNull().references('kb_vulnerabilities.id').onDelete('cascade'))
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('source_record_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('product_ids', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
  await db.schema.createIndex('kb_remediations_vuln_idx').on('kb_remediations').column('vuln_id').execute();
  await db.schema.createIndex('kb_remediations_record_idx').on('kb_remediations').columns(['source_id', 'source_record_id']).execute();

  await db.schema
    .createTable('kb_references')
    .addColumn('vuln_id', 'text', (c) => c.notNull().references('kb_vulnerabilities.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('source_record_id', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addPrimaryKeyConstraint('kb_references_pk', ['vuln_id', 'url', 'source_id', 'source_record_id'])
    .execute();

  await db.schema
    .createTable('kb_advisories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('publisher', 'text', (c) => c.notNull())
    .addColumn('published', 'timestamptz')
    .addColumn('modified', 'timestamptz')
    .addColumn('tlp', 'text')
    .addColumn('summary', 'text')
    .addColumn('url', 'text')
    .addColumn('vuln_ids', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('product_ids', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();

  await db.schema
    .createTable('kb_threats')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('stix_type', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('url', 'text')
    .addColumn('deprecated', 'boolean', (c) => c.notNull())
    .addColumn('tactics', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('short_name', 'text')
    .addColumn('platforms', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('modified', 'timestamptz')
    .execute();
  await db.schema.createIndex('kb_threats_external_idx').on('kb_threats').column('external_id').execute();

  await db.schema
    .createTable('kb_threat_relations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_ref', 'text', (c) => c.notNull())
    .addColumn('target_ref', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .execute();
  await db.schema.createIndex('kb_threat_rel_source_idx').on('kb_threat_relations').column('source_ref').execute();
  await db.schema.createIndex('kb_threat_rel_target_idx').on('kb_threat_relations').column('target_ref').execute();

  await db.schema
    .createTable('kb_weaknesses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text')
    .execute();

  // Idempotency: a source record whose content hash is unchanged is skipped on re-import.
  await db.schema
    .createTable('kb_source_records')
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('kb_source_records_pk', ['source_id', 'record_id'])
    .execute();

  await db.schema
    .createTable('kb_import_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('stats', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('issues', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('actor', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('kb_lifecycle_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('vuln_id', 'text', (c) => c.notNull().references('kb_vulnerabilities.id').onDelete('cascade'))
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text')
    .addColumn('note', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Correlation results: which known vulnerability may affect which asset, and why.
  await db.schema
    .createTable('kb_exposures')
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id').onDelete('cascade'))
    .addColumn('vuln_id', 'text', (c) => c.notNull().references('kb_vulnerabilities.id').onDelete('cascade'))
    .addColumn('verdict', 'text', (c) => c.notNull().check(sql`verdict in ('affected', 'unknown')`))
    .addColumn('reasons', 'jsonb', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('kb_exposures_pk', ['asset_id', 'vuln_id'])
    .execute();
  await db.schema.createIndex('kb_exposures_vuln_idx').on('kb_exposures').column('vuln_id').execute();
}
