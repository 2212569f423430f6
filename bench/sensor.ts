// Sensor on a live pipe (issue 12): `cat capture | bulwark sensor --read -` shipping to an ingest that
// counts and answers at once (so the figure is the sensor's: reading, analysis, events, gzip, spool,
// HTTP), on the Modbus-heavy benchmark capture of capture/core. Packets/s over the sensor's own run
// (one thread does the analysis), events shipped per second over the whole process, CPU and peak RSS.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchmarkCapture } from './capture.js';
import { progress, repoRoot, report, round, type BenchCase } from './support.js';

const BENCH = 'sensor';
const TOKEN = 'bwsn_bench-token';

/**
 * The CLI from source through tsx: the figures are taken inside the run (the sensor's own clock and CPU
 * time, the workers' commits), so start-up costs nothing here, and no build is needed before the run.
 */
export function cliCommand(): { program: string; args: string[] } {
  return { program: process.execPath, args: ['--import', 'tsx', join(repoRoot, 'src/main.ts')] };
}

/** CPU ms (user + system) and RSS MB of a live process, from /proc. */
async function sample(pid: number): Promise<{ cpuMs: number; rssMb: number } | undefined> {
  try {
    const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const rss = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0) / 1024;
    // fields 14 and 15 (utime, stime) in clock ticks of 10 ms, counted from after the command name
    return { cpuMs: (Number(stat[11]) + Number(stat[12])) * 10, rssMb: rss };
  } catch {
    return undefined;
  }
}

export const sensorLivePipe: BenchCase = {
  id: 'sensor/live-pipe',
  async run() {
    const capture = await benchmarkCapture();
    let lines = 0;
    let requests = 0;
    const server = createServer((req, res) => {
      requests++;
      lines += Number(req.headers['x-bulwark-sensor-events'] ?? 0);
      req.resume();
      req.on('end', () => res.writeHead(202, { 'content-type': 'application/json' }).end('{}'));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    const spool = await mkdtemp(join(tmpdir(), 'bulwark-bench-sensor-'));
    try {
      const cli = cliCommand();
      const started = performance.now();
      const child = spawn(cli.program, [...cli.args, '--server', `http://127.0.0.1:${port}`, '--token', TOKEN, '--json', 'sensor', '--read', '-', '--name', 'bench', '--spool', spool, '--snapshot', '10'], {
        cwd: repoRoot,
        stdio: ['pipe', 'pipe', 'inherit'],
        env: { ...process.env, BULWARK_LOG_LEVEL: 'warn' },
      });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      createReadStream(capture.path).pipe(child.stdin);
      let peakRss = 0;
      let cpuMs = 0;
      const timer = setInterval(() => {
        void sample(child.pid ?? 0).then((s) => {
          if (s === undefined) return;
          peakRss = Math.max(peakRss, s.rssMb);
          cpuMs = Math.max(cpuMs, s.cpuMs);
        });
      }, 100);
      const [code] = (await once(child, 'exit')) as [number | null];
      clearInterval(timer);
      const wallMs = performance.now() - started;
      if (code !== 0) throw new Error(`sensor exited with ${code}`);
      const s = JSON.parse(stdout) as { frames: number; bytes: number; elapsedMs: number; cpuMs: number; operations: number; events: number; shippedEvents: number; droppedEvents: number };
      if (s.shippedEvents !== s.events || lines !== s.events) throw new Error(`shipped ${s.shippedEvents}, received ${lines}, made ${s.events}`);
      const labels = { packets: s.frames, megabytes: round(s.bytes / 1e6, 0) };
      report({ bench: BENCH, metric: 'packets_per_s', value: Math.round(s.frames / (s.elapsedMs / 1000)), unit: 'packets/s', n: s.frames, load: round(loadavg()[0] ?? 0), ...labels });
      // The analysis is one thread: packets per CPU second of the sensor's run is its one-core rate, whatever else the machine does.
      report({ bench: BENCH, metric: 'packets_per_cpu_s', value: Math.round(s.frames / (s.cpuMs / 1000)), unit: 'packets/s', n: s.frames, cpu_ms: s.cpuMs, ...labels });
      report({ bench: BENCH, metric: 'megabytes_per_s', value: round(s.bytes / 1e6 / (s.elapsedMs / 1000)), unit: 'MB/s', n: s.frames, ...labels });
      report({ bench: BENCH, metric: 'events_shipped_per_s', value: Math.round(s.shippedEvents / (wallMs / 1000)), unit: 'events/s', n: s.shippedEvents, requests, ...labels });
      report({ bench: BENCH, metric: 'process_cpu_ms', value: cpuMs, unit: 'ms', n: s.frames, wall_ms: Math.round(wallMs), ...labels });
      report({ bench: BENCH, metric: 'peak_rss_mb', value: Math.round(peakRss), unit: 'MB', n: s.frames, ...labels });
      progress(`${BENCH}: ${s.frames} packets in ${(s.elapsedMs / 1000).toFixed(1)} s, ${s.operations} operations, ${s.events} events shipped in ${requests} requests`);
    } finally {
      server.close();
      await rm(spool, { recursive: true, force: true });
    }
  },
};
