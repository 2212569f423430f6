import type { Db } from '../../storage/index.js';
import { recordStranger } from '../audit/audit.service.js';
import { verifyPassword } from '../crypto.js';
import { AuthenticationError } from '../errors.js';
import { selectUserByUsername, type UserRow } from '../users/user.store.js';
import type { Lock, LoginLimiter } from './login-limiter.js';

/** Where a password was presented: the console's login form, or TAXII's HTTP Basic. */
export type LoginChannel = 'console' | 'taxii';

// A fixed hash to verify against when the user does not exist, so timing does not reveal usernames.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** The user a typed name belongs to. Names are at most 64 printable characters: anything else names nobody and is not looked up. */
export async function userNamed(db: Db, typed: string): Promise<UserRow | undefined> {
  // eslint-disable-next-line no-control-regex
  return typed.length <= 64 && !/[\u0000-\u001f\u007f]/.test(typed) ? selectUserByUsername(db, typed) : undefined;
}

const failedAction: Record<LoginChannel, string> = { console: 'session.login.failed', taxii: 'taxii.login.failed' };

type Reason = 'unknown-user' | 'no-password' | 'wrong-password' | 'disabled';

function reasonFor(row: UserRow | undefined, ok: boolean): Reason | null {
  if (row === undefined) return 'unknown-user';
  if (row.password_hash === null) return 'no-password';
  if (!ok) return 'wrong-password';
  return row.disabled ? 'disabled' : null;
}

/**
 * Every password check of the node: one limiter (a slot is reserved before scrypt runs, so parallel
 * guesses stop at the limit) and one audit trail of failures and lockouts. The password is never logged.
 */
export function createPasswordCheck(db: Db, limiter: LoginLimiter) {
  async function recordFailure(typed: string, ip: string, via: LoginChannel, row: UserRow | undefined, reason: Reason, locks: readonly Lock[]) {
    const who = { typedName: typed, ip, targetType: 'user', targetId: row?.id ?? null };
    await recordStranger(db, { ...who, action: failedAction[via], orgId: row?.org_id ?? null, details: { via, reason } });
    for (const lock of locks) {
      // An address spraying many names concerns no one organisation: root admins read it.
      const orgId = lock.scope === 'user' ? (row?.org_id ?? null) : null;
      await recordStranger(db, { ...who, action: 'login.locked', orgId, details: { via, scope: lock.scope, until: lock.until.toISOString() } });
    }
  }

  /** The user whose password this is, or AuthenticationError (RateLimitedError while locked out). */
  return async function checkPassword(typed: string, password: string, ip: string, via: LoginChannel): Promise<UserRow> {
    const attempt = limiter.begin(typed, ip);
    const row = await userNamed(db, typed);
    // Unknown users cost a verification too, so timing does not reveal usernames.
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    const reason = reasonFor(row, ok);
    if (reason !== null || row === undefined) {
      await recordFailure(typed, ip, via, row, reason ?? 'unknown-user', attempt.failed());
      throw new AuthenticationError('wrong username or password');
    }
    attempt.succeeded();
    return row;
  };
}

export type PasswordCheck = ReturnType<typeof createPasswordCheck>;
