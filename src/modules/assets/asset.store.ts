import { sql, type Expression, type ExpressionBuilder, type Insertable, type SqlBool } from 'kysely';
import type { Db, Tables } from '../../storage/index.js';
import { upwardReaderRoles, type Actor } from '../../platform/access.js';
import { tlpShareableUpward } from '../../platform/tlp.js';
import type { AssetFilter } from './types.js';

type From = ExpressionBuilder<Tables & { a: Tables['assets']; o: Tables['organisations'] }, 'a' | 'o'>;

/**
 * The read rule, in SQL: an organisation sees its own assets; analysts, responders and admins of
 * an ancestor also see those shared upward with a TLP that may travel; nobody else sees anything.
 */
export function visibleTo(actor: Actor) {
  return (eb: From) => {
    if (actor.kind === 'system') return eb.val(true);
    const own = eb('a.org_id', '=', actor.orgId);
    if (!upwardReaderRoles.includes(actor.role)) return own;
    return eb.or([
      own,
      eb.and([
        eb('o.path', 'like', `${actor.orgPath}%`),
        eb('a.shared_upward', '=', true),
        eb('a.tlp', 'in', [...tlpShareableUpward]),
      ]),
    ]);
  };
}

const columns = [
  'a.id',
  'a.org_id',
  'o.name as org_name',
  'o.path as org_path',
  'a.name',
  'a.zone',
  'a.ip',
  'a.mac',
  'a.vendor',
  'a.model',
  'a.firmware_version',
  'a.criticality',
  'a.tlp',
  'a.shared_upward',
  'a.created_at',
  'a.updated_at',
  'a.created_by',
  'a.updated_by',
] as const;

export function assetBase(db: Db) {
  return db.selectFrom('assets as a').innerJoin('organisations as o', 'o.id', 'a.org_id').select(columns);
}

export type AssetRow = NonNullable<Awaited<ReturnType<typeof selectAsset>>>;

export function selectAsset(db: Db, actor: Actor, id: string) {
  return assetBase(db).where('a.id', '=', id).where(visibleTo(actor)).executeTakeFirst();
}

/** The text filters shared by both list queries. */
export function filterCondition(filter: AssetFilter) {
  return (eb: ExpressionBuilder<Tables & { a: Tables['assets']; o: Tables['organisations'] }, 'a' | 'o'>) => {
    const parts: Expression<SqlBool>[] = [];
    if (filter.zone !== undefined) parts.push(eb('a.zone', '=', filter.zone));
    if (filter.vendor !== undefined) parts.push(sql<SqlBool>`lower(a.vendor) = lower(${filter.vendor})`);
    if (filter.criticality !== undefined) parts.push(eb('a.criticality', '=', filter.criticality));
    if (filter.tlp !== undefined) parts.push(eb('a.tlp', '=', filter.tlp));
    if (filter.q !== undefined && filter.q.trim() !== '') {
      const like = `%${filter.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      parts.push(eb.or([eb('a.name', 'ilike', like), eb('a.ip', 'ilike', like), eb('a.mac', 'ilike', like), eb('a.vendor', 'ilike', like), eb('a.model', 'ilike', like), eb('a.zone', 'ilike', like)]));
    }
    return eb.and(parts);
  };
}

export interface Cursor {
  readonly name: string;
  readonly id: string;
}

type AssetQuery = ReturnType<typeof assetBase>;

function applyFilter(q: AssetQuery, filter: AssetFilter, cursor: Cursor | null, limit: number): AssetQuery {
  q = q.where(filterCondition(filter));
  // Keyset paging on (name, id): each branch walks its index from the cursor, whatever the page.
  if (cursor !== null) q = q.where(sql<boolean>`(a.name, a.id) > (${cursor.name}, ${cursor.id})`);
  return q.orderBy('a.name').orderBy('a.id').limit(limit + 1);
}

/**
 * One page of visible assets. The read rule is split into its two branches (own organisation;
 * shared upward from below), each ordered by its own index and merged, because a single OR
 * makes the planner scan and sort every visible row on every page.
 */
export async function selectAssets(db: Db, actor: Actor, filter: AssetFilter, cursor: Cursor | null, limit: number): Promise<AssetRow[]> {
  if (actor.kind === 'system') {
    let q = assetBase(db);
    if (filter.orgId !== undefined) q = q.where('a.org_id', '=', filter.orgId);
    return applyFilter(q, filter, cursor, limit).execute();
  }
  const wantOwn = filter.orgId === undefined || filter.orgId === actor.orgId;
  const wantShared = upwardReaderRoles.includes(actor.role) && filter.orgId !== actor.orgId;
  const own = applyFilter(assetBase(db).where('a.org_id', '=', actor.orgId), filter, cursor, limit);
  let sharedBase = assetBase(db)
    .where('a.shared_upward', '=', true)
    .where('a.tlp', 'in', [...tlpShareableUpward])
    .where('o.path', 'like', `${actor.orgPath}_%`);
  if (filter.orgId !== undefined) sharedBase = sharedBase.where('a.org_id', '=', filter.orgId);
  const shared = applyFilter(sharedBase, filter, cursor, limit);
  if (wantOwn && !wantShared) return own.execute();
  if (!wantOwn && wantShared) return shared.execute();
  if (!wantOwn && !wantShared) return [];
  const merged = await sql<AssetRow>`
    select * from ((${own}) union all (${shared})) as page
    order by page.name, page.id
    limit ${limit + 1}`.execute(db);
  return merged.rows;
}

export async function insertAssets(db: Db, rows: readonly Insertable<Tables['assets']>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('assets').values([...rows]).execute();
}

/** Inserts or updates by (organisation, name); says which rows were new. */
export async function upsertAssets(db: Db, rows: readonly Insertable<Tables['assets']>[]) {
  if (rows.length === 0) return [];
  return db
    .insertInto('assets')
    .values([...rows])
    .onConflict((oc) =>
      oc.columns(['org_id', 'name']).doUpdateSet((eb) => ({
        zone: eb.ref('excluded.zone'),
        ip: eb.ref('excluded.ip'),
        mac: eb.ref('excluded.mac'),
        vendor: eb.ref('excluded.vendor'),
        model: eb.ref('excluded.model'),
        firmware_version: eb.ref('excluded.firmware_version'),
        criticality: eb.ref('excluded.criticality'),
        tlp: eb.ref('excluded.tlp'),
        shared_upward: eb.ref('excluded.shared_upward'),
        updated_by: eb.ref('excluded.updated_by'),
        updated_at: sql`now()`,
      })),
    )
    .returning(['id', 'name', sql<boolean>`(xmax = 0)`.as('inserted')])
    .execute();
}

export async function updateAssetRow(db: Db, id: string, set: Record<string, unknown>): Promise<void> {
  await db.updateTable('assets').set({ ...set, updated_at: sql`now()` }).where('id', '=', id).execute();
}

export async function deleteAssetRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('assets').where('id', '=', id).execute();
}

/** Changes many assets at once, in one statement. */
export async function updateAssetRows(db: Db, ids: readonly string[], set: Record<string, unknown>): Promise<void> {
  if (ids.length > 0) await db.updateTable('assets').set({ ...set, updated_at: sql`now()` }).where('id', 'in', [...ids]).execute();
}

export async function deleteAssetRows(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('assets').where('id', 'in', [...ids]).execute();
}

/** The visible assets among ids, with their organisation: what a bulk change checks first. */
export function selectVisibleIds(db: Db, actor: Actor, ids: readonly string[]) {
  return assetBase(db).where('a.id', 'in', [...ids]).where(visibleTo(actor)).execute();
}
