// Queries on alert_suppressions; nothing else touches the table.
import { sql, type Selectable } from 'kysely';
import type { Actor } from '../../platform/access.js';
import { toIso } from '../../platform/crypto.js';
import type { Db, Tables } from '../../storage/index.js';
import type { Suppression } from './types.js';

type Row = Selectable<Tables['alert_suppressions']>;

export function toSuppression(r: Row): Suppression {
  return {
    id: r.id,
    orgId: r.org_id,
    ruleId: r.rule_id,
    entity: r.entity,
    assetId: r.asset_id,
    field: r.field,
    value: r.value,
    reason: r.reason,
    expiresAt: r.expires_at === null ? null : toIso(r.expires_at),
    createdBy: r.created_by,
    createdAt: toIso(r.created_at),
    hitCount: Number(r.hit_count),
  };
}

const visible = (db: Db, actor: Actor) => {
  const q = db.selectFrom('alert_suppressions').selectAll();
  return actor.kind === 'system' ? q : q.where('org_id', '=', actor.orgId);
};

/** An organisation's suppressions are its own members' business. */
export async function selectVisibleSuppressions(db: Db, actor: Actor): Promise<Suppression[]> {
  return (await visible(db, actor).orderBy('created_at').orderBy('id').execute()).map(toSuppression);
}

export async function selectVisibleSuppression(db: Db, actor: Actor, id: string): Promise<Suppression | undefined> {
  const row = await visible(db, actor).where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toSuppression(row);
}

/** Those not expired, for the detector. */
export async function selectActiveSuppressions(db: Db, now: Date): Promise<Suppression[]> {
  return (await db.selectFrom('alert_suppressions').selectAll().where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)])).execute()).map(toSuppression);
}

export async function insertSuppression(db: Db, s: Omit<Suppression, 'createdAt' | 'hitCount'>): Promise<Suppression> {
  const row = await db
    .insertInto('alert_suppressions')
    .values({ id: s.id, org_id: s.orgId, rule_id: s.ruleId, entity: s.entity, asset_id: s.assetId, field: s.field, value: s.value, reason: s.reason, expires_at: s.expiresAt, created_by: s.createdBy })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSuppression(row);
}

export async function updateSuppression(db: Db, id: string, change: { reason?: string | undefined; expiresAt?: string | null | undefined }): Promise<void> {
  await db
    .updateTable('alert_suppressions')
    .set({ ...(change.reason === undefined ? {} : { reason: change.reason }), ...(change.expiresAt === undefined ? {} : { expires_at: change.expiresAt }) })
    .where('id', '=', id)
    .execute();
}

export async function deleteSuppression(db: Db, id: string): Promise<void> {
  await db.deleteFrom('alert_suppressions').where('id', '=', id).execute();
}

/** Counts what each suppression held back, one statement for the batch. */
export async function addSuppressionHits(db: Db, hits: ReadonlyMap<string, number>): Promise<void> {
  if (hits.size === 0) return;
  const values = sql.join([...hits].map(([id, n]) => sql`(${id}::text, ${n}::bigint)`));
  await sql`update alert_suppressions s set hit_count = s.hit_count + v.n from (values ${values}) as v(id, n) where s.id = v.id`.execute(db);
}
