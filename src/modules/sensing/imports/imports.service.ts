// Event import jobs: an upload streamed to the spool directory (bounded), a row with its progress, and
// the job run in the background, one at a time (parsing is CPU-bound and the machine may be small).
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { requireRole, writerRoles, type Actor } from '../../../platform/access.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { newId } from '../../../platform/crypto.js';
import { NotFoundError } from '../../../platform/errors.js';
import type { Logger } from '../../../platform/logger.js';
import { writableOrg } from '../../../platform/orgs/writable-org.js';
import { handOver, refuseOversize, spoolUpload } from '../../../platform/spool.js';
import type { Database } from '../../../storage/index.js';
import type { SensingIngest } from '../ingest.js';
import { runImportFile } from './import-run.js';
import { insertImport, markEnded, markStarted, selectImport, selectImports, updateProgress } from './imports.store.js';
import type { CreateImportInput, ListImportsInput } from './schemas.js';
import type { EventImportJob } from './types.js';

export interface EventImportServiceOptions {
  readonly ingest: SensingIngest;
  /** Where uploads wait for their job. Default: bulwark-spool in the system's temporary directory. */
  readonly spoolDir?: string | undefined;
  /** Largest upload accepted, in bytes (as sent: compressed when gzip). */
  readonly maxBytes: number;
  readonly logger?: Logger | undefined;
  readonly progressEveryMs?: number;
}

export type EventImportService = ReturnType<typeof createEventImportService>;

export function createEventImportService(database: Database, options: EventImportServiceOptions) {
  const { db } = database;
  const spoolDir = options.spoolDir ?? join(tmpdir(), 'bulwark-spool');
  const stop = new AbortController();
  let queue: Promise<unknown> = Promise.resolve();

  const targetOrg = (actor: Actor, orgId: string | undefined): Promise<string> => writableOrg(db, actor, orgId, 'events can only be imported for your own organisation');

  async function get(actor: Actor, id: string): Promise<EventImportJob> {
    const job = await selectImport(db, actor, id);
    if (!job) throw new NotFoundError(`event import ${id} not found`);
    return job;
  }

  async function run(job: EventImportJob, path: string): Promise<void> {
    try {
      stop.signal.throwIfAborted();
      await markStarted(db, job.id);
      await runImportFile(path, job, {
        ingest: options.ingest,
        onProgress: (progress) => updateProgress(db, job.id, progress),
        signal: stop.signal,
        ...(options.progressEveryMs === undefined ? {} : { progressEveryMs: options.progressEveryMs }),
      });
      await markEnded(db, job.id, { status: 'finished' });
    } catch (error) {
      const message = stop.signal.aborted ? 'the server stopped before the import finished' : error instanceof Error ? error.message : String(error);
      options.logger?.warn({ err: error, importId: job.id }, 'event import failed');
      await markEnded(db, job.id, { status: 'failed', error: message }).catch(() => undefined);
    } finally {
      await rm(path, { force: true });
    }
  }

  return {
    /**
     * Takes the upload into the spool directory (refusing more than the limit), records the job and
     * queues it; answers at once with the queued job, whose progress the client follows.
     */
    async create(actor: Actor, body: Readable, input: CreateImportInput, declaredLength?: number): Promise<EventImportJob> {
      requireRole(actor, writerRoles, 'import events');
      const spool = { dir: spoolDir, suffix: '.events', maxBytes: options.maxBytes, what: 'event imports', emptyHint: 'send the log file as the body' };
      refuseOversize(body, declaredLength, spool);
      const orgId = await targetOrg(actor, input.orgId);
      const { path, size } = await spoolUpload(body, spool);
      const id = newId();
      await handOver(path, () =>
        db.transaction().execute(async (trx) => {
          await insertImport(trx, { id, orgId, name: input.name, format: input.format ?? 'auto', tlp: input.tlp ?? 'amber', sharedUpward: input.sharedUpward ?? false, sizeBytes: size, createdBy: actor.username });
          await recordAudit(trx, actor, { action: 'event-import.create', targetType: 'event-import', targetId: id, orgId, details: { name: input.name, format: input.format ?? 'auto', sizeBytes: size } });
        }),
      );
      const job = await get(actor, id);
      queue = queue.then(() => run(job, path));
      return job;
    },

    get,

    async list(actor: Actor, query: ListImportsInput = {}): Promise<EventImportJob[]> {
      return selectImports(db, actor, { limit: query.limit ?? 50, status: query.status });
    },

    /** Resolves when the queued jobs are done (tests; a CLI that waits). */
    async idle(): Promise<void> {
      await queue;
    },

    /** Stops the running job between batches (it is marked failed) and skips the queued ones. */
    async close(): Promise<void> {
      stop.abort();
      await queue;
    },
  };
}
