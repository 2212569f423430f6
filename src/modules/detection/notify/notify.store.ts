// Queries on alert channels, notification rules, deliveries and the notifier's cursor; nothing else
// touches these tables.
import { sql } from 'kysely';
import { toIso } from '../../../platform/crypto.js';
import type { Db } from '../../../storage/index.js';
import type { AlertSeverity } from '../types.js';
import type { AlertChannel, ChannelConfig, ChannelKind, Delivery, DeliveryStatus, NotificationRule } from './types.js';

type Time = Date | string;
const iso = (t: Time) => toIso(t);
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

interface ChannelRow {
  id: string;
  org_id: string;
  name: string;
  kind: string;
  config: unknown;
  sealed_secret: string | null;
  enabled: boolean;
  created_by: string;
  created_at: Time;
  updated_at: Time;
}

export interface StoredChannel extends AlertChannel {
  readonly sealedSecret: string | null;
}

const toChannel = (r: ChannelRow): StoredChannel => ({
  id: r.id,
  orgId: r.org_id,
  name: r.name,
  kind: r.kind as ChannelKind,
  config: json<ChannelConfig>(r.config),
  hasSecret: r.sealed_secret !== null,
  sealedSecret: r.sealed_secret,
  enabled: r.enabled,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export async function selectChannels(db: Db, orgId: string): Promise<StoredChannel[]> {
  const { rows } = await sql<ChannelRow>`select * from alert_channels where org_id = ${orgId} order by name, id`.execute(db);
  return rows.map(toChannel);
}

export async function selectChannel(db: Db, id: string): Promise<StoredChannel | undefined> {
  const { rows } = await sql<ChannelRow>`select * from alert_channels where id = ${id}`.execute(db);
  return rows[0] === undefined ? undefined : toChannel(rows[0]);
}

export async function selectChannelsById(db: Db, ids: readonly string[]): Promise<StoredChannel[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<ChannelRow>`select * from alert_channels where id = any(${[...ids]}::text[])`.execute(db);
  return rows.map(toChannel);
}

export async function insertChannel(db: Db, c: { id: string; orgId: string; name: string; kind: ChannelKind; config: ChannelConfig; sealedSecret: string | null; enabled: boolean; createdBy: string }): Promise<StoredChannel | undefined> {
  const { rows } = await sql<ChannelRow>`
    insert into alert_channels (id, org_id, name, kind, config, sealed_secret, enabled, created_by)
    values (${c.id}, ${c.orgId}, ${c.name}, ${c.kind}, ${JSON.stringify(c.config)}::jsonb, ${c.sealedSecret}, ${c.enabled}, ${c.createdBy})
    on conflict (org_id, name) do nothing
    returning *`.execute(db);
  return rows[0] === undefined ? undefined : toChannel(rows[0]);
}

export async function updateChannel(db: Db, id: string, change: { name?: string | undefined; enabled?: boolean | undefined }): Promise<void> {
  await sql`update alert_channels set name = coalesce(${change.name ?? null}, name), enabled = coalesce(${change.enabled ?? null}, enabled), updated_at = now() where id = ${id}`.execute(db);
}

export async function deleteChannel(db: Db, id: string): Promise<void> {
  await sql`update alert_notification_rules set channel_ids = array_remove(channel_ids, ${id}), updated_at = now() where ${id} = any(channel_ids)`.execute(db);
  await sql`delete from alert_channels where id = ${id}`.execute(db);
}

interface RuleRow {
  id: string;
  org_id: string;
  name: string;
  rule_ids: string[];
  techniques: string[];
  min_severity: string;
  channel_ids: string[];
  enabled: boolean;
  created_by: string;
  created_at: Time;
  updated_at: Time;
}

const toRule = (r: RuleRow): NotificationRule => ({
  id: r.id,
  orgId: r.org_id,
  name: r.name,
  ruleIds: r.rule_ids,
  techniques: r.techniques,
  minSeverity: r.min_severity as AlertSeverity,
  channelIds: r.channel_ids,
  enabled: r.enabled,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export async function selectRules(db: Db, orgIds: readonly string[], enabledOnly = false): Promise<NotificationRule[]> {
  if (orgIds.length === 0) return [];
  const { rows } = await sql<RuleRow>`select * from alert_notification_rules where org_id = any(${[...orgIds]}::text[]) ${enabledOnly ? sql`and enabled` : sql``} order by name, id`.execute(db);
  return rows.map(toRule);
}

export async function selectRule(db: Db, id: string): Promise<NotificationRule | undefined> {
  const { rows } = await sql<RuleRow>`select * from alert_notification_rules where id = ${id}`.execute(db);
  return rows[0] === undefined ? undefined : toRule(rows[0]);
}

export type RuleValues = Pick<NotificationRule, 'name' | 'ruleIds' | 'techniques' | 'minSeverity' | 'channelIds' | 'enabled'>;

/** Inserts, or (with an existing id) replaces the rule's values; undefined when the name is taken. */
export async function upsertRule(db: Db, id: string, orgId: string, v: RuleValues, by: string): Promise<NotificationRule | undefined> {
  const { rows } = await sql<RuleRow>`
    insert into alert_notification_rules (id, org_id, name, rule_ids, techniques, min_severity, channel_ids, enabled, created_by)
    values (${id}, ${orgId}, ${v.name}, ${[...v.ruleIds]}::text[], ${[...v.techniques]}::text[], ${v.minSeverity}, ${[...v.channelIds]}::text[], ${v.enabled}, ${by})
    on conflict (id) do update set name = excluded.name, rule_ids = excluded.rule_ids, techniques = excluded.techniques,
      min_severity = excluded.min_severity, channel_ids = excluded.channel_ids, enabled = excluded.enabled, updated_at = now()
    returning *`
    .execute(db)
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505') return { rows: [] as RuleRow[] };
      throw error;
    });
  return rows[0] === undefined ? undefined : toRule(rows[0]);
}

export async function deleteRule(db: Db, id: string): Promise<void> {
  await sql`delete from alert_notification_rules where id = ${id}`.execute(db);
}

interface DeliveryRow {
  id: string;
  alert_id: string;
  channel_id: string;
  notification_rule_id: string | null;
  status: string;
  attempts: number;
  next_attempt_at: Time;
  last_error: string | null;
  created_at: Time;
  delivered_at: Time | null;
}

const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id,
  alertId: r.alert_id,
  channelId: r.channel_id,
  notificationRuleId: r.notification_rule_id,
  status: r.status as DeliveryStatus,
  attempts: Number(r.attempts),
  nextAttemptAt: iso(r.next_attempt_at),
  lastError: r.last_error,
  createdAt: iso(r.created_at),
  deliveredAt: r.delivered_at === null ? null : iso(r.delivered_at),
});

export async function selectDeliveries(db: Db, channelId: string, limit: number): Promise<Delivery[]> {
  const { rows } = await sql<DeliveryRow>`select * from alert_deliveries where channel_id = ${channelId} order by created_at desc, id desc limit ${limit}`.execute(db);
  return rows.map(toDelivery);
}

export interface NewAlertRow {
  readonly id: string;
  readonly org_id: string;
  readonly rule_id: string;
  readonly rule_title: string;
  readonly severity: string;
  readonly entity: string;
  readonly techniques: string[];
  readonly count: string | number;
  readonly first_seen: Time;
  readonly last_seen: Time;
  readonly created_at: Time;
}

/**
 * The next alerts created after the cursor, and those of the `lookbackMs` before it again: a
 * transaction that committed late may have created some there (deliveries are unique per alert and
 * channel, so a second look adds nothing).
 */
export async function selectNewAlerts(db: Db, lookbackMs: number, limit: number): Promise<NewAlertRow[]> {
  const state = await sql<{ cursor: Time }>`select cursor from alert_notify_state where id = 1`.execute(db);
  const cursor = iso(state.rows[0]?.cursor ?? new Date());
  const columns = sql`id, org_id, rule_id, rule_title, severity, entity, techniques, count, first_seen, last_seen, created_at`;
  const { rows } = await sql<NewAlertRow>`
    (select ${columns} from alerts where created_at > ${cursor}::timestamptz - ${lookbackMs / 1000} * interval '1 second' and created_at <= ${cursor}::timestamptz order by created_at desc limit ${limit})
    union all
    (select ${columns} from alerts where created_at > ${cursor}::timestamptz order by created_at, id limit ${limit})`.execute(db);
  return rows.sort((a, b) => iso(a.created_at).localeCompare(iso(b.created_at)));
}

export async function advanceCursor(db: Db, to: string): Promise<void> {
  await sql`update alert_notify_state set cursor = greatest(cursor, ${to}::timestamptz) where id = 1`.execute(db);
}

export async function insertDeliveries(db: Db, rows: readonly { id: string; orgId: string; alertId: string; channelId: string; ruleId: string }[]): Promise<number> {
  if (rows.length === 0) return 0;
  const values = sql.join(rows.map((r) => sql`(${r.id}, ${r.orgId}, ${r.alertId}, ${r.channelId}, ${r.ruleId})`));
  const result = await sql<{ id: string }>`insert into alert_deliveries (id, org_id, alert_id, channel_id, notification_rule_id) values ${values} on conflict (alert_id, channel_id) do nothing returning id`.execute(db);
  return result.rows.length;
}

export interface DueDelivery extends DeliveryRow {
  readonly rule_name: string | null;
  readonly a_org_id: string;
  readonly a_rule_id: string;
  readonly a_rule_title: string;
  readonly a_severity: string;
  readonly a_entity: string;
  readonly a_techniques: string[];
  readonly a_count: string | number;
  readonly a_first_seen: Time;
  readonly a_last_seen: Time;
}

/**
 * Claims up to `limit` due deliveries for `leaseMs` (another notifier skips them meanwhile) and
 * counts the attempt; a notifier that dies mid-send leaves them to be tried again after the lease.
 */
export async function claimDue(db: Db, limit: number, leaseMs: number): Promise<DueDelivery[]> {
  const { rows } = await sql<DueDelivery>`
    with due as (
      select id from alert_deliveries where status = 'pending' and next_attempt_at <= now()
      order by next_attempt_at limit ${limit} for update skip locked
    ), claimed as (
      update alert_deliveries d set attempts = d.attempts + 1, next_attempt_at = now() + ${leaseMs / 1000} * interval '1 second'
      from due where d.id = due.id returning d.*
    )
    select c.*, r.name as rule_name, a.org_id as a_org_id, a.rule_id as a_rule_id, a.rule_title as a_rule_title, a.severity as a_severity,
      a.entity as a_entity, a.techniques as a_techniques, a.count as a_count, a.first_seen as a_first_seen, a.last_seen as a_last_seen
    from claimed c join alerts a on a.id = c.alert_id left join alert_notification_rules r on r.id = c.notification_rule_id`.execute(db);
  return rows;
}

export async function finishDelivery(db: Db, id: string, outcome: { delivered: true } | { delivered: false; error: string; retryAt: Date | null }): Promise<void> {
  if (outcome.delivered) {
    await sql`update alert_deliveries set status = 'delivered', delivered_at = now(), last_error = null where id = ${id}`.execute(db);
    return;
  }
  await sql`update alert_deliveries set status = ${outcome.retryAt === null ? 'failed' : 'pending'}, last_error = ${outcome.error.slice(0, 2000)},
    next_attempt_at = coalesce(${outcome.retryAt?.toISOString() ?? null}::timestamptz, next_attempt_at) where id = ${id}`.execute(db);
}
