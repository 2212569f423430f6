import { describe, expect, test } from 'vitest';
import type { EventFields } from '../../sensing/index.js';
import { base64OffsetValues, windashVariants } from './modifiers.js';
import { icsEvent, icsRule, ruleMatcher } from './test-support.js';

/** Whether a one-selection ICS rule matches an ICS event with these fields. */
function hit(selection: string, fields: EventFields, options: Parameters<typeof ruleMatcher>[1] = {}): boolean {
  return ruleMatcher(icsRule(selection), options)(icsEvent(fields)).length === 1;
}
const fn = (value: string): EventFields => ({ ics: { function: value } });
const labels = (l: Record<string, string>): EventFields => ({ labels: l });

describe('plain values', () => {
  test('equality is case-insensitive; lists are OR; maps are AND', () => {
    expect(hit("ics.function: 'plc stop'", fn('PLC Stop'))).toBe(true);
    expect(hit("ics.function: 'plc stop'", fn('PLC Start'))).toBe(false);
    expect(hit('ics.function:\n  - PLC Start\n  - PLC Stop', fn('PLC Stop'))).toBe(true);
    expect(hit('ics.function: PLC Stop\nics.unit: 3', { ics: { function: 'PLC Stop', unit: 3 } })).toBe(true);
    expect(hit('ics.function: PLC Stop\nics.unit: 3', { ics: { function: 'PLC Stop', unit: 4 } })).toBe(false);
  });

  test('numbers match numbers and their text; arrays match by any element', () => {
    expect(hit('ics.code: 5', { ics: { code: 5 } })).toBe(true);
    expect(hit('ics.code: 5', { ics: { code: 15 } })).toBe(false);
    expect(hit('event.code: 4688', { event: { code: '4688' } })).toBe(true);
    expect(hit('event.category: process', { event: { category: ['network', 'process'] } })).toBe(true);
    expect(hit('event.category: file', { event: { category: ['network', 'process'] } })).toBe(false);
  });

  test('null means absent; empty text means empty', () => {
    expect(hit('ics.target: null', {})).toBe(true);
    expect(hit('ics.target: null', { ics: { target: 'x' } })).toBe(false);
    expect(hit("ics.target: ''", { ics: { target: '' } })).toBe(true);
    expect(hit("ics.target: ''", {})).toBe(false);
  });

  test('wildcards in plain values', () => {
    expect(hit("ics.function: 'write*'", fn('Write Single Coil'))).toBe(true);
    expect(hit("ics.function: 'write*'", fn('Read Coils'))).toBe(false);
    expect(hit("ics.function: 'write ? coil'", fn('Write 1 Coil'))).toBe(true);
  });
});

describe('string modifiers', () => {
  test('contains, startswith, endswith', () => {
    expect(hit('ics.function|contains: multiple', fn('Write Multiple Registers'))).toBe(true);
    expect(hit('ics.function|contains: single', fn('Write Multiple Registers'))).toBe(false);
    expect(hit('ics.function|startswith: write', fn('Write Multiple Registers'))).toBe(true);
    expect(hit('ics.function|startswith: registers', fn('Write Multiple Registers'))).toBe(false);
    expect(hit('ics.function|endswith: registers', fn('Write Multiple Registers'))).toBe(true);
    expect(hit('ics.function|endswith: write', fn('Write Multiple Registers'))).toBe(false);
  });

  test('all turns the list into AND', () => {
    const sel = 'ics.values|contains|all:\n  - alpha\n  - beta';
    expect(hit(sel, { ics: { values: 'beta and alpha' } })).toBe(true);
    expect(hit(sel, { ics: { values: 'alpha only' } })).toBe(false);
  });

  test('cased compares case-sensitively', () => {
    expect(hit('ics.function|cased: PLC Stop', fn('PLC Stop'))).toBe(true);
    expect(hit('ics.function|cased: PLC Stop', fn('plc stop'))).toBe(false);
    expect(hit('ics.function|contains|cased: Stop', fn('plc stop'))).toBe(false);
  });

  test('windash accepts every dash spelling', () => {
    expect(windashVariants('-a')).toEqual(['-a', '/a', '\u2013a', '\u2014a', '\u2015a']);
    const sel = "process.command_line|windash|contains: ' -enc '";
    expect(hit(sel, { process: { command_line: 'powershell /enc AAA' } })).toBe(true);
    expect(hit(sel, { process: { command_line: 'powershell \u2013enc AAA' } })).toBe(true);
    expect(hit(sel, { process: { command_line: 'powershell +enc AAA' } })).toBe(false);
  });

  test('re with flags i, m and s', () => {
    expect(hit("ics.function|re: '^Write (Single|Multiple)'", fn('Write Single Coil'))).toBe(true);
    expect(hit("ics.function|re: '^write'", fn('Write Single Coil'))).toBe(false);
    expect(hit("ics.function|re|i: '^write'", fn('Write Single Coil'))).toBe(true);
    expect(hit("ics.values|re: '^b$'", { ics: { values: 'a\nb' } })).toBe(false);
    expect(hit("ics.values|re|m: '^b$'", { ics: { values: 'a\nb' } })).toBe(true);
    expect(hit("ics.values|re: 'a.b'", { ics: { values: 'a\nb' } })).toBe(false);
    expect(hit("ics.values|re|s: 'a.b'", { ics: { values: 'a\nb' } })).toBe(true);
  });
});

describe('encodings', () => {
  const b64 = (s: string, enc: BufferEncoding = 'utf8') => Buffer.from(s, enc).toString('base64');

  test('base64 matches the encoded value', () => {
    expect(hit('ics.values|base64: secret', { ics: { values: b64('secret') } })).toBe(true);
    expect(hit('ics.values|base64: secret', { ics: { values: b64('Secret') } })).toBe(false);
    expect(hit('ics.values|base64|contains: secret', { ics: { values: `x=${b64('secret')}` } })).toBe(true);
  });

  test('base64offset finds the value at any byte offset inside longer encoded text', () => {
    const sel = 'ics.values|base64offset|contains: http://evil';
    for (const prefix of ['', 'a', 'ab', 'abc', 'wget ']) {
      for (const suffix of ['', 'x', 'xy', '/path']) {
        expect(hit(sel, { ics: { values: b64(`${prefix}http://evil${suffix}`) } }), `${prefix}|${suffix}`).toBe(true);
      }
    }
    expect(hit(sel, { ics: { values: b64('wget http://good/') } })).toBe(false);
    expect(base64OffsetValues('abc', 'utf8')).toHaveLength(3);
  });

  test('utf16le, utf16be, utf16 (with byte order mark) and wide before base64', () => {
    const le = b64('cmd', 'utf16le');
    expect(hit('ics.values|utf16le|base64: cmd', { ics: { values: le } })).toBe(true);
    expect(hit('ics.values|wide|base64: cmd', { ics: { values: le } })).toBe(true);
    expect(hit('ics.values|utf16le|base64: cmd', { ics: { values: b64('cmd') } })).toBe(false);
    const be = Buffer.from('cmd', 'utf16le').swap16().toString('base64');
    expect(hit('ics.values|utf16be|base64: cmd', { ics: { values: be } })).toBe(true);
    const bom = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('cmd', 'utf16le')]).toString('base64');
    expect(hit('ics.values|utf16|base64: cmd', { ics: { values: bom } })).toBe(true);
    expect(hit('ics.values|utf16|base64: cmd', { ics: { values: le } })).toBe(false);
    expect(hit('ics.values|wide|base64offset|contains: cmd', { ics: { values: b64('xx cmd /c', 'utf16le') } })).toBe(true);
  });
});

describe('field and type modifiers', () => {
  test('exists', () => {
    expect(hit('ics.target|exists: true', { ics: { target: 'x' } })).toBe(true);
    expect(hit('ics.target|exists: true', {})).toBe(false);
    expect(hit('ics.target|exists: false', {})).toBe(true);
    expect(hit('ics.target|exists: false', { ics: { target: '' } })).toBe(false);
  });

  test('cidr over IPv4 and IPv6', () => {
    expect(hit('source.ip|cidr: 10.0.0.0/8', { source: { ip: '10.20.30.40' } })).toBe(true);
    expect(hit('source.ip|cidr: 10.0.0.0/8', { source: { ip: '11.0.0.1' } })).toBe(false);
    expect(hit('source.ip|cidr:\n  - 192.168.1.0/24\n  - 172.16.0.0/12', { source: { ip: '172.31.255.1' } })).toBe(true);
    expect(hit("source.ip|cidr: '2001:db8::/32'", { source: { ip: '2001:db8:1::5' } })).toBe(true);
    expect(hit("source.ip|cidr: '2001:db8::/32'", { source: { ip: '2001:db9::5' } })).toBe(false);
    expect(hit('source.ip|cidr: 10.0.0.0/8', { source: { ip: '::ffff:10.1.1.1' } })).toBe(true);
    expect(hit('source.ip|cidr: 10.0.0.0/8', { source: { ip: 'not an ip' } })).toBe(false);
  });

  test('lt, lte, gt, gte compare numbers', () => {
    expect(hit('ics.code|lt: 5', { ics: { code: 4 } })).toBe(true);
    expect(hit('ics.code|lt: 5', { ics: { code: 5 } })).toBe(false);
    expect(hit('ics.code|lte: 5', { ics: { code: 5 } })).toBe(true);
    expect(hit('ics.code|gt: 5', { ics: { code: 5 } })).toBe(false);
    expect(hit('ics.code|gt: 5', { ics: { code: 6 } })).toBe(true);
    expect(hit('ics.code|gte: 5', { ics: { code: 5 } })).toBe(true);
    expect(hit('destination.port|gte: 1024', { labels: {} })).toBe(false);
    expect(hit('ics.value|gt: 99.5', { ics: { value: '100.25' } })).toBe(true);
  });

  test('time parts of a date field', () => {
    const at = (time: string): EventFields => labels({ when: time });
    expect(hit('when|hour: 3', at('2026-01-05T03:15:00Z'))).toBe(true);
    expect(hit('when|hour: 3', at('2026-01-05T04:15:00Z'))).toBe(false);
    expect(hit('when|hour|gte: 22', at('2026-01-05T23:00:00Z'))).toBe(true);
    expect(hit('when|month: 1', at('2026-01-05T23:00:00Z'))).toBe(true);
    expect(hit('when|week: 2', at('2026-01-05T23:00:00Z'))).toBe(true);
    expect(hit('when|year: 2025', at('2026-01-05T23:00:00Z'))).toBe(false);
  });

  test('fieldref compares two fields of the event', () => {
    expect(hit('source.ip|fieldref: destination.ip', { source: { ip: '10.0.0.1' }, destination: { ip: '10.0.0.1' } })).toBe(true);
    expect(hit('source.ip|fieldref: destination.ip', { source: { ip: '10.0.0.1' }, destination: { ip: '10.0.0.2' } })).toBe(false);
    expect(hit('ics.values|fieldref|contains: ics.target', { ics: { values: 'x IOA 7 y', target: 'ioa 7' } })).toBe(true);
    expect(hit('ics.values|fieldref|neq: ics.target', { ics: { values: 'a', target: 'b' } })).toBe(true);
    expect(hit('ics.values|fieldref|neq: ics.target', { ics: { values: 'a', target: 'A' } })).toBe(false);
  });

  test('neq: present and none of the values', () => {
    expect(hit('ics.function|neq: PLC Stop', fn('PLC Start'))).toBe(true);
    expect(hit('ics.function|neq:\n  - PLC Stop\n  - PLC Start', fn('PLC Start'))).toBe(false);
    expect(hit('ics.function|neq: PLC Stop', {})).toBe(false);
  });

  test('expand replaces placeholders with the values given to the compiler', () => {
    const placeholders = { EngineeringHosts: ['10.0.0.5', '10.0.0.6'], Servers: ['srv*'] };
    expect(hit('source.ip|expand: "%EngineeringHosts%"', { source: { ip: '10.0.0.6' } }, { placeholders })).toBe(true);
    expect(hit('source.ip|expand: "%EngineeringHosts%"', { source: { ip: '10.0.0.7' } }, { placeholders })).toBe(false);
    expect(hit('host.name|expand: "%Servers%.plant"', { host: { name: 'SRV12.plant' } }, { placeholders })).toBe(true);
    expect(hit('host.name|expand: "\\\\%Servers%"', { host: { name: '%Servers%' } }, { placeholders })).toBe(true);
    // Without expand, a placeholder is plain text.
    expect(hit('host.name: "%Servers%"', { host: { name: '%Servers%' } })).toBe(true);
  });

  test('a placeholder without values rejects the rule with its position', async () => {
    const { parseSigma } = await import('./parse-sigma.js');
    const { compileRules } = await import('./compile.js');
    const parsed = parseSigma(icsRule('host.name|expand: "%Missing%"'));
    const { matcher, problems } = compileRules(parsed.rules);
    expect(matcher.size).toBe(0);
    expect(problems[0]).toMatchObject({ line: 7, column: 5, message: expect.stringMatching(/%Missing%/) });
  });
});

describe('keywords', () => {
  test('keyword lists search the message, every field and the raw text', () => {
    const rule = `title: keywords
logsource:
  product: ics
detection:
  keywords:
    - 'force listen'
    - 'cold restart'
  condition: keywords
`;
    const match = ruleMatcher(rule);
    expect(match(icsEvent({}, { message: 'DNP3 Cold Restart from 10.0.0.9' }))).toHaveLength(1);
    expect(match(icsEvent({ ics: { function: 'Force Listen Only Mode' } }))).toHaveLength(1);
    expect(match(icsEvent({}, { raw: '{"fc":"force listen"}' }))).toHaveLength(1);
    expect(match(icsEvent({}, { message: 'warm restart' }))).toHaveLength(0);
  });

  test("'|all' keywords must all be present", () => {
    const rule = `title: keywords all
logsource:
  product: ics
detection:
  keywords:
    '|all':
      - 'restart'
      - 'cold'
  condition: keywords
`;
    const match = ruleMatcher(rule);
    expect(match(icsEvent({}, { message: 'cold restart' }))).toHaveLength(1);
    expect(match(icsEvent({}, { message: 'warm restart' }))).toHaveLength(0);
  });
});
