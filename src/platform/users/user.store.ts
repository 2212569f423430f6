import type { Db } from '../../storage/index.js';

const columns = [
  'u.id',
  'u.org_id',
  'o.name as org_name',
  'o.path as org_path',
  'u.username',
  'u.display_name',
  'u.role',
  'u.password_hash',
  'u.disabled',
  'u.created_at',
] as const;

function base(db: Db) {
  return db.selectFrom('users as u').innerJoin('organisations as o', 'o.id', 'u.org_id').select(columns);
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof selectUserById>>>;

export function selectUserById(db: Db, id: string) {
  return base(db).where('u.id', '=', id).executeTakeFirst();
}

export function selectUserByUsername(db: Db, username: string) {
  return base(db).where('u.username', '=', username.toLowerCase()).executeTakeFirst();
}

export function selectUsersWithin(db: Db, path: string, filter: { orgId?: string | undefined; q?: string | undefined } = {}) {
  let q = base(db).where('o.path', 'like', `${path}%`);
  if (filter.orgId !== undefined) q = q.where('u.org_id', '=', filter.orgId);
  if (filter.q !== undefined && filter.q !== '') {
    const pattern = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('u.username', 'like', pattern), eb(eb.fn('lower', ['u.display_name']), 'like', pattern)]));
  }
  return q.orderBy('u.username').execute();
}

export async function insertUser(
  db: Db,
  user: { id: string; orgId: string; username: string; displayName: string; role: string; passwordHash: string | null },
): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      org_id: user.orgId,
      username: user.username.toLowerCase(),
      display_name: user.displayName,
      role: user.role,
      password_hash: user.passwordHash,
    })
    .execute();
}

export async function updateUserRow(
  db: Db,
  id: string,
  patch: { role?: string; disabled?: boolean; password_hash?: string; display_name?: string },
): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}
