import type { Database } from '../../storage/index.js';
import { isWithin, orgLevels, requireRole, type Actor, type OrgLevel } from '../access.js';
import { recordAudit } from '../audit/audit.service.js';
import { newId } from '../crypto.js';
import { ConflictError, InputError, NotFoundError } from '../errors.js';
import type { NewOrganisation, Organisation } from './types.js';
import { insertOrg, selectOrgById, selectOrgByName, selectOrgsWithin } from './org.store.js';



type OrgRow = NonNullable<Awaited<ReturnType<typeof selectOrgById>>>;

function toOrganisation(row: OrgRow): Organisation {
  return {
    id: row.id,
    name: row.name,
    level: row.level as OrgLevel,
    parentId: row.parent_id,
    path: row.path,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

const rank = (level: OrgLevel): number => orgLevels.indexOf(level);

export type { NewOrganisation, Organisation } from './types.js';

export function createOrgService(database: Database) {
  const { db } = database;
  return {
    /** Admins create organisations below their own; only the local operator creates a root. */
    async create(actor: Actor, input: NewOrganisation): Promise<Organisation> {
      requireRole(actor, ['admin'], 'create organisations');
      const parentId = input.parentId ?? null;
      let path: string;
      const id = newId();
      if (parentId === null) {
        if (actor.kind !== 'system') {
          throw new InputError('parentId is required', [{ path: 'parentId', message: 'a new organisation needs a parent' }]);
        }
        path = `/${id}/`;
      } else {
        const parent = await selectOrgById(db, parentId);
        if (parent === undefined || !isWithin(actor.orgPath, parent.path)) {
          throw new NotFoundError(`organisation ${parentId} not found`);
        }
        // national > provincial > industry > enterprise; a level may be skipped, never reversed.
        if (rank(input.level) <= rank(parent.level as OrgLevel)) {
          throw new InputError('level must be below the parent level', [
            { path: 'level', message: `a ${parent.level} organisation cannot have a ${input.level} child` },
          ]);
        }
        path = `${parent.path}${id}/`;
      }
      if ((await selectOrgByName(db, input.name)) !== undefined) {
        throw new ConflictError(`an organisation named ${input.name} already exists`);
      }
      await db.transaction().execute(async (trx) => {
        await insertOrg(trx, { id, name: input.name, level: input.level, parentId, path });
        await recordAudit(trx, actor, {
          action: 'organisation.create',
          targetType: 'organisation',
          targetId: id,
          orgId: id,
          details: { name: input.name, level: input.level, parentId },
        });
      });
      const created = await selectOrgById(db, id);
      if (created === undefined) throw new NotFoundError(`organisation ${id} not found`);
      return toOrganisation(created);
    },

    /** The actor's organisation and every organisation below it; siblings and ancestors stay hidden. */
    async list(actor: Actor): Promise<Organisation[]> {
      return (await selectOrgsWithin(db, actor.orgPath)).map(toOrganisation);
    },

    async get(actor: Actor, id: string): Promise<Organisation> {
      const row = await selectOrgById(db, id);
      if (row === undefined || !isWithin(actor.orgPath, row.path)) throw new NotFoundError(`organisation ${id} not found`);
      return toOrganisation(row);
    },

    /** For the local operator: find by id or exact name. */
    async resolve(actor: Actor, idOrName: string): Promise<Organisation> {
      const row = (await selectOrgById(db, idOrName)) ?? (await selectOrgByName(db, idOrName));
      if (row === undefined || !isWithin(actor.orgPath, row.path)) throw new NotFoundError(`organisation ${idOrName} not found`);
      return toOrganisation(row);
    },
  };
}

export type OrgService = ReturnType<typeof createOrgService>;
