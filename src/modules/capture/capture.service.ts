// Capture jobs: created from a local file (CLI) or an upload (API), run one at a time in-process,
// readable by the same rule as assets; fingerprint rules per organisation.
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { Database } from '../../storage/index.js';
import { requireRole, writerRoles, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { newId } from '../../platform/crypto.js';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '../../platform/errors.js';
import { handOver, refuseOversize, spoolUpload } from '../../platform/spool.js';
import type { Logger } from '../../platform/logger.js';
import type { Tlp } from '../../platform/tlp.js';
import { writableOrg } from '../../platform/orgs/writable-org.js';
import {
  countOperations,
  selectCommunications,
  selectHosts,
  selectJob,
  selectJobs,
  selectMalformed,
  selectOperations,
  type OperationFilter,
} from './capture.store.js';
import { assetVisibleTo } from '../assets/index.js';
import { builtinRules } from './fingerprints/builtin-rules.js';
import { fingerprintRuleSchema, type FingerprintRule } from './fingerprints/rules.js';
import { fileDigest, hashingStream } from './file-digest.js';
import { runCaptureJob } from './job-runner.js';
import { readFrames, type EvidencePacket } from './evidence.js';
import type { CaptureJob, CaptureOperationPage } from './resources.js';

export interface CaptureServiceOptions {
  /** Where uploads wait for analysis. */
  readonly spoolDir: string;
  /** Where uploaded files are kept after analysis, for packet evidence; not kept when absent. */
  readonly keepDir?: string | undefined;
  /** Largest capture accepted, in bytes. */
  readonly maxCaptureBytes: number;
  readonly logger?: Logger | undefined;
  /** Called with the assets a job created or filled (to recompute their exposures). */
  readonly assetsChanged?: ((ids: readonly string[]) => Promise<void>) | undefined;
}

export interface CaptureJobInput {
  readonly name: string;
  readonly orgId?: string | undefined;
  readonly tlp?: Tlp | undefined;
  readonly sharedUpward?: boolean | undefined;
  readonly mergeAssets?: boolean | undefined;
  /** Analyze again even when the organisation already has a job for the same file (same SHA-256). */
  readonly reanalyze?: boolean | undefined;
}

export interface OperationQuery {
  readonly protocol?: string | undefined;
  readonly operation?: string | undefined;
  readonly host?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
}

export function createCaptureService(database: Database, options: CaptureServiceOptions) {
  const { db } = database;
  /** One job at a time: analysis is CPU-bound and the machine may be small. */
  let queue: Promise<unknown> = Promise.resolve();

  const targetOrg = (actor: Actor, orgId: string | undefined): Promise<string> => writableOrg(db, actor, orgId, 'captures can only be analyzed for your own organisation');

  async function get(actor: Actor, id: string): Promise<CaptureJob> {
    const job = await selectJob(db, actor, id);
    if (!job) throw new NotFoundError(`capture job ${id} not found`);
    return job;
  }

  async function rulesFor(orgId: string): Promise<FingerprintRule[]> {
    const own = await db.selectFrom('fingerprint_rules').select('rule').where('org_id', '=', orgId).orderBy('id').execute();
    return [...builtinRules, ...own.map((r) => r.rule as FingerprintRule)];
  }

  /** The organisation's jobs for files of this size that have not failed (failed ones are analyzed again). */
  function liveJobsOfSize(orgId: string, sizeBytes: number) {
    return db.selectFrom('capture_jobs').select('id').where('org_id', '=', orgId).where('size_bytes', '=', sizeBytes).where('status', 'in', ['queued', 'running', 'finished']);
  }

  /** The newest such job for the same file (same SHA-256). */
  async function existingJob(actor: Actor, orgId: string, sha256: string, sizeBytes: number): Promise<CaptureJob | undefined> {
    const row = await liveJobsOfSize(orgId, sizeBytes).where('sha256', '=', sha256).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
    return row ? get(actor, row.id) : undefined;
  }

  /** Whether such a job with a known digest exists: only then does hashing the file before analysis pay. */
  async function sameSizeExists(orgId: string, sizeBytes: number): Promise<boolean> {
    return (await liveJobsOfSize(orgId, sizeBytes).where('sha256', 'is not', null).executeTakeFirst()) !== undefined;
  }

  async function create(actor: Actor, input: CaptureJobInput, sizeBytes: number, sha256: string | null = null): Promise<{ id: string; orgId: string; tlp: Tlp; sharedUpward: boolean; mergeAssets: boolean }> {
    requireRole(actor, writerRoles, 'analyze captures');
    const orgId = await targetOrg(actor, input.orgId);
    const job = {
      id: newId(),
      orgId,
      tlp: input.tlp ?? 'amber',
      sharedUpward: input.sharedUpward ?? false,
      mergeAssets: input.mergeAssets ?? true,
    };
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('capture_jobs')
        .values({
          id: job.id,
          org_id: orgId,
          name: input.name,
          status: 'queued',
          size_bytes: sizeBytes,
          tlp: job.tlp,
          shared_upward: job.sharedUpward,
          merge_assets: job.mergeAssets,
          created_by: actor.username,
          sha256,
        })
        .execute();
      await recordAudit(trx, actor, { action: 'capture.submit', targetType: 'capture', targetId: job.id, orgId, details: { name: input.name, sizeBytes } });
    });
    return job;
  }

  /** Runs a job now (after the ones queued before it); marks it failed on error. */
  /** After a successful analysis: an upload moves into the captures folder, a file of the CLI's stays where it is. */
  async function keep(jobId: string, path: string, upload: boolean): Promise<boolean> {
    let kept = isAbsolute(path) ? path : resolve(path);
    if (upload) {
      if (options.keepDir === undefined) return false;
      await mkdir(options.keepDir, { recursive: true });
      kept = join(options.keepDir, `${jobId}.capture`);
      await rename(path, kept);
    }
    await db.updateTable('capture_jobs').set({ kept_path: kept }).where('id', '=', jobId).execute();
    return upload;
  }

  function enqueue(actor: Actor, job: Awaited<ReturnType<typeof create>>, path: string, removeAfter: boolean): Promise<void> {
    const run = queue.then(async () => {
      let moved = false;
      try {
        const { assetIds } = await runCaptureJob(database, actor, { ...job, path }, await rulesFor(job.orgId));
        moved = await keep(job.id, path, removeAfter).catch((error: unknown) => {
          options.logger?.warn({ err: error, job: job.id }, 'capture file not kept for evidence');
          return false;
        });
        if (assetIds.length > 0) await options.assetsChanged?.(assetIds);
      } catch (error) {
        options.logger?.error({ err: error, job: job.id }, 'capture analysis failed');
        // nothing half-written: a failed job keeps no partial results
        await db.deleteFrom('capture_operations').where('job_id', '=', job.id).execute();
        await db
          .updateTable('capture_jobs')
          .set({ status: 'failed', finished_at: new Date(), error: error instanceof Error ? error.message : String(error) })
          .where('id', '=', job.id)
          .execute();
      } finally {
        if (removeAfter && !moved) await rm(path, { force: true });
      }
    });
    queue = run;
    return run;
  }

  function operationFilter(q: OperationQuery): Omit<OperationFilter, 'limit' | 'afterSeq'> {
    const time = (value: string | undefined, name: string) => {
      if (value === undefined) return undefined;
      const ms = Date.parse(value);
      if (Number.isNaN(ms)) throw new InputError(`${name} is not a date`, [{ path: name, message: 'ISO 8601 date or time' }]);
      return ms * 1000;
    };
    return {
      protocol: q.protocol,
      operation: q.operation?.split(',').filter(Boolean),
      host: q.host,
      from: time(q.from, 'from'),
      to: time(q.to, 'to'),
    };
  }

  return {
    get,

    async list(actor: Actor, query: { limit?: number | undefined; cursor?: string | undefined } = {}) {
      const limit = query.limit ?? 50;
      const before = query.cursor ? decodeCursor<{ createdAt: string; id: string }>(query.cursor) : undefined;
      const rows = await selectJobs(db, actor, limit + 1, before);
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null };
    },

    /** Analyzes a file on this machine (the CLI); resolves when the job is done. */
    async analyzeFile(actor: Actor, path: string, input: CaptureJobInput): Promise<CaptureJob> {
      const size = await stat(path).then(
        (s) => s.size,
        () => {
          throw new InputError(`cannot read ${path}`, [{ path: 'file', message: 'no such readable file' }]);
        },
      );
      requireRole(actor, writerRoles, 'analyze captures');
      const orgId = await targetOrg(actor, input.orgId);
      let digest: Promise<string | null>;
      if (input.reanalyze !== true && (await sameSizeExists(orgId, size))) {
        const sha256 = await fileDigest(path);
        const existing = await existingJob(actor, orgId, sha256, size);
        if (existing) return existing;
        digest = Promise.resolve(sha256);
      } else {
        // Nothing to compare with: the digest is computed beside the analysis, for later uploads.
        digest = fileDigest(path).catch(() => null);
      }
      const job = await create(actor, { ...input, orgId }, size);
      await enqueue(actor, job, path, false);
      const sha256 = await digest;
      if (sha256 !== null) await db.updateTable('capture_jobs').set({ sha256 }).where('id', '=', job.id).execute();
      return get(actor, job.id);
    },

    /**
     * Takes an upload as a stream into the spool directory (refusing more than the limit), queues
     * the job and returns it at once; the client follows its progress. The same file uploaded again
     * for the same organisation answers with the existing job (`existing: true`) unless `reanalyze`.
     */
    async upload(actor: Actor, body: Readable, input: CaptureJobInput, declaredLength?: number): Promise<{ job: CaptureJob; existing: boolean }> {
      requireRole(actor, writerRoles, 'analyze captures');
      const spool = { dir: options.spoolDir, suffix: '.capture', maxBytes: options.maxCaptureBytes, what: 'captures', emptyHint: 'send the pcap or pcapng file as the body' };
      refuseOversize(body, declaredLength, spool);
      const orgId = await targetOrg(actor, input.orgId);
      const hashing = hashingStream();
      body.once('error', (error) => hashing.destroy(error));
      const { path, size } = await spoolUpload(body.pipe(hashing), spool);
      const sha256 = hashing.digest();
      const existing = input.reanalyze === true ? undefined : await handOver(path, () => existingJob(actor, orgId, sha256, size));
      if (existing) {
        await rm(path, { force: true });
        return { job: existing, existing: true };
      }
      const job = await handOver(path, () => create(actor, input, size, sha256));
      void enqueue(actor, job, path, true);
      return { job: await get(actor, job.id), existing: false };
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const job = await get(actor, id);
      requireRole(actor, writerRoles, 'delete captures');
      if (actor.kind !== 'system' && job.orgId !== actor.orgId) throw new NotAllowedError('shared captures are read-only outside their organisation');
      if (job.status === 'queued' || job.status === 'running') throw new ConflictError('the capture is still being analyzed');
      const kept = await db.selectFrom('capture_jobs').select('kept_path').where('id', '=', id).executeTakeFirst();
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('capture_jobs').where('id', '=', id).execute();
        await recordAudit(trx, actor, { action: 'capture.delete', targetType: 'capture', targetId: id, orgId: job.orgId, details: { name: job.name } });
      });
      // only what we keep ourselves: a file the CLI analyzed in place is the user's
      if (kept?.kept_path && options.keepDir !== undefined && kept.kept_path.startsWith(join(options.keepDir, '/'))) await rm(kept.kept_path, { force: true });
    },

    /**
     * Frames of a job's file by number, for packet evidence: undefined when the caller may not read the
     * job or its file is not kept (or no longer where it was).
     */
    async evidence(actor: Actor, id: string, frames: readonly number[]): Promise<EvidencePacket[] | undefined> {
      const job = await get(actor, id).catch((error: unknown) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      });
      if (job === undefined) return undefined;
      const row = await db.selectFrom('capture_jobs').select('kept_path').where('id', '=', id).executeTakeFirst();
      if (!row?.kept_path) return undefined;
      const path = row.kept_path;
      if (!(await stat(path).then((s) => s.isFile(), () => false))) return undefined;
      return readFrames(path, frames);
    },

    async hosts(actor: Actor, id: string) {
      await get(actor, id);
      return selectHosts(db, id);
    },

    async communications(actor: Actor, id: string) {
      await get(actor, id);
      return selectCommunications(db, id);
    },

    async malformed(actor: Actor, id: string, limit = 200) {
      await get(actor, id);
      return selectMalformed(db, id, limit);
    },

    async operations(actor: Actor, id: string, query: OperationQuery = {}): Promise<CaptureOperationPage> {
      await get(actor, id);
      const limit = query.limit ?? 100;
      const filter = operationFilter(query);
      const after = query.cursor ? decodeCursor<{ time: number; seq: number }>(query.cursor) : undefined;
      const rows = await selectOperations(db, id, { ...filter, limit: limit + 1, afterSeq: after });
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return {
        items,
        nextCursor: rows.length > limit && last ? encodeCursor({ time: last.timeUs, seq: last.seq }) : null,
        counts: await countOperations(db, id, filter),
      };
    },

    /** Built-in rules and the actor's organisation's own. */
    async rules(actor: Actor): Promise<Array<FingerprintRule & { builtin: boolean }>> {
      const own = actor.kind === 'system' ? [] : await db.selectFrom('fingerprint_rules').select('rule').where('org_id', '=', actor.orgId).orderBy('id').execute();
      return [...builtinRules.map((r) => ({ ...r, builtin: true })), ...own.map((r) => ({ ...(r.rule as FingerprintRule), builtin: false }))];
    },

    async addRule(actor: Actor, input: unknown, orgId?: string): Promise<FingerprintRule> {
      requireRole(actor, writerRoles, 'add fingerprint rules');
      const target = await targetOrg(actor, orgId);
      const parsed = fingerprintRuleSchema.safeParse(input);
      if (!parsed.success) {
        throw new InputError('invalid fingerprint rule', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      }
      if (builtinRules.some((r) => r.id === parsed.data.id)) throw new ConflictError(`rule ${parsed.data.id} is built in`);
      await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('fingerprint_rules')
          .values({ org_id: target, id: parsed.data.id, rule: JSON.stringify(parsed.data), created_by: actor.username })
          .onConflict((oc) => oc.columns(['org_id', 'id']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new ConflictError(`rule ${parsed.data.id} exists`);
        await recordAudit(trx, actor, { action: 'capture.rule.add', targetType: 'fingerprint-rule', targetId: parsed.data.id, orgId: target, details: {} });
      });
      return parsed.data;
    },

    async removeRule(actor: Actor, id: string): Promise<void> {
      requireRole(actor, writerRoles, 'remove fingerprint rules');
      const orgId = actor.orgId;
      await db.transaction().execute(async (trx) => {
        const deleted = await trx.deleteFrom('fingerprint_rules').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
        if (Number(deleted.numDeletedRows) === 0) throw new NotFoundError(`rule ${id} not found`);
        await recordAudit(trx, actor, { action: 'capture.rule.remove', targetType: 'fingerprint-rule', targetId: id, orgId, details: {} });
      });
    },

    /** Discovered values that disagree with what people entered on an asset. */
    async conflicts(actor: Actor, assetId: string) {
      // Conflicts are part of the asset: whoever may read the asset reads them (ADR 002), nobody else.
      const visible = await db
        .selectFrom('assets as a')
        .innerJoin('organisations as o', 'o.id', 'a.org_id')
        .select('a.id')
        .where('a.id', '=', assetId)
        .where(assetVisibleTo(actor))
        .executeTakeFirst();
      if (visible === undefined) throw new NotFoundError(`asset ${assetId} not found`);
      const rows = await db.selectFrom('asset_discovery_conflicts').selectAll().where('asset_id', '=', assetId).orderBy('created_at').execute();
      return rows.map((r) => ({
        assetId: r.asset_id,
        field: r.field,
        jobId: r.job_id,
        currentValue: r.current_value,
        discoveredValue: r.discovered_value,
        confidence: r.confidence,
        evidence: r.evidence,
        createdAt: new Date(r.created_at).toISOString(),
      }));
    },

    /** Waits until every queued job has run (tests, shutdown). */
    idle(): Promise<void> {
      return queue.then(() => undefined);
    },
  };
}

export type CaptureService = ReturnType<typeof createCaptureService>;

function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeCursor<T>(cursor: string): T {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
  } catch {
    throw new InputError('invalid cursor', [{ path: 'cursor', message: 'pass back nextCursor unchanged' }]);
  }
}
