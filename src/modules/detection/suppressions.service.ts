// Suppressions: an organisation's admins and analysts hold back hits by rule, entity, asset or field
// value, until an expiry or for good; members of the organisation read them.
import { writerRoles, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { newId } from '../../platform/crypto.js';
import { InputError, NotAllowedError, NotFoundError } from '../../platform/errors.js';
import type { Database } from '../../storage/index.js';
import { deleteSuppression, insertSuppression, selectVisibleSuppression, selectVisibleSuppressions, updateSuppression } from './suppressions.store.js';
import type { Suppression, SuppressionInput } from './types.js';

export interface SuppressionServiceOptions {
  readonly changed?: () => void;
}

export function createSuppressionService(database: Database, options: SuppressionServiceOptions = {}) {
  const { db } = database;
  const changed = () => options.changed?.();

  function requireWriter(actor: Actor, orgId: string): void {
    if (actor.kind === 'system') return;
    if (actor.orgId !== orgId || !writerRoles.includes(actor.role)) throw new NotAllowedError('only admins and analysts of the organisation may change its suppressions');
  }

  async function load(actor: Actor, id: string): Promise<Suppression> {
    const found = await selectVisibleSuppression(db, actor, id);
    if (found === undefined) throw new NotFoundError(`suppression ${id} not found`);
    return found;
  }

  return {
    list: (actor: Actor) => selectVisibleSuppressions(db, actor),
    get: load,

    async create(actor: Actor, input: SuppressionInput): Promise<Suppression> {
      const orgId = input.orgId ?? (actor.kind === 'system' ? undefined : actor.orgId);
      if (orgId === undefined) throw new InputError('orgId is required', [{ path: 'orgId', message: 'name the organisation whose alerts it holds back' }]);
      requireWriter(actor, orgId);
      if ((input.field === undefined) !== (input.value === undefined)) throw new InputError('a field match needs both field and value', [{ path: input.field === undefined ? 'field' : 'value', message: 'give field and value together' }]);
      if (input.expiresAt !== undefined && Date.parse(input.expiresAt) <= Date.now()) throw new InputError('the expiry has passed', [{ path: 'expiresAt', message: 'give a time in the future' }]);
      const made = await db.transaction().execute(async (trx) => {
        const s = await insertSuppression(trx, {
          id: newId(),
          orgId,
          ruleId: input.ruleId ?? null,
          entity: input.entity ?? null,
          assetId: input.assetId ?? null,
          field: input.field ?? null,
          value: input.value ?? null,
          reason: input.reason ?? '',
          expiresAt: input.expiresAt ?? null,
          createdBy: actor.username,
        });
        await recordAudit(trx, actor, { action: 'detection.suppression.create', targetType: 'alert_suppression', targetId: s.id, orgId, details: { ...input } });
        return s;
      });
      changed();
      return made;
    },

    async update(actor: Actor, id: string, change: { reason?: string | undefined; expiresAt?: string | null | undefined }): Promise<Suppression> {
      const s = await load(actor, id);
      requireWriter(actor, s.orgId);
      await db.transaction().execute(async (trx) => {
        await updateSuppression(trx, id, change);
        await recordAudit(trx, actor, { action: 'detection.suppression.update', targetType: 'alert_suppression', targetId: id, orgId: s.orgId, details: { ...change } });
      });
      changed();
      return load(actor, id);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const s = await load(actor, id);
      requireWriter(actor, s.orgId);
      await db.transaction().execute(async (trx) => {
        await deleteSuppression(trx, id);
        await recordAudit(trx, actor, { action: 'detection.suppression.delete', targetType: 'alert_suppression', targetId: id, orgId: s.orgId });
      });
      changed();
    },
  };
}

export type SuppressionService = ReturnType<typeof createSuppressionService>;
