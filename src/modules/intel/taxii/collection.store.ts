// Queries on TAXII collections. Nothing else touches taxii_collections.
import type { Db } from '../../../storage/index.js';

const columns = ['c.id', 'c.org_id', 'o.name as org_name', 'o.path as org_path', 'c.title', 'c.description', 'c.alias', 'c.filter', 'c.readers', 'c.writers', 'c.created_by', 'c.created_at'] as const;

function base(db: Db) {
  return db.selectFrom('taxii_collections as c').innerJoin('organisations as o', 'o.id', 'c.org_id').select(columns);
}

export type CollectionRow = NonNullable<Awaited<ReturnType<typeof selectCollection>>>;

/** By id or alias. */
export function selectCollection(db: Db, idOrAlias: string) {
  return base(db)
    .where((eb) => eb.or([eb('c.id', '=', idOrAlias), eb('c.alias', '=', idOrAlias)]))
    .executeTakeFirst();
}

export function selectCollections(db: Db) {
  return base(db).orderBy('c.created_at').orderBy('c.id').execute();
}

export async function insertCollection(
  db: Db,
  row: { id: string; org_id: string; title: string; description: string | null; alias: string | null; filter: string; readers: string; writers: string; created_by: string },
): Promise<void> {
  await db.insertInto('taxii_collections').values(row).execute();
}

export async function deleteCollection(db: Db, id: string): Promise<void> {
  await db.deleteFrom('taxii_collections').where('id', '=', id).execute();
}

/** Paths of the organisations named in grants, to decide "below". */
export async function selectOrgPaths(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'path']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.path]));
}
