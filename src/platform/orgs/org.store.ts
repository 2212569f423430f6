import type { Db } from '../../storage/index.js';

export async function insertOrg(
  db: Db,
  org: { id: string; name: string; level: string; parentId: string | null; path: string; industry?: string | null; region?: string | null },
): Promise<void> {
  await db
    .insertInto('organisations')
    .values({ id: org.id, name: org.name, level: org.level, parent_id: org.parentId, path: org.path, industry: org.industry ?? null, region: org.region ?? null })
    .execute();
}

export async function updateOrgPlacement(db: Db, id: string, patch: { industry?: string | null; region?: string | null }): Promise<void> {
  await db.updateTable('organisations').set(patch).where('id', '=', id).execute();
}

const columns = ['id', 'name', 'level', 'parent_id', 'path', 'created_at', 'industry', 'region'] as const;

export function selectOrgById(db: Db, id: string) {
  return db.selectFrom('organisations').select(columns).where('id', '=', id).executeTakeFirst();
}

export function selectOrgByName(db: Db, name: string) {
  return db.selectFrom('organisations').select(columns).where('name', '=', name).executeTakeFirst();
}

export function selectOrgsWithin(db: Db, path: string) {
  return db.selectFrom('organisations').select(columns).where('path', 'like', `${path}%`).orderBy('path').execute();
}

export async function countOrgs(db: Db): Promise<number> {
  const row = await db.selectFrom('organisations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
