// Intelligence import: a generated bundle of 100,000 valid objects (indicators, observables,
// relationships, sightings) and the ATT&CK for ICS bundle, imported through the intel service in a
// worker process per backend and data set, so that each peak-memory figure belongs to one import.
// The same file is the worker when started with BULWARK_BENCH_INTEL_WORKER=1.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { StorageBackend } from './storage-backends.js';
import { progress, repoRoot, report, round, rssMb, type BenchCase, type Measurement } from './support.js';

const BENCH = 'intel-import';
export const GENERATED_OBJECTS = 100_000;
const ATTACK = join(repoRoot, '..', 'shared', 'data', 'attack', 'ics-attack.json');

/** A deterministic UUID-shaped string from a number (version 4 layout, valid for STIX identifiers). */
function uuidOf(kind: number, n: number): string {
  const hex = (n >>> 0).toString(16).padStart(8, '0');
  const k = kind.toString(16).padStart(4, '0');
  return `${hex}-${k}-4${hex.slice(0, 3)}-8${hex.slice(3, 6)}-${hex}${k}`;
}

/**
 * Writes a bundle of `count` valid STIX 2.1 objects: 40% indicators, 30% IPv4 observables, 20%
 * relationships (indicator indicates malware) and 10% sightings, plus the malware and identities
 * they refer to. Streams to disk; returns the file size in bytes.
 */
export async function writeGeneratedBundle(path: string, count: number): Promise<number> {
  const out = createWriteStream(path);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : once(out, 'drain').then(() => undefined));
  const created = '2025-02-01T00:00:00.000Z';
  const malware = Array.from({ length: 20 }, (_, i) => `malware--${uuidOf(1, i)}`);
  const identities = Array.from({ length: 50 }, (_, i) => `identity--${uuidOf(2, i)}`);
  await write(`{"type":"bundle","id":"bundle--${uuidOf(0, count)}","objects":[`);
  let first = true;
  const emit = async (o: object) => {
    await write(`${first ? '' : ','}\n${JSON.stringify(o)}`);
    first = false;
  };
  for (const [i, id] of malware.entries()) await emit({ type: 'malware', spec_version: '2.1', id, created, modified: created, name: `Bench family ${i}`, is_family: true, malware_types: ['remote-access-trojan'] });
  for (const [i, id] of identities.entries()) await emit({ type: 'identity', spec_version: '2.1', id, created, modified: created, name: `Plant ${i}`, identity_class: 'organization', sectors: ['utilities'] });
  const indicators = Math.floor(count * 0.4);
  const observables = Math.floor(count * 0.3);
  const relationships = Math.floor(count * 0.2);
  const sightings = count - indicators - observables - relationships - malware.length - identities.length;
  const ip = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  for (let i = 0; i < indicators; i++) {
    await emit({
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--${uuidOf(3, i)}`,
      created,
      modified: created,
      name: `Suspicious engineering host ${ip(i)}`,
      description: 'Connections from this address to controllers outside maintenance windows.',
      indicator_types: ['malicious-activity'],
      pattern: `[ipv4-addr:value = '${ip(i)}'] AND [network-traffic:dst_port = ${502 + (i % 3)}]`,
      pattern_type: 'stix',
      valid_from: created,
      labels: i % 4 === 0 ? ['ics', 'modbus'] : ['ics'],
      confidence: 40 + (i % 60),
    });
  }
  for (let i = 0; i < observables; i++) await emit({ type: 'ipv4-addr', spec_version: '2.1', id: `ipv4-addr--${uuidOf(4, i)}`, value: ip(i + indicators) });
  for (let i = 0; i < relationships; i++) {
    await emit({
      type: 'relationship',
      spec_version: '2.1',
      id: `relationship--${uuidOf(5, i)}`,
      created,
      modified: created,
      relationship_type: 'indicates',
      source_ref: `indicator--${uuidOf(3, i % indicators)}`,
      target_ref: malware[i % malware.length],
    });
  }
  for (let i = 0; i < sightings; i++) {
    await emit({
      type: 'sighting',
      spec_version: '2.1',
      id: `sighting--${uuidOf(6, i)}`,
      created,
      modified: created,
      first_seen: created,
      last_seen: created,
      count: 1 + (i % 9),
      sighting_of_ref: `indicator--${uuidOf(3, i % indicators)}`,
      where_sighted_refs: [identities[i % identities.length]],
    });
  }
  await write('\n]}\n');
  out.end();
  await once(out, 'finish');
  return (await stat(path)).size;
}

// ---- the parent side: one worker per backend and data set ----

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

function isMeasurement(value: unknown): value is Measurement {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return typeof m['bench'] === 'string' && typeof m['metric'] === 'string' && typeof m['value'] === 'number';
}

async function runWorker(env: Readonly<Record<string, string>>): Promise<void> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('BULWARK_')));
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    cwd: repoRoot,
    env: { ...inherited, BULWARK_LOG_LEVEL: 'warn', BULWARK_BENCH_INTEL_WORKER: '1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  live.add(child);
  const exit = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  exit.catch(() => undefined);
  try {
    for await (const line of createInterface({ input: child.stdout })) {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        value = undefined;
      }
      if (isMeasurement(value)) report(value);
      else if (line.trim() !== '') progress(`intel worker: ${line}`);
    }
    const [code, signal] = await exit;
    if (code !== 0) throw new Error(`intel-import worker exited with ${code ?? signal ?? '?'}`);
  } finally {
    live.delete(child);
  }
}

export function intelImport(backend: StorageBackend): BenchCase {
  return {
    id: `${BENCH}/${backend.name}`,
    async run() {
      const dir = await mkdtemp(join(tmpdir(), 'bulwark-bench-intel-'));
      try {
        const generated = join(dir, 'generated.json');
        const size = await writeGeneratedBundle(generated, GENERATED_OBJECTS);
        progress(`${BENCH} ${backend.name}: generated ${GENERATED_OBJECTS} objects, ${(size / 1e6).toFixed(1)} MB`);
        for (const [dataset, path] of [
          ['generated', generated],
          ['ics-attack', ATTACK],
        ] as const) {
          const storage = await backend.provision();
          try {
            await runWorker({ ...storage.env, BULWARK_BENCH_INTEL_FILE: path, BULWARK_BENCH_INTEL_DATASET: dataset });
          } finally {
            await storage.dispose();
          }
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

// ---- the worker side ----

async function peakRssMb(): Promise<number> {
  const status = await readFile('/proc/self/status', 'utf8');
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  return Number(match?.[1] ?? process.resourceUsage().maxRSS) / 1024;
}

async function worker(): Promise<void> {
  const { createServices } = await import('../src/services.js');
  const { systemActor } = await import('../src/platform/access.js');
  const { migrateToLatest, openDatabase } = await import('../src/storage/index.js');
  const file = process.env['BULWARK_BENCH_INTEL_FILE'] ?? '';
  const dataset = process.env['BULWARK_BENCH_INTEL_DATASET'] ?? 'file';
  const dataDir = process.env['BULWARK_DATA_DIR'] ?? '';
  const atStart = await rssMb(process.pid);
  const database = await openDatabase({ databaseUrl: process.env['BULWARK_DATABASE_URL'], dataDir });
  const backend = database.backend;
  try {
    await migrateToLatest(database);
    const services = createServices(database);
    const op = systemActor('bench');
    const org = await services.orgs.create(op, { name: 'Bench CERT', level: 'national', parentId: null });
    const labels = { bench: BENCH, backend, dataset };
    report({ ...labels, metric: 'rss_at_start_mb', value: round(atStart), unit: 'MB', n: 1 });
    const options = { orgId: org.id, tlp: 'green' as const, source: 'bench-feed', reliability: 'B' as const };
    const first = await services.intel.importFile(op, file, options);
    if (first.status !== 'complete' || first.invalid > 0 || first.stored !== first.objects) {
      throw new Error(`import of ${dataset} was not clean: ${JSON.stringify({ ...first, issues: first.issues.slice(0, 5) })}`);
    }
    report({ ...labels, metric: 'import_objects_per_s', value: first.objectsPerSecond, unit: 'objects/s', n: first.objects });
    report({ ...labels, metric: 'import_ms', value: first.elapsedMs, unit: 'ms', n: first.objects });
    report({ ...labels, metric: 'peak_rss_after_import_mb', value: round(await peakRssMb()), unit: 'MB', n: first.objects });
    const again = await services.intel.importFile(op, file, options);
    if (again.stored !== 0 || again.duplicates !== again.objects) throw new Error(`re-import of ${dataset} stored ${again.stored}`);
    report({ ...labels, metric: 'reimport_objects_per_s', value: again.objectsPerSecond, unit: 'objects/s', n: again.objects });
    report({ ...labels, metric: 'peak_rss_end_mb', value: round(await peakRssMb()), unit: 'MB', n: 1 });
  } finally {
    await database.close();
  }
}

if (process.env['BULWARK_BENCH_INTEL_WORKER'] === '1') {
  try {
    await worker();
  } catch (error) {
    progress(`intel worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  }
}
