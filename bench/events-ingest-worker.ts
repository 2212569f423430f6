// One backend's events-ingest benchmark in a process of its own (started by events-ingest.ts), so that
// its peak memory is that ingest's alone. Storage comes from the environment, as for the server.
//
// Throughput: N events offered through createEventIngest (the path every input takes: normalize, bounded
// queue, writer), timed until they are stored and a count(*) sees them all. Then the same rows, as COPY
// text, loaded raw into the same (emptied) table: `psql \copy` on PostgreSQL, the port's COPY on PGlite.
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { sql } from 'kysely';
import { destination, pino } from 'pino';
import { systemActor } from '../src/platform/access.js';
import { createOrgService } from '../src/platform/orgs/org.service.js';
import { createSensing, eventColumns, eventsCopyText, normalizeDrafts, type EventDraft, type IngestContext } from '../src/modules/sensing/index.js';
import { migrateToLatest, openDatabase, type Database } from '../src/storage/index.js';
import { peakRssMb } from './kb-support.js';
import { progress, report, round } from './support.js';

const BENCH = 'events-ingest';
const CHUNK = 1000;
const T0 = Date.parse('2026-12-06T00:00:00Z');

/** A plausible plant event: a Modbus or S7 operation or a firewall log line, with raw text; one per 10 µs. */
function draft(i: number): EventDraft {
  const micros = i * 10;
  const time = `${new Date(T0 + Math.floor(micros / 1000)).toISOString().slice(0, 23)}${String(micros % 1000).padStart(3, '0')}Z`;
  const src = `10.20.${i % 4}.${(i % 250) + 1}`;
  const dst = `10.20.9.${(i % 50) + 1}`;
  const port = 1024 + (i % 60000);
  if (i % 3 === 0) {
    return {
      time,
      kind: 'log',
      severity: 'low',
      message: `deny tcp ${src}:${port} -> ${dst}:502 rule 17`,
      fields: { source: { ip: src, port }, destination: { ip: dst, port: 502 }, network: { transport: 'tcp' }, event: { action: 'deny', outcome: 'failure' }, observer: { name: 'fw-1' } },
      raw: `<134>1 ${time} fw-1 filterlog - - - 17,,,1000000103,eth1,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,${src},${dst},${port},502,0,S,${i},,64240`,
      origin: { sender: '10.20.0.1:514' },
    };
  }
  return {
    time,
    kind: 'operation',
    severity: i % 97 === 0 ? 'high' : 'info',
    message: `modbus write multiple registers ${100 + (i % 400)}-${109 + (i % 400)} on unit ${i % 8}`,
    fields: {
      source: { ip: src, port },
      destination: { ip: dst, port: 502 },
      network: { protocol: 'modbus', transport: 'tcp' },
      ics: { protocol: 'modbus', operation: 'write', function: 'Write Multiple Registers', code: 16, target: `holding registers ${100 + (i % 400)}-${109 + (i % 400)}`, unit: i % 8, result: 'ok' },
    },
    origin: { frame: i },
  };
}

function* batches(n: number): Generator<EventDraft[]> {
  for (let i = 0; i < n; i += CHUNK) {
    const size = Math.min(CHUNK, n - i);
    yield Array.from({ length: size }, (_, k) => draft(i + k));
  }
}

async function countEvents(database: Database): Promise<number> {
  const r = await sql<{ n: string }>`select count(*) as n from events`.execute(database.db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Offers n events through the ingest, waiting when it refuses (back-pressure), until all are stored. */
async function ingest(database: Database, context: IngestContext, n: number): Promise<{ ms: number; refusals: number }> {
  const logger = pino({ level: 'warn' }, destination(2));
  const concurrency = Number(process.env['BULWARK_BENCH_EVENTS_WRITERS'] ?? (database.backend === 'postgres' ? 2 : 1));
  const sensing = createSensing(database, { logger, queueCapacity: 20_000, writerOptions: { batchSize: 10_000, maxWaitMs: 20, concurrency } });
  // detection will subscribe: measure with a subscriber, so the writer returns the new events
  let published = 0;
  sensing.bus.subscribe((events) => {
    published += events.length;
  });
  let refusals = 0;
  const started = performance.now();
  for (const chunk of batches(n)) {
    for (;;) {
      const result = await sensing.ingest.offer(context, chunk);
      if (result.accepted) break;
      refusals++;
      await new Promise((r) => setTimeout(r, Math.min(result.retryAfterMs, 20)));
    }
  }
  await sensing.ingest.flush();
  const stored = await countEvents(database);
  const ms = performance.now() - started;
  await sensing.close();
  if (stored !== n || published !== n) throw new Error(`stored ${stored} and published ${published} of ${n}`);
  return { ms, refusals };
}

/** The same rows as COPY text in a file (built outside the timing), for the raw baseline. */
async function copyFile(dir: string, context: IngestContext, path: string, n: number): Promise<string> {
  const file = join(dir, 'events.copy');
  const out = createWriteStream(file);
  const paths = new Map([[context.orgId, path]]);
  for (const chunk of batches(n)) {
    const text = eventsCopyText(normalizeDrafts(context, chunk, undefined, Date.now()).events, paths);
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return file;
}

async function rawCopy(database: Database, file: string): Promise<number> {
  await sql`truncate events`.execute(database.db);
  const started = performance.now();
  const url = process.env['BULWARK_DATABASE_URL'];
  if (url !== undefined && url !== '') {
    execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `\\copy events (${eventColumns.join(', ')}) from '${file}'`], { stdio: ['ignore', 'ignore', 'inherit'] });
  } else {
    // PGlite has no psql: its own COPY (what copyFrom does), in the same 20,000-row pieces the writer uses
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.pop();
    const t = performance.now();
    for (let i = 0; i < lines.length; i += 20_000) await database.copyFrom('events', eventColumns, `${lines.slice(i, i + 20_000).join('\n')}\n`);
    return performance.now() - t;
  }
  return performance.now() - started;
}

async function main(): Promise<void> {
  const mode = process.env['BULWARK_BENCH_EVENTS_MODE'] ?? 'throughput';
  const database = await openDatabase({ databaseUrl: process.env['BULWARK_DATABASE_URL'], dataDir: process.env['BULWARK_DATA_DIR'] ?? '' });
  const backend = database.backend;
  const n = Number(process.env['BULWARK_BENCH_EVENTS'] ?? (backend === 'postgres' ? 1_000_000 : 300_000));
  const dir = await mkdtemp(join(tmpdir(), 'bulwark-bench-events-'));
  try {
    await migrateToLatest(database);
    const org = await createOrgService(database).create(systemActor('bench'), { name: 'Bench plant', level: 'enterprise', parentId: null });
    const context: IngestContext = { orgId: org.id, tlp: 'amber', sharedUpward: true, source: { type: 'syslog', id: 'bench', name: 'bench' } };
    if (mode === 'file') {
      // the COPY text alone, for loading by hand (e.g. psql \copy experiments)
      const file = await copyFile(dir, context, org.path, n);
      execFileSync('mv', [file, process.env['BULWARK_BENCH_EVENTS_FILE'] ?? 'events.copy']);
      return;
    }
    progress(`${BENCH}/${backend}: ${mode}, ${n} events`);
    const { ms, refusals } = await ingest(database, context, n);
    const rate = n / (ms / 1000);
    report({ bench: BENCH, backend, metric: mode === 'rss' ? 'events_per_s_large' : 'events_per_s', value: Math.round(rate), unit: 'events/s', n, refusals });
    report({ bench: BENCH, backend, metric: mode === 'rss' ? 'peak_rss_large_mb' : 'peak_rss_mb', value: round(await peakRssMb()), unit: 'MB', n });
    if (mode === 'rss') return;
    const file = await copyFile(dir, context, org.path, n);
    const copyMs = await rawCopy(database, file);
    if ((await countEvents(database)) !== n) throw new Error('the raw COPY did not load every row');
    const copyRate = n / (copyMs / 1000);
    report({ bench: BENCH, backend, metric: 'raw_copy_events_per_s', value: Math.round(copyRate), unit: 'events/s', n, via: backend === 'postgres' ? 'psql \\copy' : 'pglite copy' });
    report({ bench: BENCH, backend, metric: 'ratio_to_raw_copy', value: round(rate / copyRate, 2), unit: 'ratio', n });
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
