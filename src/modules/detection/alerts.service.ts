// Alerts: read by the rule every marked object follows (ADR 002); worked on (acknowledged, assigned,
// commented, resolved) by the owning organisation's admins, analysts and responders. Every change is
// kept in the alert's status history and the audit log.
import type { Actor, Role } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { InputError, NotAllowedError, NotFoundError } from '../../platform/errors.js';
import type { Database } from '../../storage/index.js';
import { insertComment, selectAlertPage, selectComments, selectHistory, selectVisibleAlert, selectVisibleAlerts, updateAlertStatus, type AlertKey } from './alerts.store.js';
import { closedStatuses, type Alert, type AlertComment, type AlertDetail, type AlertFilter, type AlertPage, type AlertStatus } from './types.js';

export const alertWriterRoles: readonly Role[] = ['admin', 'analyst', 'responder'];

export interface AlertServiceOptions {
  /**
   * Reads linked events as the caller may, all in one query (sensing's events service getMany), in
   * the order asked, leaving out those past retention or hidden; none: no events in the detail.
   */
  readonly events?: ((actor: Actor, ids: readonly string[], within: { readonly from: Date; readonly to: Date }) => Promise<readonly unknown[]>) | undefined;
}

export interface AlertChange {
  readonly status?: AlertStatus | undefined;
  /** A user name; null unassigns. */
  readonly assignee?: string | null | undefined;
  readonly note?: string | undefined;
}

const encodeCursor = (k: AlertKey) => Buffer.from(JSON.stringify([k.lastSeen, k.id])).toString('base64url');

function decodeCursor(cursor: string): AlertKey {
  try {
    const [lastSeen, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof lastSeen === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(lastSeen))) return { lastSeen, id };
  } catch {
    // falls through to the refusal
  }
  throw new InputError('the cursor is not one this list gave', [{ path: 'cursor', message: 'use the `next` of the previous page' }]);
}

export function createAlertService(database: Database, options: AlertServiceOptions = {}) {
  const { db } = database;

  async function load(actor: Actor, id: string): Promise<Alert> {
    const alert = await selectVisibleAlert(db, actor, id);
    if (alert === undefined) throw new NotFoundError(`alert ${id} not found`);
    return alert;
  }

  function requireWriter(actor: Actor, alert: Alert): void {
    if (actor.kind === 'system') return;
    if (actor.orgId !== alert.orgId || !alertWriterRoles.includes(actor.role)) throw new NotAllowedError('only admins, analysts and responders of the alert’s organisation may work on it');
  }

  async function change(actor: Actor, alerts: readonly Alert[], c: AlertChange): Promise<void> {
    for (const a of alerts) requireWriter(actor, a);
    if (c.status === undefined && c.assignee === undefined) throw new InputError('nothing to change', [{ path: 'status', message: 'give a status or an assignee' }]);
    const closing = c.status !== undefined && closedStatuses.includes(c.status);
    await db.transaction().execute(async (trx) => {
      await updateAlertStatus(trx, alerts, c, actor.username, closing);
      for (const a of alerts) {
        await recordAudit(trx, actor, { action: 'detection.alert.update', targetType: 'alert', targetId: a.id, orgId: a.orgId, details: { from: a.status, ...c } });
      }
    });
  }

  return {
    async list(actor: Actor, filter: AlertFilter = {}): Promise<AlertPage> {
      const limit = filter.limit ?? 100;
      const items = await selectAlertPage(db, actor, filter, limit + 1, filter.cursor === undefined ? undefined : decodeCursor(filter.cursor));
      const page = items.slice(0, limit);
      const last = page[page.length - 1];
      return { items: page, next: items.length > limit && last !== undefined ? encodeCursor({ lastSeen: last.lastSeen, id: last.id }) : null };
    },

    /** The alert with its comments, status history and the linked events the caller may read. */
    async get(actor: Actor, id: string): Promise<AlertDetail> {
      const alert = await load(actor, id);
      const [comments, history] = await Promise.all([selectComments(db, id), selectHistory(db, id)]);
      // One read for all linked events, bounded by the alert's window (a day's slack either side for
      // events whose time came from a clock other than the detector's). Missing ones are past
      // retention or marked so the caller may not read them: the alert still says their ids.
      const slack = 86_400_000;
      const within = { from: new Date(Date.parse(alert.firstSeen) - slack), to: new Date(Date.parse(alert.lastSeen) + slack) };
      const events = options.events === undefined || alert.eventIds.length === 0 ? [] : await options.events(actor, alert.eventIds, within);
      return { ...alert, comments, history, events };
    },

    async update(actor: Actor, id: string, c: AlertChange): Promise<Alert> {
      await change(actor, [await load(actor, id)], c);
      return load(actor, id);
    },

    /** Many alerts at once; every id must be one the caller may see and work on. */
    async bulkUpdate(actor: Actor, ids: readonly string[], c: AlertChange): Promise<{ updated: number }> {
      const unique = [...new Set(ids)];
      const found = await selectVisibleAlerts(db, actor, unique);
      const missing = unique.filter((id) => !found.some((a) => a.id === id));
      if (missing.length > 0) throw new NotFoundError(`${missing.length} alert(s) not found`, missing.slice(0, 20).map((m) => ({ path: 'ids', message: `${m} not found` })));
      await change(actor, found, c);
      return { updated: found.length };
    },

    async comment(actor: Actor, id: string, body: string): Promise<AlertComment> {
      const alert = await load(actor, id);
      requireWriter(actor, alert);
      return db.transaction().execute(async (trx) => {
        const made = await insertComment(trx, id, actor.username, body);
        await recordAudit(trx, actor, { action: 'detection.alert.comment', targetType: 'alert', targetId: id, orgId: alert.orgId, details: { comment: made.id } });
        return made;
      });
    },
  };
}

export type AlertService = ReturnType<typeof createAlertService>;
