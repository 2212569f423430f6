import type { Database } from '../../storage/index.js';
import { isWithin, requireRole, type Actor, type Role } from '../access.js';
import { recordAudit } from '../audit/audit.service.js';
import { hashSecret, newId, newSecret } from '../crypto.js';
import { InputError, NotFoundError } from '../errors.js';
import { selectUserById, type UserRow } from '../users/user.store.js';
import type { LoginLimiter } from './login-limiter.js';
import { createPasswordCheck, userNamed } from './password-check.js';
import { createRememberedPasswords } from './remembered-passwords.js';
import type { ApiToken, IssuedToken } from './types.js';

export type { ApiToken, IssuedToken } from './types.js';

export interface AuthServiceOptions {
  readonly sessionTtlMs: number;
  /** The node's one login limiter: every password check, whatever the channel, counts in it. */
  readonly limiter: LoginLimiter;
}

function actorOf(row: UserRow, ip?: string): Actor {
  return {
    kind: 'user',
    userId: row.id,
    username: row.username,
    orgId: row.org_id,
    orgPath: row.org_path,
    role: row.role as Role,
    ip,
  };
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function createAuthService(database: Database, options: AuthServiceOptions) {
  const { db } = database;
  const checkPassword = createPasswordCheck(db, options.limiter);
  const remembered = createRememberedPasswords();

  return {
    /** Password login for the console; returns a session secret for an HTTP-only cookie. */
    async login(username: string, password: string, ip: string): Promise<{ session: string; actor: Actor; expiresAt: Date }> {
      const row = await checkPassword(username, password, ip, 'console');
      const session = newSecret('bws');
      const expiresAt = new Date(Date.now() + options.sessionTtlMs);
      const actor = actorOf(row, ip);
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('sessions').values({ id: hashSecret(session), user_id: row.id, expires_at: expiresAt }).execute();
        await recordAudit(trx, actor, { action: 'session.login', targetType: 'user', targetId: row.id });
      });
      return { session, actor, expiresAt };
    },

    /**
     * HTTP Basic (TAXII). The user is read on every request, so a disabled user, a new password or a
     * new role counts at once; scrypt is skipped only for a password already verified against the
     * hash the user still has. A verification is audited as a login; reusing it is not.
     */
    async authenticateBasic(username: string, password: string, ip: string): Promise<Actor> {
      options.limiter.assertAllowed(username, ip);
      const current = await userNamed(db, username);
      if (current !== undefined && !current.disabled && remembered.vouches(username, password, current)) return actorOf(current, ip);
      const row = await checkPassword(username, password, ip, 'taxii');
      const actor = actorOf(row, ip);
      await recordAudit(db, actor, { action: 'taxii.login', targetType: 'user', targetId: row.id });
      remembered.remember(username, password, row);
      return actor;
    },

    async logout(session: string): Promise<void> {
      await db.deleteFrom('sessions').where('id', '=', hashSecret(session)).execute();
    },

    async authenticateSession(session: string, ip?: string): Promise<Actor | null> {
      const found = await db
        .selectFrom('sessions')
        .select(['user_id', 'expires_at'])
        .where('id', '=', hashSecret(session))
        .executeTakeFirst();
      if (found === undefined || new Date(found.expires_at).getTime() <= Date.now()) return null;
      const row = await selectUserById(db, found.user_id);
      return row === undefined || row.disabled ? null : actorOf(row, ip);
    },

    async authenticateToken(token: string, ip?: string): Promise<Actor | null> {
      // One round trip: token, user and organisation together (this runs on every API call).
      const found = await db
        .selectFrom('api_tokens as t')
        .innerJoin('users as u', 'u.id', 't.user_id')
        .innerJoin('organisations as o', 'o.id', 'u.org_id')
        .select(['t.id as token_id', 't.expires_at', 't.revoked_at', 't.last_used_at', 'u.id', 'u.username', 'u.org_id', 'o.path as org_path', 'u.role', 'u.disabled'])
        .where('t.token_hash', '=', hashSecret(token))
        .executeTakeFirst();
      if (found === undefined || found.revoked_at !== null || found.disabled) return null;
      if (found.expires_at !== null && new Date(found.expires_at).getTime() <= Date.now()) return null;
      // Touch at most once a minute: a write per request would dominate read-heavy API use.
      if (found.last_used_at === null || Date.now() - new Date(found.last_used_at).getTime() > 60_000) {
        await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', found.token_id).execute();
      }
      return { kind: 'user', userId: found.id, username: found.username, orgId: found.org_id, orgPath: found.org_path, role: found.role as Role, ip };
    },

    /** Issues a token for the actor, or (admins, the local operator) for a user in their organisations. */
    async createToken(
      actor: Actor,
      input: { name: string; userId?: string | undefined; expiresInDays?: number | undefined },
    ): Promise<IssuedToken> {
      const userId = input.userId ?? actor.userId;
      if (userId === null) {
        throw new InputError('a user is required', [{ path: 'userId', message: 'name the user the token acts as' }]);
      }
      if (userId !== actor.userId) requireRole(actor, ['admin'], 'issue tokens for other users');
      const user = await selectUserById(db, userId);
      if (user === undefined || !isWithin(actor.orgPath, user.org_path)) throw new NotFoundError(`user ${userId} not found`);
      const token = newSecret('bwt');
      const id = newId();
      const expiresAt = input.expiresInDays === undefined ? null : new Date(Date.now() + input.expiresInDays * 86_400_000);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('api_tokens')
          .values({
            id,
            user_id: userId,
            name: input.name,
            token_hash: hashSecret(token),
            token_prefix: token.slice(0, 10),
            expires_at: expiresAt,
            last_used_at: null,
            revoked_at: null,
          })
          .execute();
        await recordAudit(trx, actor, {
          action: 'token.create',
          targetType: 'api_token',
          targetId: id,
          orgId: user.org_id,
          details: { name: input.name, userId },
        });
      });
      const created = (await this.listTokens(actor, userId)).find((t) => t.id === id);
      if (created === undefined) throw new NotFoundError(`token ${id} not found`);
      return { ...created, token };
    },

    async listTokens(actor: Actor, userId?: string): Promise<ApiToken[]> {
      const target = userId ?? actor.userId;
      if (target === null) return [];
      if (target !== actor.userId) requireRole(actor, ['admin'], 'list tokens of other users');
      const user = await selectUserById(db, target);
      if (user === undefined || !isWithin(actor.orgPath, user.org_path)) throw new NotFoundError(`user ${target} not found`);
      const rows = await db
        .selectFrom('api_tokens')
        .select(['id', 'user_id', 'name', 'token_prefix', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
        .where('user_id', '=', target)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        userId: r.user_id,
        name: r.name,
        prefix: r.token_prefix,
        createdAt: new Date(r.created_at).toISOString(),
        expiresAt: iso(r.expires_at),
        lastUsedAt: iso(r.last_used_at),
        revokedAt: iso(r.revoked_at),
      }));
    },

    async revokeToken(actor: Actor, tokenId: string): Promise<void> {
      const found = await db
        .selectFrom('api_tokens as t')
        .innerJoin('users as u', 'u.id', 't.user_id')
        .innerJoin('organisations as o', 'o.id', 'u.org_id')
        .select(['t.id', 't.user_id', 'u.org_id', 'o.path'])
        .where('t.id', '=', tokenId)
        .executeTakeFirst();
      if (found === undefined || !isWithin(actor.orgPath, found.path)) throw new NotFoundError(`token ${tokenId} not found`);
      if (found.user_id !== actor.userId) requireRole(actor, ['admin'], 'revoke tokens of other users');
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', tokenId).execute();
        await recordAudit(trx, actor, { action: 'token.revoke', targetType: 'api_token', targetId: tokenId, orgId: found.org_id });
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
