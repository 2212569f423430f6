// A capture job's operations log as events (kind `operation`, source type `capture`): insert ... select
// from capture_operations, in the database, so a capture of millions of operations costs statements
// rather than a round trip through the ingest. Ids are the job and the record's sequence number
// (`capture:<job>:<seq>`), so running the emission again stores nothing twice. Addresses resolve to the
// organisation's assets as the ingest does (IP, then MAC), once per endpoint.
//
// Why not inside the job: storing an operation as an event costs the events table's indexes (full text,
// addresses, assets), 2,000-5,000 records/s here, which would multiply `capture analyze`'s time on a
// large capture. The job only records that its operations await emission (capture_jobs.events_through);
// the server catches up in chunks in the background (startCaptureEvents), resuming after a restart.
// Each chunk's new events are published on the bus after its commit, as the ingest's are, so detection
// sees capture jobs too (read back by id within the chunk's time span: one indexed query per chunk).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../storage/index.js';
import type { Tables } from '../../storage/schema.js';
import { rollupReturning, rollupStatements } from './event-rollups.store.js';
import { createPartitions } from './events.store.js';
import { systemActor } from '../../platform/access.js';
import { selectEvents } from './events-query.store.js';
import { eventSeverities, type SensedEvent } from './types.js';

export interface CaptureJobRef {
  readonly id: string;
  readonly orgId: string;
  readonly tlp: string;
  readonly sharedUpward: boolean;
}

const MAC = '^([0-9a-f]{2}:){5}[0-9a-f]{2}$';
/** Operations that change what a controller does: worth more than a read when someone looks. */
const MEDIUM = ['stop', 'start', 'restart', 'program-download', 'firmware-update', 'mode-change', 'configuration-change'];

/** Operation sequence numbers [from, to); the whole job when absent. */
export interface SeqRange {
  readonly from: number;
  readonly to: number;
}

/** Stores the job's operations (or those in `range`) as events; returns how many were new. */
export async function emitCaptureOperationEvents(database: Database, job: CaptureJobRef, range?: SeqRange): Promise<number> {
  const { db } = database;
  const time = sql`(timestamptz 'epoch' + o.time_us * interval '1 microsecond')`;
  const inRange = range === undefined ? sql`true` : sql`o.seq >= ${range.from} and o.seq < ${range.to}`;
  const days = await sql<{ day: string }>`
    select distinct to_char(${time} at time zone 'UTC', 'YYYY-MM-DD') as day
    from capture_operations o where o.job_id = ${job.id} and ${inRange}`.execute(db);
  if (days.rows.length === 0) return 0;
  await createPartitions(database, days.rows.map((r) => r.day));
  return (await insertOperationEvents(db, job, time, inRange)).count;
}

interface Inserted {
  readonly count: number;
  /** The new events' ids and their time span. */
  readonly ids: readonly string[];
  readonly from?: Date;
  readonly to?: Date;
}

async function insertOperationEvents(db: Kysely<Tables>, job: CaptureJobRef, time: ReturnType<typeof sql>, inRange: ReturnType<typeof sql>): Promise<Inserted> {
  const medium = eventSeverities.indexOf('medium');
  const low = eventSeverities.indexOf('low');
  // Per endpoint (a job has few), not per record: its ECS form, its inet, its asset.
  // The new events are counted into the rollups in the same statement (event-rollups.store.ts).
  const result = await sql<{ id: string; time: Date | string }>`
    with endpoints as (
      select source as ep from capture_operations o where o.job_id = ${job.id} and ${inRange}
      union select destination from capture_operations o where o.job_id = ${job.id} and ${inRange}
    ), resolved as (
      select ep,
        case when is_mac then jsonb_build_object('mac', ep) else jsonb_build_object('ip', ep) end as json,
        case when is_mac then null else ep::inet end as ip,
        (select a.id from assets a where a.org_id = ${job.orgId} and (a.ip = ep or lower(a.mac) = ep)
         order by (a.ip = ep) desc, a.id limit 1) as asset_id
      from (select ep, ep ~ ${MAC} as is_mac from endpoints) e
    ), ins as (
    insert into events (org_id, org_path, id, time, received_at, tlp, shared_upward, source_type, source_id, source_name,
      kind, severity, message, fields, source_ip, source_port, destination_ip, destination_port, protocol, action,
      source_asset_id, destination_asset_id, raw, raw_truncated, origin)
    select ${job.orgId}, org.path, 'capture:' || o.job_id || ':' || o.seq, ${time}, now(), ${job.tlp}, ${job.sharedUpward},
      'capture', j.id, j.name, 'operation',
      case when o.operation in (${sql.join(MEDIUM)}) then ${medium} when o.operation = 'write' then ${low} else 0 end,
      o.name || coalesce(' ' || o.target, '') || case when o.count > 1 then ' (x' || o.count || ')' else '' end,
      -- jsonb_strip_nulls is recursive: one call cleans every level
      jsonb_strip_nulls(jsonb_build_object(
        'source', rs.json,
        'destination', rd.json,
        'network', jsonb_build_object('protocol', o.protocol),
        'event', jsonb_build_object('action', o.operation, 'dataset', 'capture.operations',
          'outcome', case o.result when 'ok' then 'success' when 'exception' then 'failure' when 'error' then 'failure' end),
        'ics', jsonb_build_object('protocol', o.protocol, 'operation', o.operation, 'function', o.name, 'code', o.code,
          'target', o.target, 'values', o.op_values, 'unit', o.unit, 'result', o.result),
        'labels', jsonb_build_object('count', o.count::text, 'detail', o.detail, 'last_frame', o.last_frame::text)
      )),
      rs.ip, null, rd.ip, null, o.protocol, o.operation, rs.asset_id, rd.asset_id, null, false,
      jsonb_build_object('frame', o.frame, 'stream', 'capture/' || o.job_id)
    from capture_operations o
    join capture_jobs j on j.id = o.job_id
    join organisations org on org.id = ${job.orgId}
    left join resolved rs on rs.ep = o.source
    left join resolved rd on rd.ep = o.destination
    where o.job_id = ${job.id} and ${inRange}
    on conflict do nothing returning ${rollupReturning}), ${rollupStatements()}
    select id, time from ins`.execute(db);
  const times = result.rows.map((r) => new Date(r.time).getTime());
  if (times.length === 0) return { count: 0, ids: [] };
  // stored to the microsecond, read here to the millisecond: widen by one either side
  return { count: result.rows.length, ids: result.rows.map((r) => r.id), from: new Date(Math.min(...times) - 1), to: new Date(Math.max(...times) + 1) };
}

/** The chunk's new events as stored, for the bus. */
async function readBack(db: Kysely<Tables>, inserted: Inserted): Promise<SensedEvent[]> {
  if (inserted.ids.length === 0 || inserted.from === undefined || inserted.to === undefined) return [];
  return selectEvents(db, systemActor('capture-events'), inserted.ids, { from: inserted.from, to: inserted.to });
}

/** Operations stored as events per statement: small enough that the server stays responsive. */
const CHUNK = 5_000;

/**
 * Emits the next chunk of the oldest finished job whose operations are not all events yet, and moves
 * its mark in the same transaction. Returns how many operations it covered (0: nothing waits).
 */
export async function emitPendingCaptureEvents(database: Database, chunk = CHUNK, publish?: (events: readonly SensedEvent[]) => void): Promise<number> {
  const job = await database.db
    .selectFrom('capture_jobs')
    .select(['id', 'org_id', 'tlp', 'shared_upward', 'events_through', sql<string>`summary->>'operations'`.as('operations')])
    .where('status', '=', 'finished')
    .where(sql<boolean>`events_through < coalesce((summary->>'operations')::bigint, 0)`)
    .orderBy('finished_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (job === undefined) return 0;
  const from = Number(job.events_through);
  const to = Math.min(from + chunk, Number(job.operations));
  const ref: CaptureJobRef = { id: job.id, orgId: job.org_id, tlp: job.tlp, sharedUpward: job.shared_upward };
  const time = sql`(timestamptz 'epoch' + o.time_us * interval '1 microsecond')`;
  const inRange = sql`o.seq >= ${from} and o.seq < ${to}`;
  const days = await sql<{ day: string }>`
    select distinct to_char(${time} at time zone 'UTC', 'YYYY-MM-DD') as day
    from capture_operations o where o.job_id = ${job.id} and ${inRange}`.execute(database.db);
  await createPartitions(database, days.rows.map((r) => r.day));
  const inserted = await database.db.transaction().execute(async (trx) => {
    const rows = await insertOperationEvents(trx, ref, time, inRange);
    // only forward: another server on the same database may have moved it meanwhile
    await trx.updateTable('capture_jobs').set({ events_through: to }).where('id', '=', job.id).where('events_through', '<', to).execute();
    return rows;
  });
  // after the commit, as the ingest publishes: a chunk another server stored first is not published twice
  if (publish !== undefined && inserted.count > 0) publish(await readBack(database.db, inserted));
  return to - from;
}

/** Emits everything that waits, chunk by chunk (tests, and the server's catch-up loop). */
export async function emitAllPendingCaptureEvents(database: Database, chunk = CHUNK, publish?: (events: readonly SensedEvent[]) => void): Promise<number> {
  let total = 0;
  for (let n = await emitPendingCaptureEvents(database, chunk, publish); n > 0; n = await emitPendingCaptureEvents(database, chunk, publish)) total += n;
  return total;
}
