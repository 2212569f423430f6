// Imports into the intelligence store: bundle files (CLI), uploads spooled to disk (API; large ones
// run in the background), objects already in memory (TAXII add-objects), and their reports.
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { refreshStatistics, type Database } from '../../storage/index.js';
import { requireRole, writerRoles, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { newId, toIso } from '../../platform/crypto.js';
import { InputError, NotAllowedError, NotFoundError } from '../../platform/errors.js';
import { handOver, refuseOversize, spoolUpload } from '../../platform/spool.js';
import type { Logger } from '../../platform/logger.js';
import { selectOrgById } from '../../platform/orgs/org.store.js';
import { BundleSyntaxError, readBundle, type BundleHeader, type BundleItem } from './bundle-reader.js';
import { emptyStats, ingest, type IngestOptions, type IngestStats, type Outcome } from './importer.js';
import type { ImportIssue, ImportOptions, ImportReport } from './types.js';

export interface ImportServiceOptions {
  /** Where uploaded bundles wait for import. */
  readonly spoolDir: string;
  /** Largest bundle accepted by upload, in bytes. */
  readonly maxBundleBytes: number;
  /** Uploads up to this size are imported before the response; larger ones answer 202 and run on. */
  readonly syncBundleBytes?: number | undefined;
  readonly logger?: Logger | undefined;
}

export interface RequestDetail {
  readonly id: string;
  readonly version: string;
  readonly message?: string | undefined;
}

export interface RequestRecord {
  readonly name: string;
  readonly collectionId: string;
  readonly total: number;
  readonly successes: readonly RequestDetail[];
  readonly failures: readonly RequestDetail[];
  readonly requestedAt: Date;
}

/** Reports keep this many issues; the counts stay exact. */
export const MAX_REPORTED_ISSUES = 1000;

const ANALYZE_AFTER = 5000;

function pendingReport(id: string, orgId: string, name: string): ImportReport {
  return {
    id,
    status: 'pending',
    name,
    orgId,
    bundleId: null,
    objects: 0,
    stored: 0,
    duplicates: 0,
    invalid: 0,
    contradictions: 0,
    conflictsFlagged: 0,
    issues: [],
    issuesTruncated: false,
    elapsedMs: 0,
    objectsPerSecond: 0,
    error: null,
    createdAt: new Date().toISOString(),
    finishedAt: null,
  };
}

export function createImportService(database: Database, options: ImportServiceOptions) {
  const { db } = database;
  const syncLimit = options.syncBundleBytes ?? 16 * 1024 * 1024;
  let queue: Promise<unknown> = Promise.resolve();

  async function targetOrg(actor: Actor, orgId: string | undefined): Promise<string> {
    if (actor.kind === 'system') {
      if (orgId === undefined) throw new InputError('orgId is required', [{ path: 'orgId', message: 'name the organisation that will hold the objects' }]);
      if ((await selectOrgById(db, orgId)) === undefined) throw new NotFoundError(`organisation ${orgId} not found`);
      return orgId;
    }
    if (orgId !== undefined && orgId !== actor.orgId) throw new NotAllowedError('intelligence can only be imported into your own organisation');
    return actor.orgId;
  }

  function ingestOptions(actor: Actor, orgId: string, o: ImportOptions): IngestOptions {
    return {
      orgId,
      defaultTlp: o.tlp ?? 'amber',
      sharedUpward: o.sharedUpward ?? false,
      source: o.source?.trim() ?? '',
      reliability: o.reliability ?? 'F',
      confidence: o.confidence ?? null,
      createdBy: actor.username,
    };
  }

  /** Runs an import from a byte stream into a report; never throws for bad content. */
  async function runImport(actor: Actor, id: string, orgId: string, input: Readable, o: ImportOptions): Promise<ImportReport> {
    const started = performance.now();
    const issues: ImportIssue[] = [];
    let issueCount = 0;
    const note = (issue: ImportIssue) => {
      issueCount++;
      if (issues.length < MAX_REPORTED_ISSUES) issues.push(issue);
    };
    const onOutcome = (outcome: Outcome) => {
      if (outcome.status === 'stored' || outcome.status === 'duplicate') return;
      for (const i of outcome.issues ?? [{ path: '', code: outcome.status, message: outcome.status }]) {
        note({ index: outcome.index, id: outcome.id, path: i.path, code: i.code, message: i.message });
      }
    };
    const stats: IngestStats = emptyStats();
    let header: BundleHeader | undefined;
    let error: string | null = null;
    const reader = readBundle(input);
    async function* items(): AsyncGenerator<readonly BundleItem[], void, void> {
      for (;;) {
        const next = await reader.next();
        if (next.done === true) {
          header = next.value;
          return;
        }
        yield next.value;
      }
    }
    try {
      await ingest(database, items(), ingestOptions(actor, orgId, o), onOutcome, stats);
    } catch (e) {
      if (!(e instanceof BundleSyntaxError)) throw e;
      // Objects before the damage are kept; the report says where reading stopped.
      error = e.message;
      note({ index: -1, path: '', code: 'syntax', message: e.message });
    }
    if (header !== undefined) {
      if (header.type !== undefined && header.type !== 'bundle') note({ index: -1, path: 'type', code: 'bundle', message: 'a bundle has type "bundle"' });
      if (header.id !== undefined && (typeof header.id !== 'string' || !/^bundle--[0-9a-f-]{36}$/.test(header.id))) {
        note({ index: -1, path: 'id', code: 'bundle', message: 'a bundle id is bundle--<UUID>' });
      }
    }
    const elapsedMs = Math.round(performance.now() - started);
    if (stats.stored >= ANALYZE_AFTER) await refreshStatistics(database, ['intel_objects', 'intel_provenance']);
    const report: ImportReport = {
      id,
      status: error === null ? 'complete' : 'failed',
      name: o.name ?? 'bundle',
      orgId,
      bundleId: typeof header?.id === 'string' ? header.id : null,
      objects: stats.objects,
      stored: stats.stored,
      duplicates: stats.duplicates,
      invalid: stats.invalid + stats.refused,
      contradictions: stats.contradictions,
      conflictsFlagged: stats.conflictsFlagged,
      issues,
      issuesTruncated: issueCount > issues.length,
      elapsedMs,
      objectsPerSecond: elapsedMs === 0 ? stats.objects : Math.round((stats.objects * 1000) / elapsedMs),
      error,
      createdAt: new Date().toISOString(),
      finishedAt: new Date().toISOString(),
    };
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('intel_imports')
        .set({ status: report.status, total: stats.objects, report: JSON.stringify(report), error, finished_at: new Date() })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, actor, {
        action: 'intel.import',
        targetType: 'intel-import',
        targetId: id,
        orgId,
        details: { name: report.name, objects: stats.objects, stored: stats.stored, invalid: report.invalid },
      });
    });
    return report;
  }

  async function createImport(actor: Actor, orgId: string, name: string): Promise<string> {
    const id = newId();
    await db
      .insertInto('intel_imports')
      .values({ id, org_id: orgId, kind: 'bundle', collection_id: null, name, status: 'pending', created_by: actor.username })
      .execute();
    return id;
  }

  async function failImport(id: string, error: unknown): Promise<void> {
    options.logger?.error({ err: error, import: id }, 'intelligence import failed');
    await db
      .updateTable('intel_imports')
      .set({ status: 'failed', error: error instanceof Error ? error.message : String(error), finished_at: new Date() })
      .where('id', '=', id)
      .execute();
  }

  return {
    limits: { maxBundleBytes: options.maxBundleBytes },

    /** Imports a bundle file on this machine (the CLI), streaming it; resolves with the report. */
    async importFile(actor: Actor, path: string, o: ImportOptions = {}): Promise<ImportReport> {
      requireRole(actor, writerRoles, 'import intelligence');
      const orgId = await targetOrg(actor, o.orgId);
      await stat(path).catch(() => {
        throw new InputError(`cannot read ${path}`, [{ path: 'file', message: 'no such readable file' }]);
      });
      const name = o.name ?? path.split('/').pop() ?? path;
      const id = await createImport(actor, orgId, name);
      try {
        return await runImport(actor, id, orgId, createReadStream(path, { highWaterMark: 256 * 1024 }), { ...o, name });
      } catch (error) {
        await failImport(id, error);
        throw error;
      }
    },

    /**
     * Takes an upload as a stream into the spool directory (refusing more than the limit); small
     * bundles are imported before answering, large ones are queued and answered as pending.
     */
    async importUpload(actor: Actor, body: Readable, o: ImportOptions, declaredLength?: number): Promise<ImportReport> {
      requireRole(actor, writerRoles, 'import intelligence');
      const spool = { dir: options.spoolDir, suffix: '.bundle.json', maxBytes: options.maxBundleBytes, what: 'bundles', emptyHint: 'send a STIX 2.1 bundle as the body' };
      refuseOversize(body, declaredLength, spool);
      const orgId = await targetOrg(actor, o.orgId);
      const { path, size } = await spoolUpload(body, spool);
      const name = o.name ?? 'upload';
      const id = await handOver(path, () => createImport(actor, orgId, name));
      const run = async () => {
        try {
          return await runImport(actor, id, orgId, createReadStream(path, { highWaterMark: 256 * 1024 }), { ...o, name });
        } catch (error) {
          await failImport(id, error);
          throw error;
        } finally {
          await rm(path, { force: true });
        }
      };
      if (size <= syncLimit) return run();
      const queued = queue.then(run).catch(() => undefined);
      queue = queued;
      return pendingReport(id, orgId, name);
    },

    /**
     * Stores objects that are already in memory into `orgId` (TAXII add-objects); one outcome per
     * object, in order. The caller has authorized the write (a collection's writers).
     */
    async ingestObjects(
      actor: Actor,
      orgId: string,
      objects: readonly unknown[],
      o: ImportOptions & { accept?: IngestOptions['accept'] },
    ): Promise<{ outcomes: Outcome[]; stats: IngestStats }> {
      const outcomes: Outcome[] = [];
      const items: BundleItem[] = objects.map((value, index) => ({ kind: 'object', index, value }));
      const stats = await ingest(database, [items], { ...ingestOptions(actor, orgId, o), accept: o.accept }, (x) => outcomes.push(x));
      outcomes.sort((a, b) => a.index - b.index);
      return { outcomes, stats };
    },

    /** Keeps the outcome of an add-objects request (a TAXII status resource) for the requester's organisation. */
    async recordRequest(actor: Actor, request: RequestRecord): Promise<string> {
      const id = newId();
      await db
        .insertInto('intel_imports')
        .values({
          id,
          org_id: actor.orgId,
          kind: 'taxii',
          collection_id: request.collectionId,
          name: request.name,
          status: 'complete',
          total: request.total,
          successes: JSON.stringify(request.successes),
          failures: JSON.stringify(request.failures),
          created_by: actor.username,
          created_at: request.requestedAt,
          finished_at: new Date(),
        })
        .execute();
      return id;
    },

    async getRequest(actor: Actor, id: string): Promise<RequestRecord & { id: string; status: string }> {
      const row = await db.selectFrom('intel_imports').selectAll().where('id', '=', id).where('kind', '=', 'taxii').executeTakeFirst();
      if (row === undefined || (actor.kind !== 'system' && row.org_id !== actor.orgId)) throw new NotFoundError(`status ${id} not found`);
      const list = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as RequestDetail[];
      return {
        id: row.id,
        status: row.status,
        name: row.name,
        collectionId: row.collection_id ?? '',
        total: row.total,
        successes: list(row.successes),
        failures: list(row.failures),
        requestedAt: new Date(row.created_at),
      };
    },

    async getImport(actor: Actor, id: string): Promise<ImportReport> {
      const row = await db.selectFrom('intel_imports').selectAll().where('id', '=', id).where('kind', '=', 'bundle').executeTakeFirst();
      if (row === undefined || (actor.kind !== 'system' && row.org_id !== actor.orgId)) throw new NotFoundError(`import ${id} not found`);
      if (row.report !== null && row.report !== undefined) {
        const report = (typeof row.report === 'string' ? JSON.parse(row.report) : row.report) as ImportReport;
        return { ...report, createdAt: toIso(row.created_at) };
      }
      return { ...pendingReport(row.id, row.org_id, row.name), status: row.status as ImportReport['status'], error: row.error, createdAt: toIso(row.created_at) };
    },

    /** The organisation's bundle imports, newest first, without their issue lists. */
    async listImports(actor: Actor, limit = 50): Promise<ImportReport[]> {
      let query = db.selectFrom('intel_imports').selectAll().where('kind', '=', 'bundle').orderBy('created_at', 'desc').orderBy('id').limit(limit);
      if (actor.kind !== 'system') query = query.where('org_id', '=', actor.orgId);
      const rows = await query.execute();
      return rows.map((row) => {
        const base = row.report !== null && row.report !== undefined
          ? (typeof row.report === 'string' ? JSON.parse(row.report) : row.report) as ImportReport
          : { ...pendingReport(row.id, row.org_id, row.name), status: row.status as ImportReport['status'], error: row.error };
        return { ...base, issues: [], createdAt: toIso(row.created_at) };
      });
    },

    /** Waits until queued imports have run (tests, shutdown). */
    idle(): Promise<void> {
      return queue.then(() => undefined);
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
