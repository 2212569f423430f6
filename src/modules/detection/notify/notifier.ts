// The notifier: a loop of its own, beside detection, never in its path (ADR 021). Each tick it reads
// the alerts created since its cursor, queues one delivery per alert and channel that the
// organisation's notification rules select, and sends the due deliveries, retrying failures with
// exponential backoff until they are delivered or given up. The queue is the alert_deliveries table,
// so several processes can share it and nothing is lost across a restart.
import type { Logger } from '../../../platform/logger.js';
import { newId, toIso } from '../../../platform/crypto.js';
import type { SecretBox } from '../../../platform/secret-box.js';
import type { Database } from '../../../storage/index.js';
import { alertSeverities, type AlertSeverity } from '../types.js';
import { advanceCursor, claimDue, finishDelivery, insertDeliveries, selectChannelsById, selectNewAlerts, selectRules, type DueDelivery, type NewAlertRow } from './notify.store.js';
import { send } from './senders.js';
import type { AlertMessage, NotificationRule } from './types.js';

export interface NotifierOptions {
  readonly secrets: SecretBox;
  readonly allowPrivateUrls?: boolean | undefined;
  readonly logger?: Logger | undefined;
  /** How often it looks for new alerts and due deliveries. Default 2 s. */
  readonly pollMs?: number;
  /** Attempts before a delivery is marked failed. Default 8. */
  readonly maxAttempts?: number;
  /** Wait before the next attempt after `attempts` failures. Default 5 s doubling, at most 1 h. */
  readonly backoffMs?: (attempts: number) => number;
  readonly timeoutMs?: number;
}

export interface Notifier {
  start(): void;
  /** One round now (tests): queue deliveries for new alerts, send what is due. */
  tick(): Promise<{ queued: number; sent: number; failed: number }>;
  stop(): Promise<void>;
}

const LOOKBACK_MS = 60_000;
const rank = (s: string) => alertSeverities.indexOf(s as AlertSeverity);

/** Does a notification rule select this alert? Rules (empty: any), techniques (empty: any), at least the severity. */
export function selects(rule: Pick<NotificationRule, 'ruleIds' | 'techniques' | 'minSeverity' | 'enabled'>, alert: { ruleId: string; techniques: readonly string[]; severity: string }): boolean {
  if (!rule.enabled || rank(alert.severity) < rank(rule.minSeverity)) return false;
  if (rule.ruleIds.length > 0 && !rule.ruleIds.includes(alert.ruleId)) return false;
  return rule.techniques.length === 0 || rule.techniques.some((t) => alert.techniques.includes(t));
}

export function createNotifier(database: Database, options: NotifierOptions): Notifier {
  const { db } = database;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoff = options.backoffMs ?? ((n: number) => Math.min(3_600_000, 5_000 * 2 ** (n - 1)));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<{ queued: number; sent: number; failed: number }> = Promise.resolve({ queued: 0, sent: 0, failed: 0 });

  /** Queues the deliveries of one page of new alerts and moves the cursor past it. */
  async function enqueue(): Promise<number> {
    const alerts = await selectNewAlerts(db, LOOKBACK_MS, 1000);
    if (alerts.length === 0) return 0;
    const rules = await selectRules(db, [...new Set(alerts.map((a) => a.org_id))], true);
    const channels = new Map((await selectChannelsById(db, [...new Set(rules.flatMap((r) => r.channelIds))])).map((c) => [c.id, c]));
    const rows: { id: string; orgId: string; alertId: string; channelId: string; ruleId: string }[] = [];
    for (const a of alerts) {
      const seen = new Set<string>();
      for (const r of rules) {
        if (r.orgId !== a.org_id || !selects(r, { ruleId: a.rule_id, techniques: a.techniques, severity: a.severity })) continue;
        for (const c of r.channelIds) {
          if (seen.has(c) || channels.get(c)?.enabled !== true) continue;
          seen.add(c);
          rows.push({ id: newId(), orgId: a.org_id, alertId: a.id, channelId: c, ruleId: r.id });
        }
      }
    }
    const queued = await insertDeliveries(db, rows);
    await advanceCursor(db, toIso((alerts.at(-1) as NewAlertRow).created_at));
    return queued;
  }

  function messageOf(d: DueDelivery): AlertMessage {
    return {
      type: 'alert',
      alert: {
        id: d.alert_id,
        orgId: d.a_org_id,
        ruleId: d.a_rule_id,
        ruleTitle: d.a_rule_title,
        severity: d.a_severity as AlertSeverity,
        entity: d.a_entity,
        techniques: d.a_techniques,
        count: Number(d.a_count),
        firstSeen: toIso(d.a_first_seen),
        lastSeen: toIso(d.a_last_seen),
      },
      notificationRule: d.rule_name,
    };
  }

  async function deliver(): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    const due = await claimDue(db, 50, 5 * 60_000);
    const channels = new Map((await selectChannelsById(db, [...new Set(due.map((d) => d.channel_id))])).map((c) => [c.id, c]));
    for (const d of due) {
      const channel = channels.get(d.channel_id);
      try {
        if (channel === undefined) throw new Error('the channel was removed');
        const secret = channel.sealedSecret === null ? undefined : options.secrets.open(channel.sealedSecret);
        if (channel.sealedSecret !== null && secret === undefined) throw new Error('the channel secret cannot be opened with this server’s key');
        await send(channel.config, secret, messageOf(d), { allowPrivate: options.allowPrivateUrls === true, ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) });
        await finishDelivery(db, d.id, { delivered: true });
        sent++;
      } catch (error) {
        const attempts = Number(d.attempts);
        const message = error instanceof Error ? error.message : String(error);
        const retryAt = attempts >= maxAttempts ? null : new Date(Date.now() + backoff(attempts));
        await finishDelivery(db, d.id, { delivered: false, error: message, retryAt });
        if (retryAt === null) failed++;
        options.logger?.warn({ delivery: d.id, channel: d.channel_id, attempts, err: message }, retryAt === null ? 'alert notification given up' : 'alert notification failed; retrying');
      }
    }
    return { sent, failed };
  }

  async function round() {
    const queued = await enqueue();
    const { sent, failed } = await deliver();
    return { queued, sent, failed };
  }

  function tick() {
    const next = running.then(round, round);
    running = next.catch((error: unknown) => {
      options.logger?.error({ err: error }, 'alert notifier round failed');
      return { queued: 0, sent: 0, failed: 0 };
    });
    return next;
  }

  return {
    start() {
      if (timer !== undefined) return;
      timer = setInterval(() => void tick().catch(() => undefined), options.pollMs ?? 2_000);
      timer.unref();
    },
    tick,
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
