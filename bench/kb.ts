import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { StorageBackend } from './storage-backends.js';
import { progress, repoRoot, report, type BenchCase, type Measurement } from './support.js';

const WORKER = join(repoRoot, 'bench', 'kb-worker.ts');

const live = new Set<ChildProcess>();

// Last resort, as for servers: a benchmark that crashes must not leave a worker holding the database.
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Stops every knowledge-base worker still running (used when the run is interrupted). */
export function stopAllWorkers(): void {
  for (const child of live) child.kill('SIGKILL');
}

function isMeasurement(value: unknown): value is Measurement {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return typeof m['bench'] === 'string' && typeof m['metric'] === 'string' && typeof m['value'] === 'number' && typeof m['unit'] === 'string' && typeof m['n'] === 'number';
}

function parsed(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** Runs kb-worker.ts under tsx against the given storage; its figures are passed on, anything else goes to stderr. */
async function runWorker(env: Readonly<Record<string, string>>): Promise<void> {
  // Inherited BULWARK_* variables (say a DATABASE_URL in the shell) must not change what is measured.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('BULWARK_') || k === 'BULWARK_BENCH_KB_DATA'));
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    cwd: repoRoot,
    env: { ...inherited, BULWARK_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  live.add(child);
  const exit = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  // A spawn error rejects `exit` before it is awaited below; it is still thrown there.
  exit.catch(() => undefined);
  try {
    for await (const line of createInterface({ input: child.stdout })) {
      const value = parsed(line);
      if (isMeasurement(value)) report(value);
      else if (line.trim() !== '') progress(`worker: ${line}`);
    }
    const [code, signal] = await exit;
    if (code !== 0) throw new Error(`kb-worker exited with ${code ?? signal ?? '?'}`);
  } finally {
    live.delete(child);
  }
}

/**
 * The knowledge base on one backend: import of the public data sets (and a re-import), correlation
 * of 10,000 assets, and search latency, all in one worker process on fresh storage.
 */
export function knowledgeBase(backend: StorageBackend): BenchCase {
  return {
    id: `kb/${backend.name}`,
    async run() {
      const storage = await backend.provision();
      try {
        await runWorker(storage.env);
      } finally {
        await storage.dispose();
      }
    },
  };
}
