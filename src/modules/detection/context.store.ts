// What the detector reads from outside its tables, once per batch: organisation paths (alerts carry
// them for the read rule) and asset criticality (it raises or lowers severity).
import type { Db } from '../../storage/index.js';

export async function selectOrgPaths(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'path']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.path]));
}

export async function selectAssetCriticality(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('assets').select(['id', 'criticality']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.criticality]));
}
