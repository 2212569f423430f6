import { refreshStatistics, type Database } from '../../storage/index.js';
import { requireRole, writerRoles, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { newId, toIso } from '../../platform/crypto.js';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '../../platform/errors.js';
import type { Tlp } from '../../platform/tlp.js';
import { selectOrgById } from '../../platform/orgs/org.store.js';
import {
  deleteAssetRow,
  insertAssets,
  selectAsset,
  selectAssets,
  updateAssetRow,
  upsertAssets,
  type AssetRow,
  type Cursor,
} from './asset.store.js';
import { parseAssetCsv } from './csv-import.js';
import type { Asset, AssetFilter, AssetImportReport, AssetInput, AssetPage, AssetPatch, Criticality } from './types.js';

function toAsset(row: AssetRow): Asset {
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    name: row.name,
    zone: row.zone,
    ip: row.ip,
    mac: row.mac,
    vendor: row.vendor,
    model: row.model,
    firmwareVersion: row.firmware_version,
    criticality: row.criticality as Criticality,
    tlp: row.tlp as Tlp,
    sharedUpward: row.shared_upward,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    createdBy: row.created_by,
    updatedBy: row.updated_by,
  };
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.name, c.id])).toString('base64url');
}

function decodeCursor(value: string | undefined): Cursor | null {
  if (value === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === 'string')) {
      return { name: parsed[0] as string, id: parsed[1] as string };
    }
  } catch {
    // fall through to the input error
  }
  throw new InputError('invalid cursor', [{ path: 'cursor', message: 'pass back the nextCursor of a previous page' }]);
}

function columnsOf(input: AssetPatch): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  if (input.name !== undefined) set['name'] = input.name;
  if (input.zone !== undefined) set['zone'] = input.zone;
  if (input.ip !== undefined) set['ip'] = input.ip;
  if (input.mac !== undefined) set['mac'] = input.mac;
  if (input.vendor !== undefined) set['vendor'] = input.vendor;
  if (input.model !== undefined) set['model'] = input.model;
  if (input.firmwareVersion !== undefined) set['firmware_version'] = input.firmwareVersion;
  if (input.criticality !== undefined) set['criticality'] = input.criticality;
  if (input.tlp !== undefined) set['tlp'] = input.tlp;
  if (input.sharedUpward !== undefined) set['shared_upward'] = input.sharedUpward;
  return set;
}

function newRow(actor: Actor, orgId: string, input: AssetInput) {
  return {
    id: newId(),
    org_id: orgId,
    name: input.name,
    zone: input.zone ?? null,
    ip: input.ip ?? null,
    mac: input.mac ?? null,
    vendor: input.vendor ?? null,
    model: input.model ?? null,
    firmware_version: input.firmwareVersion ?? null,
    criticality: input.criticality ?? 'medium',
    // Default AMBER: plant inventories are sensitive; sharing wider is a deliberate choice.
    tlp: input.tlp ?? 'amber',
    shared_upward: input.sharedUpward ?? false,
    created_by: actor.username,
    updated_by: actor.username,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

export interface AssetHooks {
  /** Called after assets were created, changed or imported (e.g. to recompute their exposures). */
  readonly changed?: (ids: readonly string[]) => Promise<void>;
}

export function createAssetService(database: Database, hooks: AssetHooks = {}) {
  const { db } = database;
  const changed = async (ids: readonly string[]) => {
    if (ids.length > 0 && hooks.changed !== undefined) await hooks.changed(ids);
  };

  /** People write to their own organisation; the local operator names one. */
  async function targetOrg(actor: Actor, orgId: string | undefined): Promise<string> {
    if (actor.kind === 'system') {
      if (orgId === undefined) throw new InputError('orgId is required', [{ path: 'orgId', message: 'name the organisation' }]);
      if ((await selectOrgById(db, orgId)) === undefined) throw new NotFoundError(`organisation ${orgId} not found`);
      return orgId;
    }
    if (orgId !== undefined && orgId !== actor.orgId) {
      throw new NotAllowedError('assets can only be written in your own organisation');
    }
    return actor.orgId;
  }

  async function writable(actor: Actor, id: string): Promise<AssetRow> {
    const row = await selectAsset(db, actor, id);
    if (row === undefined) throw new NotFoundError(`asset ${id} not found`);
    if (actor.kind !== 'system' && row.org_id !== actor.orgId) {
      throw new NotAllowedError('shared assets are read-only outside their organisation');
    }
    return row;
  }

  async function get(actor: Actor, id: string): Promise<Asset> {
    const row = await selectAsset(db, actor, id);
    if (row === undefined) throw new NotFoundError(`asset ${id} not found`);
    return toAsset(row);
  }

  return {
    get,

    async list(actor: Actor, filter: AssetFilter = {}): Promise<AssetPage> {
      const limit = filter.limit ?? 50;
      const rows = await selectAssets(db, actor, filter, decodeCursor(filter.cursor), limit);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(toAsset),
        nextCursor: rows.length > limit && last !== undefined ? encodeCursor({ name: last.name, id: last.id }) : null,
      };
    },

    async create(actor: Actor, input: AssetInput & { orgId?: string | undefined }): Promise<Asset> {
      requireRole(actor, writerRoles, 'create assets');
      const orgId = await targetOrg(actor, input.orgId);
      const row = newRow(actor, orgId, input);
      try {
        await db.transaction().execute(async (trx) => {
          await insertAssets(trx, [row]);
          await recordAudit(trx, actor, {
            action: 'asset.create',
            targetType: 'asset',
            targetId: row.id,
            orgId,
            details: { name: row.name },
          });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(`an asset named ${input.name} already exists`);
        throw error;
      }
      await changed([row.id]);
      return get(actor, row.id);
    },

    async update(actor: Actor, id: string, patch: AssetPatch): Promise<Asset> {
      requireRole(actor, writerRoles, 'change assets');
      const before = await writable(actor, id);
      const set = columnsOf(patch);
      try {
        await db.transaction().execute(async (trx) => {
          await updateAssetRow(trx, id, { ...set, updated_by: actor.username });
          await recordAudit(trx, actor, {
            action: 'asset.update',
            targetType: 'asset',
            targetId: id,
            orgId: before.org_id,
            details: { changed: Object.keys(set) },
          });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(`an asset named ${patch.name ?? ''} already exists`);
        throw error;
      }
      await changed([id]);
      return get(actor, id);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      requireRole(actor, writerRoles, 'delete assets');
      const before = await writable(actor, id);
      await db.transaction().execute(async (trx) => {
        await deleteAssetRow(trx, id);
        await recordAudit(trx, actor, {
          action: 'asset.delete',
          targetType: 'asset',
          targetId: id,
          orgId: before.org_id,
          details: { name: before.name },
        });
      });
    },

    /**
     * Imports a CSV inventory: every row is checked first and nothing is written unless all
     * rows are valid; rows upsert by name, so importing the same file twice changes nothing.
     */
    async importCsv(
      actor: Actor,
      csv: string,
      options: { orgId?: string | undefined; dryRun?: boolean | undefined } = {},
    ): Promise<AssetImportReport> {
      requireRole(actor, writerRoles, 'import assets');
      const orgId = await targetOrg(actor, options.orgId);
      const parsed = parseAssetCsv(csv);
      if (!parsed.success) throw new InputError('the CSV has errors; nothing was imported', parsed.issues);
      const dryRun = options.dryRun ?? false;
      if (dryRun) return { rows: parsed.data.length, created: 0, updated: 0, dryRun };
      let created = 0;
      const ids: string[] = [];
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < parsed.data.length; i += 500) {
          const chunk = parsed.data.slice(i, i + 500).map((input) => newRow(actor, orgId, input));
          const result = await upsertAssets(trx, chunk);
          created += result.filter((r) => r.inserted).length;
          ids.push(...result.map((r) => r.id));
        }
        await recordAudit(trx, actor, {
          action: 'asset.import',
          targetType: 'asset',
          orgId,
          details: { rows: parsed.data.length, created, updated: parsed.data.length - created },
        });
      });
      // A bulk load changes the table's shape; let the planner know now rather than at the next start.
      if (parsed.data.length >= 1000) await refreshStatistics(database, ['assets']);
      await changed(ids);
      return { rows: parsed.data.length, created, updated: parsed.data.length - created, dryRun };
    },
  };
}

export type AssetService = ReturnType<typeof createAssetService>;
