import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One figure; extra keys (backend, page, ...) say what was measured. */
export interface Measurement {
  readonly bench: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly n: number;
  readonly [key: string]: string | number;
}

/** A benchmark case, named `bench/backend` so that a filter can pick either part. */
export interface BenchCase {
  readonly id: string;
  run(): Promise<void>;
}

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The shipped entry (package.json's bin): the bundled CLI, as npm start and users run it. */
export const serverEntry = join(repoRoot, 'dist', 'cli', 'bulwark.mjs');

/** Results go to stdout as JSON lines; everything for people goes to stderr. */
export function report(m: Measurement): void {
  const { bench, metric, value, unit, n, ...labels } = m;
  process.stdout.write(`${JSON.stringify({ bench, metric, value, unit, n, ...labels })}\n`);
}

export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : (upper + (sorted[mid - 1] as number)) / 2;
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Resident set size of a live process in MB (VmRSS in /proc is in kB). */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (match?.[1] === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

/** A port free on loopback now; the server binds it a moment later. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Median items/s over several runs after one warm-up, by wall clock and by CPU time of this process (which other load on the machine does not inflate). */
export function medianRate(items: number, run: () => void, runs: number): { readonly wall: number; readonly cpu: number } {
  run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    run();
    const used = process.cpuUsage(cpuStarted);
    wall.push((items / (performance.now() - started)) * 1000);
    cpu.push((items / (used.user + used.system)) * 1e6);
  }
  return { wall: round(median(wall), 0), cpu: round(median(cpu), 0) };
}
