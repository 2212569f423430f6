// Alert channels and notification rules: an organisation's members read them, its admins and
// analysts change them (ADR 021). Secrets are sealed before they are stored and never answered.
import { writerRoles, type Actor } from '../../../platform/access.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { newId } from '../../../platform/crypto.js';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '../../../platform/errors.js';
import type { SecretBox } from '../../../platform/secret-box.js';
import type { Database } from '../../../storage/index.js';
import {
  deleteChannel, deleteRule, insertChannel, selectChannel, selectChannels, selectChannelsById, selectDeliveries, selectRule, selectRules, updateChannel, upsertRule, type StoredChannel,
} from './notify.store.js';
import type { ChannelInput, NotificationRuleInput, NotificationRulePatch } from './schemas.js';
import { send } from './senders.js';
import type { AlertChannel, ChannelConfig, Delivery, NotificationRule } from './types.js';

export interface NotificationServiceOptions {
  readonly secrets: SecretBox;
  readonly allowPrivateUrls?: boolean | undefined;
}

/** A stored channel as it is answered: the sealed secret left out. */
export const publicChannel = ({ sealedSecret: _sealed, ...c }: StoredChannel): AlertChannel => c;

function configOf(input: ChannelInput): { config: ChannelConfig; secret: string | undefined } {
  switch (input.kind) {
    case 'webhook':
      return { config: { kind: 'webhook', url: input.url }, secret: input.secret };
    case 'email':
      return { config: { kind: 'email', host: input.host, port: input.port, secure: input.secure ?? input.port === 465, username: input.username ?? null, from: input.from, to: input.to }, secret: input.password };
    case 'mqtt':
      return { config: { kind: 'mqtt', url: input.url, topic: input.topic, username: input.username ?? null, qos: input.qos ?? 1 }, secret: input.password };
  }
}

export function createNotificationService(database: Database, options: NotificationServiceOptions) {
  const { db } = database;

  function orgOf(actor: Actor, orgId: string | undefined): string {
    if (actor.kind === 'system') {
      if (orgId === undefined) throw new InputError('orgId is required', [{ path: 'orgId', message: 'name the organisation (--org)' }]);
      return orgId;
    }
    if (orgId !== undefined && orgId !== actor.orgId) throw new NotAllowedError('notifications are set for your own organisation');
    return actor.orgId;
  }

  function requireWriter(actor: Actor, orgId: string): void {
    if (actor.kind === 'system') return;
    if (actor.orgId !== orgId || !writerRoles.includes(actor.role)) throw new NotAllowedError('only admins and analysts of the organisation may change its notifications');
  }

  const readable = (actor: Actor, orgId: string) => actor.kind === 'system' || actor.orgId === orgId;

  async function loadChannel(actor: Actor, id: string): Promise<StoredChannel> {
    const c = await selectChannel(db, id);
    if (c === undefined || !readable(actor, c.orgId)) throw new NotFoundError(`alert channel ${id} not found`);
    return c;
  }

  async function loadRule(actor: Actor, id: string): Promise<NotificationRule> {
    const r = await selectRule(db, id);
    if (r === undefined || !readable(actor, r.orgId)) throw new NotFoundError(`notification rule ${id} not found`);
    return r;
  }

  async function checkChannels(orgId: string, ids: readonly string[]): Promise<void> {
    const found = await selectChannelsById(db, ids);
    const missing = ids.filter((id) => !found.some((c) => c.id === id && c.orgId === orgId));
    if (missing.length > 0) throw new InputError('unknown channels', missing.map((id) => ({ path: 'channelIds', message: `no channel ${id} in the organisation` })));
  }

  return {
    channels: {
      async list(actor: Actor, orgId?: string): Promise<AlertChannel[]> {
        return (await selectChannels(db, orgOf(actor, orgId))).map(publicChannel);
      },
      get: async (actor: Actor, id: string): Promise<AlertChannel> => publicChannel(await loadChannel(actor, id)),

      async create(actor: Actor, input: ChannelInput): Promise<AlertChannel> {
        const orgId = orgOf(actor, input.orgId);
        requireWriter(actor, orgId);
        const { config, secret } = configOf(input);
        return db.transaction().execute(async (trx) => {
          const made = await insertChannel(trx, { id: newId(), orgId, name: input.name, kind: input.kind, config, sealedSecret: secret === undefined ? null : options.secrets.seal(secret), enabled: input.enabled ?? true, createdBy: actor.username });
          if (made === undefined) throw new ConflictError(`a channel named ${input.name} exists`, [{ path: 'name', message: 'choose another name' }]);
          await recordAudit(trx, actor, { action: 'detection.channel.create', targetType: 'alert_channel', targetId: made.id, orgId, details: { name: made.name, kind: made.kind, config } });
          return publicChannel(made);
        });
      },

      async update(actor: Actor, id: string, change: { name?: string | undefined; enabled?: boolean | undefined }): Promise<AlertChannel> {
        const c = await loadChannel(actor, id);
        requireWriter(actor, c.orgId);
        if (change.name !== undefined && change.name !== c.name && (await selectChannels(db, c.orgId)).some((o) => o.name === change.name)) {
          throw new ConflictError(`a channel named ${change.name} exists`, [{ path: 'name', message: 'choose another name' }]);
        }
        await db.transaction().execute(async (trx) => {
          await updateChannel(trx, id, change);
          await recordAudit(trx, actor, { action: 'detection.channel.update', targetType: 'alert_channel', targetId: id, orgId: c.orgId, details: { ...change } });
        });
        return publicChannel(await loadChannel(actor, id));
      },

      async remove(actor: Actor, id: string): Promise<void> {
        const c = await loadChannel(actor, id);
        requireWriter(actor, c.orgId);
        await db.transaction().execute(async (trx) => {
          await deleteChannel(trx, id);
          await recordAudit(trx, actor, { action: 'detection.channel.delete', targetType: 'alert_channel', targetId: id, orgId: c.orgId, details: { name: c.name } });
        });
      },

      /** Sends a test message now; answers whether it went through (a failure is an answer, not an error). */
      async test(actor: Actor, id: string): Promise<{ ok: boolean; error: string | null; ms: number }> {
        const c = await loadChannel(actor, id);
        requireWriter(actor, c.orgId);
        const started = performance.now();
        const now = new Date().toISOString();
        try {
          await send(c.config, c.sealedSecret === null ? undefined : options.secrets.open(c.sealedSecret), {
            type: 'test',
            alert: { id: 'test', orgId: c.orgId, ruleId: 'test', ruleTitle: `Test of channel ${c.name}`, severity: 'info', entity: 'org', techniques: [], count: 0, firstSeen: now, lastSeen: now },
            notificationRule: null,
          }, { allowPrivate: options.allowPrivateUrls === true });
          return { ok: true, error: null, ms: Math.round(performance.now() - started) };
        } catch (error) {
          return { ok: false, error: error instanceof Error ? error.message : String(error), ms: Math.round(performance.now() - started) };
        }
      },

      async deliveries(actor: Actor, id: string, limit = 100): Promise<Delivery[]> {
        await loadChannel(actor, id);
        return selectDeliveries(db, id, limit);
      },
    },

    rules: {
      list: async (actor: Actor, orgId?: string): Promise<NotificationRule[]> => selectRules(db, [orgOf(actor, orgId)]),
      get: loadRule,

      async create(actor: Actor, input: NotificationRuleInput): Promise<NotificationRule> {
        const orgId = orgOf(actor, input.orgId);
        requireWriter(actor, orgId);
        await checkChannels(orgId, input.channelIds);
        return db.transaction().execute(async (trx) => {
          const made = await upsertRule(trx, newId(), orgId, { name: input.name, ruleIds: input.ruleIds ?? [], techniques: (input.techniques ?? []).map((t) => t.toUpperCase()), minSeverity: input.minSeverity ?? 'high', channelIds: input.channelIds, enabled: input.enabled ?? true }, actor.username);
          if (made === undefined) throw new ConflictError(`a notification rule named ${input.name} exists`, [{ path: 'name', message: 'choose another name' }]);
          await recordAudit(trx, actor, { action: 'detection.notification-rule.create', targetType: 'alert_notification_rule', targetId: made.id, orgId, details: { ...input } });
          return made;
        });
      },

      async update(actor: Actor, id: string, change: NotificationRulePatch): Promise<NotificationRule> {
        const r = await loadRule(actor, id);
        requireWriter(actor, r.orgId);
        if (change.channelIds !== undefined) await checkChannels(r.orgId, change.channelIds);
        return db.transaction().execute(async (trx) => {
          const made = await upsertRule(trx, id, r.orgId, {
            name: change.name ?? r.name,
            ruleIds: change.ruleIds ?? r.ruleIds,
            techniques: (change.techniques ?? r.techniques).map((t) => t.toUpperCase()),
            minSeverity: change.minSeverity ?? r.minSeverity,
            channelIds: change.channelIds ?? r.channelIds,
            enabled: change.enabled ?? r.enabled,
          }, r.createdBy);
          if (made === undefined) throw new ConflictError(`a notification rule named ${change.name ?? r.name} exists`, [{ path: 'name', message: 'choose another name' }]);
          await recordAudit(trx, actor, { action: 'detection.notification-rule.update', targetType: 'alert_notification_rule', targetId: id, orgId: r.orgId, details: { ...change } });
          return made;
        });
      },

      async remove(actor: Actor, id: string): Promise<void> {
        const r = await loadRule(actor, id);
        requireWriter(actor, r.orgId);
        await db.transaction().execute(async (trx) => {
          await deleteRule(trx, id);
          await recordAudit(trx, actor, { action: 'detection.notification-rule.delete', targetType: 'alert_notification_rule', targetId: id, orgId: r.orgId, details: { name: r.name } });
        });
      },
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
