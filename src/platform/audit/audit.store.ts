import type { Db } from '../../storage/index.js';

export interface AuditRow {
  readonly actorId: string | null;
  readonly actorName: string;
  readonly orgId: string | null;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly ip: string | null;
}

export async function insertAudit(db: Db, row: AuditRow): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: row.actorId,
      actor_name: row.actorName,
      org_id: row.orgId,
      action: row.action,
      target_type: row.targetType,
      target_id: row.targetId,
      details: JSON.stringify(row.details),
      ip: row.ip,
    })
    .execute();
}

export interface AuditQuery {
  readonly orgPath: string;
  /** Also entries that concern no organisation (failed logins under names that are nobody's). */
  readonly withoutOrg: boolean;
  readonly limit: number;
  readonly beforeId?: string | undefined;
  readonly action?: string | undefined;
  readonly targetType?: string | undefined;
  readonly orgId?: string | undefined;
}

export async function selectAudit(db: Db, query: AuditQuery) {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('organisations as o', 'o.id', 'a.org_id')
    .select([
      'a.id',
      'a.at',
      'a.actor_id',
      'a.actor_name',
      'a.org_id',
      'o.name as org_name',
      'a.action',
      'a.target_type',
      'a.target_id',
      'a.details',
      'a.ip',
    ])
    .where((eb) => {
      const within = eb('o.path', 'like', `${query.orgPath}%`);
      return query.withoutOrg ? eb.or([within, eb('a.org_id', 'is', null)]) : within;
    })
    .orderBy('a.id', 'desc')
    .limit(query.limit);
  if (query.beforeId !== undefined) q = q.where('a.id', '<', query.beforeId);
  if (query.action !== undefined) q = q.where('a.action', '=', query.action);
  if (query.targetType !== undefined) q = q.where('a.target_type', '=', query.targetType);
  if (query.orgId !== undefined) q = q.where('a.org_id', '=', query.orgId);
  return q.execute();
}
