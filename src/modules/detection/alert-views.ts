// The alert queue's saved views: filters a person keeps under a name, on the server so they follow
// the person from browser to browser. Each view is its author's alone; another's answers 404.
import type { z } from 'zod';
import type { Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { newId, toIso } from '../../platform/crypto.js';
import { ConflictError, InputError, NotFoundError } from '../../platform/errors.js';
import type { Database } from '../../storage/index.js';
import type { alertViewFilterSchema } from './console-schemas.js';

export type AlertViewFilter = z.output<typeof alertViewFilterSchema>;

export interface AlertView {
  readonly id: string;
  readonly name: string;
  readonly filter: AlertViewFilter;
  readonly createdAt: string;
}

/** A bound per person, so one account cannot fill the table. */
export const maxAlertViews = 50;

function authorOf(actor: Actor): string {
  if (actor.userId === null) throw new InputError('saved views belong to a person', [{ path: 'user', message: 'sign in as a user; the local operator and sensors have none' }]);
  return actor.userId;
}

const filterOf = (v: unknown): AlertViewFilter => (typeof v === 'string' ? JSON.parse(v) : v) as AlertViewFilter;

export function createAlertViews(database: Database) {
  const { db } = database;
  return {
    async list(actor: Actor): Promise<AlertView[]> {
      const rows = await db.selectFrom('alert_views').selectAll().where('user_id', '=', authorOf(actor)).orderBy('name').orderBy('id').execute();
      return rows.map((r) => ({ id: r.id, name: r.name, filter: filterOf(r.filter), createdAt: toIso(r.created_at) }));
    },

    async save(actor: Actor, name: string, filter: AlertViewFilter): Promise<AlertView> {
      const userId = authorOf(actor);
      return db.transaction().execute(async (trx) => {
        const held = await trx.selectFrom('alert_views').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
        if (Number(held.n) >= maxAlertViews) throw new ConflictError(`you keep ${maxAlertViews} views already; remove one first`);
        const id = newId();
        const row = await trx
          .insertInto('alert_views')
          .values({ id, user_id: userId, name, filter: JSON.stringify(filter) })
          .onConflict((oc) => oc.columns(['user_id', 'name']).doNothing())
          .returning('created_at')
          .executeTakeFirst();
        if (row === undefined) throw new ConflictError(`you have a view named ${name} already`);
        await recordAudit(trx, actor, { action: 'detection.view.save', targetType: 'alert-view', targetId: id, details: { name } });
        return { id, name, filter, createdAt: toIso(row.created_at) };
      });
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const userId = authorOf(actor);
      await db.transaction().execute(async (trx) => {
        const gone = await trx.deleteFrom('alert_views').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
        if (Number(gone.numDeletedRows) === 0) throw new NotFoundError(`view ${id} not found`);
        await recordAudit(trx, actor, { action: 'detection.view.delete', targetType: 'alert-view', targetId: id, details: {} });
      });
    },
  };
}

export type AlertViews = ReturnType<typeof createAlertViews>;
