import type { Database, Db } from '../../storage/index.js';
import { requireRole, type Actor } from '../access.js';
import { insertAudit, selectAudit } from './audit.store.js';

export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  readonly actorId: string | null;
  readonly actorName: string;
  readonly orgId: string | null;
  readonly orgName: string | null;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly details: Record<string, unknown>;
  readonly ip: string | null;
}

export interface AuditEvent {
  readonly action: string;
  readonly targetType: string;
  readonly targetId?: string | null;
  /** The organisation the write concerns; defaults to the actor's. */
  readonly orgId?: string;
  readonly details?: Record<string, unknown>;
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

export interface AuditListOptions {
  readonly limit?: number | undefined;
  readonly before?: string | undefined;
  readonly action?: string | undefined;
  readonly targetType?: string | undefined;
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
