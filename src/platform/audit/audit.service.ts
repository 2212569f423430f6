import type { Database, Db } from '../../storage/index.js';
import { requireRole, type Actor } from '../access.js';
import { insertAudit, selectAudit } from './audit.store.js';
import type { AuditEntry, AuditEvent, AuditListOptions } from './types.js';

export type { AuditEntry, AuditEvent, AuditListOptions } from './types.js';



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


export function createAuditService(database: Database) {
  return {
    /** Admins read the log of their organisation and the organisations below it. */
    async list(actor: Actor, options: AuditListOptions = {}): Promise<AuditEntry[]> {
      requireRole(actor, ['admin'], 'read the audit log');
      const rows = await selectAudit(database.db, {
        orgPath: actor.orgPath,
        limit: Math.min(options.limit ?? 100, 1000),
        beforeId: options.before,
        action: options.action,
        targetType: options.targetType,
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
