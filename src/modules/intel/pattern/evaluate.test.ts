import { describe, expect, it } from 'vitest';
import { evaluatePattern } from './evaluate.js';
import { parsePattern } from './parser.js';
import type { BulwarkEvent, Sco } from './types.js';

function ast(text: string) {
  const r = parsePattern(text);
  if (!r.success) throw new Error(`${text}: ${r.error.message}`);
  return r.pattern;
}

const T0 = '2024-03-01T12:00:00Z';
function event(objects: Record<string, Sco>, time: string = T0): BulwarkEvent {
  return { time, objects };
}
/** Does the pattern match this one event? */
function hits(pattern: string, objects: Record<string, Sco>): boolean {
  return evaluatePattern(ast(pattern), [event(objects)]).matched;
}

const plc: Record<string, Sco> = {
  '0': { type: 'ipv4-addr', value: '192.168.10.20' },
  '1': { type: 'ipv4-addr', value: '192.168.10.5' },
  '2': { type: 'network-traffic', src_ref: '1', dst_ref: '0', dst_port: 502, protocols: ['ipv4', 'tcp', 'modbus'], is_active: true, start: '2024-03-01T11:59:58.250Z' },
  '3': { type: 'domain-name', value: 'historian.plant.example', resolves_to_refs: ['1', '9'] },
  '4': {
    type: 'file',
    name: 'ladder_logic.L5X',
    size: 48213,
    hashes: { 'SHA-256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', MD5: 'D41D8CD98F00B204E9800998ECF8427E' },
    magic_number_hex: 'ffd8ffe0',
    extensions: { 'windows-pebinary-ext': { sections: [{ name: '.text', entropy: 6.1 }, { name: '.rsrc', entropy: 7.4 }] } },
  },
  '5': { type: 'artifact', payload_bin: Buffer.from('\u00d4\u00c3\u00b2\u00a1modbus', 'latin1').toString('base64'), mime_type: 'application/vnd.tcpdump.pcap' },
  '6': { type: 'x-ot-asset', label: 'Pump station \u{1F6B0} 4', tags: ['safety', 'sis'] },
};

describe('evaluatePattern: comparisons', () => {
  it('compares strings exactly and orders them by code point', () => {
    expect(hits("[ipv4-addr:value = '192.168.10.20']", plc)).toBe(true);
    expect(hits("[ipv4-addr:value = '192.168.10.2']", plc)).toBe(false);
    expect(hits("[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']", plc)).toBe(false);
    expect(hits("[file:name > 'ladder']", plc)).toBe(true);
    expect(hits("[file:name < 'ladder']", plc)).toBe(false);
    // U+1F6B0 is above every BMP character, even though its UTF-16 units start with 0xD83D.
    expect(hits("[x-ot-asset:label > 'Pump station \uffff']", plc)).toBe(true);
  });

  it('compares numbers across integer and float, and never numbers with strings', () => {
    expect(hits('[network-traffic:dst_port = 502]', plc)).toBe(true);
    expect(hits('[network-traffic:dst_port = 502.0]', plc)).toBe(true);
    expect(hits('[network-traffic:dst_port >= 502]', plc)).toBe(true);
    expect(hits('[network-traffic:dst_port > 502]', plc)).toBe(false);
    expect(hits("[network-traffic:dst_port = '502']", plc)).toBe(false);
    // Values that cannot be ordered against the constant fail every ordering test, negated or not per value.
    expect(hits("[network-traffic:dst_port < 'z']", plc)).toBe(false);
    expect(hits("[network-traffic:dst_port >= 'z']", plc)).toBe(false);
    expect(hits("[network-traffic:dst_port NOT < 'z']", plc)).toBe(true);
    // != is "not equal", which values of another type are.
    expect(hits("[network-traffic:dst_port != '502']", plc)).toBe(true);
    expect(hits('[network-traffic:is_active = true]', plc)).toBe(true);
    expect(hits('[network-traffic:is_active != true]', plc)).toBe(false);
  });

  it('makes every comparison on a missing property false, negated or not', () => {
    for (const op of ["= 'x'", "!= 'x'", "NOT = 'x'", '< 5', 'NOT < 5', "LIKE '%'", "NOT LIKE 'x'", "IN ('x')", "NOT IN ('x')", "MATCHES '.*'", "ISSUBSET '0.0.0.0/0'"]) {
      expect(hits(`[file:owner ${op}]`, plc), op).toBe(false);
    }
    expect(hits('[EXISTS file:name]', plc)).toBe(true);
    expect(hits('[EXISTS file:owner]', plc)).toBe(false);
    expect(hits("[EXISTS file:hashes.'SHA-1']", plc)).toBe(false);
    expect(hits('[EXISTS network-traffic:protocols[7]]', plc)).toBe(false);
  });

  it('compares timestamp constants with timestamp strings as instants', () => {
    expect(hits("[network-traffic:start = t'2024-03-01T11:59:58.25Z']", plc)).toBe(true);
    expect(hits("[network-traffic:start = t'2024-03-01T11:59:58.250000Z']", plc)).toBe(true);
    expect(hits("[network-traffic:start > t'2024-03-01T11:59:58.2499Z']", plc)).toBe(true);
    expect(hits("[network-traffic:start < t'2024-03-01T11:59:58Z']", plc)).toBe(false);
    expect(hits("[file:name = t'2024-03-01T11:59:58Z']", plc)).toBe(false);
    // The same text as a plain string is just a string.
    expect(hits("[network-traffic:start = '2024-03-01T11:59:58.25Z']", plc)).toBe(false);
  });

  it('reads _hex and _bin properties as bytes', () => {
    expect(hits("[file:magic_number_hex = h'FFD8FFE0']", plc)).toBe(true);
    expect(hits("[file:magic_number_hex = h'ffd8']", plc)).toBe(false);
    expect(hits("[file:magic_number_hex > h'ffd8']", plc)).toBe(true);
    expect(hits("[file:magic_number_hex = '\u00ff\u00d8\u00ff\u00e0']", plc)).toBe(true);
    expect(hits("[file:magic_number_hex = b'/9j/4A==']", plc)).toBe(true);
    expect(hits("[artifact:payload_bin = b'1MOyoW1vZGJ1cw==']", plc)).toBe(true);
    expect(hits("[artifact:payload_bin MATCHES '^\\\\xd4\\\\xc3\\\\xb2\\\\xa1']", plc)).toBe(true);
    expect(hits("[artifact:payload_bin MATCHES '^\u00d4\u00c3\u00b2\u00a1mod']", plc)).toBe(true);
    expect(hits("[artifact:payload_bin LIKE '%modbus']", plc)).toBe(true);
    // A plain string property compared with bytes: its characters are the bytes, if they fit in one.
    expect(hits("[ipv4-addr:value = h'3139322e3136382e31302e3230']", plc)).toBe(true);
    expect(hits("[x-ot-asset:label = h'00']", plc)).toBe(false);
  });

  it('implements LIKE with % and _ over the whole value', () => {
    expect(hits("[domain-name:value LIKE '%.plant.example']", plc)).toBe(true);
    expect(hits("[domain-name:value LIKE 'historian.%']", plc)).toBe(true);
    expect(hits("[domain-name:value LIKE '%plant%']", plc)).toBe(true);
    expect(hits("[domain-name:value LIKE 'plant%']", plc)).toBe(false);
    expect(hits("[domain-name:value LIKE 'historia_.plant.example']", plc)).toBe(true);
    expect(hits("[domain-name:value LIKE 'historian_plant_example']", plc)).toBe(true);
    expect(hits("[domain-name:value LIKE 'historian.plant.example']", plc)).toBe(true);
    expect(hits("[domain-name:value LIKE 'h%n.p%t.e%e']", plc)).toBe(true);
    expect(hits("[domain-name:value LIKE 'h%n.p%t.e%x']", plc)).toBe(false);
    // Regular-expression characters are literal, and _ is one character even above U+FFFF.
    expect(hits("[file:name LIKE 'ladder_logic.L5X']", plc)).toBe(true);
    expect(hits("[file:name LIKE 'ladder.logic%']", plc)).toBe(false);
    expect(hits("[x-ot-asset:label LIKE 'Pump station _ 4']", plc)).toBe(true);
    expect(hits("[network-traffic:dst_port LIKE '5%']", plc)).toBe(false);
    expect(hits("[domain-name:value NOT LIKE '%.example']", plc)).toBe(false);
  });

  it('implements MATCHES as an unanchored regular expression', () => {
    expect(hits("[domain-name:value MATCHES 'plant\\\\.ex']", plc)).toBe(true);
    expect(hits("[domain-name:value MATCHES '^plant']", plc)).toBe(false);
    expect(hits("[domain-name:value MATCHES '(?i)^HISTORIAN']", plc)).toBe(true);
    expect(hits("[domain-name:value MATCHES '^HISTORIAN']", plc)).toBe(false);
    expect(hits("[file:size MATCHES '48']", plc)).toBe(false);
    expect(evaluatePattern(ast("[x-log:line MATCHES 'a+$']"), [event({ '0': { type: 'x-log', line: 'a'.repeat(70_000) } })]).matched).toBe(false);
    expect(evaluatePattern(ast("[x-log:line MATCHES 'a+$']"), [event({ '0': { type: 'x-log', line: 'a'.repeat(60_000) } })]).matched).toBe(true);
    // Catastrophic backtracking is cut short by the linear-time fallback.
    const started = performance.now();
    expect(evaluatePattern(ast("[x-log:line MATCHES '^(a+)+$']"), [event({ '0': { type: 'x-log', line: `${'a'.repeat(40)}!` } })]).matched).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('tests IP addresses and blocks with ISSUBSET and ISSUPERSET', () => {
    expect(hits("[ipv4-addr:value ISSUBSET '192.168.10.0/24']", plc)).toBe(true);
    expect(hits("[ipv4-addr:value ISSUBSET '192.168.11.0/24']", plc)).toBe(false);
    expect(hits("[ipv4-addr:value ISSUBSET '0.0.0.0/0']", plc)).toBe(true);
    expect(hits("[ipv4-addr:value ISSUPERSET '192.168.10.20']", plc)).toBe(true);
    expect(hits("[ipv4-addr:value ISSUPERSET '192.168.10.0/24']", plc)).toBe(false);
    const net = { '0': { type: 'ipv4-addr', value: '10.20.0.0/16' }, '1': { type: 'ipv6-addr', value: '2001:db8:aa::/48' }, '2': { type: 'ipv6-addr', value: '2001:db8:aa::7' } };
    expect(hits("[ipv4-addr:value ISSUBSET '10.0.0.0/8']", net)).toBe(true);
    expect(hits("[ipv4-addr:value ISSUBSET '10.20.128.0/17']", net)).toBe(false);
    expect(hits("[ipv4-addr:value ISSUPERSET '10.20.30.0/24']", net)).toBe(true);
    expect(hits("[ipv6-addr:value ISSUBSET '2001:db8::/32']", net)).toBe(true);
    expect(hits("[ipv6-addr:value ISSUPERSET '2001:db8:aa:0:0:0:0:7']", net)).toBe(true);
    expect(hits("[ipv6-addr:value ISSUBSET '2001:db9::/32']", net)).toBe(false);
    expect(hits("[ipv6-addr:value ISSUBSET '::ffff:10.20.0.0/112']", net)).toBe(false);
    expect(hits("[ipv4-addr:value ISSUBSET '::/0']", net)).toBe(false);
    expect(hits("[ipv4-addr:value ISSUBSET '10.0.0.0/8']", { '0': { type: 'ipv4-addr', value: 'not an address' } })).toBe(false);
  });

  it('implements IN, including the empty set and NOT IN', () => {
    expect(hits("[network-traffic:dst_port IN (102, 502, 20000)]", plc)).toBe(true);
    expect(hits("[network-traffic:dst_port IN ('502', 503)]", plc)).toBe(false);
    expect(hits('[network-traffic:dst_port IN ()]', plc)).toBe(false);
    expect(hits('[network-traffic:dst_port NOT IN ()]', plc)).toBe(true);
    expect(hits('[network-traffic:dst_port NOT IN (502)]', plc)).toBe(false);
    expect(hits("[network-traffic:start IN (t'2024-03-01T11:59:58.25Z')]", plc)).toBe(true);
    expect(hits("[file:magic_number_hex IN (h'00', h'ffd8ffe0')]", plc)).toBe(true);
    expect(hits("[file:magic_number_hex IN ('x', '\u00ff\u00d8\u00ff\u00e0')]", plc)).toBe(true);
  });

  it('walks lists with [*], indexes (also from the end) and references', () => {
    expect(hits("[network-traffic:protocols[*] = 'modbus']", plc)).toBe(true);
    expect(hits("[network-traffic:protocols = 'modbus']", plc)).toBe(false);
    expect(hits("[network-traffic:protocols[2] = 'modbus']", plc)).toBe(true);
    expect(hits("[network-traffic:protocols[-1] = 'modbus']", plc)).toBe(true);
    expect(hits("[network-traffic:protocols[0] = 'modbus']", plc)).toBe(false);
    // NOT applies to each element: some element is not 'tcp'.
    expect(hits("[network-traffic:protocols[*] NOT = 'tcp']", plc)).toBe(true);
    expect(hits("[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]", plc)).toBe(true);
    expect(hits("[file:extensions.'windows-pebinary-ext'.sections[0].entropy > 7.0]", plc)).toBe(false);
    expect(hits("[network-traffic:dst_ref.value = '192.168.10.20']", plc)).toBe(true);
    expect(hits("[network-traffic:dst_ref = '0']", plc)).toBe(true);
    expect(hits("[network-traffic:src_ref.value ISSUBSET '192.168.10.0/28']", plc)).toBe(true);
    expect(hits("[domain-name:resolves_to_refs[*].value = '192.168.10.5']", plc)).toBe(true);
    // '9' resolves to nothing: that element simply has no value.
    expect(hits("[domain-name:resolves_to_refs[1].value = '192.168.10.5']", plc)).toBe(false);
    expect(hits('[EXISTS domain-name:resolves_to_refs[1].value]', plc)).toBe(false);
  });

  it('needs one object to pass every AND-ed comparison, any object for OR', () => {
    const two = { '0': { type: 'file', name: 'a.exe' }, '1': { type: 'file', size: 10 } };
    expect(hits("[file:name = 'a.exe' AND file:size = 10]", two)).toBe(false);
    expect(hits("[file:name = 'a.exe' OR file:size = 10]", two)).toBe(true);
    expect(hits("[file:name = 'a.exe' AND (file:size = 10 OR file:name LIKE 'a%')]", two)).toBe(true);
    expect(hits("[ipv4-addr:value = '192.168.10.20' AND domain-name:value = 'historian.plant.example']", plc)).toBe(false);
    expect(hits("[ipv4-addr:value = '192.168.10.20' OR domain-name:value = 'nope']", plc)).toBe(true);
  });
});
