// TAXII clients authenticate with HTTP Basic (a Bulwark user's name and password) or a Bearer API
// token. Verified passwords are remembered briefly: scrypt on every request of a paging client would
// cost more than the request.
import { createHash } from 'node:crypto';
import type { Database } from '../../../storage/index.js';
import type { Actor, Role } from '../../../platform/access.js';
import { verifyPassword } from '../../../platform/crypto.js';
import { AuthenticationError } from '../../../platform/errors.js';
import { createLoginLimiter } from '../../../platform/auth/login-limiter.js';
import { selectUserByUsername } from '../../../platform/users/user.store.js';

const REMEMBER_MS = 60_000;
const UNKNOWN_USER_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const MAX_REMEMBERED = 1000;

export interface TaxiiAuthenticator {
  /** The caller of a request, or an AuthenticationError; `null` when no credentials were sent. */
  authenticate(header: string | undefined, ip: string): Promise<Actor | null>;
}

export function createTaxiiAuthenticator(
  database: Database,
  tokens: (token: string, ip: string) => Promise<Actor | null>,
  limits: { maxAttempts: number; windowMs: number } = { maxAttempts: 5, windowMs: 15 * 60_000 },
): TaxiiAuthenticator {
  const limiter = createLoginLimiter({ maxPerUserAddress: limits.maxAttempts, maxPerAddress: limits.maxAttempts * 4, windowMs: limits.windowMs });
  const remembered = new Map<string, { actor: Actor; until: number }>();

  async function basic(encoded: string, ip: string): Promise<Actor> {
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) throw new AuthenticationError('Basic credentials are username:password');
    const username = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const key = createHash('sha256').update(decoded).digest('base64');
    const hit = remembered.get(key);
    if (hit !== undefined && hit.until > Date.now()) return { ...hit.actor, ip };
    limiter.assertAllowed(username, ip);
    const row = await selectUserByUsername(database.db, username);
    // Unknown users cost a verification too, so timing does not reveal usernames.
    const ok = await verifyPassword(password, row?.password_hash ?? UNKNOWN_USER_HASH);
    if (row === undefined || row.password_hash === null || !ok || row.disabled) {
      limiter.recordFailure(username, ip);
      throw new AuthenticationError('wrong username or password');
    }
    limiter.recordSuccess(username, ip);
    const actor: Actor = { kind: 'user', userId: row.id, username: row.username, orgId: row.org_id, orgPath: row.org_path, role: row.role as Role, ip };
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(key, { actor, until: Date.now() + REMEMBER_MS });
    return actor;
  }

  return {
    async authenticate(header, ip) {
      if (header === undefined || header.trim() === '') return null;
      const bearer = /^Bearer\s+(\S+)$/i.exec(header);
      if (bearer?.[1] !== undefined) {
        const actor = await tokens(bearer[1], ip);
        if (actor === null) throw new AuthenticationError('invalid or expired API token');
        return actor;
      }
      const b = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
      if (b?.[1] !== undefined) return basic(b[1], ip);
      throw new AuthenticationError('use HTTP Basic or a Bearer API token');
    },
  };
}
