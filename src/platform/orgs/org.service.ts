import type { Database } from '../../storage/index.js';
import { isWithin, orgLevels, requireRole, type Actor, type OrgLevel } from '../access.js';
import { recordAudit } from '../audit/audit.service.js';
import { newId } from '../crypto.js';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '../errors.js';
import type { NewOrganisation, Organisation, OrganisationPlacement } from './types.js';
import { insertOrg, selectOrgById, selectOrgByName, selectOrgsWithin, updateOrgPlacement } from './org.store.js';
import { industryOf, regionProblem } from './sectors.js';

type OrgRow = NonNullable<Awaited<ReturnType<typeof selectOrgById>>>;

function toOrganisation(row: OrgRow): Organisation {
  return {
    id: row.id,
    name: row.name,
    level: row.level as OrgLevel,
    parentId: row.parent_id,
    path: row.path,
    createdAt: new Date(row.created_at).toISOString(),
    industry: row.industry,
    region: row.region,
  };
}

/** The placement's problems, with the field each is about (codes outside the project's lists). */
function checkPlacement(p: OrganisationPlacement): void {
  const problems: { path: string; message: string }[] = [];
  if (p.industry !== undefined && p.industry !== null && industryOf(p.industry) === undefined) {
    problems.push({ path: 'industry', message: `${p.industry} is not an industry code of the list (GET /api/v1/organisations/industries)` });
  }
  const region = p.region === undefined || p.region === null ? undefined : regionProblem(p.region);
  if (region !== undefined) problems.push({ path: 'region', message: region });
  if (problems.length > 0) throw new InputError(problems.map((x) => x.message).join('; '), problems);
}

const rank = (level: OrgLevel): number => orgLevels.indexOf(level);

export type { NewOrganisation, Organisation } from './types.js';

export function createOrgService(database: Database) {
  const { db } = database;
  return {
    /** Admins create organisations below their own; only the local operator creates a root. */
    async create(actor: Actor, input: NewOrganisation): Promise<Organisation> {
      requireRole(actor, ['admin'], 'create organisations');
      checkPlacement(input);
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
        await insertOrg(trx, { id, name: input.name, level: input.level, parentId, path, industry: input.industry ?? null, region: input.region ?? null });
        await recordAudit(trx, actor, {
          action: 'organisation.create',
          targetType: 'organisation',
          targetId: id,
          orgId: id,
          details: { name: input.name, level: input.level, parentId, industry: input.industry ?? null, region: input.region ?? null },
        });
      });
      const created = await selectOrgById(db, id);
      if (created === undefined) throw new NotFoundError(`organisation ${id} not found`);
      return toOrganisation(created);
    },

    /**
     * Sets an organisation's industry and region. The parent's admins (and those above) place an
     * organisation, not its own admins: aggregates and warnings above rely on where it says it is. A
     * root organisation is placed by the local operator.
     */
    async place(actor: Actor, id: string, patch: OrganisationPlacement): Promise<Organisation> {
      const row = await selectOrgById(db, id);
      if (row === undefined || !isWithin(actor.orgPath, row.path)) throw new NotFoundError(`organisation ${id} not found`);
      requireRole(actor, ['admin'], 'place organisations');
      if (actor.kind !== 'system' && row.path === actor.orgPath) {
        throw new NotAllowedError("an organisation's industry and region are set by its parent's admins");
      }
      checkPlacement(patch);
      const set: { industry?: string | null; region?: string | null } = {};
      if (patch.industry !== undefined) set.industry = patch.industry;
      if (patch.region !== undefined) set.region = patch.region;
      if (Object.keys(set).length === 0) throw new InputError('nothing to change', [{ path: '', message: 'give industry, region or both (null clears)' }]);
      await db.transaction().execute(async (trx) => {
        await updateOrgPlacement(trx, id, set);
        await recordAudit(trx, actor, {
          action: 'organisation.place',
          targetType: 'organisation',
          targetId: id,
          orgId: id,
          details: { before: { industry: row.industry, region: row.region }, after: { industry: set.industry ?? row.industry, region: set.region ?? row.region } },
        });
      });
      const updated = await selectOrgById(db, id);
      if (updated === undefined) throw new NotFoundError(`organisation ${id} not found`);
      return toOrganisation(updated);
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
