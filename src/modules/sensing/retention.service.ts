// An organisation's event retention, seen and set through the API and the CLI. Every member of the
// organisation, and of those above it, may see how long its events are kept; its admins and the admins
// above it may set it (the hourly retention run in retention.ts applies it). Anyone else is told the
// organisation does not exist. Setting is audited.
import { isWithin, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { InputError, NotAllowedError, NotFoundError } from '../../platform/errors.js';
import { selectOrgById } from '../../platform/orgs/org.store.js';
import type { Database } from '../../storage/index.js';
import { orgRetentions, setOrgRetention } from './retention.js';
import { MAX_RETENTION_DAYS } from './schemas.js';

export interface EventRetention {
  readonly orgId: string;
  /** Days the organisation's events are kept now: its own, or the server's default. */
  readonly days: number;
  /** Its own setting; null: the default applies. */
  readonly ownDays: number | null;
  /** BULWARK_EVENT_RETENTION_DAYS. */
  readonly defaultDays: number;
}

export interface RetentionServiceOptions {
  readonly defaultDays: number;
}

export function createRetentionService(database: Database, options: RetentionServiceOptions) {
  const { db } = database;

  /** The organisation asked for (the caller's own by default), when the caller may see it. */
  async function visibleOrg(actor: Actor, orgId: string | undefined): Promise<string> {
    if (actor.kind === 'sensor') throw new NotAllowedError('a sensor token may only write events');
    const id = orgId ?? (actor.kind === 'system' ? undefined : actor.orgId);
    if (id === undefined) throw new InputError('orgId is required', [{ path: 'orgId', message: 'name the organisation' }]);
    const org = await selectOrgById(db, id);
    if (org === undefined || (actor.kind !== 'system' && !isWithin(actor.orgPath, org.path))) throw new NotFoundError(`organisation ${id} not found`);
    return org.id;
  }

  async function read(orgId: string): Promise<EventRetention> {
    const own = (await orgRetentions(database)).get(orgId) ?? null;
    return { orgId, days: own ?? options.defaultDays, ownDays: own, defaultDays: options.defaultDays };
  }

  return {
    async get(actor: Actor, orgId?: string): Promise<EventRetention> {
      return read(await visibleOrg(actor, orgId));
    },

    /** Sets the organisation's own retention in days, or clears it (null) so the default applies. */
    async set(actor: Actor, orgId: string | undefined, days: number | null): Promise<EventRetention> {
      const id = await visibleOrg(actor, orgId);
      if (actor.kind !== 'system' && actor.role !== 'admin') throw new NotAllowedError('only admins of the organisation or of one above it may set its event retention');
      // The API checked this already; the CLI on the database did not.
      if (days !== null && (!Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS)) {
        throw new InputError('retention is a whole number of days', [{ path: 'days', message: `between 1 and ${MAX_RETENTION_DAYS}, or null for the default` }]);
      }
      const before = await read(id);
      await setOrgRetention(database, id, days);
      await recordAudit(db, actor, { action: 'sensing.retention.set', targetType: 'organisation', targetId: id, orgId: id, details: { days, before: before.ownDays } });
      return read(id);
    },
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
