import { describe, expect, test } from 'vitest';
import { parseSigma } from './parse-sigma.js';

/** The first error of a text, as `line:column message`. */
function firstError(text: string): string {
  const p = parseSigma(text, { file: 'r.yml' }).problems.find((x) => x.severity === 'error');
  return p === undefined ? 'none' : `${p.line}:${p.column} ${p.message}`;
}

const rule = (detection: string, extra = '') => `title: t
logsource:
  product: ics
detection:
${detection}
${extra}`;

describe('modifier chains the validator refuses', () => {
  const cases: [string, string, RegExp][] = [
    ['  sel:\n    f|contanis: x\n  condition: sel', '6:7', /unknown modifier `contanis`/],
    ['  sel:\n    f|contains|startswith: x\n  condition: sel', '6:16', /cannot be combined with `contains`/],
    ['  sel:\n    f|re|contains: x\n  condition: sel', '6:10', /cannot be combined with `re`/],
    ['  sel:\n    f|re|cased: x\n  condition: sel', '6:10', /case-sensitive/],
    ['  sel:\n    f|i: x\n  condition: sel', '6:7', /flag of `re`/],
    ["  sel:\n    f|re: '(unclosed'\n  condition: sel", '6:12', /invalid regular expression/],
    ['  sel:\n    f|cidr: 10.0.0.0/33\n  condition: sel', '6:13', /not an IPv4 or IPv6 network/],
    ['  sel:\n    f|cidr|contains: 10.0.0.0/8\n  condition: sel', '6:12', /cannot be combined with `cidr`/],
    ['  sel:\n    f|gt: abc\n  condition: sel', '6:11', /compares numbers/],
    ['  sel:\n    f|gt|contains: 5\n  condition: sel', '6:10', /cannot be combined with `gt`/],
    ['  sel:\n    f|exists: yes\n  condition: sel', '6:15', /true or false/],
    ['  sel:\n    f|exists|contains: true\n  condition: sel', '6:14', /cannot be combined/],
    ['  sel:\n    f|all: x\n  condition: sel', '6:7', /two or more values/],
    ['  sel:\n    f|utf16le: x\n  condition: sel', '6:7', /followed by `base64`/],
    ['  sel:\n    f|contains|base64: x\n  condition: sel', '6:7', /encode its wildcards/],
    ['  sel:\n    f|base64offset: x\n  condition: sel', '6:7', /follow it with `contains`/],
    ["  sel:\n    f|base64: 'a*b'\n  condition: sel", '6:16', /cannot encode wildcards/],
    ['  sel:\n    f|contains: null\n  condition: sel', '6:17', /null cannot take modifiers/],
    ['  sel:\n    f|hour: 24\n  condition: sel', '6:13', /0 to 23/],
    ['  sel:\n    f|gte|hour: 3\n  condition: sel', '6:7', /cannot be combined|must follow/],
    ['  sel:\n    f|contains|contains: x\n  condition: sel', '6:16', /given twice/],
    ['  sel:\n    f|neq|all:\n      - a\n      - b\n  condition: sel', '6:11', /cannot be combined with `neq`/],
    ['  sel:\n    f|fieldref|re: x\n  condition: sel', '6:16', /cannot be combined/],
    ['  keywords:\n    "|exists": true\n  condition: keywords', '6:6', /needs a field/],
  ];
  test.each(cases)('%s', (detection, at, message) => {
    const error = firstError(rule(detection));
    expect(error.split(' ')[0]).toBe(at);
    expect(error).toMatch(message);
  });
});

describe('document problems', () => {
  test('required parts and enumerations', () => {
    expect(firstError('logsource: {product: ics}\ndetection: {s: {a: 1}, condition: s}\n')).toMatch(/^1:1 `title` is required/);
    expect(firstError('title: t\ndetection: {s: {a: 1}, condition: s}\n')).toMatch(/^1:1 `logsource` is required/);
    expect(firstError('title: t\nlogsource: {}\ndetection: {s: {a: 1}, condition: s}\n')).toMatch(/^2:12 .*at least one of/);
    expect(firstError(rule('  s:\n    a: 1\n  condition: s', 'level: severe\n'))).toMatch(/^8:8 `level` is one of/);
    expect(firstError(rule('  s:\n    a: 1\n  condition: s', 'status: beta\n'))).toMatch(/^8:9 `status` is one of/);
    expect(firstError(rule('  s:\n    a: 1'))).toMatch(/^5:3 `condition` is required/);
    expect(firstError(rule('  s:\n    a: 1\n  condition: s and t'))).toMatch(/^7:20 unknown selection `t`/);
    expect(firstError(rule('  s:\n    a: 1\n  timeframe: 5m\n  condition: s'))).toMatch(/^7:3 .*correlation rule/);
    expect(firstError(rule('  s:\n    - a: 1\n    - plain\n  condition: s'))).toMatch(/mixes maps and keywords/);
    expect(firstError(rule('  s:\n    a: []\n  condition: s'))).toMatch(/^6:8 an empty list/);
    expect(firstError(rule('  s:\n    a: 1\n  condition: "s and"'))).toMatch(/^7:20 condition ends/);
  });

  test('YAML syntax errors carry a position; other documents still parse', () => {
    const text = `title: ok
logsource: {product: ics}
detection: {s: {a: 1}, condition: s}
---
title: [unclosed
`;
    const r = parseSigma(text);
    expect(r.rules).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ line: 6, column: 1, severity: 'error', message: expect.stringMatching(/^YAML/) });
    expect(r.invalid).toBe(1);
  });

  test('warnings do not invalidate a rule', () => {
    const r = parseSigma(rule('  s:\n    a: 1\n  condition: s', 'id: not-a-uuid\ntags:\n  - Attack.T0843\ndate: 2024/01/01\n'));
    expect(r.rules).toHaveLength(1);
    expect(r.problems.map((p) => p.severity)).toEqual(['warning', 'warning', 'warning']);
    expect(r.problems.map((p) => p.line)).toEqual([8, 10, 11]);
  });

  test('a valid rule parses into the model', () => {
    const r = parseSigma(`title: S7 program download
id: 1b0b5d7e-7d3e-4f6e-9b1a-3c2d1e0f9a8b
name: s7_download
status: test
level: high
tags:
  - attack.t0843
  - attack.t1059.001
  - attack.execution
logsource:
  product: ics
  category: s7comm
detection:
  selection:
    ics.operation: program-download
  filter_known:
    source.ip|cidr: 10.0.0.0/24
  condition: selection and not filter_known
falsepositives:
  - Planned maintenance
`);
    expect(r.problems).toEqual([]);
    const [parsed] = r.rules;
    expect(parsed).toMatchObject({
      title: 'S7 program download', name: 's7_download', level: 'high', status: 'test',
      techniques: ['T0843', 'T1059.001'], logsource: { product: 'ics', category: 's7comm' }, falsepositives: ['Planned maintenance'],
      condition: { op: 'and', args: [{ op: 'ref', name: 'selection' }, { op: 'not', arg: { op: 'ref', name: 'filter_known' } }] },
    });
    expect(parsed?.selections.map((s) => s.name)).toEqual(['selection', 'filter_known']);
    expect(parsed?.selections[1]?.alternatives[0]?.[0]).toMatchObject({ field: 'source.ip', modifiers: ['cidr'], values: ['10.0.0.0/24'], pos: { line: 17, column: 5 } });
  });

  test('numbers keep the spelling the author wrote when it is not plain decimal', () => {
    const r = parseSigma(rule('  s:\n    a: 0x17\n    b: 4688\n  condition: s'));
    expect(r.rules[0]?.selections[0]?.alternatives[0]?.map((i) => i.values[0])).toEqual(['0x17', 4688]);
  });
});

describe('rule collections', () => {
  test('action: global is merged into every following document until reset', () => {
    const text = `action: global
title: Modbus rules
logsource:
  product: ics
  category: modbus
detection:
  condition: selection
level: medium
---
id: 11111111-1111-4111-8111-111111111111
detection:
  selection:
    ics.function: Write Single Coil
---
id: 22222222-2222-4222-8222-222222222222
level: high
detection:
  selection:
    ics.function: Write Multiple Coils
---
action: reset
---
title: standalone
logsource: {product: ics}
detection: {s: {a: 1}, condition: s}
`;
    const r = parseSigma(text);
    expect(r.problems).toEqual([]);
    expect(r.rules.map((x) => [x.title, x.level, x.logsource.category])).toEqual([
      ['Modbus rules', 'medium', 'modbus'],
      ['Modbus rules', 'high', 'modbus'],
      ['standalone', undefined, undefined],
    ]);
    expect(r.rules[1]?.selections[0]?.alternatives[0]?.[0]?.values).toEqual(['Write Multiple Coils']);
  });

  test('action: repeat repeats the previous document with changes', () => {
    const text = `title: first
logsource: {product: ics, category: dnp3}
detection:
  s:
    ics.function: Cold Restart
  condition: s
---
action: repeat
title: second
detection:
  s:
    ics.function: Warm Restart
`;
    const r = parseSigma(text);
    expect(r.problems).toEqual([]);
    expect(r.rules.map((x) => [x.title, x.logsource.category, x.selections[0]?.alternatives[0]?.[0]?.values[0]])).toEqual([
      ['first', 'dnp3', 'Cold Restart'],
      ['second', 'dnp3', 'Warm Restart'],
    ]);
  });

  test('unknown actions and repeat without a previous document are errors', () => {
    expect(firstError('action: include\ntitle: x\n')).toMatch(/^1:1 unknown action/);
    expect(firstError('action: repeat\ntitle: x\n')).toMatch(/^1:1 .*previous document/);
  });
});

describe('correlation and filter documents', () => {
  test('correlation problems are located', () => {
    const c = (body: string) => `title: c\ncorrelation:\n${body}`;
    expect(firstError(c('  type: event_sum\n  rules: [a]\n  timespan: 5m\n  condition: {gte: 2}\n'))).toMatch(/^3:9 `type` is one of/);
    expect(firstError(c('  type: event_count\n  rules: [a]\n  timespan: 5 minutes\n  condition: {gte: 2}\n'))).toMatch(/^5:13 `timespan`/);
    expect(firstError(c('  type: event_count\n  rules: [a]\n  timespan: 5m\n'))).toMatch(/needs a `condition`/);
    expect(firstError(c('  type: value_count\n  rules: [a]\n  timespan: 5m\n  condition: {gte: 2}\n'))).toMatch(/^6:14 `value_count` needs `field`/);
    expect(firstError(c('  type: event_count\n  rules: [a]\n  timespan: 5m\n  condition: {more: 2}\n'))).toMatch(/^6:15 unknown condition `more`/);
    expect(firstError(c('  type: temporal\n  rules: [a]\n  timespan: 5m\n'))).toMatch(/two or more rules/);
    expect(firstError(c('  type: event_count\n  rules: []\n  timespan: 5m\n  condition: {gte: 1}\n'))).toMatch(/^4:10 `rules` lists/);
  });

  test('a correlation parses into the model', () => {
    const r = parseSigma(`title: Many failed logins
id: 0e95725d-7320-415d-80f7-004da920fc11
level: high
correlation:
  type: value_count
  rules:
    - failed_login
  group-by:
    - ComputerName
  timespan: 90m
  condition:
    field: User
    gt: 10
    lte: 200
  generate: true
`);
    expect(r.problems).toEqual([]);
    expect(r.correlations[0]).toMatchObject({ type: 'value_count', rules: ['failed_login'], groupBy: ['ComputerName'], timespanMs: 5_400_000, generate: true, condition: { field: 'User', bounds: [{ op: 'gt', value: 10 }, { op: 'lte', value: 200 }] } });
  });

  test('a filter parses into the model, and needs rules', () => {
    const r = parseSigma(`title: Engineering workstation is allowed
logsource:
  product: ics
filter:
  rules:
    - s7_download
  selection:
    source.ip: 10.0.0.5
  condition: not selection
`);
    expect(r.problems).toEqual([]);
    expect(r.filters[0]).toMatchObject({ kind: 'filter', rules: ['s7_download'], condition: { op: 'not', arg: { op: 'ref', name: 'selection' } } });
    expect(firstError('title: f\nlogsource: {product: ics}\nfilter:\n  selection: {a: 1}\n  condition: selection\n')).toMatch(/^4:3 `rules` is required/);
  });
});
