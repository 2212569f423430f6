// Queries on the intelligence store. Nothing else touches the intel_* tables.
import { sql, type Expression, type SqlBool } from 'kysely';
import { bulkInsert, type BulkColumns, type Db } from '../../storage/index.js';
import { upwardReaderRoles, type Actor } from '../../platform/access.js';
import { tlpShareableUpward, type Tlp } from '../../platform/tlp.js';

/** One stored version, as the writer prepares it. */
export interface VersionRow {
  readonly org_id: string;
  readonly id: string;
  readonly type: string;
  readonly version: string;
  readonly version_us: number;
  readonly added_us: number;
  readonly spec_version: string;
  readonly tlp: Tlp;
  readonly shared_upward: boolean;
  readonly confidence: number | null;
  readonly source: string;
  readonly reliability: string;
  readonly revoked: boolean;
  readonly latest: boolean;
  readonly labels: readonly string[];
  readonly pattern_key: string | null;
  readonly source_ref: string | null;
  readonly target_ref: string | null;
  readonly refs: readonly string[];
  readonly content_hash: string;
  readonly object: unknown;
  readonly created_by: string;
}

const versionColumns: BulkColumns = [
  ['org_id', 'text'],
  ['id', 'text'],
  ['type', 'text'],
  ['version', 'text'],
  ['version_us', 'bigint'],
  ['added_us', 'bigint'],
  ['spec_version', 'text'],
  ['tlp', 'text'],
  ['shared_upward', 'boolean'],
  ['confidence', 'smallint'],
  ['source', 'text'],
  ['reliability', 'text'],
  ['revoked', 'boolean'],
  ['latest', 'boolean'],
  ['labels', 'text[]'],
  ['pattern_key', 'text'],
  ['source_ref', 'text'],
  ['target_ref', 'text'],
  ['refs', 'text[]'],
  ['content_hash', 'text'],
  ['object', 'jsonb'],
  ['created_by', 'text'],
];

export interface ProvenanceRow {
  readonly org_id: string;
  readonly id: string;
  readonly version_us: number;
  readonly source: string;
  readonly reliability: string;
  readonly confidence: number | null;
}

export interface ConflictRow {
  readonly kind: 'content' | 'revoked' | 'disputed';
  readonly object_id: string;
  readonly version: string;
  readonly org_id: string;
  readonly source: string;
  readonly other_org_id: string;
  readonly other_source: string;
  readonly detail: string;
}

/** What is already stored for an id, by any organisation. */
export interface Holding {
  readonly orgId: string;
  readonly id: string;
  readonly versionUs: number;
  readonly contentHash: string;
  readonly revoked: boolean;
  readonly latest: boolean;
  readonly source: string;
}

/**
 * Starts a write batch: takes the clock row's lock for the rest of the transaction, and lets its
 * commit skip waiting for the disk flush. A crash may then lose the last batches of an import (and
 * re-running it is idempotent) but never corrupts anything; the wait is much of a small batch's cost.
 */
export async function beginBatch(db: Db): Promise<void> {
  await sql`select set_config('synchronous_commit', 'off', true) from intel_clock where id = 1 for update`.execute(db);
}

/**
 * Reserves `count` consecutive date_added values. The clock row stays locked until the caller's
 * transaction ends, so values commit in increasing order and a reader paging by date_added
 * never sees a smaller value appear behind it.
 */
export async function reserveAddedUs(db: Db, count: number): Promise<number> {
  const result = await sql<{ last_us: string | number }>`
    update intel_clock
    set last_us = greatest(last_us + 1, (extract(epoch from clock_timestamp()) * 1000000)::bigint) + ${count - 1}
    where id = 1
    returning last_us`.execute(db);
  const last = Number(result.rows[0]?.last_us);
  return last - count + 1;
}

export async function selectHoldings(db: Db, ids: readonly string[]): Promise<Holding[]> {
  if (ids.length === 0) return [];
  const result = await sql<{ org_id: string; id: string; version_us: string | number; content_hash: string; revoked: boolean; latest: boolean; source: string }>`
    select o.org_id, o.id, o.version_us, o.content_hash, o.revoked, o.latest, o.source
    from intel_objects o
    where o.id = any(${[...ids]}::text[])`.execute(db);
  return result.rows.map((r) => ({
    orgId: r.org_id,
    id: r.id,
    versionUs: Number(r.version_us),
    contentHash: r.content_hash,
    revoked: r.revoked,
    latest: r.latest,
    source: r.source,
  }));
}

export async function insertVersions(db: Db, rows: readonly VersionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await bulkInsert(db, 'intel_objects', versionColumns, rows as unknown as Record<string, unknown>[], sql`on conflict do nothing`);
}

export async function insertProvenance(db: Db, rows: readonly ProvenanceRow[]): Promise<void> {
  if (rows.length === 0) return;
  await bulkInsert(
    db,
    'intel_provenance',
    [
      ['org_id', 'text'],
      ['id', 'text'],
      ['version_us', 'bigint'],
      ['source', 'text'],
      ['reliability', 'text'],
      ['confidence', 'smallint'],
    ],
    rows as unknown as Record<string, unknown>[],
    sql`on conflict do nothing`,
  );
}

export async function insertConflicts(db: Db, rows: readonly ConflictRow[]): Promise<void> {
  if (rows.length === 0) return;
  await bulkInsert(
    db,
    'intel_conflicts',
    [
      ['kind', 'text'],
      ['object_id', 'text'],
      ['version', 'text'],
      ['org_id', 'text'],
      ['source', 'text'],
      ['other_org_id', 'text'],
      ['other_source', 'text'],
      ['detail', 'text'],
    ],
    rows as unknown as Record<string, unknown>[],
    sql`on conflict do nothing`,
  );
}

/** Marks, for one organisation, the newest version of each id as latest and the others not. */
export async function refreshLatest(db: Db, orgId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`
    update intel_objects o
    set latest = (o.version_us = m.newest)
    from (
      select id, max(version_us) as newest from intel_objects
      where org_id = ${orgId} and id = any(${[...ids]}::text[])
      group by id
    ) m
    where o.org_id = ${orgId} and o.id = m.id and o.latest <> (o.version_us = m.newest)`.execute(db);
}

/** Latest relationships from the given sources held by other voices than (orgId, source), for claim contradictions. */
export async function selectClaims(db: Db, sourceRefs: readonly string[], orgId: string, source: string) {
  if (sourceRefs.length === 0) return [];
  const result = await sql<{ org_id: string; id: string; source: string; revoked: boolean; source_ref: string; target_ref: string; relationship_type: string }>`
    select org_id, id, source, revoked, source_ref, target_ref, object->>'relationship_type' as relationship_type
    from intel_objects
    where type = 'relationship' and latest and source_ref = any(${[...sourceRefs]}::text[])
      and not (source = ${source} and (source <> '' or org_id = ${orgId}))`.execute(db);
  return result.rows;
}

/** Who holds (latest, not revoked) the given ids, for opinion disputes. */
export async function selectHolders(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const result = await sql<{ org_id: string; id: string; source: string; version: string }>`
    select org_id, id, source, version from intel_objects
    where latest and not revoked and id = any(${[...ids]}::text[])`.execute(db);
  return result.rows;
}

// ---- reading, under the visibility rule ----

/**
 * The read rule (ADR 002) over intel_objects aliased `o` joined with organisations `g`: the own
 * organisation, or ancestors' upward readers for objects shared upward whose TLP may travel.
 */
export function visibleSql(actor: Actor, o = 'o', g = 'g'): Expression<SqlBool> {
  if (actor.kind === 'system') return sql<SqlBool>`true`;
  const own = sql<SqlBool>`${sql.ref(`${o}.org_id`)} = ${actor.orgId}`;
  if (!upwardReaderRoles.includes(actor.role)) return own;
  return sql<SqlBool>`(${own} or (${sql.ref(`${o}.shared_upward`)} and ${sql.ref(`${o}.tlp`)} = any(${[...tlpShareableUpward]}::text[]) and ${sql.ref(`${g}.path`)} like ${`${actor.orgPath}%`}))`;
}

/** The TLP levels an actor may read in an object held by `orgId` at `orgPath`. */
export function allowedTlp(actor: Actor, orgId: string): readonly Tlp[] {
  if (actor.kind === 'system' || actor.orgId === orgId) return ['clear', 'green', 'amber', 'amber+strict', 'red'];
  return tlpShareableUpward;
}

export interface StoredRow {
  readonly org_id: string;
  readonly org_name: string;
  readonly id: string;
  readonly type: string;
  readonly version: string;
  readonly version_us: string | number;
  readonly added_us: string | number;
  readonly spec_version: string;
  readonly tlp: string;
  readonly shared_upward: boolean;
  readonly confidence: number | null;
  readonly source: string;
  readonly reliability: string;
  readonly revoked: boolean;
  readonly latest: boolean;
  readonly labels: string[];
  readonly pattern_key: string | null;
  readonly object: unknown;
  readonly created_by: string;
}

const storedColumns = sql`o.org_id, g.name as org_name, o.id, o.type, o.version, o.version_us, o.added_us, o.spec_version, o.tlp,
  o.shared_upward, o.confidence, o.source, o.reliability, o.revoked, o.latest, o.labels, o.pattern_key, o.object, o.created_by`;

export interface ListFilter {
  readonly types?: readonly string[] | undefined;
  readonly ids?: readonly string[] | undefined;
  readonly labels?: readonly string[] | undefined;
  readonly tlp?: readonly Tlp[] | undefined;
  readonly orgId?: string | undefined;
  readonly revoked?: boolean | undefined;
  readonly q?: string | undefined;
  readonly addedAfterUs?: number | undefined;
  /** Keyset: only rows added before this (newest-first listing). */
  readonly beforeUs?: number | undefined;
  readonly latestOnly?: boolean | undefined;
}

export function filterSql(f: ListFilter): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (f.types !== undefined && f.types.length > 0) parts.push(sql<SqlBool>`o.type = any(${[...f.types]}::text[])`);
  if (f.ids !== undefined && f.ids.length > 0) parts.push(sql<SqlBool>`o.id = any(${[...f.ids]}::text[])`);
  if (f.labels !== undefined && f.labels.length > 0) parts.push(sql<SqlBool>`o.labels && ${[...f.labels]}::text[]`);
  if (f.tlp !== undefined) parts.push(sql<SqlBool>`o.tlp = any(${[...f.tlp]}::text[])`);
  if (f.orgId !== undefined) parts.push(sql<SqlBool>`o.org_id = ${f.orgId}`);
  if (f.revoked !== undefined) parts.push(sql<SqlBool>`o.revoked = ${f.revoked}`);
  if (f.addedAfterUs !== undefined) parts.push(sql<SqlBool>`o.added_us > ${f.addedAfterUs}`);
  if (f.beforeUs !== undefined) parts.push(sql<SqlBool>`o.added_us < ${f.beforeUs}`);
  if (f.latestOnly !== false) parts.push(sql<SqlBool>`o.latest`);
  if (f.q !== undefined && f.q.trim() !== '') {
    const like = `%${f.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(sql<SqlBool>`(o.object->>'name' ilike ${like} or o.id ilike ${like} or o.object->>'pattern' ilike ${like} or o.object->>'value' ilike ${like})`);
  }
  if (parts.length === 0) return sql<SqlBool>`true`;
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

/** Newest first, keyset on date_added. */
export async function selectPage(db: Db, actor: Actor, filter: ListFilter, limit: number): Promise<StoredRow[]> {
  const result = await sql<StoredRow>`
    select ${storedColumns}
    from intel_objects o join organisations g on g.id = o.org_id
    where ${visibleSql(actor)} and ${filterSql(filter)}
    order by o.added_us desc
    limit ${limit}`.execute(db);
  return result.rows;
}

export interface FacetCount {
  readonly value: string;
  readonly count: number;
}

/**
 * Counts of the visible newest versions by type, TLP and label (the 25 most used labels). Each
 * dimension is counted under every filter but its own, so a chosen type still shows the other types
 * one could add.
 */
export async function selectFacets(db: Db, actor: Actor, filter: ListFilter): Promise<{ types: FacetCount[]; tlp: FacetCount[]; labels: FacetCount[] }> {
  const visible = (f: ListFilter, join = sql``) => sql`from intel_objects o join organisations g on g.id = o.org_id ${join} where ${visibleSql(actor)} and ${filterSql(f)}`;
  const result = await sql<{ facet: string; value: string; count: string | number }>`
    (select 'type' as facet, o.type as value, count(*) as count ${visible({ ...filter, types: undefined })} group by o.type)
    union all (select 'tlp', o.tlp, count(*) ${visible({ ...filter, tlp: undefined })} group by o.tlp)
    union all (select 'label', l, count(*) ${visible({ ...filter, labels: undefined }, sql`cross join lateral unnest(o.labels) as l`)} group by l order by count(*) desc, l limit 25)`.execute(db);
  const of = (facet: string) =>
    result.rows
      .filter((r) => r.facet === facet)
      .map((r) => ({ value: r.value, count: Number(r.count) }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return { types: of('type'), tlp: of('tlp'), labels: of('label') };
}

/** Every visible stored version of one id, newest first. */
export async function selectVersionsOf(db: Db, actor: Actor, id: string): Promise<StoredRow[]> {
  const result = await sql<StoredRow>`
    select ${storedColumns}
    from intel_objects o join organisations g on g.id = o.org_id
    where o.id = ${id} and ${visibleSql(actor)}
    order by o.version_us desc, o.added_us desc`.execute(db);
  return result.rows;
}

/** Visible latest relationships and sightings touching an id, as source or target. */
export async function selectRelationshipsOf(db: Db, actor: Actor, id: string, limit: number): Promise<StoredRow[]> {
  const result = await sql<StoredRow>`
    select ${storedColumns}
    from intel_objects o join organisations g on g.id = o.org_id
    where (o.source_ref = ${id} or o.target_ref = ${id}) and o.latest and ${visibleSql(actor)}
    order by o.type, o.id, o.org_id
    limit ${limit}`.execute(db);
  return result.rows;
}

export interface Voice {
  readonly org_id: string;
  readonly id: string;
  readonly pattern_key: string | null;
  readonly source: string;
  readonly reliability: string;
  readonly confidence: number | null;
  readonly revoked: boolean;
}

/**
 * Everyone the actor can see who holds the given ids, or indicators with the given pattern keys
 * (latest versions), with each source that supplied them: the input of corroboration.
 */
export async function selectVoices(db: Db, actor: Actor, ids: readonly string[], patternKeys: readonly string[]): Promise<Voice[]> {
  if (ids.length === 0 && patternKeys.length === 0) return [];
  const result = await sql<Voice>`
    with held as (
      select o.org_id, o.id, o.version_us, o.pattern_key, o.source, o.reliability, o.confidence, o.revoked
      from intel_objects o
      join organisations g on g.id = o.org_id
      where o.latest and ${visibleSql(actor)}
        and (o.id = any(${[...ids]}::text[]) or o.pattern_key = any(${[...patternKeys]}::text[]))
    )
    select org_id, id, pattern_key, source, reliability, confidence, revoked from held
    union all
    select h.org_id, h.id, h.pattern_key, p.source, p.reliability, coalesce(p.confidence, h.confidence), h.revoked
    from held h join intel_provenance p on p.id = h.id and p.version_us = h.version_us and p.org_id = h.org_id`.execute(db);
  return result.rows;
}

export async function selectConflictsOf(db: Db, actor: Actor, id: string) {
  const result = await sql<{
    kind: string;
    version: string;
    org_id: string;
    source: string;
    other_org_id: string;
    other_source: string;
    detail: string;
    detected_at: Date | string;
    org_path: string;
    other_path: string;
  }>`
    select c.kind, c.version, c.org_id, c.source, c.other_org_id, c.other_source, c.detail, c.detected_at,
      a.path as org_path, b.path as other_path
    from intel_conflicts c
    join organisations a on a.id = c.org_id
    join organisations b on b.id = c.other_org_id
    where c.object_id = ${id}
    order by c.seq`.execute(db);
  // Shown to the organisations involved and to readers above both of them; never to a sibling.
  return result.rows.filter(
    (r) =>
      actor.kind === 'system' ||
      r.org_id === actor.orgId ||
      r.other_org_id === actor.orgId ||
      (upwardReaderRoles.includes(actor.role) && r.org_path.startsWith(actor.orgPath) && r.other_path.startsWith(actor.orgPath)),
  );
}
