// Capture analysis throughput on a ≥500 MB Modbus-heavy capture built from the shared captures:
// the pipeline alone on one core, `bulwark capture analyze` end to end on each backend (results
// stored), and tshark extracting the comparable fields from the same file.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateModbusCapture, type GeneratedCapture } from './capture-generate.js';
import type { StorageBackend } from './storage-backends.js';
import { progress, repoRoot, report, round, serverEntry, type BenchCase } from './support.js';

const BENCH = 'capture';
const pcaps = join(repoRoot, '..', 'shared', 'data', 'pcaps', 'modbus');
const SOURCES = ['ModbusTCP.pcap', 'modbus_test.pcap', 'modbus_test_2.pcap'].map((f) => join(pcaps, f));
const MIN_BYTES = Number(process.env['BULWARK_BENCH_CAPTURE_MB'] ?? 512) * 1024 * 1024;

/** The fields tshark extracts for the comparison: what our pipeline decodes of each Modbus packet. */
const tsharkFieldNames = ['frame.number', 'ip.src', 'ip.dst', 'tcp.srcport', 'tcp.dstport', 'mbtcp.trans_id', 'mbtcp.unit_id', 'modbus.func_code', 'modbus.reference_num', 'modbus.word_cnt', 'modbus.exception_code'];

export function tsharkArgs(path: string): string[] {
  return ['-r', path, '-n', '-T', 'fields', ...tsharkFieldNames.flatMap((f) => ['-e', f])];
}

let generated: Promise<GeneratedCapture> | undefined;
/** The ≥512 MB benchmark capture, built once per run (and kept in the temporary directory). */
export function benchmarkCapture(): Promise<GeneratedCapture> {
  generated ??= (async () => {
    const path = join(tmpdir(), `bulwark-bench-modbus-${MIN_BYTES}.pcap`);
    progress(`${BENCH}: building ${Math.round(MIN_BYTES / 1048576)} MB capture at ${path}`);
    const c = await generateModbusCapture(SOURCES, path, MIN_BYTES);
    progress(`${BENCH}: ${c.packets} packets, ${(c.bytes / 1e6).toFixed(0)} MB, ${c.rounds} rounds of the shared captures`);
    return c;
  })();
  return generated;
}

export interface Run {
  readonly ms: number;
  /** User + system CPU time of the process (GNU time only): less sensitive than wall time to other load. */
  readonly cpuMs?: number;
  readonly peakRssMb: number;
  readonly stdout: string;
  readonly code: number | null;
}

const gnuTime = '/usr/bin/time';

/**
 * Runs a command and measures its wall time and peak RSS: exactly through GNU time's maximum
 * resident set size where it is installed, else by sampling VmHWM every 100 ms until it exits.
 */
export async function measured(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  const timeOut = existsSync(gnuTime) ? join(tmpdir(), `bulwark-bench-time-${process.pid}-${Date.now()}.txt`) : undefined;
  const started = performance.now();
  const child = timeOut
    ? spawn(gnuTime, ['-f', '%M %U %S', '-o', timeOut, command, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'inherit'] })
    : spawn(command, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => {
    // tshark's field output is large: keep only the tail for sanity checks
    stdout = (stdout + d.toString('utf8')).slice(-100_000);
  });
  let peak = 0;
  const sample = async () => {
    try {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/^VmHWM:\s+(\d+)\s+kB$/m.exec(status)?.[1] ?? 0);
      peak = Math.max(peak, kb / 1024);
    } catch {
      // exited between samples
    }
  };
  const timer = timeOut ? undefined : setInterval(() => void sample(), 100);
  const [code] = (await once(child, 'exit')) as [number | null];
  const ms = performance.now() - started;
  clearInterval(timer);
  if (timeOut) {
    // GNU time writes "Command exited with non-zero status N" before the figures when the command fails
    const [kb, user, system] = ((await readFile(timeOut, 'utf8')).trim().split('\n').at(-1) ?? '').split(' ').map(Number);
    await rm(timeOut, { force: true });
    return { ms, cpuMs: ((user ?? 0) + (system ?? 0)) * 1000, peakRssMb: (kb ?? 0) / 1024, stdout, code };
  }
  return { ms, peakRssMb: peak, stdout, code };
}

export function inheritedEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('BULWARK_')));
  return { ...env, BULWARK_LOG_LEVEL: 'warn', ...extra };
}

/** The pipeline alone, and tshark on the same file: the rate comparison the issue asks for. */
export const captureCore: BenchCase = {
  id: `${BENCH}/core`,
  async run() {
    const c = await benchmarkCapture();
    const common = { bench: BENCH, n: 1, file_mb: round(c.bytes / 1e6, 0), packets_in_file: c.packets };
    const core = await measured(process.execPath, ['--import', 'tsx', join(repoRoot, 'bench', 'capture-core.ts'), c.path]);
    if (core.code !== 0) throw new Error(`capture-core exited with ${core.code}`);
    const r = JSON.parse(core.stdout.trim().split('\n').at(-1) ?? '{}') as { frames: number; bytes: number; pdus: Record<string, number>; ms: number; cpuMs: number; peakRssMb: number };
    if (r.frames !== c.packets) throw new Error(`read ${r.frames} frames of ${c.packets}`);
    progress(`${BENCH} core: ${r.frames} frames in ${Math.round(r.ms)} ms, modbus PDUs ${r.pdus['modbus'] ?? 0}`);
    report({ ...common, engine: 'bulwark-pipeline', metric: 'packets_per_s', value: Math.round(r.frames / (r.ms / 1000)), unit: 'packets/s' });
    report({ ...common, engine: 'bulwark-pipeline', metric: 'megabytes_per_s', value: round(c.bytes / 1e6 / (r.ms / 1000)), unit: 'MB/s' });
    report({ ...common, engine: 'bulwark-pipeline', metric: 'cpu_ms', value: Math.round(r.cpuMs), unit: 'ms' });
    report({ ...common, engine: 'bulwark-pipeline', metric: 'modbus_pdus', value: r.pdus['modbus'] ?? 0, unit: 'PDUs' });
    report({ ...common, engine: 'bulwark-pipeline', metric: 'peak_rss_mb', value: round(Math.max(r.peakRssMb, core.peakRssMb)), unit: 'MB' });

    const tshark = await measured('tshark', tsharkArgs(c.path));
    if (tshark.code !== 0) throw new Error(`tshark exited with ${tshark.code}`);
    const tsharkRate = c.packets / (tshark.ms / 1000);
    const ours = r.frames / (r.ms / 1000);
    progress(`${BENCH} tshark: ${Math.round(tshark.ms)} ms`);
    report({ ...common, engine: 'tshark', metric: 'packets_per_s', value: Math.round(tsharkRate), unit: 'packets/s' });
    report({ ...common, engine: 'tshark', metric: 'peak_rss_mb', value: round(tshark.peakRssMb), unit: 'MB' });
    report({ ...common, engine: 'bulwark-pipeline', metric: 'speedup_vs_tshark', value: round(ours / tsharkRate), unit: 'x' });
  },
};

/** `bulwark capture analyze` as a user runs it: results stored in the backend, assets merged. */
export function captureCli(backend: StorageBackend): BenchCase {
  return {
    id: `${BENCH}/cli-${backend.name}`,
    async run() {
      const c = await benchmarkCapture();
      const storage = await backend.provision();
      try {
        const env = inheritedEnv({ ...storage.env });
        const org = await measured(process.execPath, [serverEntry, 'org', 'create', 'Bench Plant', '--level', 'enterprise', '--json'], env);
        if (org.code !== 0) throw new Error('could not create the organisation');
        const run = await measured(process.execPath, [serverEntry, 'capture', 'analyze', c.path, '--org', 'Bench Plant', '--json'], env);
        if (run.code !== 0) throw new Error(`capture analyze exited with ${run.code}`);
        const job = JSON.parse(run.stdout) as { summary: { frames: number; operations: number; hosts: number; elapsedMs: number } };
        if (job.summary.frames !== c.packets) throw new Error(`analyzed ${job.summary.frames} frames of ${c.packets}`);
        const common = { bench: BENCH, backend: backend.name, engine: 'bulwark-cli', n: 1, file_mb: round(c.bytes / 1e6, 0) };
        progress(`${BENCH} cli ${backend.name}: ${Math.round(run.ms)} ms wall, job ${job.summary.elapsedMs} ms, ${job.summary.operations} operation records`);
        report({ ...common, metric: 'wall_ms', value: Math.round(run.ms), unit: 'ms' });
        report({ ...common, metric: 'packets_per_s', value: Math.round(c.packets / (run.ms / 1000)), unit: 'packets/s' });
        report({ ...common, metric: 'megabytes_per_s', value: round(c.bytes / 1e6 / (run.ms / 1000)), unit: 'MB/s' });
        report({ ...common, metric: 'job_packets_per_s', value: Math.round(c.packets / (job.summary.elapsedMs / 1000)), unit: 'packets/s' });
        report({ ...common, metric: 'operation_records', value: job.summary.operations, unit: 'records' });
        report({ ...common, metric: 'peak_rss_mb', value: round(run.peakRssMb), unit: 'MB' });
      } finally {
        await storage.dispose();
      }
    },
  };
}
