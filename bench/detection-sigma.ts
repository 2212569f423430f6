// Sigma engine: 3,000 generated rules validated (parsed, every problem located) and compiled; then
// match throughput over normalized events with 200 rules loaded, with the indexed buckets and without
// (every rule of the set checked against every event), and correlation throughput. In-process, one core.
import { createRandom } from '../src/modules/capture/simulator/random.js';
import type { SensedEvent } from '../src/modules/sensing/index.js';
import { compileRules, createCorrelator, parseSigma, type SigmaRule } from '../src/modules/detection/sigma/index.js';
import { median, medianRate, progress, report, round, type BenchCase } from './support.js';

const BENCH = 'detection-sigma';
const LOAD_RULES = 3_000;
const MATCH_RULES = 200;
const EVENTS = 200_000;
const ROUNDS = Number(process.env.SIGMA_BENCH_ROUNDS ?? 5);


const protocols = ['modbus', 's7comm', 'dnp3', 'iec104', 'enip', 'bacnet', 'opcua', 'mms'] as const;
const operations = ['read', 'write', 'program-download', 'program-upload', 'mode-change', 'start', 'stop', 'restart', 'firmware-update', 'configuration-change', 'discovery'] as const;
const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
const uuid = (i: number) => `${i.toString(16).padStart(8, '0')}-0000-4000-8000-${(i * 7919).toString(16).padStart(12, '0').slice(-12)}`;

/** One rule file's text: industrial rules most, then Windows, Linux syslog and Zeek rules. */
export function ruleText(i: number, rand: () => number): string {
  const head = `title: Generated rule ${i}\nid: ${uuid(i)}\nstatus: test\nlevel: ${pick(rand, ['low', 'medium', 'high', 'critical'])}\ntags:\n  - attack.t0${800 + (i % 90)}\n`;
  const r = rand();
  const k = i % 60;
  if (r < 0.25) {
    return `${head}logsource:\n  product: ics\n  category: ${pick(rand, protocols)}\ndetection:\n  selection:\n    ics.operation: ${pick(rand, operations.slice(2))}\n  filter_engineering:\n    source.ip|cidr: 10.10.0.0/16\n  condition: selection and not filter_engineering\n`;
  }
  if (r < 0.45) {
    return `${head}logsource:\n  product: ics\ndetection:\n  selection:\n    ics.function: 'Function ${k}'\n    ics.unit|gte: ${i % 5}\n  condition: selection\n`;
  }
  if (r < 0.6) {
    return `${head}logsource:\n  product: ics\n  category: write\ndetection:\n  selection_target:\n    ics.target|contains: 'register ${1000 + k}'\n  selection_values:\n    ics.values|startswith:\n      - '0xff'\n      - '65535'\n  condition: all of selection_*\n`;
  }
  if (r < 0.8) {
    const shape = rand();
    const body =
      shape < 0.4
        ? `    Image|endswith: '\\\\tool${k}.exe'\n    CommandLine|contains|all:\n      - ' -a${k}'\n      - ' -b'\n`
        : shape < 0.7
          ? `    CommandLine|windash|contains: ' -enc${k} '\n`
          : `    CommandLine|re: 'invoke-[a-z]+${k}\\('\n    Image|endswith: '\\\\powershell.exe'\n`;
    return `${head}logsource:\n  product: windows\n  category: process_creation\ndetection:\n  selection:\n${body}  condition: selection\n`;
  }
  if (r < 0.92) {
    return `${head}logsource:\n  product: linux\n  service: sshd\ndetection:\n  keywords:\n    - 'Failed password for invalid user adm${k}'\n  condition: keywords\n`;
  }
  return `${head}logsource:\n  product: zeek\n  service: dns\ndetection:\n  selection:\n    query|endswith: '.bad${k}.example'\n  condition: selection\n`;
}

function baseEvent(i: number, time: string): Omit<SensedEvent, 'fields' | 'source' | 'message' | 'kind'> {
  return { id: `e${i}`, time, receivedAt: time, orgId: 'org', tlp: 'amber', sharedUpward: false, severity: 'info', assets: {}, raw: null, rawTruncated: false, origin: {} };
}

/** Normalized events as the pipeline produces them: mostly routine industrial polling. */
export function generateEvents(rand: () => number): SensedEvent[] {
  const events: SensedEvent[] = [];
  const start = Date.UTC(2026, 0, 5);
  for (let i = 0; i < EVENTS; i++) {
    const time = new Date(start + i * 5).toISOString();
    const r = rand();
    const ip = rand() < 0.7 ? `10.10.${(i >> 8) & 255}.${i & 255}` : `192.168.${(i >> 8) & 255}.${i & 255}`;
    if (r < 0.7) {
      const op = rand() < 0.8 ? 'read' : rand() < 0.9 ? 'write' : pick(rand, operations);
      events.push({
        ...baseEvent(i, time),
        kind: 'operation',
        message: `${op} from ${ip}`,
        source: { type: 'capture', id: 'cap', name: 'capture' },
        fields: {
          source: { ip, port: 40000 + (i % 1000) },
          destination: { ip: '10.20.0.5', port: 502 },
          ics: { protocol: pick(rand, protocols), operation: op, function: rand() < 0.05 ? `Function ${i % 90}` : 'Read Holding Registers', unit: i % 8, target: `holding register ${1000 + (i % 100)}`, values: String(i % 65536) },
        },
      });
    } else if (r < 0.85) {
      const tool = rand() < 0.02 ? `tool${i % 80}.exe` : pick(rand, ['svchost.exe', 'explorer.exe', 'powershell.exe', 'cmd.exe']);
      events.push({
        ...baseEvent(i, time),
        kind: 'host',
        message: 'Process started',
        source: { type: 'winevent', id: 'win', name: 'windows' },
        origin: { stream: 'Microsoft-Windows-Sysmon/Operational' },
        fields: {
          event: { code: '1', provider: 'Microsoft-Windows-Sysmon', action: 'process-created', dataset: 'winevent' },
          process: { executable: `C:\\Windows\\System32\\${tool}`, name: tool, command_line: `${tool} -a${i % 70} -b /c run${i % 13}` },
          host: { name: `EWS-${i % 20}` },
        },
      });
    } else if (r < 0.95) {
      events.push({
        ...baseEvent(i, time),
        kind: 'log',
        message: rand() < 0.1 ? `Failed password for invalid user adm${i % 70} from ${ip}` : `Accepted publickey for operator from ${ip}`,
        source: { type: 'syslog', id: 'sys', name: 'syslog' },
        fields: { event: { dataset: 'syslog' }, log: { syslog: { appname: 'sshd' } }, source: { ip } },
      });
    } else {
      events.push({
        ...baseEvent(i, time),
        kind: 'log',
        message: 'dns query',
        source: { type: 'zeek', id: 'zeek', name: 'zeek' },
        fields: { event: { dataset: 'zeek.dns' }, dns: { question: { name: rand() < 0.02 ? `x.bad${i % 70}.example` : `host${i % 500}.plant.example` } }, source: { ip } },
      });
    }
  }
  return events;
}

function loadRules(texts: readonly string[]): { rules: SigmaRule[]; ms: number; cpuMs: number; problems: number } {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const rules: SigmaRule[] = [];
  let problems = 0;
  for (const text of texts) {
    const parsed = parseSigma(text);
    rules.push(...parsed.rules);
    problems += parsed.problems.length;
  }
  const compiled = compileRules(rules);
  if (compiled.matcher.size !== texts.length) throw new Error(`compiled ${compiled.matcher.size} of ${texts.length} rules`);
  const used = process.cpuUsage(cpuStart);
  return { rules, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, problems: problems + compiled.problems.length };
}

function matchRates(rules: readonly SigmaRule[], events: readonly SensedEvent[], indexed: boolean): { wall: number; cpu: number; hits: number } {
  const { matcher } = compileRules(rules, { indexed });
  let hits = 0;
  const rate = medianRate(
    events.length,
    () => {
      hits = 0;
      for (const event of events) hits += matcher.match(event).length;
    },
    ROUNDS,
  );
  return { ...rate, hits };
}

export const detectionSigma: BenchCase = {
  id: BENCH,
  async run() {
    const rand = createRandom(20261207).next;
    const texts = Array.from({ length: LOAD_RULES }, (_, i) => ruleText(i, rand));
    loadRules(texts.slice(0, 300));
    const loads = [0, 1, 2].map(() => loadRules(texts));
    const loadMs = median(loads.map((l) => l.ms));
    const loadCpuMs = median(loads.map((l) => l.cpuMs));
    progress(`${BENCH}: ${LOAD_RULES} rules validated and compiled in ${Math.round(loadMs)} ms (cpu ${Math.round(loadCpuMs)} ms, ${loads[0]?.problems} problems)`);
    report({ bench: BENCH, metric: 'load_ms', value: round(loadMs, 0), unit: 'ms', n: LOAD_RULES });
    // CPU time includes the garbage collector's threads; on a shared machine it is the steadier figure.
    report({ bench: BENCH, metric: 'load_cpu_ms', value: round(loadCpuMs, 0), unit: 'ms', n: LOAD_RULES });
    report({ bench: BENCH, metric: 'load_rules_per_s', value: Math.round(LOAD_RULES / (loadMs / 1000)), unit: 'rules/s', n: LOAD_RULES });

    const rules = (loads[0] as { rules: SigmaRule[] }).rules.slice(0, MATCH_RULES);
    const events = generateEvents(rand);
    const { matcher } = compileRules(rules);
    progress(`${BENCH}: ${MATCH_RULES} rules: ${matcher.stats.anchored} reached by a required value, ${matcher.stats.loose} checked per logsource, ${matcher.stats.buckets} buckets`);
    for (const indexed of [true, false]) {
      const rate = matchRates(rules, events, indexed);
      progress(`${BENCH}: ${indexed ? 'indexed' : 'every rule'}: ${rate.wall} events/s wall, ${rate.cpu} events/s cpu, ${rate.hits} hits per round`);
      const common = { bench: BENCH, n: EVENTS, rules: MATCH_RULES, rounds: ROUNDS, index: indexed ? 'buckets' : 'none' };
      report({ ...common, metric: 'events_per_s', value: rate.wall, unit: 'events/s' });
      report({ ...common, metric: 'events_per_cpu_s', value: rate.cpu, unit: 'events/s' });
      report({ ...common, metric: 'hits_per_round', value: rate.hits, unit: 'hits' });
    }

    // Correlation: every industrial write is a hit of one rule, counted per source address over 5 minutes.
    const parsed = parseSigma(`title: writes
name: writes
logsource: {product: ics}
detection: {s: {ics.operation: write}, condition: s}
---
title: brute-force writes
correlation:
  type: event_count
  rules: [writes]
  group-by: [source.ip]
  timespan: 5m
  condition: {gte: 50}
`);
    const correlator = createCorrelator(parsed.correlations);
    const hit = { ruleId: 'writes', name: 'writes', title: 'writes', level: 'medium' as const, tags: [], techniques: [], selections: ['s'] };
    const cpuStart = process.cpuUsage();
    let correlationHits = 0;
    for (const event of events) correlationHits += correlator.observe(hit, event).length;
    const used = process.cpuUsage(cpuStart);
    const rate = Math.round(events.length / ((used.user + used.system) / 1e6));
    progress(`${BENCH}: correlation: ${rate} hits/s observed, ${correlationHits} correlation hits, ${correlator.groups()} groups held`);
    report({ bench: BENCH, metric: 'correlation_hits_per_cpu_s', value: rate, unit: 'hits/s', n: EVENTS });
  },
};
