// Indicator matching: 100,000 generated STIX indicators (equality on IPv4, domains, SHA-256 and URLs,
// IN sets, LIKE, a few subnets, compound and windowed patterns) against a stream of generated events,
// most of which match nothing. In-process, on one core: JavaScript matching is single-threaded.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createMatcher, type BulwarkEvent, type IndicatorInput } from '../src/modules/intel/pattern/index.js';
import { median, progress, report, round, type BenchCase } from './support.js';

const BENCH = 'intel-match';
const INDICATORS = 100_000;
const EVENTS = 200_000;
const ROUNDS = 5;
/** Share of events that carry a value some indicator looks for. */
const HIT_RATE = 0.02;

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ip = (n: number) => `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
const domain = (n: number) => `d${n}.bad.example`;
const url = (n: number) => `http://u${n}.example/p/${n % 97}`;
const sha = (n: number) => (n.toString(16).padStart(8, '0') + 'a1b2c3d4').repeat(4);

/** Indicator patterns plus the values that make some of them match, to plant in events. */
export function generateIndicators(rand: () => number): { indicators: IndicatorInput[]; plant: { type: string; value: string }[] } {
  const indicators: IndicatorInput[] = [];
  const plant: { type: string; value: string }[] = [];
  for (let i = 0; i < INDICATORS; i++) {
    const r = rand();
    const n = i * 7 + 1;
    let pattern: string;
    if (r < 0.3) {
      pattern = `[ipv4-addr:value = '${ip(n)}']`;
      plant.push({ type: 'ipv4-addr', value: ip(n) });
    } else if (r < 0.5) {
      pattern = `[domain-name:value = '${domain(n)}']`;
      plant.push({ type: 'domain-name', value: domain(n) });
    } else if (r < 0.7) {
      pattern = `[file:hashes.'SHA-256' = '${sha(n)}']`;
      plant.push({ type: 'file', value: sha(n) });
    } else if (r < 0.85) {
      pattern = `[url:value = '${url(n)}']`;
      plant.push({ type: 'url', value: url(n) });
    } else if (r < 0.95) {
      const values = [0, 1, 2, 3].map((k) => ip(n + k * 3));
      pattern = `[ipv4-addr:value IN (${values.map((v) => `'${v}'`).join(', ')})]`;
      plant.push({ type: 'ipv4-addr', value: values[2] as string });
    } else if (r < 0.97) {
      pattern = `[domain-name:value LIKE '%.zone${n}.example']`;
      plant.push({ type: 'domain-name', value: `www.zone${n}.example` });
    } else if (r < 0.99) {
      pattern = `[url:value LIKE 'http://p${n}.example/%']`;
      plant.push({ type: 'url', value: `http://p${n}.example/login` });
    } else if (r < 0.995) {
      pattern = `[ipv4-addr:value = '${ip(n)}' OR domain-name:value = '${domain(n)}'] START t'2020-01-01T00:00:00Z' STOP t'2030-01-01T00:00:00Z'`;
      plant.push({ type: 'domain-name', value: domain(n) });
    } else if (r < 0.998) {
      pattern = `[ipv4-addr:value ISSUBSET '172.${16 + (n % 16)}.${n % 256}.0/24']`;
      plant.push({ type: 'ipv4-addr', value: `172.${16 + (n % 16)}.${n % 256}.9` });
    } else {
      pattern = `[domain-name:value = '${domain(n)}'] FOLLOWEDBY [ipv4-addr:value = '${ip(n)}'] WITHIN 300 SECONDS`;
      plant.push({ type: 'domain-name', value: domain(n) });
    }
    indicators.push({ id: `indicator--${i}`, pattern });
  }
  return { indicators, plant };
}

function generateEvents(rand: () => number, plant: readonly { type: string; value: string }[]): BulwarkEvent[] {
  const events: BulwarkEvent[] = [];
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < EVENTS; i++) {
    const time = start + i * 10;
    // Values outside every indicator's range: 192.0.2.x addresses, good.example names, other hashes.
    const miss = Math.floor(rand() * 1e9);
    const kind = rand();
    let objects: Record<string, { type: string; [k: string]: unknown }>;
    if (kind < 0.5) {
      objects = {
        '0': { type: 'ipv4-addr', value: `192.0.${(miss >>> 8) & 255}.${miss & 255}` },
        '1': { type: 'ipv4-addr', value: `198.51.${(miss >>> 4) & 255}.${miss & 127}` },
        '2': { type: 'network-traffic', src_ref: '0', dst_ref: '1', protocols: ['tcp'] },
      };
    } else if (kind < 0.75) {
      objects = { '0': { type: 'url', value: `https://w${miss}.good.example/index` }, '1': { type: 'domain-name', value: `w${miss}.good.example` } };
    } else {
      objects = { '0': { type: 'file', name: `f${miss}.dll`, hashes: { 'SHA-256': sha(miss + 0x40000000) } } };
    }
    if (rand() < HIT_RATE) {
      const p = plant[Math.floor(rand() * plant.length)] as { type: string; value: string };
      objects['9'] = p.type === 'file' ? { type: 'file', hashes: { 'SHA-256': p.value } } : { type: p.type, value: p.value };
    }
    events.push({ time, objects });
  }
  return events;
}

/** A collectable heap figure needs gc(); v8 can expose it at run time. */
function collector(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

export const intelMatch: BenchCase = {
  id: BENCH,
  async run() {
    const rand = random(20240501);
    const { indicators, plant } = generateIndicators(rand);
    const events = generateEvents(rand, plant);
    const gc = collector();
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const buildStart = performance.now();
    const matcher = createMatcher(indicators);
    const buildMs = performance.now() - buildStart;
    gc?.();
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    if (matcher.rejected.length > 0) throw new Error(`${matcher.rejected.length} generated patterns did not parse: ${matcher.rejected[0]?.error.message}`);
    const stats = matcher.stats();
    progress(`${BENCH}: built ${stats.indicators} indicators in ${Math.round(buildMs)} ms (indexed ${stats.indexed}, scan ${stats.scan}, windowed ${stats.windowed})`);

    for (let i = 0; i < 20_000; i++) matcher.match(events[i] as BulwarkEvent);
    const rates: number[] = [];
    const cpuRates: number[] = [];
    let matches = 0;
    for (let r = 0; r < ROUNDS; r++) {
      matches = 0;
      const cpu = process.cpuUsage();
      const t0 = performance.now();
      for (const event of events) matches += matcher.match(event).length;
      const ms = performance.now() - t0;
      const used = process.cpuUsage(cpu);
      const cpuMs = (used.user + used.system) / 1000;
      rates.push(events.length / (ms / 1000));
      cpuRates.push(events.length / (cpuMs / 1000));
      progress(`${BENCH}: round ${r + 1}: ${Math.round(events.length / (ms / 1000))} events/s, cpu ${Math.round(cpuMs)} ms of ${Math.round(ms)} ms wall`);
    }
    const common = { bench: BENCH, n: EVENTS, indicators: stats.indicators, rounds: ROUNDS };
    report({ ...common, metric: 'events_per_s', value: Math.round(median(rates)), unit: 'events/s' });
    // On a shared machine wall time includes waiting for the core; CPU time is what matching costs.
    report({ ...common, metric: 'events_per_cpu_s', value: Math.round(median(cpuRates)), unit: 'events/s' });
    report({ ...common, metric: 'matches_per_round', value: matches, unit: 'matches' });
    report({ ...common, metric: 'build_ms', value: Math.round(buildMs), unit: 'ms' });
    report({ ...common, metric: 'build_indicators_per_s', value: Math.round(stats.indicators / (buildMs / 1000)), unit: 'indicators/s' });
    report({ ...common, metric: 'index_heap_mb', value: round(heapMb), unit: 'MB', gc: gc === undefined ? 'unavailable' : 'forced' });
    report({ ...common, metric: 'index_keys', value: stats.keys, unit: 'keys' });
    report({ ...common, metric: 'indexed_indicators', value: stats.indexed, unit: 'indicators' });
    report({ ...common, metric: 'scan_indicators', value: stats.scan, unit: 'indicators' });
    report({ ...common, metric: 'windowed_indicators', value: stats.windowed, unit: 'indicators' });
  },
};
