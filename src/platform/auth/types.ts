import type { Role } from '../access.js';
import type { User } from '../users/types.js';

export interface ApiToken {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly prefix: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export interface IssuedToken extends ApiToken {
  /** Shown once; only its hash is stored. */
  readonly token: string;
}

/** Who is logged in, as the console sees it. */
export interface Me {
  readonly user: User;
  readonly organisation: { readonly id: string; readonly name: string; readonly level: string };
  readonly role: Role;
}
