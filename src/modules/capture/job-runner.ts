// Runs one capture job: the analysis (analysis-task.ts, on a worker thread when built) streams the file
// through the pipeline and hands the operations log over in batches, which this thread stores with COPY
// while the next is decoded (memory stays bounded); then hosts, communications and the asset merge.
import type { Database } from '../../storage/index.js';
import { refreshStatistics } from '../../storage/index.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import type { Tlp } from '../../platform/tlp.js';
import { mergeDiscoveredAssets, type DiscoveredAsset } from '../assets/discovery-merge.js';
import type { DiscoveredHost } from './analysis/types.js';
import { runAnalysisTask, type AnalysisTaskInput, type AnalysisTaskResult } from './analysis-task.js';
import { analyzeInWorker } from './analysis-worker-handle.js';
import { builtWorker, claimHeadStart } from './head-start.js';
import { copyOperations, insertCommunications, insertHosts, insertMalformed } from './capture.store.js';
import type { FingerprintRule } from './fingerprints/rules.js';
import { microsToIso, type CaptureJobSummary } from './resources.js';

export { analyzeInWorker } from './analysis-worker-handle.js';

export interface JobToRun {
  readonly id: string;
  readonly orgId: string;
  readonly path: string;
  readonly tlp: Tlp;
  readonly sharedUpward: boolean;
  readonly mergeAssets: boolean;
}

export async function runCaptureJob(
  database: Database,
  actor: Actor,
  job: JobToRun,
  rules: readonly FingerprintRule[],
): Promise<{ summary: CaptureJobSummary; assetIds: string[] }> {
  const { db } = database;
  await db.updateTable('capture_jobs').set({ status: 'running', started_at: new Date() }).where('id', '=', job.id).execute();
  // The analysis stage: reading, decoding and storing the operations log, until the last record is
  // stored. An analysis started ahead of the job (head-start.ts) counts from when it started.
  const early = claimHeadStart(job.path);
  const started = early?.startedAt ?? performance.now();
  let progressWrites: Promise<unknown> = Promise.resolve();
  const progress = (bytesRead: number, frames: number): void => {
    progressWrites = progressWrites
      .then(() => db.updateTable('capture_jobs').set({ bytes_read: bytesRead, frames }).where('id', '=', job.id).execute())
      .catch(() => undefined); // progress is advisory; the final update below says what happened
  };
  const input: AnalysisTaskInput = { jobId: job.id, path: job.path, rules };
  const store = (text: string): Promise<void> => copyOperations(database, text);
  const worker = builtWorker();
  const analyzed =
    early !== undefined
      ? await early.run({ jobId: job.id, rules }, store, progress)
      : worker === undefined
        ? await analyzeHere(input, store, progress)
        : await analyzeInWorker(worker, input, store, progress);
  await progressWrites;
  const { read, hosts, communications, bytesRead } = analyzed;
  const seq = analyzed.operations;
  const elapsedMs = performance.now() - started;

  let merge = { created: 0, updated: 0, conflicts: 0, assets: new Map<string, string>() as ReadonlyMap<string, string> };
  await db.transaction().execute(async (trx) => {
    if (job.mergeAssets) {
      merge = await mergeDiscoveredAssets(
        trx,
        actor,
        { orgId: job.orgId, jobId: job.id, tlp: job.tlp, sharedUpward: job.sharedUpward },
        hosts.filter(isIndustrial).map(toDiscoveredAsset),
      );
    }
    await insertHosts(trx, job.id, hosts, merge.assets);
    await insertCommunications(trx, job.id, communications);
    await insertMalformed(trx, job.id, analyzed.malformedReports);
    await recordAudit(trx, actor, {
      action: 'capture.analyze',
      targetType: 'capture',
      targetId: job.id,
      orgId: job.orgId,
      details: { frames: read.frames, hosts: hosts.length, assetsCreated: merge.created, assetsUpdated: merge.updated, conflicts: merge.conflicts },
    });
  });
  // The operations log becomes events after the job, in the background (sensing/capture-events.ts): the
  // job marks them pending (events_through stays 0) and does not wait for the events table's indexes.
  if (seq >= 10_000) await refreshStatistics(database, ['capture_operations']);
  const seconds = Math.max(elapsedMs, 1) / 1000;
  const summary: CaptureJobSummary = {
    format: read.format,
    frames: read.frames,
    bytes: read.bytes,
    firstTime: read.frames > 0 ? microsToIso(read.firstTime) : null,
    lastTime: read.frames > 0 ? microsToIso(read.lastTime) : null,
    elapsedMs: Math.round(elapsedMs),
    packetsPerSecond: Math.round(read.frames / seconds),
    megabytesPerSecond: Math.round((bytesRead / 1e6 / seconds) * 10) / 10,
    pdus: read.pdus,
    malformed: read.malformed,
    hosts: hosts.length,
    communications: communications.length,
    operations: seq,
    assets: { created: merge.created, updated: merge.updated, conflicts: merge.conflicts },
    readError: read.error ?? null,
  };
  await db
    .updateTable('capture_jobs')
    .set({ status: 'finished', finished_at: new Date(), bytes_read: bytesRead, frames: read.frames, summary: JSON.stringify(summary) })
    .where('id', '=', job.id)
    .execute();
  return { summary, assetIds: [...new Set(merge.assets.values())] };
}

/** In this thread: while one batch is stored (PostgreSQL's server does the work), the next is decoded. */
async function analyzeHere(
  input: AnalysisTaskInput,
  store: (text: string) => Promise<void>,
  progress: (bytesRead: number, frames: number) => void,
): Promise<AnalysisTaskResult> {
  let inFlight: Promise<void> | undefined;
  try {
    const result = await runAnalysisTask(input, {
      async batch(text) {
        if (inFlight) await inFlight;
        inFlight = store(text);
        inFlight.catch(() => undefined); // awaited below; this only keeps Node from calling it unhandled
      },
      progress,
    });
    if (inFlight) await inFlight;
    return result;
  } catch (error) {
    // let the batch in flight land before the caller deletes the job's partial results
    await inFlight?.catch(() => undefined);
    throw error;
  }
}

/** Hosts worth an asset: they speak an industrial protocol or told us who they are. */
function isIndustrial(h: DiscoveredHost): boolean {
  return h.serves.length > 0 || h.uses.length > 0 || h.facts.some((f) => f.attribute !== 'mac-vendor');
}

function toDiscoveredAsset(h: DiscoveredHost): DiscoveredAsset {
  const id = h.identity;
  const label = id.name ?? [id.vendor, id.model].filter(Boolean).join(' ');
  const role = id.deviceType ?? h.roles[0]?.role ?? 'host';
  const evidence = h.facts
    .filter((f) => f.attribute !== 'mac-vendor')
    .slice(0, 4)
    .map((f) => `${f.attribute}=${f.value} (${f.evidence.protocol}, frames ${f.evidence.frames.join(',')})`)
    .concat(h.roles.slice(0, 1).map((r) => `${r.role}: ${r.reason}`))
    .join('; ');
  return {
    key: h.key,
    name: `${label || role} ${h.ip ?? h.mac ?? h.key}`.trim(),
    ip: h.ip,
    mac: h.mac,
    vendor: id.vendor ?? null,
    model: id.model ?? null,
    firmwareVersion: id.firmware ?? null,
    confidence: id.confidence,
    evidence: evidence || `seen ${h.packets} packets`,
  };
}
