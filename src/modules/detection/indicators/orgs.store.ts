// The organisation facts the indicator stage needs: the path (who sees whose indicators) and the name
// and creation time its STIX identity is made of.
import { toIso } from '../../../platform/crypto.js';
import type { Db } from '../../../storage/index.js';

export async function selectOrgFacts(db: Db, ids: readonly string[]): Promise<Map<string, { path: string; name: string; created: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'path', 'name', 'created_at']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, { path: r.path, name: r.name, created: toIso(r.created_at) }]));
}
