// The assets list's filters that a person saves under a name: stored per user, read and removed
// only by that user (another user's filter answers 404, as if it did not exist).
import type { Database } from '../../storage/index.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { newId, toIso } from '../../platform/crypto.js';
import { ConflictError, InputError, NotFoundError } from '../../platform/errors.js';
import type { AssetSelection, SavedAssetFilter } from './types.js';

/** Enough for every view someone keeps; a bound so that one user cannot fill the table. */
export const maxSavedFilters = 100;

function ownerOf(actor: Actor): string {
  if (actor.userId === null) throw new InputError('saved filters belong to a person', [{ path: 'user', message: 'sign in as a user (the local operator has none)' }]);
  return actor.userId;
}

const parsed = (filter: unknown): AssetSelection => (typeof filter === 'string' ? JSON.parse(filter) : filter) as AssetSelection;

export function createSavedFilters(database: Database) {
  const { db } = database;
  return {
    async list(actor: Actor): Promise<SavedAssetFilter[]> {
      const rows = await db.selectFrom('asset_saved_filters').selectAll().where('user_id', '=', ownerOf(actor)).orderBy('name').execute();
      return rows.map((r) => ({ id: r.id, name: r.name, filter: parsed(r.filter), createdAt: toIso(r.created_at) }));
    },

    async save(actor: Actor, name: string, filter: AssetSelection): Promise<SavedAssetFilter> {
      const userId = ownerOf(actor);
      const id = newId();
      return db.transaction().execute(async (trx) => {
        const count = await trx.selectFrom('asset_saved_filters').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
        if (Number(count.n) >= maxSavedFilters) throw new ConflictError(`you have ${maxSavedFilters} saved filters; delete one first`);
        const row = await trx
          .insertInto('asset_saved_filters')
          .values({ id, user_id: userId, name, filter: JSON.stringify(filter) })
          .onConflict((oc) => oc.columns(['user_id', 'name']).doNothing())
          .returningAll()
          .executeTakeFirst();
        if (row === undefined) throw new ConflictError(`you already have a saved filter named ${name}`);
        await recordAudit(trx, actor, { action: 'asset.filter.save', targetType: 'asset-filter', targetId: id, details: { name } });
        return { id, name, filter, createdAt: toIso(row.created_at) };
      });
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const userId = ownerOf(actor);
      await db.transaction().execute(async (trx) => {
        const deleted = await trx.deleteFrom('asset_saved_filters').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
        if (Number(deleted.numDeletedRows) === 0) throw new NotFoundError(`saved filter ${id} not found`);
        await recordAudit(trx, actor, { action: 'asset.filter.delete', targetType: 'asset-filter', targetId: id, details: {} });
      });
    },
  };
}

export type SavedFilters = ReturnType<typeof createSavedFilters>;
