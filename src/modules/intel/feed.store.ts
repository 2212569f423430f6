// An organisation's store read as a feed in date_added order: what a TAXII collection serves.
// Objects come back as JSON text so that a page can be sent without parsing and re-serializing it.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../storage/index.js';
import type { Tlp } from '../../platform/tlp.js';

/** Which of an organisation's objects a feed contains (a collection's definition and the reader's TLP allowance). */
export interface FeedScope {
  readonly orgId: string;
  readonly tlp: readonly Tlp[];
  readonly types?: readonly string[] | undefined;
  /** Objects carrying any of these labels. */
  readonly labels?: readonly string[] | undefined;
  readonly minConfidence?: number | undefined;
  readonly excludeRevoked?: boolean | undefined;
}

/** match[version]: any combination of last, first, all and version timestamps (microseconds). */
export interface VersionMatch {
  readonly all: boolean;
  readonly last: boolean;
  readonly first: boolean;
  readonly at: readonly number[];
}

export interface FeedQuery {
  readonly ids?: readonly string[] | undefined;
  readonly types?: readonly string[] | undefined;
  readonly versions: VersionMatch;
  readonly specVersions?: readonly string[] | undefined;
  /** Only rows added strictly after this (added_after, or the position a `next` token carries). */
  readonly afterUs?: number | undefined;
  readonly limit: number;
}

export interface FeedRow {
  readonly id: string;
  readonly type: string;
  readonly version: string;
  readonly added_us: string | number;
  readonly spec_version: string;
  readonly granular: boolean;
  readonly text: string;
}

export function scopeSql(scope: FeedScope): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [sql<SqlBool>`o.org_id = ${scope.orgId}`, sql<SqlBool>`o.tlp = any(${[...scope.tlp]}::text[])`];
  if (scope.types !== undefined && scope.types.length > 0) parts.push(sql<SqlBool>`o.type = any(${[...scope.types]}::text[])`);
  if (scope.labels !== undefined && scope.labels.length > 0) parts.push(sql<SqlBool>`o.labels && ${[...scope.labels]}::text[]`);
  if (scope.minConfidence !== undefined) parts.push(sql<SqlBool>`coalesce(o.confidence, 0) >= ${scope.minConfidence}`);
  if (scope.excludeRevoked === true) parts.push(sql<SqlBool>`not o.revoked`);
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

function versionSql(v: VersionMatch): Expression<SqlBool> {
  if (v.all) return sql<SqlBool>`true`;
  const parts: Expression<SqlBool>[] = [];
  if (v.last) parts.push(sql<SqlBool>`o.latest`);
  if (v.first) {
    parts.push(sql<SqlBool>`not exists (select 1 from intel_objects e where e.org_id = o.org_id and e.id = o.id and e.version_us < o.version_us)`);
  }
  if (v.at.length > 0) parts.push(sql<SqlBool>`o.version_us = any(${[...v.at]}::bigint[])`);
  return parts.length === 0 ? sql<SqlBool>`false` : sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

function querySql(q: Omit<FeedQuery, 'limit'>): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [versionSql(q.versions)];
  if (q.ids !== undefined && q.ids.length > 0) parts.push(sql<SqlBool>`o.id = any(${[...q.ids]}::text[])`);
  if (q.types !== undefined && q.types.length > 0) parts.push(sql<SqlBool>`o.type = any(${[...q.types]}::text[])`);
  if (q.specVersions !== undefined && q.specVersions.length > 0) parts.push(sql<SqlBool>`o.spec_version = any(${[...q.specVersions]}::text[])`);
  if (q.afterUs !== undefined) parts.push(sql<SqlBool>`o.added_us > ${q.afterUs}`);
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

/** Up to `limit` + 1 rows in date_added order (the extra one says whether there is more). */
export async function selectFeed(db: Db, scope: FeedScope, q: FeedQuery, withObjects: boolean): Promise<FeedRow[]> {
  const text = withObjects ? sql`o.object::text` : sql`''`;
  const result = await sql<FeedRow>`
    select o.id, o.type, o.version, o.added_us, o.spec_version,
      ${withObjects ? sql`(o.object ? 'granular_markings')` : sql`false`} as granular, ${text} as text
    from intel_objects o
    where ${scopeSql(scope)} and ${querySql(q)}
    order by o.added_us
    limit ${q.limit + 1}`.execute(db);
  return result.rows;
}

/** Deletes the matching versions of one object from the organisation's store; returns how many. */
export async function deleteFromFeed(db: Db, scope: FeedScope, id: string, versions: VersionMatch, specVersions: readonly string[] | undefined): Promise<number> {
  const victims = sql`select o.org_id, o.id, o.version_us from intel_objects o where ${scopeSql(scope)} and ${querySql({ ids: [id], versions, specVersions })}`;
  const result = await sql<{ n: string | number }>`
    with gone as (
      delete from intel_objects d using (${victims}) v
      where d.org_id = v.org_id and d.id = v.id and d.version_us = v.version_us
      returning d.id
    ) select count(*) as n from gone`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/** Whether the organisation's feed holds the object at all (any version). */
export async function feedHas(db: Db, scope: FeedScope, id: string): Promise<boolean> {
  const result = await sql<{ one: number }>`select 1 as one from intel_objects o where ${scopeSql(scope)} and o.id = ${id} limit 1`.execute(db);
  return result.rows.length > 0;
}
