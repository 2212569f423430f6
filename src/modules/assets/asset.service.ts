import { refreshStatistics, type Database, type Db } from '../../storage/index.js';
import { requireRole, writerRoles, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { newId, toIso } from '../../platform/crypto.js';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '../../platform/errors.js';
import type { Tlp } from '../../platform/tlp.js';
import { writableOrg } from '../../platform/orgs/writable-org.js';
import {
  decodeSortCursor,
  encodeSortCursor,
  needsSortedQuery,
  noExposure,
  selectExposureStats,
  selectSorted,
  sortValueOf,
  statsOf,
  type VulnerabilityRule,
} from './asset-list.store.js';
import {
  deleteAssetRow,
  deleteAssetRows,
  insertAssets,
  selectAsset,
  selectAssets,
  selectVisibleIds,
  updateAssetRow,
  updateAssetRows,
  upsertAssets,
  type AssetRow,
  type Cursor,
} from './asset.store.js';
import { factsOf, recordFieldSources, selectFieldSources } from './field-sources.js';
import { assetCsv } from './csv-export.js';
import { parseAssetCsv } from './csv-import.js';
import { createSavedFilters } from './saved-filters.js';
import type {
  Asset,
  AssetBulkPatch,
  AssetBulkResult,
  AssetExposureStats,
  AssetFieldSource,
  AssetFilter,
  AssetImportReport,
  AssetInput,
  AssetPage,
  AssetPatch,
  Criticality,
} from './types.js';

function toAsset(row: AssetRow, exposure: AssetExposureStats = noExposure): Asset {
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
    exposure,
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
  /** Which vulnerabilities a reader may see: exposure figures count only those (the knowledge module's rule). */
  readonly vulnerabilityRule: VulnerabilityRule;
}

/** Bulk changes name at most this many assets, so that one request stays one bounded statement. */
export const maxBulkIds = 1000;

export function createAssetService(database: Database, hooks: AssetHooks) {
  const { db } = database;
  const rule = hooks.vulnerabilityRule;
  const changed = async (ids: readonly string[]) => {
    if (ids.length > 0 && hooks.changed !== undefined) await hooks.changed(ids);
  };

  /** People write to their own organisation; the local operator names one. */
  const targetOrg = (actor: Actor, orgId: string | undefined): Promise<string> => writableOrg(db, actor, orgId, 'assets can only be written in your own organisation');

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
    return toAsset(row, (await selectExposureStats(db, actor, rule, [id])).get(id));
  }

  async function list(actor: Actor, filter: AssetFilter = {}): Promise<AssetPage> {
    const limit = filter.limit ?? 50;
    if (needsSortedQuery(filter)) {
      const sort = filter.sort ?? 'name';
      const order = filter.order ?? 'asc';
      const cursor = filter.cursor === undefined ? null : decodeSortCursor(filter.cursor, sort, order);
      const rows = await selectSorted(db, actor, rule, filter, cursor, limit);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => toAsset(r, statsOf(r))),
        nextCursor: rows.length > limit && last !== undefined ? encodeSortCursor({ sort, order, value: sortValueOf(last, sort), id: last.id }) : null,
      };
    }
    const rows = await selectAssets(db, actor, filter, decodeCursor(filter.cursor), limit);
    const page = rows.slice(0, limit);
    const stats = await selectExposureStats(db, actor, rule, page.map((r) => r.id));
    const last = page.at(-1);
    return {
      items: page.map((r) => toAsset(r, stats.get(r.id))),
      nextCursor: rows.length > limit && last !== undefined ? encodeCursor({ name: last.name, id: last.id }) : null,
    };
  }

  /**
   * The assets a bulk change names, all-or-nothing: any the caller may not see is a 404 and any
   * it may only read a 403, each detail naming the id by its position; nothing is written then.
   */
  async function bulkTargets(actor: Actor, ids: readonly string[], what: string): Promise<AssetRow[]> {
    requireRole(actor, writerRoles, what);
    const rows = await selectVisibleIds(db, actor, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const missing = ids.flatMap((id, i) => (byId.has(id) ? [] : [{ path: `ids.${i}`, message: `asset ${id} not found`, code: 'not_found' }]));
    if (missing.length > 0) throw new NotFoundError(`${missing.length} of the ${ids.length} assets were not found; nothing was changed`, missing);
    const readOnly = ids.flatMap((id, i) => {
      const row = byId.get(id);
      return row !== undefined && actor.kind !== 'system' && row.org_id !== actor.orgId ? [{ path: `ids.${i}`, message: `asset ${id} belongs to ${row.org_name}; shared assets are read-only`, code: 'read_only' }] : [];
    });
    if (readOnly.length > 0) throw new NotAllowedError(`${readOnly.length} of the ${ids.length} assets are read-only for you; nothing was changed`, readOnly);
    return ids.map((id) => byId.get(id) as AssetRow);
  }

  /** One audit entry per organisation touched (the local operator may span several). */
  async function auditBulk(trx: Db, actor: Actor, action: string, rows: readonly AssetRow[], details: Record<string, unknown>) {
    const byOrg = new Map<string, string[]>();
    for (const r of rows) byOrg.set(r.org_id, [...(byOrg.get(r.org_id) ?? []), r.id]);
    for (const [orgId, ids] of byOrg) await recordAudit(trx, actor, { action, targetType: 'asset', orgId, details: { ...details, count: ids.length, ids } });
  }

  return {
    get,
    list,
    savedFilters: createSavedFilters(database),

    /** The whole filtered set as CSV lines, paged underneath; the first page is read before the answer starts. */
    exportCsv(actor: Actor, selection: AssetFilter): AsyncGenerator<string> {
      return assetCsv((f) => list(actor, f), { ...selection, cursor: undefined, limit: undefined });
    },

    /** Where each recorded fact of a visible asset came from. */
    async sources(actor: Actor, id: string): Promise<AssetFieldSource[]> {
      await get(actor, id);
      return selectFieldSources(db, id);
    },

    async bulkUpdate(actor: Actor, ids: readonly string[], patch: AssetBulkPatch): Promise<AssetBulkResult> {
      const unique = [...new Set(ids)];
      const rows = await bulkTargets(actor, unique, 'change assets');
      const set = columnsOf(patch);
      await db.transaction().execute(async (trx) => {
        await updateAssetRows(trx, unique, { ...set, updated_by: actor.username });
        await recordFieldSources(trx, actor, 'person', null, unique.map((id) => ({ id, fields: Object.keys(patch).filter((k) => patch[k as keyof AssetBulkPatch] !== undefined) })));
        await auditBulk(trx, actor, 'asset.bulk-update', rows, { changed: Object.keys(set) });
      });
      return { count: unique.length, ids: unique };
    },

    async bulkRemove(actor: Actor, ids: readonly string[]): Promise<AssetBulkResult> {
      const unique = [...new Set(ids)];
      const rows = await bulkTargets(actor, unique, 'delete assets');
      await db.transaction().execute(async (trx) => {
        await deleteAssetRows(trx, unique);
        await auditBulk(trx, actor, 'asset.bulk-delete', rows, { names: rows.map((r) => r.name) });
      });
      return { count: unique.length, ids: unique };
    },

    async create(actor: Actor, input: AssetInput & { orgId?: string | undefined }): Promise<Asset> {
      requireRole(actor, writerRoles, 'create assets');
      const orgId = await targetOrg(actor, input.orgId);
      const row = newRow(actor, orgId, input);
      try {
        await db.transaction().execute(async (trx) => {
          await insertAssets(trx, [row]);
          await recordFieldSources(trx, actor, 'person', null, [{ id: row.id, fields: factsOf(input) }]);
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
          await recordFieldSources(trx, actor, 'person', null, [{ id, fields: factsOf(patch) }]);
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
          // The import sets every column of its rows (empty cells clear them): it is the source of what it set.
          const inputs = new Map(parsed.data.slice(i, i + 500).map((input) => [input.name, input]));
          await recordFieldSources(trx, actor, 'import', null, result.map((r) => ({ id: r.id, fields: factsOf(inputs.get(r.name) ?? { name: r.name }) })));
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
