import { startServer } from './server-process.js';
import type { BenchStorage, StorageBackend } from './storage-backends.js';
import { median, progress, report, round, rssMb, type BenchCase } from './support.js';

const BENCH = 'cold-start';
const RUNS = 3;

interface StartSample {
  readonly readyMs: number;
  readonly rssMb: number;
}

async function startOnce(storage: BenchStorage): Promise<StartSample> {
  const server = await startServer(storage);
  try {
    return { readyMs: server.readyMs, rssMb: await rssMb(server.pid) };
  } finally {
    await server.stop();
  }
}

/**
 * Spawn to first 200 from /api/ready: once on empty storage (migrations and demo bootstrap),
 * then again on the same storage (a restart), RUNS times with fresh storage each time.
 */
export function coldStart(backend: StorageBackend): BenchCase {
  return {
    id: `${BENCH}/${backend.name}`,
    async run() {
      const first: StartSample[] = [];
      const restart: StartSample[] = [];
      for (let i = 0; i < RUNS; i++) {
        const storage = await backend.provision();
        try {
          first.push(await startOnce(storage));
          restart.push(await startOnce(storage));
        } finally {
          await storage.dispose();
        }
        progress(
          `${BENCH} ${backend.name} run ${i + 1}/${RUNS}: first ${Math.round(first.at(-1)?.readyMs ?? 0)} ms, restart ${Math.round(restart.at(-1)?.readyMs ?? 0)} ms`,
        );
      }
      const common = { bench: BENCH, backend: backend.name, n: RUNS };
      report({ ...common, metric: 'first_start_ms', value: Math.round(median(first.map((s) => s.readyMs))), unit: 'ms' });
      report({ ...common, metric: 'warm_restart_ms', value: Math.round(median(restart.map((s) => s.readyMs))), unit: 'ms' });
      report({ ...common, metric: 'rss_after_first_start_mb', value: round(median(first.map((s) => s.rssMb))), unit: 'MB' });
      report({ ...common, metric: 'rss_after_restart_mb', value: round(median(restart.map((s) => s.rssMb))), unit: 'MB' });
    },
  };
}
