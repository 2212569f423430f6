// Runs one capture job: streams the file through the pipeline into the analysis, writes operations
// in batches while reading (memory stays bounded), then hosts, communications and the asset merge.
import { createReadStream } from 'node:fs';
import type { Database } from '../../storage/index.js';
import { refreshStatistics } from '../../storage/index.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import type { Tlp } from '../../platform/tlp.js';
import { mergeDiscoveredAssets, type DiscoveredAsset } from '../assets/discovery-merge.js';
import { createCaptureAnalysis } from './analysis/capture-analysis.js';
import { loadDefaultOui } from './analysis/oui.js';
import type { DiscoveredHost } from './analysis/types.js';
import { copyOperations, insertCommunications, insertHosts, insertMalformed, operationsCopyText } from './capture.store.js';
import type { FingerprintRule } from './fingerprints/rules.js';
import { analyzeCapture } from './pipeline.js';
import { microsToIso, type CaptureJobSummary } from './resources.js';

const progressEveryMs = 500;
const operationBatch = 10_000;

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
  const [oui] = await Promise.all([
    loadDefaultOui(),
    db.updateTable('capture_jobs').set({ status: 'running', started_at: new Date() }).where('id', '=', job.id).execute(),
  ]);
  // The analysis stage: reading, decoding and storing the operations log, until the last record is stored.
  const started = performance.now();
  const analysis = createCaptureAnalysis({ oui, rules });
  let bytesRead = 0;
  let seq = 0;
  let lastProgress = performance.now();
  // Operation records are written with COPY while reading goes on (one batch in flight): on
  // PostgreSQL the server stores one batch while this process decodes the next.
  let inFlight: Promise<void> | undefined;
  const flush = async () => {
    const ready = analysis.operations.drain();
    if (ready.length === 0) return;
    const text = operationsCopyText(job.id, seq, ready);
    seq += ready.length;
    if (inFlight) await inFlight;
    inFlight = copyOperations(database, text);
    inFlight.catch(() => undefined); // awaited below; this only keeps Node from calling it unhandled
  };
  // Between chunks: write finished operations and report progress.
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of createReadStream(job.path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      yield chunk;
      bytesRead += chunk.length;
      if (analysis.operations.emitted - seq >= operationBatch) await flush();
      if (performance.now() - lastProgress > progressEveryMs) {
        lastProgress = performance.now();
        await db.updateTable('capture_jobs').set({ bytes_read: bytesRead, frames: analysis.frames }).where('id', '=', job.id).execute();
      }
    }
  }
  let read: Awaited<ReturnType<typeof analyzeCapture>>;
  try {
    read = await analyzeCapture(chunks(), analysis);
  } catch (error) {
    // let the batch in flight land before the caller deletes the job's partial results
    await inFlight?.catch(() => undefined);
    throw error;
  }
  const { hosts, communications, operations } = analysis.finish();
  if (inFlight) await inFlight;
  await copyOperations(database, operationsCopyText(job.id, seq, operations));
  seq += operations.length;
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
    await insertMalformed(trx, job.id, analysis.malformedReports);
    await recordAudit(trx, actor, {
      action: 'capture.analyze',
      targetType: 'capture',
      targetId: job.id,
      orgId: job.orgId,
      details: { frames: read.frames, hosts: hosts.length, assetsCreated: merge.created, assetsUpdated: merge.updated, conflicts: merge.conflicts },
    });
  });
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
