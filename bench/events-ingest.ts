import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { postgresBackend, type StorageBackend } from './storage-backends.js';
import { progress, repoRoot, report, type BenchCase, type Measurement } from './support.js';

// Events ingest (issue 12): events/s stored and queryable through createEventIngest, against a raw COPY of
// the same rows into the same table, and peak RSS over a large ingest. Each in a worker process of its own
// (events-ingest-worker.ts), so the memory figure is the ingest's alone.
const WORKER = join(repoRoot, 'bench', 'events-ingest-worker.ts');

async function runWorker(env: Readonly<Record<string, string>>): Promise<void> {
  const passed = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('BULWARK_') || k.startsWith('BULWARK_BENCH_EVENTS')));
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], { cwd: repoRoot, env: { ...passed, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exit = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  exit.catch(() => undefined);
  try {
    for await (const line of createInterface({ input: child.stdout })) {
      if (line.startsWith('{"bench"')) report(JSON.parse(line) as Measurement);
      else if (line.trim() !== '') progress(`events worker: ${line}`);
    }
    const [code, signal] = await exit;
    if (code !== 0) throw new Error(`events-ingest worker exited with ${code ?? signal ?? '?'}`);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

/** Throughput and the raw-COPY ratio (BULWARK_BENCH_EVENTS events; default 1,000,000 on PostgreSQL, 300,000 on PGlite). */
export function eventsIngest(backend: StorageBackend): BenchCase {
  return {
    id: `events-ingest/${backend.name}`,
    async run() {
      const storage = await backend.provision();
      try {
        await runWorker({ ...storage.env, BULWARK_BENCH_EVENTS_MODE: 'throughput' });
      } finally {
        await storage.dispose();
      }
    },
  };
}

/** Peak RSS over a large ingest on PostgreSQL: BULWARK_BENCH_EVENTS_LARGE events (default 2,000,000; 10,000,000 for the figure). */
export const eventsIngestLarge: BenchCase = {
  id: 'events-ingest-large/postgres',
  async run() {
    const storage = await postgresBackend.provision();
    try {
      await runWorker({ ...storage.env, BULWARK_BENCH_EVENTS_MODE: 'rss', BULWARK_BENCH_EVENTS: process.env['BULWARK_BENCH_EVENTS_LARGE'] ?? '2000000' });
    } finally {
      await storage.dispose();
    }
  },
};
