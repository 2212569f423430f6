// Queries on alerts, their comments and status history; nothing else touches these tables.
import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import { upwardReaderRoles, type Actor } from '../../platform/access.js';
import { newId, toIso } from '../../platform/crypto.js';
import { tlpLevels, tlpShareableUpward, type Tlp } from '../../platform/tlp.js';
import type { Db, Tables } from '../../storage/index.js';
import { alertSeverities, type Alert, type AlertComment, type AlertFilter, type AlertSeverity, type AlertStatus, type AlertStatusChange, type RuleLevel } from './types.js';

type AlertRow = Selectable<Tables['alerts']>;
type From = ExpressionBuilder<Tables, 'alerts'>;

/** Linked events kept per alert: the first ones, which explain how it started. */
export const MAX_LINKED_EVENTS = 50;

/** ADR 002, as for events: the owner's members; analysts, responders and admins above when shared upward with a TLP that travels. */
export function alertVisibleTo(actor: Actor) {
  return (eb: From) => {
    if (actor.kind === 'system') return eb.val(true);
    const own = eb('alerts.org_id', '=', actor.orgId);
    if (!upwardReaderRoles.includes(actor.role)) return own;
    return eb.or([own, eb.and([eb('alerts.org_path', 'like', `${actor.orgPath}%`), eb('alerts.shared_upward', '=', true), eb('alerts.tlp', 'in', [...tlpShareableUpward])])]);
  };
}

export function toAlert(r: AlertRow): Alert {
  return {
    id: r.id,
    orgId: r.org_id,
    ruleId: r.rule_id,
    ruleTitle: r.rule_title,
    entity: r.entity,
    severity: r.severity as AlertSeverity,
    level: r.level as RuleLevel,
    status: r.status as AlertStatus,
    assignee: r.assignee,
    tlp: r.tlp as Tlp,
    sharedUpward: r.shared_upward,
    techniques: r.techniques,
    assetIds: r.asset_ids,
    eventIds: r.event_ids,
    selections: r.selections,
    count: Number(r.count),
    firstSeen: toIso(r.first_seen),
    lastSeen: toIso(r.last_seen),
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
  };
}

export interface AlertKey {
  readonly lastSeen: string;
  readonly id: string;
}

/** The list's filters (technique, status, severity at least, rule, asset, organisation, time) as one condition, for the list and its counts. */
export function alertMatches(f: Omit<AlertFilter, 'limit' | 'cursor'>) {
  return (eb: From) => {
    const c: Expression<SqlBool>[] = [];
    if (f.technique !== undefined) c.push(sql<boolean>`alerts.techniques @> array[${f.technique.toUpperCase()}]::text[]`);
    if (f.status !== undefined) c.push(eb('alerts.status', '=', f.status));
    if (f.severity !== undefined) c.push(eb('alerts.severity', 'in', alertSeverities.slice(alertSeverities.indexOf(f.severity))));
    if (f.ruleId !== undefined) c.push(eb('alerts.rule_id', '=', f.ruleId));
    if (f.assetId !== undefined) c.push(sql<boolean>`alerts.asset_ids @> array[${f.assetId}]::text[]`);
    if (f.orgId !== undefined) c.push(eb('alerts.org_id', '=', f.orgId));
    if (f.from !== undefined) c.push(eb('alerts.last_seen', '>=', new Date(f.from)));
    if (f.to !== undefined) c.push(eb('alerts.first_seen', '<', new Date(f.to)));
    return eb.and(c);
  };
}

/** Newest activity first; the key of the last row continues the page. */
export async function selectAlertPage(db: Db, actor: Actor, f: AlertFilter, limit: number, after: AlertKey | undefined): Promise<Alert[]> {
  let q = db.selectFrom('alerts').selectAll().where(alertVisibleTo(actor)).where(alertMatches(f));
  if (after !== undefined) {
    const at = new Date(after.lastSeen);
    q = q.where((eb) => eb.or([eb('last_seen', '<', at), eb.and([eb('last_seen', '=', at), eb('id', '<', after.id)])]));
  }
  return (await q.orderBy('last_seen', 'desc').orderBy('id', 'desc').limit(limit).execute()).map(toAlert);
}

export async function selectVisibleAlert(db: Db, actor: Actor, id: string): Promise<Alert | undefined> {
  const row = await db.selectFrom('alerts').selectAll().where(alertVisibleTo(actor)).where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toAlert(row);
}

export async function selectVisibleAlerts(db: Db, actor: Actor, ids: readonly string[]): Promise<Alert[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('alerts').selectAll().where(alertVisibleTo(actor)).where('id', 'in', [...ids]).execute()).map(toAlert);
}

export async function selectComments(db: Db, alertId: string): Promise<AlertComment[]> {
  const rows = await db.selectFrom('alert_comments').selectAll().where('alert_id', '=', alertId).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, author: r.author, body: r.body, createdAt: toIso(r.created_at) }));
}

export async function selectHistory(db: Db, alertId: string): Promise<AlertStatusChange[]> {
  const rows = await db.selectFrom('alert_status_history').selectAll().where('alert_id', '=', alertId).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ fromStatus: r.from_status as AlertStatus | null, toStatus: r.to_status as AlertStatus, assignee: r.assignee, actor: r.actor, note: r.note, createdAt: toIso(r.created_at) }));
}

export async function insertComment(db: Db, alertId: string, author: string, body: string): Promise<AlertComment> {
  const id = newId();
  const row = await db.insertInto('alert_comments').values({ id, alert_id: alertId, author, body }).returningAll().executeTakeFirstOrThrow();
  return { id, author, body, createdAt: toIso(row.created_at) };
}

/**
 * Sets status and assignee of many alerts at once and records each change. Closing an alert frees
 * its open key: the next hit of its rule and entity raises a new alert.
 */
export async function updateAlertStatus(db: Db, alerts: readonly Alert[], change: { status?: AlertStatus | undefined; assignee?: string | null | undefined; note?: string | undefined }, actor: string, closed: boolean): Promise<void> {
  if (alerts.length === 0) return;
  const ids = alerts.map((a) => a.id);
  await db
    .updateTable('alerts')
    .set({
      ...(change.status === undefined ? {} : { status: change.status }),
      ...(change.assignee === undefined ? {} : { assignee: change.assignee }),
      ...(closed ? { open_key: null } : {}),
      updated_at: new Date(),
    })
    .where('id', 'in', ids)
    .execute();
  await db
    .insertInto('alert_status_history')
    .values(alerts.map((a) => ({ id: newId(), alert_id: a.id, from_status: a.status, to_status: change.status ?? a.status, assignee: change.assignee === undefined ? a.assignee : change.assignee, actor, note: change.note ?? null })))
    .execute();
}

/** One alert's worth of hits from a batch (one rule, one entity), ready to write. */
export interface AlertDraft extends Omit<Alert, 'id' | 'status' | 'assignee' | 'createdAt' | 'updatedAt'> {
  readonly orgPath: string;
  /** Organisation, rule and entity: the one open alert hits of this key add to. */
  readonly openKey: string;
}

const rank = (values: readonly string[], column: string) => sql.raw(`array_position(array[${values.map((v) => `'${v}'`).join(',')}]::text[], ${column})`);
const union = (column: string) => sql.raw<string[]>(`array(select distinct x from unnest(alerts.${column} || excluded.${column}) as x order by x)`);

/**
 * Writes a batch's drafts in two statements (ADR 019): alerts whose window passed give up their open
 * key, then every draft is inserted or added to the open alert of its key (count, last seen, linked
 * events up to MAX_LINKED_EVENTS, the higher severity, the stricter marking).
 */
export async function upsertAlerts(db: Db, drafts: readonly AlertDraft[], windowMs: number): Promise<void> {
  if (drafts.length === 0) return;
  const values = sql.join(drafts.map((d) => sql`(${d.openKey}::text, ${d.firstSeen}::timestamptz)`));
  await sql`update alerts set open_key = null, updated_at = now()
    from (values ${values}) as v(k, t)
    where alerts.open_key = v.k and alerts.last_seen < v.t - ${windowMs / 1000} * interval '1 second'`.execute(db);
  await db
    .insertInto('alerts')
    .values(
      drafts.map((d) => ({
        id: newId(),
        org_id: d.orgId,
        org_path: d.orgPath,
        rule_id: d.ruleId,
        rule_title: d.ruleTitle,
        entity: d.entity,
        open_key: d.openKey,
        severity: d.severity,
        level: d.level,
        tlp: d.tlp,
        shared_upward: d.sharedUpward,
        techniques: [...d.techniques],
        asset_ids: [...d.assetIds],
        event_ids: d.eventIds.slice(0, MAX_LINKED_EVENTS),
        selections: [...d.selections],
        count: d.count,
        first_seen: d.firstSeen,
        last_seen: d.lastSeen,
      })),
    )
    .onConflict((oc) =>
      oc.column('open_key').doUpdateSet({
        count: sql`alerts.count + excluded.count`,
        first_seen: sql`least(alerts.first_seen, excluded.first_seen)`,
        last_seen: sql`greatest(alerts.last_seen, excluded.last_seen)`,
        event_ids: sql`(alerts.event_ids || excluded.event_ids)[1:${sql.lit(MAX_LINKED_EVENTS)}]`,
        asset_ids: union('asset_ids'),
        techniques: union('techniques'),
        selections: union('selections'),
        rule_title: sql`excluded.rule_title`,
        severity: sql`case when ${rank(alertSeverities, 'excluded.severity')} > ${rank(alertSeverities, 'alerts.severity')} then excluded.severity else alerts.severity end`,
        tlp: sql`case when ${rank(tlpLevels, 'excluded.tlp')} > ${rank(tlpLevels, 'alerts.tlp')} then excluded.tlp else alerts.tlp end`,
        shared_upward: sql`alerts.shared_upward and excluded.shared_upward`,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

/** Which of these (rule, entity, selection) keys already have an alert, open or closed: alerts raised once per key (knowledge alerts). */
export async function selectRaisedKeys(db: Db, ruleIds: readonly string[], entities: readonly string[]): Promise<Set<string>> {
  if (ruleIds.length === 0 || entities.length === 0) return new Set();
  const rows = await db.selectFrom('alerts').select(['rule_id', 'entity', 'selections']).where('rule_id', 'in', [...ruleIds]).where('entity', 'in', [...entities]).execute();
  return new Set(rows.flatMap((r) => r.selections.map((s) => `${r.rule_id}|${r.entity}|${s}`)));
}
