import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compileRules } from './compile.js';
import { eventLogsource } from './logsource-map.js';
import { parseSigma } from './parse-sigma.js';
import { icsEvent, ruleMatcher, sensedEvent } from './test-support.js';

const windowsProcess = (data: { image: string; commandLine: string; parent?: string }) =>
  sensedEvent({
    sourceType: 'winevent',
    stream: 'Microsoft-Windows-Sysmon/Operational',
    fields: {
      event: { code: '1', provider: 'Microsoft-Windows-Sysmon', action: 'process-created', dataset: 'winevent' },
      process: { executable: data.image, name: data.image.split('\\').pop() as string, command_line: data.commandLine, ...(data.parent ? { parent: { name: data.parent } } : {}) },
      user: { domain: 'PLANT', name: 'operator' },
      host: { name: 'EWS-01' },
      labels: { IntegrityLevel: 'High' },
    },
  });

describe('logsources', () => {
  test('events get product, category and service keys', () => {
    expect(eventLogsource(icsEvent({ ics: { protocol: 's7comm', operation: 'program-download' } }))).toEqual(['product:ics', 'category:s7comm', 'service:s7comm', 'category:program-download']);
    expect(eventLogsource(windowsProcess({ image: 'C:\\x.exe', commandLine: 'x' }))).toEqual(['product:windows', 'service:sysmon', 'category:process_creation']);
    expect(eventLogsource(sensedEvent({ sourceType: 'syslog', fields: { log: { syslog: { appname: 'sshd' } } } }))).toEqual(['product:linux', 'product:syslog', 'service:syslog', 'service:sshd']);
    expect(eventLogsource(sensedEvent({ fields: { event: { dataset: 'zeek.dns' } } }))).toEqual(['product:zeek', 'service:dns', 'category:dns']);
    expect(eventLogsource(sensedEvent({ fields: { event: { dataset: 'suricata.alert' } } }))).toEqual(['product:suricata', 'service:alert']);
  });

  test('a rule only meets events of its logsource', () => {
    const rule = `title: s7 download
logsource:
  product: ics
  category: program-download
detection:
  s:
    ics.protocol: s7comm
  condition: s
`;
    const match = ruleMatcher(rule);
    expect(match(icsEvent({ ics: { protocol: 's7comm', operation: 'program-download' } }))).toHaveLength(1);
    expect(match(icsEvent({ ics: { protocol: 's7comm', operation: 'read' } }))).toHaveLength(0);
    expect(match(sensedEvent({ fields: { labels: { 'ics.protocol': 's7comm' } } }))).toHaveLength(0);
  });
});

describe('Windows field names', () => {
  const rule = `title: encoded powershell
logsource:
  product: windows
  category: process_creation
detection:
  selection:
    Image|endswith: '\\powershell.exe'
    CommandLine|contains: ' -enc '
    User: 'PLANT\\operator'
    Computer: ews-01
    IntegrityLevel: high
    ParentImage|endswith: '\\cmd.exe'
  condition: selection
`;

  test('EventData names resolve to the normalized fields and labels', () => {
    const match = ruleMatcher(rule);
    const event = windowsProcess({ image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', commandLine: 'powershell.exe -enc SQBFAFgA', parent: 'cmd.exe' });
    expect(match(event)).toHaveLength(1);
    expect(match(windowsProcess({ image: 'C:\\Windows\\notepad.exe', commandLine: 'notepad -enc x', parent: 'cmd.exe' }))).toHaveLength(0);
  });
});

describe('indexed matcher', () => {
  test('rules are bucketed by required values', () => {
    const docs = ['program-download', 'stop', 'write']
      .map((op, i) => `title: r${i}\nlogsource: {product: ics}\ndetection:\n  s:\n    ics.operation: ${op}\n  condition: s\n`)
      .concat(['title: loose\nlogsource: {product: ics}\ndetection:\n  s:\n    ics.function|contains: x\n  condition: s\n'])
      .concat(['title: suffix\nlogsource: {product: ics}\ndetection:\n  s:\n    ics.function|endswith: cpu x\n  condition: s\n'])
      .join('---\n');
    const { matcher } = compileRules(parseSigma(docs).rules);
    expect(matcher.stats).toEqual({ anchored: 4, loose: 1, buckets: 1 });
    expect(matcher.match(icsEvent({ ics: { operation: 'stop', function: 'x' } })).map((h) => h.title)).toEqual(['r1', 'loose']);
    expect(matcher.match(icsEvent({ ics: { operation: 'read', function: 'Stop CPU X' } })).map((h) => h.title)).toEqual(['suffix', 'loose']);
  });

  test('indexed and unindexed matchers agree (property)', () => {
    const ops = ['read', 'write', 'stop', 'start', 'program-download'];
    const protocols = ['modbus', 's7comm', 'dnp3'];
    const ruleArb = fc.record({
      op: fc.constantFrom(...ops),
      op2: fc.constantFrom(...ops),
      protocol: fc.constantFrom(...protocols),
      shape: fc.constantFrom('eq', 'or', 'not', 'list', 'contains', 'category', 'suffix', 'prefix', 'mixed'),
    });
    const text = (r: { op: string; op2: string; protocol: string; shape: string }, i: number): string => {
      const category = r.shape === 'category' ? `\n  category: ${r.protocol}` : '';
      const detection = {
        eq: `  a:\n    ics.operation: ${r.op}\n    ics.protocol: ${r.protocol}\n  condition: a`,
        or: `  a:\n    ics.operation: ${r.op}\n  b:\n    ics.operation: ${r.op2}\n  condition: a or b`,
        not: `  a:\n    ics.operation: ${r.op}\n  b:\n    ics.protocol: ${r.protocol}\n  condition: a and not b`,
        list: `  a:\n    - ics.operation: ${r.op}\n    - ics.protocol: ${r.protocol}\n  condition: a`,
        contains: `  a:\n    ics.function|contains: ${r.op.slice(0, 3)}\n  condition: a`,
        category: `  a:\n    ics.operation: ${r.op}\n  condition: a`,
        suffix: `  a:\n    ics.function|endswith:\n      - ${r.op.slice(-2)}\n      - 'coil'\n  condition: a`,
        prefix: `  a:\n    ics.function|startswith|cased: ${r.op.slice(0, 2)}\n  b:\n    ics.protocol: ${r.protocol}\n  condition: a and b`,
        mixed: `  a:\n    ics.function|endswith: ${r.op.slice(-1)}\n  b:\n    ics.function|startswith: ${r.op2.slice(0, 1)}\n  condition: a or b`,
      }[r.shape];
      return `title: r${i}\nlogsource:\n  product: ics${category}\ndetection:\n${detection}\n`;
    };
    const eventArb = fc.record({ op: fc.constantFrom(...ops), protocol: fc.constantFrom(...protocols), fn: fc.constantFrom('Write Coil', 'Stop CPU', 'Read Holding', 'start', 'wr', 'program-download') });
    fc.assert(
      fc.property(fc.array(ruleArb, { minLength: 1, maxLength: 12 }), fc.array(eventArb, { minLength: 1, maxLength: 8 }), (rules, events) => {
        const parsed = parseSigma(rules.map(text).join('---\n'));
        expect(parsed.problems).toEqual([]);
        const indexed = compileRules(parsed.rules).matcher;
        const plain = compileRules(parsed.rules, { indexed: false }).matcher;
        for (const e of events) {
          const event = icsEvent({ ics: { operation: e.op as 'read', protocol: e.protocol, function: e.fn } });
          const a = indexed.match(event).map((h) => h.title).sort();
          const b = plain.match(event).map((h) => h.title).sort();
          expect(a).toEqual(b);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('filters', () => {
  const rules = `title: S7 program download
id: 5a1b7d2e-1111-4c3d-9e8f-0a1b2c3d4e5f
name: s7_download
logsource:
  product: ics
detection:
  selection:
    ics.operation: program-download
  condition: selection
`;
  const filter = (rulesLine: string, logsource = 'product: ics') => `title: Engineering workstation downloads are planned
logsource:
  ${logsource}
filter:
  rules: ${rulesLine}
  selection:
    source.ip: 10.0.0.5
  condition: not selection
`;
  const fromEws = icsEvent({ source: { ip: '10.0.0.5' }, ics: { operation: 'program-download' } });
  const fromElsewhere = icsEvent({ source: { ip: '10.0.0.66' }, ics: { operation: 'program-download' } });

  test('a filter naming the rule (by name or id) removes its matches', () => {
    for (const ref of ['[s7_download]', '[5a1b7d2e-1111-4c3d-9e8f-0a1b2c3d4e5f]', 'any']) {
      const match = ruleMatcher(`${rules}---\n${filter(ref)}`);
      expect(match(fromEws), ref).toHaveLength(0);
      expect(match(fromElsewhere), ref).toHaveLength(1);
      expect(match(fromElsewhere)[0]?.selections).toEqual(['selection']);
    }
  });

  test('a filter for another rule or another logsource leaves the rule alone', () => {
    expect(ruleMatcher(`${rules}---\n${filter('[other_rule]')}`)(fromEws)).toHaveLength(1);
    expect(ruleMatcher(`${rules}---\n${filter('any', 'product: windows')}`)(fromEws)).toHaveLength(1);
  });
});
