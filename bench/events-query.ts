// Events query on 10 million stored events (PostgreSQL): p95 of a histogram, a top-N and a filtered
// first page, as a parent organisation's analyst sees them (visibility on org_path, shared upward,
// TLP) through the events service. The events are generated set-based with generate_series across
// 8 day partitions into a database of their own (bench_events), kept and reused between runs: a run
// that finds them (a marker row) only migrates (the rollups of events already stored are built by their
// migration) and measures.
import { sql } from 'kysely';
import pg from 'pg';
import { systemActor, type Actor } from '../src/platform/access.js';
import { createOrgService } from '../src/platform/orgs/org.service.js';
import { createEventsService } from '../src/modules/sensing/events.service.js';
import { rebuildRollups } from '../src/modules/sensing/event-rollups.store.js';
import { createPartitions, createSensing } from '../src/modules/sensing/index.js';
import { migrateToLatest, type Database } from '../src/storage/index.js';
import { openPostgres } from '../src/storage/postgres.js';
import { progress, report, round, type BenchCase } from './support.js';

const BENCH = 'events-query';
const ADMIN_URL = process.env['BULWARK_BENCH_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB_NAME = process.env['BULWARK_BENCH_EVENTS_DB'] ?? 'bench_events';
const TOTAL = Number(process.env['BULWARK_BENCH_EVENTS'] ?? 10_000_000);
const DAYS = 8;
const CHUNK = 250_000;
const RUNS = Number(process.env['BULWARK_BENCH_QUERY_RUNS'] ?? 40);
const WARMUP = 3;
const ENTERPRISES = 4;

const dbUrl = () => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
};

async function ensureDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [DB_NAME]);
    if (found.rowCount === 0) await admin.query(`create database ${DB_NAME}`);
  } finally {
    await admin.end();
  }
}

interface Setup {
  readonly anchor: Date;
  readonly analystP: Actor;
}

/** The generated data set: organisations N > P > E1..E4 and TOTAL events over DAYS days ending at the anchor. */
async function ensureEvents(database: Database): Promise<Setup> {
  await migrateToLatest(database);
  const { db } = database;
  await db.schema.createTable('bench_events_meta').ifNotExists().addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text').execute();
  const meta = async (key: string) => (await db.selectFrom('bench_events_meta' as never).select('value' as never).where('key' as never, '=', key as never).executeTakeFirst()) as { value: string } | undefined;
  const orgs = createOrgService(database);
  const op = systemActor('bench');
  let pId = (await meta('org_p'))?.value;
  if (pId === undefined) {
    const n = await orgs.create(op, { name: 'Bench N', level: 'national', parentId: null });
    const p = await orgs.create(op, { name: 'Bench P', level: 'provincial', parentId: n.id });
    for (let i = 1; i <= ENTERPRISES; i++) await orgs.create(op, { name: `Bench E${i}`, level: 'enterprise', parentId: p.id });
    pId = p.id;
    await db.insertInto('bench_events_meta' as never).values({ key: 'org_p', value: p.id } as never).execute();
  }
  const p = await db.selectFrom('organisations').select(['id', 'path']).where('id', '=', pId).executeTakeFirstOrThrow();
  const analystP: Actor = { kind: 'user', userId: 'bench', username: 'bench.analyst', orgId: p.id, orgPath: p.path, role: 'analyst' };
  const done = await meta(`events_${TOTAL}`);
  if (done !== undefined) {
    progress(`${BENCH}: reusing ${TOTAL} events in ${DB_NAME}`);
    return { anchor: new Date(done.value), analystP };
  }

  // The data ends at the top of the current hour; the last day is the API's default window.
  const anchor = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const started = performance.now();
  await db.deleteFrom('events').execute();
  const children = await db.selectFrom('organisations').select(['id', 'path']).where('path', 'like', `${p.path}_%`).orderBy('id').execute();
  const days = Array.from({ length: DAYS + 1 }, (_, d) => new Date(anchor.getTime() - (DAYS - d) * 86_400_000).toISOString().slice(0, 10));
  await createPartitions(database, days);
  const client = new pg.Client({ connectionString: dbUrl() });
  await client.connect();
  try {
    const span = DAYS * 86_400;
    // Loading first and indexing after is several times faster than maintaining the indexes row by row.
    const indexes = await client.query<{ indexname: string; indexdef: string }>(
      `select indexname, indexdef from pg_indexes where tablename = 'events' and schemaname = current_schema() and indexname <> 'events_pkey'`,
    );
    for (const index of indexes.rows) await client.query(`drop index if exists ${index.indexname}`);
    for (let start = 0; start < TOTAL; start += CHUNK) {
      const end = Math.min(TOTAL, start + CHUNK) - 1;
      // Row g: an organisation (round robin), a time spread evenly over the span, a protocol and an
      // operation, addresses in 10.20.x.y, mostly shared upward at GREEN or AMBER.
      await client.query(
        `insert into events (org_id, org_path, id, time, received_at, tlp, shared_upward, source_type, source_id, source_name, kind, severity, message, fields,
           source_ip, source_port, destination_ip, destination_port, protocol, action, source_asset_id, destination_asset_id, raw, raw_truncated, origin)
         select o.id, o.path, lpad(to_hex(g), 12, '0'), t, t + interval '2 seconds',
           (array['green','amber','amber','clear','amber+strict'])[1 + g % 5], g % 10 < 8,
           'sensor', 'sensor:bench', 'bench sensor',
           (array['operation','operation','flow','log','alert','telemetry'])[1 + g % 6], (g % 97) % 5,
           (array['Modbus','S7comm','DNP3','EtherNet/IP'])[1 + g % 4] || ' ' || (array['read','write','stop','start','download','upload','diagnostics'])[1 + (g / 4) % 7] ||
             ' unit ' || (g % 16) || ' from 10.20.' || (g % 8) || '.' || (g % 200) || ' to HMI ' || (g % 12),
           jsonb_build_object(
             'source', jsonb_build_object('ip', '10.20.' || (g % 8) || '.' || (g % 200), 'port', 40000 + g % 20000),
             'destination', jsonb_build_object('ip', '10.30.' || (g % 4) || '.' || (g % 50), 'port', (array[502,102,20000,44818])[1 + g % 4]),
             'ics', jsonb_build_object('protocol', (array['modbus','s7comm','dnp3','enip'])[1 + g % 4], 'operation', (array['read','write','stop','start','download','upload','diagnostics'])[1 + (g / 4) % 7], 'unit', g % 16),
             'host', jsonb_build_object('name', 'HMI ' || (g % 12))),
           ('10.20.' || (g % 8) || '.' || (g % 200))::inet, 40000 + g % 20000, ('10.30.' || (g % 4) || '.' || (g % 50))::inet, (array[502,102,20000,44818])[1 + g % 4],
           (array['modbus','s7comm','dnp3','enip'])[1 + g % 4], (array['read','write','stop','start','download','upload','diagnostics'])[1 + (g / 4) % 7],
           null, null, null, false, '{}'::jsonb
         from generate_series($1::bigint, $2::bigint) g,
           lateral (select $3::timestamptz - make_interval(secs => ($4::bigint - (g * $4::bigint) / $5::bigint))) as tt(t),
           lateral (select ($6::text[])[1 + g % $7] as id, ($8::text[])[1 + g % $7] as path) as o`,
        [start, end, anchor.toISOString(), span, TOTAL, children.map((c) => c.id), children.length, children.map((c) => c.path)],
      );
      progress(`${BENCH}: ${end + 1} of ${TOTAL} events stored (${Math.round((performance.now() - started) / 1000)} s)`);
    }
    for (const index of indexes.rows) {
      progress(`${BENCH}: ${index.indexname}`);
      // pg_indexes spells a partitioned table's index ON ONLY (the parent alone); build it on every partition.
      await client.query(index.indexdef.replace(' ON ONLY ', ' ON '));
    }
    // The rows went in around the writer: their rollups are counted from them, as the migration does.
    progress(`${BENCH}: rollups`);
    await rebuildRollups(db, new Date(anchor.getTime() - span * 1000), anchor);
    await client.query('vacuum analyze events');
    await client.query('vacuum analyze event_counts');
    await client.query('vacuum analyze event_field_counts');
  } finally {
    await client.end();
  }
  const buildS = round((performance.now() - started) / 1000);
  report({ bench: BENCH, metric: 'generate_s', value: buildS, unit: 's', n: TOTAL, backend: 'postgres' });
  await db.insertInto('bench_events_meta' as never).values({ key: `events_${TOTAL}`, value: anchor.toISOString() } as never).execute();
  return { anchor, analystP };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function measure(name: string, labels: Record<string, string | number>, fn: () => Promise<unknown>, runs = RUNS): Promise<void> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  const common = { bench: BENCH, backend: 'postgres', events: TOTAL, query: name, ...labels };
  report({ ...common, metric: 'p50_ms', value: round(percentile(times, 50)), unit: 'ms', n: runs });
  report({ ...common, metric: 'p95_ms', value: round(percentile(times, 95)), unit: 'ms', n: runs });
}

export const eventsQuery: BenchCase = {
  id: 'events-query/postgres',
  async run() {
    await ensureDatabase();
    const database = await openPostgres({ url: dbUrl(), poolSize: 4 });
    const sensing = createSensing(database);
    try {
      const { anchor, analystP } = await ensureEvents(database);
      // A migration may just have counted the rollups of the stored events: their visibility map and statistics.
      await sql`vacuum analyze event_counts`.execute(database.db);
      await sql`vacuum analyze event_field_counts`.execute(database.db);
      const events = createEventsService(database, { ingest: sensing.ingest, bus: sensing.bus, now: () => anchor.getTime() });
      const visible = await events.count(analystP, {});
      progress(`${BENCH}: the parent analyst sees ${visible.count} events in the last 24 hours of ${TOTAL}`);
      report({ bench: BENCH, metric: 'visible_last_24h', value: visible.count, unit: 'events', n: TOTAL, backend: 'postgres' });
      const filtered = 'source.ip:10.20.3.0/24 ics.operation:(stop,download) severity>=low';
      const day = { from: 'now-24h' };
      await measure('histogram', { window: '24h' }, () => events.histogram(analystP, day));
      await measure('histogram filtered', { window: '24h' }, () => events.histogram(analystP, { ...day, query: filtered }));
      await measure('top 10 source.ip', { window: '24h' }, () => events.top(analystP, { ...day, field: 'source.ip', limit: 10 }));
      await measure('top 10 ics.operation filtered', { window: '24h' }, () => events.top(analystP, { ...day, field: 'ics.operation', limit: 10, query: 'protocol:s7comm' }));
      await measure('first page filtered', { window: '24h', limit: 100 }, () => events.search(analystP, { ...day, query: 'ics.operation:(stop,download) severity>=low', limit: 100 }));
      // The generated addresses follow the organisation: this range is in one organisation of four.
      await measure('first page filtered, one organisation matches', { window: '24h', limit: 100 }, () => events.search(analystP, { ...day, query: filtered, limit: 100 }));
      await measure('first page free text', { window: '24h', limit: 100 }, () => events.search(analystP, { ...day, query: 'download "HMI 7"', limit: 100 }));
      await measure('first page unfiltered', { window: '7d', limit: 100 }, () => events.search(analystP, { from: 'now-7d', limit: 100 }));
      // A week is seven times the rows: fewer runs.
      await measure('histogram', { window: '7d' }, () => events.histogram(analystP, { from: 'now-7d' }), Math.max(5, Math.round(RUNS / 4)));
    } finally {
      await sensing.close();
      await database.close();
    }
  },
};
