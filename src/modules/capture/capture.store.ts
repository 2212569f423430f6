// Capture tables: jobs (with the same read rule as assets), what each job found, fingerprint rules.
import { sql, type ExpressionBuilder } from 'kysely';
import type { Database, Db, Tables } from '../../storage/index.js';
import { bulkInsert, copyText } from '../../storage/index.js';
import { upwardReaderRoles, type Actor } from '../../platform/access.js';
import { tlpShareableUpward, type Tlp } from '../../platform/tlp.js';
import { toIso } from '../../platform/crypto.js';
import type { CommunicationPair, DiscoveredHost, MalformedReport, OperationRecord } from './analysis/types.js';
import {
  microsToIso,
  type CaptureCommunication,
  type CaptureHost,
  type CaptureJob,
  type CaptureJobStatus,
  type CaptureJobSummary,
  type CaptureMalformed,
  type CaptureOperation,
} from './resources.js';

type From = ExpressionBuilder<Tables & { j: Tables['capture_jobs']; o: Tables['organisations'] }, 'j' | 'o'>;

/** Own organisation; ancestors' analysts, responders and admins see jobs shared upward with a TLP that travels. */
export function jobVisibleTo(actor: Actor) {
  return (eb: From) => {
    if (actor.kind === 'system') return eb.val(true);
    const own = eb('j.org_id', '=', actor.orgId);
    if (!upwardReaderRoles.includes(actor.role)) return own;
    return eb.or([
      own,
      eb.and([eb('o.path', 'like', `${actor.orgPath}%`), eb('j.shared_upward', '=', true), eb('j.tlp', 'in', [...tlpShareableUpward])]),
    ]);
  };
}

function jobs(db: Db) {
  return db
    .selectFrom('capture_jobs as j')
    .innerJoin('organisations as o', 'o.id', 'j.org_id')
    .selectAll('j')
    .select('o.name as org_name');
}

type JobRow = NonNullable<Awaited<ReturnType<ReturnType<typeof jobs>['executeTakeFirst']>>>;

export function toJob(row: JobRow): CaptureJob {
  const size = Number(row.size_bytes);
  const read = Number(row.bytes_read);
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    name: row.name,
    status: row.status as CaptureJobStatus,
    sizeBytes: size,
    bytesRead: read,
    progress: row.status === 'finished' ? 1 : size === 0 ? 0 : Math.min(1, read / size),
    frames: Number(row.frames),
    summary: (row.summary as CaptureJobSummary | null) ?? null,
    error: row.error,
    tlp: row.tlp as Tlp,
    sharedUpward: row.shared_upward,
    mergeAssets: row.merge_assets,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    startedAt: row.started_at ? toIso(row.started_at) : null,
    finishedAt: row.finished_at ? toIso(row.finished_at) : null,
  };
}

export async function selectJob(db: Db, actor: Actor, id: string): Promise<CaptureJob | undefined> {
  const row = await jobs(db).where('j.id', '=', id).where(jobVisibleTo(actor)).executeTakeFirst();
  return row ? toJob(row) : undefined;
}

export async function selectJobs(db: Db, actor: Actor, limit: number, before?: { createdAt: string; id: string }): Promise<CaptureJob[]> {
  let query = jobs(db).where(jobVisibleTo(actor));
  if (before) {
    query = query.where((eb) =>
      eb.or([eb('j.created_at', '<', new Date(before.createdAt)), eb.and([eb('j.created_at', '=', new Date(before.createdAt)), eb('j.id', '<', before.id)])]),
    );
  }
  const rows = await query.orderBy('j.created_at', 'desc').orderBy('j.id', 'desc').limit(limit).execute();
  return rows.map(toJob);
}

export async function insertHosts(db: Db, jobId: string, hosts: readonly DiscoveredHost[], assets: ReadonlyMap<string, string>): Promise<void> {
  await bulkInsert(
    db,
    'capture_hosts',
    [
      ['job_id', 'text'],
      ['host_key', 'text'],
      ['asset_id', 'text'],
      ['ip', 'text'],
      ['mac', 'text'],
      ['mac_vendor', 'text'],
      ['first_seen_us', 'bigint'],
      ['last_seen_us', 'bigint'],
      ['packets', 'bigint'],
      ['bytes', 'bigint'],
      ['serves', 'text[]'],
      ['uses', 'text[]'],
      ['device_type', 'text'],
      ['roles', 'jsonb'],
      ['facts', 'jsonb'],
      ['identity', 'jsonb'],
    ],
    hosts.map((h) => ({
      job_id: jobId,
      host_key: h.key,
      asset_id: assets.get(h.key) ?? null,
      ip: h.ip,
      mac: h.mac,
      mac_vendor: h.macVendor,
      first_seen_us: h.firstSeen,
      last_seen_us: h.lastSeen,
      packets: h.packets,
      bytes: h.bytes,
      serves: h.serves,
      uses: h.uses,
      device_type: h.identity.deviceType ?? null,
      roles: h.roles,
      facts: h.facts,
      identity: h.identity,
    })),
  );
}

export async function insertCommunications(db: Db, jobId: string, pairs: readonly CommunicationPair[]): Promise<void> {
  await bulkInsert(
    db,
    'capture_communications',
    [
      ['job_id', 'text'],
      ['seq', 'integer'],
      ['client', 'text'],
      ['server', 'text'],
      ['client_mac', 'text'],
      ['server_mac', 'text'],
      ['transport', 'text'],
      ['port', 'integer'],
      ['protocol', 'text'],
      ['conversations', 'integer'],
      ['packets', 'bigint'],
      ['bytes', 'bigint'],
      ['first_seen_us', 'bigint'],
      ['last_seen_us', 'bigint'],
    ],
    pairs.map((p, seq) => ({
      job_id: jobId,
      seq,
      client: p.client,
      server: p.server,
      client_mac: p.clientMac,
      server_mac: p.serverMac,
      transport: p.transport,
      port: p.port,
      protocol: p.protocol,
      conversations: p.conversations,
      packets: p.packets,
      bytes: p.bytes,
      first_seen_us: p.firstSeen,
      last_seen_us: p.lastSeen,
    })),
  );
}

const operationColumns = {
  names: ['job_id', 'seq', 'frame', 'last_frame', 'time_us', 'last_time_us', 'count', 'protocol', 'operation', 'name', 'code', 'target', 'op_values', 'unit', 'source', 'destination', 'result', 'detail'],
};
/** The columns a record fills itself: the job and the sequence number are added where records are numbered. */
const operationRowColumns = { names: operationColumns.names.slice(2) };

/**
 * Operation records as COPY text without their job and sequence number (built off the storage path,
 * e.g. on an analysis worker): numberOperationRows() adds them where the records of every shard meet.
 */
export function operationRowsText(records: readonly OperationRecord[]): string {
  return copyText(
    operationRowColumns,
    records.map((r) => [r.frame, r.lastFrame, r.time, r.lastTime, r.count, r.protocol, r.operation, r.name, r.code, r.target, r.values, r.unit, r.source, r.destination, r.result, r.detail]),
  );
}

/** operationRowsText() lines, numbered from firstSeq for the job: COPY text for copyOperations(). */
export function numberOperationRows(jobId: string, firstSeq: number, rows: string): string {
  const prefix = `${jobId}\t`;
  let out = '';
  let seq = firstSeq;
  let start = 0;
  for (let end = rows.indexOf('\n'); end !== -1; end = rows.indexOf('\n', start)) {
    out += `${prefix}${seq++}\t${rows.slice(start, end + 1)}`;
    start = end + 1;
  }
  return out;
}

/** Operation records in COPY text format, numbered from firstSeq. */
export function operationsCopyText(jobId: string, firstSeq: number, records: readonly OperationRecord[]): string {
  return numberOperationRows(jobId, firstSeq, operationRowsText(records));
}

/** Loads operation records (as operationsCopyText built them) with COPY: the bulk of what a job stores. */
export async function copyOperations(database: Database, text: string): Promise<void> {
  if (text !== '') await database.copyFrom('capture_operations', operationColumns.names, text);
}

export async function insertMalformed(db: Db, jobId: string, reports: readonly MalformedReport[]): Promise<void> {
  await bulkInsert(
    db,
    'capture_malformed',
    [
      ['job_id', 'text'],
      ['seq', 'integer'],
      ['frame', 'bigint'],
      ['layer', 'text'],
      ['reason', 'text'],
    ],
    reports.map((r, seq) => ({ job_id: jobId, seq, frame: r.frame, layer: r.layer, reason: r.reason })),
  );
}

export async function selectHosts(db: Db, jobId: string): Promise<CaptureHost[]> {
  const rows = await db.selectFrom('capture_hosts').selectAll().where('job_id', '=', jobId).orderBy('host_key').execute();
  return rows.map((r) => ({
    key: r.host_key,
    assetId: r.asset_id,
    ip: r.ip,
    mac: r.mac,
    macVendor: r.mac_vendor,
    firstSeen: microsToIso(Number(r.first_seen_us)),
    lastSeen: microsToIso(Number(r.last_seen_us)),
    packets: Number(r.packets),
    bytes: Number(r.bytes),
    serves: r.serves,
    uses: r.uses,
    deviceType: (r.device_type as CaptureHost['deviceType']) ?? null,
    roles: r.roles as CaptureHost['roles'],
    facts: r.facts as CaptureHost['facts'],
    identity: r.identity as CaptureHost['identity'],
  }));
}

export async function selectCommunications(db: Db, jobId: string): Promise<CaptureCommunication[]> {
  const rows = await db.selectFrom('capture_communications').selectAll().where('job_id', '=', jobId).orderBy('seq').execute();
  return rows.map((r) => ({
    client: r.client,
    server: r.server,
    clientMac: r.client_mac,
    serverMac: r.server_mac,
    transport: r.transport,
    port: r.port,
    protocol: r.protocol,
    conversations: r.conversations,
    packets: Number(r.packets),
    bytes: Number(r.bytes),
    firstSeen: microsToIso(Number(r.first_seen_us)),
    lastSeen: microsToIso(Number(r.last_seen_us)),
  }));
}

export interface OperationFilter {
  readonly protocol?: string | undefined;
  readonly operation?: readonly string[] | undefined;
  readonly host?: string | undefined;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  readonly afterSeq?: { time: number; seq: number } | undefined;
  readonly limit: number;
}

function filtered(db: Db, jobId: string, f: Omit<OperationFilter, 'limit' | 'afterSeq'>) {
  let q = db.selectFrom('capture_operations').where('job_id', '=', jobId);
  if (f.protocol) q = q.where('protocol', '=', f.protocol);
  if (f.operation && f.operation.length > 0) q = q.where('operation', 'in', [...f.operation]);
  if (f.host) {
    const host = f.host;
    q = q.where((eb) => eb.or([eb('source', '=', host), eb('destination', '=', host)]));
  }
  if (f.from !== undefined) q = q.where('last_time_us', '>=', f.from);
  if (f.to !== undefined) q = q.where('time_us', '<=', f.to);
  return q;
}

export async function selectOperations(db: Db, jobId: string, f: OperationFilter): Promise<CaptureOperation[]> {
  let q = filtered(db, jobId, f).selectAll();
  if (f.afterSeq) {
    const { time, seq } = f.afterSeq;
    q = q.where((eb) => eb.or([eb('time_us', '>', time), eb.and([eb('time_us', '=', time), eb('seq', '>', seq)])]));
  }
  const rows = await q.orderBy('time_us').orderBy('seq').limit(f.limit).execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    frame: Number(r.frame),
    lastFrame: Number(r.last_frame),
    time: microsToIso(Number(r.time_us)),
    lastTime: microsToIso(Number(r.last_time_us)),
    timeUs: Number(r.time_us),
    count: r.count,
    protocol: r.protocol,
    operation: r.operation,
    name: r.name,
    code: r.code,
    target: r.target,
    values: r.op_values,
    unit: r.unit,
    source: r.source,
    destination: r.destination,
    result: r.result,
    detail: r.detail,
  }));
}

/** Counts (weighted by folded records' counts) by operation class and protocol. */
export async function countOperations(db: Db, jobId: string, f: Omit<OperationFilter, 'limit' | 'afterSeq'>) {
  const rows = await filtered(db, jobId, f)
    .select(['operation', 'protocol', sql<string>`sum(count)`.as('n')])
    .groupBy(['operation', 'protocol'])
    .execute();
  const operation: Record<string, number> = {};
  const protocol: Record<string, number> = {};
  for (const r of rows) {
    operation[r.operation] = (operation[r.operation] ?? 0) + Number(r.n);
    protocol[r.protocol] = (protocol[r.protocol] ?? 0) + Number(r.n);
  }
  return { operation, protocol };
}

export async function selectMalformed(db: Db, jobId: string, limit: number): Promise<CaptureMalformed[]> {
  const rows = await db.selectFrom('capture_malformed').select(['frame', 'layer', 'reason']).where('job_id', '=', jobId).orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({ frame: Number(r.frame), layer: r.layer, reason: r.reason }));
}
