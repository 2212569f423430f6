// Capture to alerts end to end on the ≥512 MB benchmark capture with the industrial rule pack loaded:
// the capture analysis, its operations as the sensor's events, normalization, asset context and the
// pack, in one process on one core (capture-alerts-core.ts), beside the capture pipeline alone
// (capture-core.ts) on the same file in the same run, so that the cost of detection reads as a ratio.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { benchmarkCapture, measured } from './capture.js';
import { progress, repoRoot, report, round, type BenchCase } from './support.js';

const BENCH = 'capture-alerts';
const pcaps = join(repoRoot, '..', 'shared', 'data', 'pcaps', 'modbus');
/** The captures the benchmark file repeats (bench/capture.ts): their hosts are the inventory. */
const inventorySources = ['ModbusTCP.pcap', 'modbus_test.pcap', 'modbus_test_2.pcap'].map((f) => join(pcaps, f));

interface CoreResult {
  readonly frames: number;
  readonly operations?: number;
  readonly events?: number;
  readonly hits?: number;
  readonly rules?: Record<string, number>;
  readonly ms: number;
  readonly cpuMs: number;
  readonly peakRssMb: number;
}

async function child(script: string, args: readonly string[]): Promise<CoreResult> {
  const run = await measured(process.execPath, ['--import', 'tsx', join(repoRoot, 'bench', script), ...args]);
  if (run.code !== 0) throw new Error(`${script} exited with ${run.code}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as CoreResult;
}

export const captureAlerts: BenchCase = {
  id: BENCH,
  async run() {
    const c = await benchmarkCapture();
    const common = { bench: BENCH, n: 1, file_mb: round(c.bytes / 1e6, 0), packets_in_file: c.packets };
    const load = () => round(loadavg()[0] ?? 0, 2);
    const loadBefore = load();
    const alone = await child('capture-core.ts', [c.path]);
    const alerts = await child('capture-alerts-core.ts', [c.path, ...inventorySources]);
    if (alerts.frames !== c.packets) throw new Error(`read ${alerts.frames} frames of ${c.packets}`);
    const loadAfter = load();
    progress(`${BENCH}: ${alerts.frames} frames, ${alerts.operations} operations, ${alerts.hits} hits in ${Math.round(alerts.ms)} ms (pipeline alone ${Math.round(alone.ms)} ms), load ${loadBefore} → ${loadAfter}`);
    progress(`${BENCH}: hits by rule ${JSON.stringify(alerts.rules)}`);
    const labels = { ...common, load_1m_before: loadBefore, load_1m_after: loadAfter };
    report({ ...labels, metric: 'packets_per_s', value: Math.round(alerts.frames / (alerts.ms / 1000)), unit: 'packets/s', stage: 'capture-to-alerts' });
    report({ ...labels, metric: 'packets_per_cpu_s', value: Math.round(alerts.frames / (alerts.cpuMs / 1000)), unit: 'packets/s', stage: 'capture-to-alerts' });
    report({ ...labels, metric: 'packets_per_s', value: Math.round(alone.frames / (alone.ms / 1000)), unit: 'packets/s', stage: 'pipeline-alone' });
    report({ ...labels, metric: 'packets_per_cpu_s', value: Math.round(alone.frames / (alone.cpuMs / 1000)), unit: 'packets/s', stage: 'pipeline-alone' });
    // CPU time, not wall time: on a loaded machine wall time measures the other processes as much as this one
    report({ ...labels, metric: 'detection_cost_ratio', value: round(alerts.cpuMs / alone.cpuMs, 2), unit: 'x', stage: 'capture-to-alerts' });
    report({ ...labels, metric: 'events', value: alerts.events ?? 0, unit: 'events', stage: 'capture-to-alerts' });
    report({ ...labels, metric: 'alert_hits', value: alerts.hits ?? 0, unit: 'hits', stage: 'capture-to-alerts' });
    report({ ...labels, metric: 'peak_rss', value: alerts.peakRssMb, unit: 'MB', stage: 'capture-to-alerts' });
  },
};
