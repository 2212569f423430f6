// Queries for exports: the selection in keyset pages, then what it refers to.
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../storage/index.js';
import type { Actor } from '../../platform/access.js';
import type { Tlp } from '../../platform/tlp.js';
import { filterSql, visibleSql, type ListFilter } from './intel.store.js';

export interface ExportRow {
  readonly org_id: string;
  readonly id: string;
  readonly version_us: string | number;
  readonly refs: string[];
  readonly object: unknown;
}

export interface ExportCursor {
  readonly id: string;
  readonly versionUs: number;
  readonly orgId: string;
}

/** One page of what an export selects, in (id, version, holder) order for keyset paging. */
export async function selectExportPage(db: Db, actor: Actor, filter: ListFilter, after: ExportCursor | null, limit: number): Promise<ExportRow[]> {
  const keyset = after === null ? sql<SqlBool>`true` : sql<SqlBool>`(o.id, o.version_us, o.org_id) > (${after.id}, ${after.versionUs}, ${after.orgId})`;
  const result = await sql<ExportRow>`
    select o.org_id, o.id, o.version_us, o.refs, o.object
    from intel_objects o join organisations g on g.id = o.org_id
    where ${visibleSql(actor)} and ${filterSql(filter)} and ${keyset}
    order by o.id, o.version_us, o.org_id
    limit ${limit}`.execute(db);
  return result.rows;
}

/** Latest visible versions of the given ids that the export's own filter did not select. */
export async function selectDependencies(db: Db, actor: Actor, ids: readonly string[], tlp: readonly Tlp[], selected: ListFilter | null): Promise<ExportRow[]> {
  if (ids.length === 0) return [];
  const notSelected = selected === null ? sql<SqlBool>`true` : sql<SqlBool>`not (${filterSql({ ...selected, latestOnly: false })})`;
  const result = await sql<ExportRow>`
    select o.org_id, o.id, o.version_us, o.refs, o.object
    from intel_objects o join organisations g on g.id = o.org_id
    where o.id = any(${[...ids]}::text[]) and o.latest and o.tlp = any(${[...tlp]}::text[])
      and ${visibleSql(actor)} and ${notSelected}
    order by o.id, o.version_us, o.org_id`.execute(db);
  return result.rows;
}
