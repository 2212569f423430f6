// The assets list beyond the name order: exposure figures per asset, filters on them, and any sort
// key with keyset paging. Exposures are counted over the vulnerabilities the reader may see, by the
// knowledge module's read rule, which the wiring passes in (the inventory does not import knowledge).
import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Tables } from '../../storage/index.js';
import type { Actor } from '../../platform/access.js';
import { InputError } from '../../platform/errors.js';
import { assetBase, filterCondition, visibleTo, type AssetRow } from './asset.store.js';
import { exposureGrades, type AssetExposureStats, type AssetFilter, type AssetSortKey, type ExposureGrade } from './types.js';

export type VulnerabilityRule = (actor: Actor) => (eb: ExpressionBuilder<Tables & { v: Tables['kb_vulnerabilities'] }, 'v'>) => Expression<SqlBool>;

const gradeRank = sql<number>`case v.grade when 'critical' then 4 when 'high' then 3 when 'medium' then 2 when 'low' then 1 else 0 end`;
export const rankOfGrade = (g: ExposureGrade): number => exposureGrades.length - exposureGrades.indexOf(g);
const gradeOfRank = (rank: number): ExposureGrade | null => (rank >= 1 && rank <= 4 ? (exposureGrades[4 - rank] ?? null) : null);

/**
 * Per asset: affected, unknown, affected in KEV, highest grade rank among the affected. A person's
 * decision on a match outranks the computed verdict: rejected matches are left out, confirmed ones
 * count as affected.
 */
export function exposureStats(db: Db, actor: Actor, rule: VulnerabilityRule) {
  const verdict = sql<string>`case d.decision when 'confirmed' then 'affected' else e.verdict end`;
  return db
    .selectFrom('kb_exposures as e')
    .innerJoin('kb_vulnerabilities as v', 'v.id', 'e.vuln_id')
    .leftJoin('kb_exposure_decisions as d', (j) => j.onRef('d.asset_id', '=', 'e.asset_id').onRef('d.vuln_id', '=', 'e.vuln_id'))
    .where(rule(actor))
    .where(sql<SqlBool>`d.decision is distinct from 'rejected'`)
    .select([
      'e.asset_id',
      sql<number>`count(*) filter (where ${verdict} = 'affected')`.as('affected'),
      sql<number>`count(*) filter (where ${verdict} = 'unknown')`.as('unknown'),
      sql<number>`count(*) filter (where ${verdict} = 'affected' and v.kev)`.as('kev'),
      sql<number>`coalesce(max(${gradeRank}) filter (where ${verdict} = 'affected'), 0)`.as('grade_rank'),
    ])
    .groupBy('e.asset_id');
}

export interface StatsRow {
  readonly affected: number | string | null;
  readonly unknown: number | string | null;
  readonly kev: number | string | null;
  readonly grade_rank: number | string | null;
}

export const noExposure: AssetExposureStats = { affected: 0, unknown: 0, kev: 0, highestGrade: null };

export function statsOf(row: StatsRow | undefined): AssetExposureStats {
  if (row === undefined) return noExposure;
  return { affected: Number(row.affected ?? 0), unknown: Number(row.unknown ?? 0), kev: Number(row.kev ?? 0), highestGrade: gradeOfRank(Number(row.grade_rank ?? 0)) };
}

/** The figures of the given assets, by id (one grouped query for a page). */
export async function selectExposureStats(db: Db, actor: Actor, rule: VulnerabilityRule, ids: readonly string[]): Promise<Map<string, AssetExposureStats>> {
  if (ids.length === 0) return new Map();
  const rows = await exposureStats(db, actor, rule).where('e.asset_id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.asset_id, statsOf(r)]));
}

const criticalityRank = sql`case a.criticality when 'critical' then 4 when 'high' then 3 when 'medium' then 2 else 1 end`;
const tlpRank = sql`case a.tlp when 'red' then 5 when 'amber+strict' then 4 when 'amber' then 3 when 'green' then 2 else 1 end`;

/** Each sort key as an expression that is never null (keyset comparisons need that), and its type. */
const sortExpressions: Record<AssetSortKey, { expr: RawBuilder<unknown>; type: 'text' | 'int' | 'timestamptz' }> = {
  name: { expr: sql`a.name`, type: 'text' },
  organisation: { expr: sql`o.name`, type: 'text' },
  zone: { expr: sql`coalesce(a.zone, '')`, type: 'text' },
  ip: { expr: sql`coalesce(a.ip, '')`, type: 'text' },
  vendor: { expr: sql`coalesce(lower(a.vendor), '')`, type: 'text' },
  model: { expr: sql`coalesce(lower(a.model), '')`, type: 'text' },
  criticality: { expr: criticalityRank, type: 'int' },
  tlp: { expr: tlpRank, type: 'int' },
  // Milliseconds: the cursor carries the value as an ISO string.
  updated: { expr: sql`date_trunc('milliseconds', a.updated_at)`, type: 'timestamptz' },
  exposures: { expr: sql`coalesce(s.affected, 0)`, type: 'int' },
  kev: { expr: sql`coalesce(s.kev, 0)`, type: 'int' },
  grade: { expr: sql`coalesce(s.grade_rank, 0)`, type: 'int' },
};

export interface SortCursor {
  readonly sort: AssetSortKey;
  readonly order: 'asc' | 'desc';
  readonly value: string | number;
  readonly id: string;
}

export function encodeSortCursor(c: SortCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.order, c.value, c.id])).toString('base64url');
}

export function decodeSortCursor(value: string, sort: AssetSortKey, order: 'asc' | 'desc'): SortCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 4 && parsed[0] === sort && parsed[1] === order && typeof parsed[3] === 'string') {
      const v: unknown = parsed[2];
      const type = sortExpressions[sort].type;
      if ((type === 'int' && Number.isSafeInteger(v)) || (type === 'text' && typeof v === 'string') || (type === 'timestamptz' && typeof v === 'string' && !Number.isNaN(Date.parse(v)))) {
        return { sort, order, value: v as string | number, id: parsed[3] };
      }
    }
  } catch {
    // fall through to the input error
  }
  throw new InputError('invalid cursor', [{ path: 'cursor', message: 'pass back the nextCursor of a previous page with the same sort and order' }]);
}

export type SortedRow = AssetRow & StatsRow & { sort_key: string | number | Date };

export function needsSortedQuery(filter: AssetFilter): boolean {
  return (filter.sort !== undefined && filter.sort !== 'name') || filter.order === 'desc' || filter.exposed !== undefined || filter.kev !== undefined || filter.minGrade !== undefined;
}

/**
 * One page in any order, with the figures joined in. The read rule is one OR here, unlike the
 * name-ordered list: an order by a computed figure has to look at every visible row anyway.
 */
export async function selectSorted(db: Db, actor: Actor, rule: VulnerabilityRule, filter: AssetFilter, cursor: SortCursor | null, limit: number): Promise<SortedRow[]> {
  const sort = filter.sort ?? 'name';
  const order = filter.order ?? 'asc';
  const { expr, type } = sortExpressions[sort];
  let q = assetBase(db)
    .leftJoin(exposureStats(db, actor, rule).as('s'), 's.asset_id', 'a.id')
    .select(['s.affected', 's.unknown', 's.kev', 's.grade_rank', expr.as('sort_key')])
    .where(visibleTo(actor));
  if (filter.orgId !== undefined) q = q.where('a.org_id', '=', filter.orgId);
  q = q.where(filterCondition(filter));
  if (filter.exposed !== undefined) q = q.where(filter.exposed ? sql<SqlBool>`coalesce(s.affected, 0) > 0` : sql<SqlBool>`coalesce(s.affected, 0) = 0`);
  if (filter.kev !== undefined) q = q.where(filter.kev ? sql<SqlBool>`coalesce(s.kev, 0) > 0` : sql<SqlBool>`coalesce(s.kev, 0) = 0`);
  if (filter.minGrade !== undefined) q = q.where(sql<SqlBool>`coalesce(s.grade_rank, 0) >= ${rankOfGrade(filter.minGrade)}`);
  if (cursor !== null) {
    const value = sql`cast(${cursor.value} as ${sql.raw(type === 'int' ? 'integer' : type)})`;
    q = q.where(order === 'asc' ? sql<SqlBool>`(${expr}, a.id) > (${value}, ${cursor.id})` : sql<SqlBool>`(${expr}, a.id) < (${value}, ${cursor.id})`);
  }
  const rows = await q.orderBy(expr, order).orderBy('a.id', order).limit(limit + 1).execute();
  return rows as SortedRow[];
}

export function sortValueOf(row: SortedRow, sort: AssetSortKey): string | number {
  const v = row.sort_key;
  if (v instanceof Date) return v.toISOString();
  const type = sortExpressions[sort].type;
  if (type === 'int') return Number(v);
  return type === 'timestamptz' ? new Date(v).toISOString() : String(v);
}
