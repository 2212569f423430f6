import { describe, expect, it } from 'vitest';
import { evaluatePattern } from './evaluate.js';
import { createMatcher } from './matcher.js';
import { parsePattern } from './parser.js';
import type { BulwarkEvent, Sco } from './types.js';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

// A small vocabulary, so that random patterns and random events meet often.
const ips = ['10.0.0.1', '10.0.0.2', '10.0.1.7', '192.168.1.10', '10.0.0.0/24', '172.16.5.5'];
const domains = ['plc.plant.example', 'hmi.plant.example', 'evil.example', 'update.vendor.example', 'x.evil.example'];
const urls = ['http://hmi.plant.example/login', 'http://evil.example/a', 'https://update.vendor.example/fw.bin'];
const hashes = ['aa11', 'bb22', 'cc33', 'dd44'];
const ports = [102, 502, 20000, 44818];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

function randomComparison(rand: () => number): string {
  const q = (s: string) => `'${s}'`;
  const r = rand();
  const not = rand() < 0.1 ? 'NOT ' : '';
  if (r < 0.25) {
    const op = pick(rand, ['=', '!=', 'ISSUBSET']);
    const ip = pick(rand, ips.filter((i) => !i.includes('/')));
    return `ipv4-addr:value ${not}${op} ${op === 'ISSUBSET' ? q(`${ip.replace(/\.\d+$/, '.0')}/${pick(rand, [8, 16, 24, 32])}`) : q(ip)}`;
  }
  if (r < 0.45) return `domain-name:value ${not}${pick(rand, ['=', 'LIKE', 'LIKE', 'MATCHES', '<'])} ${q(pick(rand, [...domains, '%.plant.example', 'update.%', '%evil%', 'h_i.plant.example', '%ex_mple', 'ev']))}`;
  if (r < 0.55) return `url:value ${not}IN (${[pick(rand, urls), pick(rand, urls)].map(q).join(', ')})`;
  if (r < 0.7) return `file:hashes.${pick(rand, ["'SHA-256'", 'MD5'])} ${not}= ${q(pick(rand, hashes))}`;
  if (r < 0.8) {
    const op = pick(rand, ['=', '>', '<=', 'IN']);
    return `network-traffic:dst_port ${not}${op} ${op === 'IN' ? `(${pick(rand, ports)}, ${pick(rand, ports)})` : pick(rand, ports)}`;
  }
  if (r < 0.9) return `network-traffic:${pick(rand, ['dst_ref', 'src_ref'])}.value ${not}= ${q(pick(rand, ips))}`;
  if (r < 0.95) return `network-traffic:protocols[*] ${not}= ${q(pick(rand, ['tcp', 'udp', 'modbus']))}`;
  return `EXISTS ${pick(rand, ['file:name', 'network-traffic:protocols[1]', 'domain-name:resolves_to_refs'])}`;
}

function randomComparisonExpression(rand: () => number, depth = 0): string {
  const r = rand();
  if (depth > 1 || r < 0.5) return randomComparison(rand);
  const op = r < 0.75 ? ' AND ' : ' OR ';
  return `(${randomComparisonExpression(rand, depth + 1)}${op}${randomComparisonExpression(rand, depth + 1)})`;
}

function randomSinglePattern(rand: () => number): string {
  const leaf = () => {
    let text = `[${randomComparisonExpression(rand)}]`;
    if (rand() < 0.1) text += " START t'2024-01-01T00:00:00Z' STOP t'2024-01-01T00:01:00Z'";
    if (rand() < 0.05) text += ' WITHIN 10 SECONDS';
    return text;
  };
  return rand() < 0.2 ? `${leaf()} OR ${leaf()}` : leaf();
}

function randomEvent(rand: () => number): BulwarkEvent {
  const objects: Record<string, Sco> = {};
  const n = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.3) objects[String(i)] = { type: 'ipv4-addr', value: pick(rand, ips) };
    else if (r < 0.5) objects[String(i)] = { type: 'domain-name', value: pick(rand, domains), ...(rand() < 0.3 ? { resolves_to_refs: ['0'] } : {}) };
    else if (r < 0.6) objects[String(i)] = { type: 'url', value: pick(rand, urls) };
    else if (r < 0.8) objects[String(i)] = { type: 'file', hashes: { [pick(rand, ['SHA-256', 'MD5'])]: pick(rand, hashes) }, ...(rand() < 0.5 ? { name: 'x.bin' } : {}) };
    else objects[String(i)] = { type: 'network-traffic', dst_port: pick(rand, ports), dst_ref: String(Math.floor(rand() * n)), src_ref: '0', protocols: rand() < 0.5 ? ['tcp'] : ['tcp', 'modbus'] };
  }
  return { time: Date.UTC(2024, 0, 1, 0, 0, Math.floor(rand() * 120)), objects };
}

function parsedAll(patterns: readonly { id: string; pattern: string }[]) {
  return patterns.map((p) => {
    const r = parsePattern(p.pattern);
    if (!r.success) throw new Error(r.error.message);
    return { id: p.id, ast: r.pattern };
  });
}

function fullEvaluation(parsed: ReturnType<typeof parsedAll>, event: BulwarkEvent): string[] {
  return parsed
    .filter((p) => evaluatePattern(p.ast, [event]).matched)
    .map((p) => p.id)
    .sort();
}

describe('createMatcher', () => {
  it('gives the same answers as full evaluation on random indicators and events', () => {
    const rand = random(1234);
    const patterns = Array.from({ length: 400 }, (_, i) => ({ id: `indicator--${i}`, pattern: randomSinglePattern(rand) }));
    const matcher = createMatcher(patterns);
    expect(matcher.rejected).toEqual([]);
    const stats = matcher.stats();
    expect(stats.indexed).toBeGreaterThan(100);
    expect(stats.scan).toBeGreaterThan(10);
    expect(stats.windowed).toBe(0);
    const parsed = parsedAll(patterns);
    let matched = 0;
    for (let i = 0; i < 400; i++) {
      const event = randomEvent(rand);
      const expected = fullEvaluation(parsed, event);
      expect(matcher.match(event).sort(), JSON.stringify(event)).toEqual(expected);
      matched += expected.length;
    }
    // The comparison means something only if matches happen.
    expect(matched).toBeGreaterThan(400);
  });

  it('indexes equality, IN, LIKE ends and IPv4 subnets, and scans the rest by object type', () => {
    const m = createMatcher([
      { id: 'eq', pattern: "[ipv4-addr:value = '10.0.0.1']" },
      { id: 'in', pattern: "[domain-name:value IN ('a.example', 'b.example')]" },
      { id: 'prefix', pattern: "[url:value LIKE 'http://hmi.%']" },
      { id: 'suffix', pattern: "[domain-name:value LIKE '%.plant.example']" },
      { id: 'subnet', pattern: "[ipv4-addr:value ISSUBSET '10.0.0.0/16']" },
      { id: 'and', pattern: "[file:name = 'a.exe' AND file:size > 10]" },
      { id: 'regex', pattern: "[domain-name:value MATCHES '^b\\\\.']" },
      { id: 'neq', pattern: "[file:name != 'a.exe']" },
    ]);
    expect(['eq', 'in', 'prefix', 'suffix', 'subnet', 'and'].map((id) => m.mode(id))).toEqual(Array(6).fill('indexed'));
    expect(m.mode('regex')).toBe('scan');
    expect(m.mode('neq')).toBe('scan');
    expect(m.mode('nope')).toBeUndefined();
    const at = (objects: Record<string, Sco>) => m.match({ time: 0, objects }).sort();
    expect(at({ '0': { type: 'ipv4-addr', value: '10.0.0.1' } })).toEqual(['eq', 'subnet']);
    expect(at({ '0': { type: 'ipv4-addr', value: '10.0.200.0/24' } })).toEqual(['subnet']);
    expect(at({ '0': { type: 'ipv4-addr', value: '10.0.0.0/8' } })).toEqual([]);
    expect(at({ '0': { type: 'domain-name', value: 'b.example' } })).toEqual(['in', 'regex']);
    expect(at({ '0': { type: 'domain-name', value: 'hmi.plant.example' } })).toEqual(['suffix']);
    expect(at({ '0': { type: 'url', value: 'http://hmi.plant.example/x' } })).toEqual(['prefix']);
    expect(at({ '0': { type: 'file', name: 'a.exe', size: 11 } })).toEqual(['and']);
    expect(at({ '0': { type: 'file', name: 'a.exe', size: 9 }, '1': { type: 'file', name: 'b.exe' } })).toEqual(['neq']);
    expect(m.stats()).toMatchObject({ indicators: 8, indexed: 6, scan: 2, windowed: 0 });
  });

  it('adds, replaces and removes indicators incrementally', () => {
    const m = createMatcher();
    const ev = { time: '2024-01-01T00:00:00Z', objects: { '0': { type: 'ipv4-addr', value: '10.0.0.1' } } };
    expect(m.match(ev)).toEqual([]);
    expect(m.add({ id: 'a', pattern: "[ipv4-addr:value = '10.0.0.1']" })).toEqual({ success: true, mode: 'indexed' });
    expect(m.add({ id: 'b', pattern: "[ipv4-addr:value LIKE '10.%']" })).toEqual({ success: true, mode: 'indexed' });
    expect(m.match(ev).sort()).toEqual(['a', 'b']);
    // Replacing an indicator drops its old keys.
    expect(m.add({ id: 'a', pattern: "[ipv4-addr:value = '10.0.0.2']" }).success).toBe(true);
    expect(m.match(ev)).toEqual(['b']);
    expect(m.remove('b')).toBe(true);
    expect(m.remove('b')).toBe(false);
    expect(m.match(ev)).toEqual([]);
    expect(m.remove('a')).toBe(true);
    expect(m.stats()).toEqual({ indicators: 0, indexed: 0, scan: 0, windowed: 0, keys: 0 });
    const refused = m.add({ id: 'c', pattern: "[ipv4-addr:value = '10.0.0.1'" });
    expect(refused.success).toBe(false);
    expect(!refused.success && refused.error.expected).toContain("']'");
    expect(m.mode('c')).toBeUndefined();
  });

  it('reports unparsable indicators given at creation and keeps the rest', () => {
    const m = createMatcher([
      { id: 'good', pattern: "[url:value = 'http://a.example/']" },
      { id: 'bad', pattern: 'url:value = 1' },
      { id: 'empty', pattern: '' },
    ]);
    expect(m.rejected.map((r) => r.id)).toEqual(['bad', 'empty']);
    expect(m.rejected[0]?.error.message).toContain('square brackets');
    expect(m.stats().indicators).toBe(1);
  });

  it('matches nothing for events without a usable time or objects', () => {
    const m = createMatcher([{ id: 'a', pattern: "[ipv4-addr:value = '10.0.0.1']" }]);
    const objects = { '0': { type: 'ipv4-addr', value: '10.0.0.1' } };
    expect(m.match({ time: 'not a time', objects })).toEqual([]);
    expect(m.match({ time: Number.NaN, objects })).toEqual([]);
    expect(m.match({ time: 0, objects: null as unknown as Record<string, Sco> })).toEqual([]);
    expect(m.match(null as unknown as BulwarkEvent)).toEqual([]);
    expect(m.match({ time: new Date(0), objects: { '0': { value: '10.0.0.1' } as unknown as Sco, '1': 'x' as unknown as Sco } })).toEqual([]);
    expect(m.match({ time: new Date(0), objects })).toEqual(['a']);
  });

  it('takes patterns over several events down the windowed path and reports each completion once', () => {
    const m = createMatcher([
      { id: 'sequence', pattern: "([user-account:account_login = 'maint'] FOLLOWEDBY [x-modbus:function = 16]) WITHIN 60 SECONDS" },
      { id: 'burst', pattern: "[x-modbus:function = 16] REPEATS 3 TIMES WITHIN 10 SECONDS" },
      { id: 'scanned', pattern: "[x-modbus:function > 100] AND [x-modbus:function > 100]" },
    ]);
    expect(['sequence', 'burst', 'scanned'].map((id) => m.mode(id))).toEqual(['windowed', 'windowed', 'windowed']);
    const login = (s: number) => ({ time: s * 1000, objects: { '0': { type: 'user-account', account_login: 'maint' } } });
    const write = (s: number) => ({ time: s * 1000, objects: { '0': { type: 'x-modbus', function: 16 } } });
    expect(m.match(write(0))).toEqual([]);
    expect(m.match(login(1))).toEqual([]);
    expect(m.match(write(2))).toEqual(['sequence']);
    expect(m.match(write(3))).toEqual(['burst']);
    // Both windows started afresh: a new write alone completes nothing.
    expect(m.match(write(4))).toEqual([]);
    expect(m.match(login(100))).toEqual([]);
    // More than 60 s later: too late for the sequence.
    expect(m.match(write(161))).toEqual([]);
    expect(m.match({ time: 200_000, objects: { '0': { type: 'x-modbus', function: 101 } } })).toEqual([]);
    expect(m.match({ time: 201_000, objects: { '0': { type: 'x-modbus', function: 102 } } })).toEqual(['scanned']);
    expect(m.remove('sequence')).toBe(true);
    expect(m.stats().windowed).toBe(2);
  });

  it('keeps the cost per event flat as indicators grow', () => {
    const build = (n: number) =>
      createMatcher(Array.from({ length: n }, (_, i) => ({ id: `i${i}`, pattern: `[ipv4-addr:value = '10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}']` })));
    const events = Array.from({ length: 20_000 }, (_, i) => ({ time: i, objects: { '0': { type: 'ipv4-addr', value: `192.0.2.${i & 255}` } } }));
    const time = (n: number) => {
      const m = build(n);
      for (const e of events) m.match(e);
      const t0 = performance.now();
      for (const e of events) m.match(e);
      return performance.now() - t0;
    };
    const small = Math.min(time(100), time(100));
    const large = Math.min(time(50_000), time(50_000));
    // Linear cost would be 500 times slower; allow a wide margin for a busy machine.
    expect(large).toBeLessThan(small * 20 + 50);
  });
});
