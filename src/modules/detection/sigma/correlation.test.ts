import { describe, expect, test } from 'vitest';
import type { SensedEvent } from '../../sensing/index.js';
import { compileRules } from './compile.js';
import { createCorrelator } from './correlation.js';
import { parseSigma } from './parse-sigma.js';
import { icsEvent } from './test-support.js';
import type { CorrelationHit } from './types.js';

const base = `title: Modbus write
id: 0a000000-0000-4000-8000-000000000001
name: modbus_write
logsource: {product: ics}
detection:
  s:
    ics.operation: write
  condition: s
---
title: PLC stop
id: 0a000000-0000-4000-8000-000000000002
name: plc_stop
logsource: {product: ics}
detection:
  s:
    ics.operation: stop
  condition: s
`;

function pipeline(correlations: string) {
  const parsed = parseSigma(`${base}---\n${correlations}`);
  expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const { matcher } = compileRules(parsed.rules);
  const correlator = createCorrelator(parsed.correlations, { rules: parsed.rules });
  expect(correlator.problems).toEqual([]);
  return {
    correlator,
    feed(event: SensedEvent): CorrelationHit[] {
      return matcher.match(event).flatMap((hit) => correlator.observe(hit, event));
    },
  };
}

const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 0, 5, 10, minute, second)).toISOString();
const write = (minute: number, ip = '10.0.0.9', unit = 1) => icsEvent({ source: { ip }, ics: { operation: 'write', unit } }, { time: at(minute) });
const stop = (minute: number, ip = '10.0.0.9') => icsEvent({ source: { ip }, ics: { operation: 'stop' } }, { time: at(minute) });

describe('event_count', () => {
  const rule = `title: Brute-force writes
id: 0c000000-0000-4000-8000-000000000001
level: high
tags: [attack.t0806]
correlation:
  type: event_count
  rules: [modbus_write]
  group-by: [source.ip]
  timespan: 5m
  condition:
    gte: 3
`;

  test('fires when the count is reached inside the window, per group', () => {
    const p = pipeline(rule);
    expect(p.feed(write(0))).toEqual([]);
    expect(p.feed(write(1, '10.0.0.8'))).toEqual([]);
    expect(p.feed(write(2))).toEqual([]);
    const [hit] = p.feed(write(4));
    expect(hit).toMatchObject({ correlationId: '0c000000-0000-4000-8000-000000000001', type: 'event_count', level: 'high', techniques: ['T0806'], group: { 'source.ip': '10.0.0.9' }, count: 3, firstTime: at(0), lastTime: at(4) });
    expect(hit?.eventIds).toHaveLength(3);
    // The group starts again after a hit.
    expect(p.feed(write(4, '10.0.0.9'))).toEqual([]);
  });

  test('events older than the timespan do not count', () => {
    const p = pipeline(rule);
    expect(p.feed(write(0))).toEqual([]);
    expect(p.feed(write(3))).toEqual([]);
    expect(p.feed(write(6))).toEqual([]);
    expect(p.feed(write(7))).toHaveLength(1);
  });

  test('an event without the group-by field is not counted', () => {
    const p = pipeline(rule);
    for (let i = 0; i < 5; i++) expect(p.feed(icsEvent({ ics: { operation: 'write' } }, { time: at(i) }))).toEqual([]);
  });

  test('upper bounds are decided when the window closes', () => {
    const p = pipeline(rule.replace('gte: 3', 'lt: 3').replace('Brute-force writes', 'Few writes'));
    expect(p.feed(write(0))).toEqual([]);
    expect(p.feed(write(1))).toEqual([]);
    expect(p.correlator.flush(at(4))).toEqual([]);
    const hits = p.correlator.flush(at(6));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ count: 2, group: { 'source.ip': '10.0.0.9' } });
    // Three events in a window: not fewer than three, no hit; the closed window is forgotten.
    for (const m of [10, 11, 12]) p.feed(write(m));
    expect(p.correlator.flush(at(20))).toEqual([]);
    expect(p.correlator.groups()).toBe(0);
  });
});

describe('value_count', () => {
  test('counts distinct values of the field per group', () => {
    const p = pipeline(`title: Many units written
correlation:
  type: value_count
  rules: [0a000000-0000-4000-8000-000000000001]
  group-by: [source.ip]
  timespan: 10m
  condition:
    field: ics.unit
    gte: 3
`);
    expect(p.feed(write(0, '10.0.0.9', 1))).toEqual([]);
    expect(p.feed(write(1, '10.0.0.9', 1))).toEqual([]);
    expect(p.feed(write(2, '10.0.0.9', 2))).toEqual([]);
    expect(p.feed(write(3, '10.0.0.7', 3))).toEqual([]);
    const hits = p.feed(write(4, '10.0.0.9', 3));
    expect(hits).toHaveLength(1);
    expect(hits[0]?.count).toBe(3);
  });
});

describe('temporal and temporal_ordered', () => {
  const temporal = (type: string) => `title: Write then stop
correlation:
  type: ${type}
  rules: [modbus_write, plc_stop]
  group-by: [source.ip]
  timespan: 10m
`;

  test('temporal: all rules seen within the timespan, in any order', () => {
    const p = pipeline(temporal('temporal'));
    expect(p.feed(stop(0))).toEqual([]);
    expect(p.feed(write(5, '10.0.0.1'))).toEqual([]);
    const [hit] = p.feed(write(6));
    expect(hit).toMatchObject({ type: 'temporal', count: 2 });
    expect([...(hit?.rules ?? [])].sort()).toEqual(['0a000000-0000-4000-8000-000000000001', '0a000000-0000-4000-8000-000000000002']);
  });

  test('temporal: too far apart is no hit', () => {
    const p = pipeline(temporal('temporal'));
    expect(p.feed(stop(0))).toEqual([]);
    expect(p.feed(write(11))).toEqual([]);
  });

  test('temporal_ordered: only in the order of the rules list', () => {
    const p = pipeline(temporal('temporal_ordered'));
    expect(p.feed(stop(0))).toEqual([]);
    expect(p.feed(write(1))).toEqual([]);
    expect(p.feed(stop(2))).toHaveLength(1);
    const q = pipeline(temporal('temporal_ordered'));
    expect(q.feed(stop(0))).toEqual([]);
    expect(q.feed(stop(1))).toEqual([]);
    expect(q.feed(write(2))).toEqual([]);
  });
});

describe('aliases, chains and state', () => {
  test('aliases group different fields of different rules', () => {
    const p = pipeline(`title: Writer is stopped
correlation:
  type: temporal
  rules: [modbus_write, plc_stop]
  group-by: [plc]
  timespan: 5m
  aliases:
    plc:
      modbus_write: destination.ip
      plc_stop: source.ip
`);
    expect(p.feed(icsEvent({ destination: { ip: '10.0.0.50' }, ics: { operation: 'write' } }, { time: at(0) }))).toEqual([]);
    expect(p.feed(stop(1, '10.0.0.51'))).toEqual([]);
    const [hit] = p.feed(stop(2, '10.0.0.50'));
    expect(hit?.group).toEqual({ plc: '10.0.0.50' });
  });

  test('a correlation can reference another correlation', () => {
    const p = pipeline(`title: Many writes
name: many_writes
correlation:
  type: event_count
  rules: [modbus_write]
  group-by: [source.ip]
  timespan: 5m
  condition: {gte: 2}
---
title: Many writes then a stop
level: critical
correlation:
  type: temporal_ordered
  rules: [many_writes, plc_stop]
  group-by: [source.ip]
  timespan: 10m
`);
    expect(p.feed(write(0))).toEqual([]);
    expect(p.feed(write(1)).map((h) => h.title)).toEqual(['Many writes']);
    const hits = p.feed(stop(2));
    expect(hits.map((h) => [h.title, h.level])).toEqual([['Many writes then a stop', 'critical']]);
    expect(p.correlator.correlationOnly).toEqual(new Set(['modbus_write', 'many_writes', 'plc_stop']));
  });

  test('a window decided at its close feeds the correlations that reference it', () => {
    const p = pipeline(`title: Quiet writer
name: quiet_writer
correlation:
  type: event_count
  rules: [modbus_write]
  group-by: [source.ip]
  timespan: 5m
  condition: {lt: 2}
---
title: Quiet writer then a stop
correlation:
  type: temporal_ordered
  rules: [quiet_writer, plc_stop]
  group-by: [source.ip]
  timespan: 10m
`);
    expect(p.feed(write(0))).toEqual([]);
    // The stop at minute 6 closes the writer's window first (one write: fewer than two), then follows it.
    expect(p.feed(stop(6)).map((h) => h.title)).toEqual(['Quiet writer', 'Quiet writer then a stop']);
  });

  test('state is bounded by the timespan', () => {
    const p = pipeline(`title: Brute-force writes
correlation:
  type: event_count
  rules: [modbus_write]
  group-by: [source.ip]
  timespan: 1m
  condition: {gte: 1000}
`);
    for (let i = 0; i < 2000; i++) p.feed(icsEvent({ source: { ip: `10.1.${i >> 8}.${i & 255}` }, ics: { operation: 'write' } }, { time: at(Math.floor(i / 100), 0) }));
    // Twenty minutes of distinct talkers, one minute of state: the last two minutes' groups at most, plus
    // what arrived since the last sweep (every 256 hits).
    expect(p.correlator.groups()).toBeLessThanOrEqual(200 + 256);
    p.correlator.flush(at(30));
    expect(p.correlator.groups()).toBe(0);
  });

  test('references to unknown rules are reported when the rules are given', () => {
    const parsed = parseSigma(`title: c\ncorrelation:\n  type: event_count\n  rules: [nope]\n  timespan: 1m\n  condition: {gte: 1}\n`);
    const c = createCorrelator(parsed.correlations, { rules: [] });
    expect(c.problems[0]).toMatchObject({ message: expect.stringMatching(/nope/), line: 1, column: 1 });
  });
});
