import { NotAllowedError } from './errors.js';

export const roles = ['admin', 'analyst', 'responder', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const orgLevels = ['national', 'provincial', 'industry', 'enterprise'] as const;
export type OrgLevel = (typeof orgLevels)[number];

/**
 * Who is acting: a person (session or token), the local operator using the CLI on the database, or a
 * capture sensor (its token may only write events for its organisation: src/modules/sensing/sensor).
 */
export interface Actor {
  readonly kind: 'user' | 'system' | 'sensor';
  readonly userId: string | null;
  readonly username: string;
  readonly orgId: string;
  /** Materialized ancestry of the actor's organisation, e.g. '/a/b/'. */
  readonly orgPath: string;
  readonly role: Role;
  readonly ip?: string | undefined;
}

/** Roles that may write operational data (assets, later incidents and intelligence). */
export const writerRoles: readonly Role[] = ['admin', 'analyst'];
/** Roles of a parent organisation that may read what children share upward. */
export const upwardReaderRoles: readonly Role[] = ['admin', 'analyst', 'responder'];

export function requireRole(actor: Actor, allowed: readonly Role[], what: string): void {
  if (!allowed.includes(actor.role)) {
    throw new NotAllowedError(`role ${actor.role} may not ${what}`);
  }
}

/** True when `path` is the actor's organisation or one below it. */
export function isWithin(actorPath: string, path: string): boolean {
  return path.startsWith(actorPath);
}

/** The local operator: CLI commands run directly on the database (whoever can open it owns it). */
export function systemActor(name = 'local-operator'): Actor {
  return { kind: 'system', userId: null, username: `cli:${name}`, orgId: '', orgPath: '/', role: 'admin' };
}
