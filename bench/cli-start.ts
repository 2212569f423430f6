import { spawn } from 'node:child_process';
import { pgliteBackend, postgresBackend, type StorageBackend } from './storage-backends.js';
import { median, progress, report, repoRoot, serverEntry, type BenchCase } from './support.js';

const BENCH = 'cli-start';
const RUNS = 7;

/** Wall time of one whole process, spawn to exit; it must succeed. */
function timeProcess(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, BULWARK_LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = performance.now() - startedAt;
      if (code === 0) resolve(ms);
      else reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr.trim()}`));
    });
  });
}

async function medianOf(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(await timeProcess(args, env));
  return median(samples);
}

async function orgList(backend: StorageBackend): Promise<number> {
  const storage = await backend.provision();
  try {
    // The first command migrates and bootstraps; the figure is for every command after it.
    await timeProcess([serverEntry, 'org', 'list'], storage.env);
    return await medianOf([serverEntry, 'org', 'list'], storage.env);
  } finally {
    await storage.dispose();
  }
}

/**
 * Whole-process start cost of the built CLI, as a ratio to `node -e 0` on the same machine (the
 * machine's own speed and load divide out): `--help`, and `org list` on each backend.
 */
export const cliStart: BenchCase = {
  id: `${BENCH}/pglite+postgres`,
  async run() {
    const base = await medianOf(['-e', '0']);
    const figures: Array<[string, number]> = [
      ['help', await medianOf([serverEntry, '--help'])],
      ['org_list_pglite', await orgList(pgliteBackend)],
      ['org_list_postgres', await orgList(postgresBackend)],
    ];
    report({ bench: BENCH, metric: 'node_e0_ms', value: Math.round(base), unit: 'ms', n: RUNS });
    for (const [name, ms] of figures) {
      progress(`${BENCH} ${name}: ${Math.round(ms)} ms, ${(ms / base).toFixed(1)}× node -e 0`);
      report({ bench: BENCH, metric: `${name}_ms`, value: Math.round(ms), unit: 'ms', n: RUNS });
      report({ bench: BENCH, metric: `${name}_ratio`, value: Math.round((ms / base) * 10) / 10, unit: 'x node -e 0', n: RUNS });
    }
  },
};
