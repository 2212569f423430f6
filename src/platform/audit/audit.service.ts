import type { Database, Db } from '../../storage/index.js';
import { requireRole, type Actor } from '../access.js';
import { insertAudit, selectAudit } from './audit.store.js';
import type { AuditEntry, AuditEvent, AuditListOptions, StrangerEvent } from './types.js';

export type { AuditEntry, AuditEvent, AuditListOptions, StrangerEvent } from './types.js';

/** Text a stranger typed, fit for the log: bounded, with control characters (and NUL, which PostgreSQL refuses) replaced. */
export function auditText(typed: string, max = 64): string {
  // eslint-disable-next-line no-control-regex
  return typed.slice(0, max).replace(/[\u0000-\u001f\u007f]/g, '?');
}

/** Records one write. Call it inside the write's own transaction so both land or neither. */
export async function recordAudit(db: Db, actor: Actor, event: AuditEvent): Promise<void> {
  await insertAudit(db, {
    actorId: actor.userId,
    actorName: actor.username,
    orgId: event.orgId ?? (actor.orgId === '' ? null : actor.orgId),
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId ?? null,
    details: event.details ?? {},
    ip: actor.ip ?? null,
  });
}

/**
 * Records what someone not (yet) authenticated did, such as a failed login: the name they typed, and
 * the organisation it concerns (null: only root admins read it, for a name that is nobody's).
 */
export async function recordStranger(db: Db, event: StrangerEvent): Promise<void> {
  await insertAudit(db, {
    actorId: null,
    actorName: auditText(event.typedName),
    orgId: event.orgId,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId ?? null,
    details: event.details ?? {},
    ip: event.ip,
  });
}

/** An admin of a root organisation (or the local operator) also reads entries that concern no organisation. */
const readsNodeWide = (actor: Actor): boolean => /^\/([^/]+\/)?$/.test(actor.orgPath);

export function createAuditService(database: Database) {
  return {
    /** Admins read the log of their organisation and the organisations below it. */
    async list(actor: Actor, options: AuditListOptions = {}): Promise<AuditEntry[]> {
      requireRole(actor, ['admin'], 'read the audit log');
      const rows = await selectAudit(database.db, {
        orgPath: actor.orgPath,
        withoutOrg: readsNodeWide(actor) && options.orgId === undefined,
        limit: Math.min(options.limit ?? 100, 1000),
        beforeId: options.before,
        action: options.action,
        targetType: options.targetType,
        orgId: options.orgId,
      });
      return rows.map((r) => ({
        id: String(r.id),
        at: new Date(r.at).toISOString(),
        actorId: r.actor_id,
        actorName: r.actor_name,
        orgId: r.org_id,
        orgName: r.org_name,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>,
        ip: r.ip,
      }));
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
