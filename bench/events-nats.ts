// Events through NATS JetStream (issue 12): `bulwark worker` processes writing a stream into PostgreSQL.
// One worker, then two, each draining the same pre-published backlog (events/s from the first commit to
// the last row); then a steady publish rate with two workers, one killed (SIGKILL) and started again:
// the largest lag (age of the oldest unacknowledged event) and how long until it is back under a second.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { systemActor } from '../src/platform/access.js';
import { createOrgService } from '../src/platform/orgs/org.service.js';
import { createSensing, type EventDraft, type IngestContext, type Sensing } from '../src/modules/sensing/index.js';
import { createNatsQueue, type NatsQueue } from '../src/modules/sensing/nats/nats-queue.js';
import { migrateToLatest, openDatabase, type Database } from '../src/storage/index.js';
import { cliCommand } from './sensor.js';
import { postgresBackend } from './storage-backends.js';
import { progress, repoRoot, report, round, type BenchCase } from './support.js';

const BENCH = 'events-nats';
const NATS_URL = process.env['BULWARK_BENCH_NATS_URL'] ?? 'nats://127.0.0.1:4222';
const BACKLOG = Number(process.env['BULWARK_BENCH_NATS_EVENTS'] ?? 200_000);
const RATE = Number(process.env['BULWARK_BENCH_NATS_RATE'] ?? 2000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function drafts(n: number, from: number): EventDraft[] {
  const t0 = Date.parse('2026-12-06T00:00:00Z');
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return {
      time: new Date(t0 + i).toISOString(),
      kind: 'operation' as const,
      severity: 'low' as const,
      message: `modbus Write Single Register holding register ${i % 100} 10.20.1.${i % 200} -> 10.20.9.${i % 20}`,
      fields: { source: { ip: `10.20.1.${i % 200}` }, destination: { ip: `10.20.9.${i % 20}`, port: 502 }, network: { protocol: 'modbus' }, ics: { protocol: 'modbus', operation: 'write' as const, function: 'Write Single Register', target: `holding register ${i % 100}`, values: String(i % 65536) } },
    };
  });
}

interface Setup {
  readonly database: Database;
  readonly env: Record<string, string>;
  readonly context: IngestContext;
  dispose(): Promise<void>;
}

async function setup(): Promise<Setup> {
  const storage = await postgresBackend.provision();
  const database = await openDatabase({ databaseUrl: storage.env['BULWARK_DATABASE_URL'], dataDir: storage.env['BULWARK_DATA_DIR'] ?? '' });
  await migrateToLatest(database);
  const org = await createOrgService(database).create(systemActor('bench'), { name: 'Bench Plant', level: 'enterprise', parentId: null });
  return {
    database,
    env: { ...storage.env },
    context: { orgId: org.id, tlp: 'amber', sharedUpward: false, source: { type: 'sensor', id: 'bench', name: 'bench' } },
    async dispose() {
      await database.close();
      await storage.dispose();
    },
  };
}

/** A stream of its own per phase, and the publishing side (the server's ingest, without its writer). */
async function publisher(s: Setup): Promise<{ queue: NatsQueue; sensing: Sensing; env: Record<string, string> }> {
  const tag = randomBytes(4).toString('hex');
  const names = { stream: `BENCH_${tag}`, subjectPrefix: `bench${tag}.events` };
  const queue = await createNatsQueue({ url: NATS_URL, ...names, ackWaitMs: 5000 });
  return { queue, sensing: createSensing(s.database, { queue, writer: false }), env: { ...s.env, BULWARK_NATS_URL: NATS_URL, BULWARK_NATS_STREAM: names.stream, BULWARK_NATS_SUBJECT: names.subjectPrefix, BULWARK_NATS_ACK_WAIT_MS: '5000', BULWARK_LOG_LEVEL: 'warn' } };
}

async function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const cli = cliCommand();
  const child = spawn(cli.program, [...cli.args, 'worker'], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  for await (const line of createInterface({ input: child.stderr as NodeJS.ReadableStream })) {
    if (line.includes('worker ready')) return child;
  }
  throw new Error('worker ended before it was ready');
}

async function stop(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(children.filter((c) => c.exitCode === null).map(async (c) => {
    c.kill('SIGTERM');
    await once(c, 'exit');
  }));
}

async function stored(database: Database): Promise<number> {
  const r = await database.db.selectFrom('events').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function offerAll(sensing: Sensing, context: IngestContext, events: readonly EventDraft[]): Promise<void> {
  for (let i = 0; i < events.length; i += 1000) {
    for (;;) {
      const r = await sensing.ingest.offer(context, events.slice(i, i + 1000));
      if (r.accepted) break;
      await sleep(r.retryAfterMs);
    }
  }
}

/** Workers drain a backlog of BACKLOG events: events/s from their start until the last row is there. */
async function drain(s: Setup, workers: number, from: number): Promise<void> {
  const p = await publisher(s);
  try {
    const before = await stored(s.database);
    const publishStart = performance.now();
    await offerAll(p.sensing, s.context, drafts(BACKLOG, from));
    const publishMs = performance.now() - publishStart;
    report({ bench: BENCH, metric: 'publish_events_per_s', value: Math.round(BACKLOG / (publishMs / 1000)), unit: 'events/s', n: BACKLOG, workers });
    const children = await Promise.all(Array.from({ length: workers }, () => startWorker(p.env)));
    const started = performance.now();
    while ((await stored(s.database)) - before < BACKLOG) await sleep(500);
    const ms = performance.now() - started;
    report({ bench: BENCH, metric: 'stored_events_per_s', value: Math.round(BACKLOG / (ms / 1000)), unit: 'events/s', n: BACKLOG, workers });
    progress(`${BENCH}: ${workers} worker(s) stored ${BACKLOG} events in ${(ms / 1000).toFixed(1)} s`);
    await stop(children);
  } finally {
    await p.queue.deleteStream();
    await p.sensing.close();
  }
}

/** A steady RATE with two workers; one killed at 5 s and started again at 10 s; lag sampled every 250 ms. */
async function killed(s: Setup, from: number): Promise<void> {
  const p = await publisher(s);
  const children: ChildProcess[] = [];
  try {
    children.push(await startWorker(p.env), await startWorker(p.env));
    const seconds = 30;
    const total = RATE * seconds;
    const before = await stored(s.database);
    let maxLag = 0;
    let recoveredAt: number | undefined;
    let restartedAt: number | undefined;
    const t0 = performance.now();
    let sent = 0;
    let killedDone = false;
    const sampleLag = () => {
      const lag = p.queue.lagMs();
      maxLag = Math.max(maxLag, lag);
      if (restartedAt !== undefined && recoveredAt === undefined && lag < 1000 && performance.now() - restartedAt > 1500) recoveredAt = performance.now();
    };
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * RATE));
      if (due > sent) {
        await offerAll(p.sensing, s.context, drafts(due - sent, from + sent));
        sent = due;
      }
      const elapsed = performance.now() - t0;
      if (!killedDone && elapsed > 5000) {
        killedDone = true;
        children[0]?.kill('SIGKILL');
      }
      if (restartedAt === undefined && elapsed > 10_000) {
        children.push(await startWorker(p.env));
        restartedAt = performance.now();
      }
      sampleLag();
      await sleep(250);
    }
    // the tail: until everything is stored, still sampling the lag
    while ((await stored(s.database)) - before < total) {
      sampleLag();
      await sleep(250);
    }
    const allMs = performance.now() - t0;
    report({ bench: BENCH, metric: 'max_lag_ms', value: Math.round(maxLag), unit: 'ms', n: total, rate: RATE, killed_at_s: 5, restarted_at_s: 10, ack_wait_ms: 5000 });
    report({ bench: BENCH, metric: 'recovered_after_restart_ms', value: recoveredAt === undefined || restartedAt === undefined ? -1 : Math.round(recoveredAt - restartedAt), unit: 'ms', n: total, rate: RATE });
    report({ bench: BENCH, metric: 'stored_exactly_once', value: (await stored(s.database)) - before === total ? 1 : 0, unit: 'bool', n: total, wall_s: round(allMs / 1000) });
  } finally {
    await stop(children);
    await p.queue.deleteStream();
    await p.sensing.close();
  }
}

export const eventsNats: BenchCase = {
  id: 'events-nats/postgres',
  async run() {
    const s = await setup();
    try {
      await drain(s, 1, 0);
      await drain(s, 2, BACKLOG);
      await killed(s, 2 * BACKLOG);
    } finally {
      await s.dispose();
    }
  },
};
