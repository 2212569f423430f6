// TAXII clients authenticate with HTTP Basic (a Bulwark user's name and password) or a Bearer API
// token. Both are checked by the auth service, as every other credential of the node: one login
// limiter, one audit trail, and a disabled user or a revoked token refused at once.
import type { Actor } from '../../../platform/access.js';
import { AuthenticationError } from '../../../platform/errors.js';

export interface TaxiiAuthenticator {
  /** The caller of a request, or an AuthenticationError; `null` when no credentials were sent. */
  authenticate(header: string | undefined, ip: string): Promise<Actor | null>;
}

/** What the auth service offers TAXII. */
export interface TaxiiCredentials {
  authenticateToken(token: string, ip?: string): Promise<Actor | null>;
  authenticateBasic(username: string, password: string, ip: string): Promise<Actor>;
}

export function createTaxiiAuthenticator(credentials: TaxiiCredentials): TaxiiAuthenticator {
  return {
    async authenticate(header, ip) {
      if (header === undefined || header.trim() === '') return null;
      const bearer = /^Bearer\s+(\S+)$/i.exec(header);
      if (bearer?.[1] !== undefined) {
        const actor = await credentials.authenticateToken(bearer[1], ip);
        if (actor === null) throw new AuthenticationError('invalid or expired API token');
        return actor;
      }
      const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
      if (basic?.[1] !== undefined) {
        const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon <= 0) throw new AuthenticationError('Basic credentials are username:password');
        return credentials.authenticateBasic(decoded.slice(0, colon), decoded.slice(colon + 1), ip);
      }
      throw new AuthenticationError('use HTTP Basic or a Bearer API token');
    },
  };
}
