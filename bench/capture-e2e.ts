// `bulwark capture analyze` end to end, as whole processes, against `tshark -T fields` on the same
// file: the 79 MB merge of the shared Modbus captures (ModbusTCP.pcap and mb2.pcap, 20 times each, by
// mergecap) and the ≥512 MB benchmark capture. Each run gets fresh storage (a new PGlite data
// directory, a new PostgreSQL database); the organisation is created beforehand, outside the timing.
import { execFile } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writePcap } from '../src/modules/capture/reader/capture-writer.js';
import { benchmarkCapture, inheritedEnv, measured, tsharkArgs, type Run } from './capture.js';
import { readPcap } from './capture-generate.js';
import { storageBackends } from './storage-backends.js';
import { progress, repoRoot, report, round, serverEntry, type BenchCase } from './support.js';

const BENCH = 'capture-e2e';
const pcaps = join(repoRoot, '..', 'shared', 'data', 'pcaps', 'modbus');
const MERGED_SOURCES = ['ModbusTCP.pcap', 'mb2.pcap'].map((f) => join(pcaps, f));
const MERGE_COPIES = 20;

interface E2eFile {
  readonly label: string;
  readonly path: string;
  readonly bytes: number;
  readonly packets: number;
}

/**
 * The sources merged in time order, each packet repeated once per copy (what mergecap does with the
 * files listed 20 times: equal timestamps keep the input order). Used only where mergecap is missing.
 */
function ownMerge(path: string): void {
  const all = MERGED_SOURCES.flatMap((f, file) => readPcap(f).packets.map((p, i) => ({ p: { time: p.tsSec * 1e6 + p.tsUsec, data: p.data }, file, i })));
  all.sort((a, b) => a.p.time - b.p.time || a.file - b.file || a.i - b.i);
  writeFileSync(path, writePcap(all.flatMap(({ p }) => Array.from({ length: MERGE_COPIES }, () => p))));
}

let merged: Promise<E2eFile> | undefined;
function mergedCapture(): Promise<E2eFile> {
  merged ??= (async () => {
    const mergecap = existsSync('/usr/bin/mergecap');
    const path = join(tmpdir(), `bulwark-bench-modbus-merged-${MERGE_COPIES}.${mergecap ? 'pcapng' : 'pcap'}`);
    if (!existsSync(path)) {
      const inputs = Array.from({ length: MERGE_COPIES }, () => MERGED_SOURCES).flat();
      if (mergecap) await promisify(execFile)('/usr/bin/mergecap', ['-w', path, ...inputs]);
      else ownMerge(path);
    }
    const packets = MERGED_SOURCES.map((f) => readPcap(f).packets.length).reduce((a, b) => a + b, 0) * MERGE_COPIES;
    return { label: `merged-${MERGE_COPIES}`, path, bytes: statSync(path).size, packets };
  })();
  return merged;
}

async function largeCapture(): Promise<E2eFile> {
  const c = await benchmarkCapture();
  return { label: 'benchmark', path: c.path, bytes: c.bytes, packets: c.packets };
}

function load1m(): number {
  return round(loadavg()[0] ?? 0, 2);
}

function e2eCase(id: string, file: () => Promise<E2eFile>): BenchCase {
  return {
    id: `${BENCH}/${id}`,
    async run() {
      const f = await file();
      const common = { bench: BENCH, n: 1, file: f.label, file_mb: round(f.bytes / 1e6, 0), packets_in_file: f.packets };
      progress(`${BENCH} ${f.label}: ${f.packets} packets, ${(f.bytes / 1e6).toFixed(0)} MB`);

      let load = load1m();
      const tshark = await measured('tshark', tsharkArgs(f.path));
      if (tshark.code !== 0) throw new Error(`tshark exited with ${tshark.code}`);
      progress(`${BENCH} ${f.label} tshark: ${Math.round(tshark.ms)} ms, ${Math.round(tshark.peakRssMb)} MB`);
      report({ ...common, engine: 'tshark', metric: 'wall_ms', value: Math.round(tshark.ms), unit: 'ms', load_1m: load });
      report({ ...common, engine: 'tshark', metric: 'peak_rss_mb', value: round(tshark.peakRssMb), unit: 'MB', load_1m: load });
      if (tshark.cpuMs !== undefined) report({ ...common, engine: 'tshark', metric: 'cpu_ms', value: Math.round(tshark.cpuMs), unit: 'ms', load_1m: load });

      for (const backend of storageBackends) {
        const storage = await backend.provision();
        try {
          const env = inheritedEnv({ ...storage.env });
          const org = await measured(process.execPath, [serverEntry, 'org', 'create', 'Bench Plant', '--level', 'enterprise', '--json'], env);
          if (org.code !== 0) throw new Error('could not create the organisation');
          load = load1m();
          const run: Run = await measured(process.execPath, [serverEntry, 'capture', 'analyze', f.path, '--org', 'Bench Plant', '--json'], env);
          if (run.code !== 0) throw new Error(`capture analyze exited with ${run.code}`);
          const job = JSON.parse(run.stdout) as { summary: { frames: number; operations: number; elapsedMs: number; packetsPerSecond: number } };
          if (job.summary.frames !== f.packets) throw new Error(`analyzed ${job.summary.frames} frames of ${f.packets}`);
          const at = { ...common, engine: 'bulwark-cli', backend: backend.name, load_1m: load };
          progress(`${BENCH} ${f.label} ${backend.name}: ${Math.round(run.ms)} ms wall, ${Math.round(run.peakRssMb)} MB, analysis ${job.summary.elapsedMs} ms (load ${load})`);
          report({ ...at, metric: 'wall_ms', value: Math.round(run.ms), unit: 'ms' });
          report({ ...at, metric: 'peak_rss_mb', value: round(run.peakRssMb), unit: 'MB' });
          report({ ...at, metric: 'speedup_vs_tshark', value: round(tshark.ms / run.ms), unit: 'x' });
          if (run.cpuMs !== undefined && tshark.cpuMs !== undefined) {
            // CPU time moves less than wall time when other work shares the cores
            report({ ...at, metric: 'cpu_ms', value: Math.round(run.cpuMs), unit: 'ms' });
            report({ ...at, metric: 'cpu_speedup_vs_tshark', value: round(tshark.cpuMs / run.cpuMs), unit: 'x' });
          }
          report({ ...at, metric: 'analysis_ms', value: job.summary.elapsedMs, unit: 'ms' });
          report({ ...at, metric: 'analysis_packets_per_s', value: job.summary.packetsPerSecond, unit: 'packets/s' });
          report({ ...at, metric: 'operation_records', value: job.summary.operations, unit: 'records' });
        } finally {
          await storage.dispose();
        }
      }
    },
  };
}

export const captureE2eCases: readonly BenchCase[] = [e2eCase(`merged-${MERGE_COPIES}`, mergedCapture), e2eCase('benchmark', largeCapture)];
