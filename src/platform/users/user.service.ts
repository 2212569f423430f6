import type { Database } from '../../storage/index.js';
import { isWithin, requireRole, type Actor, type Role } from '../access.js';
import { recordAudit } from '../audit/audit.service.js';
import { hashPassword, newId } from '../crypto.js';
import { ConflictError, InputError, NotFoundError } from '../errors.js';
import { selectOrgById } from '../orgs/org.store.js';
import type { NewUser, User, UserPatch } from './types.js';
import { insertUser, selectUserById, selectUserByUsername, selectUsersWithin, updateUserRow, type UserRow } from './user.store.js';

export type { NewUser, User, UserPatch } from './types.js';

export const MIN_PASSWORD_LENGTH = 12;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    disabled: row.disabled,
    hasPassword: row.password_hash !== null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

const unavailable = () => new ConflictError('that username is not available', [{ path: 'username', message: 'choose another username' }]);

function checkPassword(password: string | undefined): void {
  if (password !== undefined && password.length < MIN_PASSWORD_LENGTH) {
    throw new InputError('password too short', [
      { path: 'password', message: `at least ${MIN_PASSWORD_LENGTH} characters` },
    ]);
  }
}

export function createUserService(database: Database) {
  const { db } = database;

  async function visibleUser(actor: Actor, id: string): Promise<UserRow> {
    const row = await selectUserById(db, id);
    if (row === undefined || !isWithin(actor.orgPath, row.org_path)) throw new NotFoundError(`user ${id} not found`);
    return row;
  }

  return {
    async create(actor: Actor, input: NewUser): Promise<User> {
      requireRole(actor, ['admin'], 'create users');
      checkPassword(input.password);
      const org = await selectOrgById(db, input.orgId);
      if (org === undefined || !isWithin(actor.orgPath, org.path)) throw new NotFoundError(`organisation ${input.orgId} not found`);
      // Usernames are unique across the node (they log in); the answer names neither the holder nor its organisation.
      if ((await selectUserByUsername(db, input.username)) !== undefined) throw unavailable();
      const id = newId();
      const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
      await db.transaction().execute(async (trx) => {
        await insertUser(trx, {
          id,
          orgId: input.orgId,
          username: input.username,
          displayName: input.displayName ?? input.username,
          role: input.role,
          passwordHash,
        });
        await recordAudit(trx, actor, {
          action: 'user.create',
          targetType: 'user',
          targetId: id,
          orgId: input.orgId,
          details: { username: input.username.toLowerCase(), role: input.role },
        });
      }).catch((error: unknown) => {
        // Two creations of one name at once: the database's unique index decides.
        throw (error as { code?: unknown }).code === '23505' ? unavailable() : error;
      });
      return toUser(await visibleUser(actor, id));
    },

    /** Users of the actor's organisation and below; `q` matches part of a username or display name. */
    async list(actor: Actor, options: { orgId?: string | undefined; q?: string | undefined } = {}): Promise<User[]> {
      requireRole(actor, ['admin'], 'list users');
      return (await selectUsersWithin(db, actor.orgPath, options)).map(toUser);
    },

    async get(actor: Actor, id: string): Promise<User> {
      if (actor.userId !== id) requireRole(actor, ['admin'], 'read other users');
      return toUser(await visibleUser(actor, id));
    },

    async resolve(actor: Actor, idOrUsername: string): Promise<User> {
      const row = (await selectUserById(db, idOrUsername)) ?? (await selectUserByUsername(db, idOrUsername));
      if (row === undefined || !isWithin(actor.orgPath, row.org_path)) throw new NotFoundError(`user ${idOrUsername} not found`);
      return toUser(row);
    },

    async update(actor: Actor, id: string, patch: UserPatch): Promise<User> {
      const self = actor.userId === id;
      const changesPrivileges = patch.role !== undefined || patch.disabled !== undefined;
      // Anyone may change their own name and password; everything else is an admin's job.
      if (!self || changesPrivileges) requireRole(actor, ['admin'], 'change users');
      if (self && changesPrivileges) {
        throw new InputError('admins cannot change their own role or disable themselves', [
          { path: patch.role !== undefined ? 'role' : 'disabled', message: 'ask another admin' },
        ]);
      }
      checkPassword(patch.password);
      const row = await visibleUser(actor, id);
      const set: { role?: string; disabled?: boolean; password_hash?: string; display_name?: string } = {};
      if (patch.role !== undefined) set.role = patch.role;
      if (patch.disabled !== undefined) set.disabled = patch.disabled;
      if (patch.displayName !== undefined) set.display_name = patch.displayName;
      if (patch.password !== undefined) set.password_hash = await hashPassword(patch.password);
      if (Object.keys(set).length === 0) return toUser(row);
      await db.transaction().execute(async (trx) => {
        await updateUserRow(trx, id, set);
        if (patch.password !== undefined || patch.disabled === true) {
          // A new password or a disabled account ends every open session.
          await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
        }
        await recordAudit(trx, actor, {
          action: 'user.update',
          targetType: 'user',
          targetId: id,
          orgId: row.org_id,
          details: {
            ...(patch.role === undefined ? {} : { role: patch.role }),
            ...(patch.disabled === undefined ? {} : { disabled: patch.disabled }),
            ...(patch.displayName === undefined ? {} : { displayName: patch.displayName }),
            ...(patch.password === undefined ? {} : { password: 'changed' }),
          },
        });
      });
      return toUser(await visibleUser(actor, id));
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
