// The Events and Sources pages' logic (web/src/pages/events, web/src/pages/sources): URL state, the query
// bar's suggestions and filters against the server's query language, the live list, the source form.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEventQuery, resolveField } from '../src/modules/sensing/query-language.js';
import {
  addFilter,
  applySuggestion,
  endpointText,
  eventsLink,
  eventsSearch,
  fieldLines,
  fieldSuggestions,
  mergeTail,
  queryFields,
  rangeBounds,
  rangeOfBuckets,
  readEventsState,
  type EventsState,
} from '../web/src/pages/events/events-model.js';
import { sourceConfig, sourceDefaults, sourceInput, sourceSchema } from '../web/src/pages/sources/source-form-model.js';
import { ratePerSecond, sensorHealth } from '../web/src/pages/sources/sources-model.js';

const stateArb: fc.Arbitrary<EventsState> = fc.record({
  query: fc.string({ maxLength: 40 }).map((q) => q.trim()),
  range: fc.oneof(
    fc.constantFrom('15m', '1h', '24h', '7d').map((preset) => ({ kind: 'preset' as const, preset })),
    fc
      .tuple(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 1, max: 1e10 }))
      .map(([from, span]) => ({ kind: 'custom' as const, from: new Date(from).toISOString(), to: new Date(from + span).toISOString() })),
  ),
});

describe('events URL state', () => {
  it('reads back every state it writes', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        expect(readEventsState(new URLSearchParams(eventsSearch(state)))).toEqual(state);
      }),
    );
  });

  it('falls back to the last 24 hours on a broken or reversed range, and keeps the default out of links', () => {
    expect(readEventsState(new URLSearchParams('q=x&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z')).range).toEqual({ kind: 'preset', preset: '24h' });
    expect(readEventsState(new URLSearchParams('range=5y')).range).toEqual({ kind: 'preset', preset: '24h' });
    expect(eventsLink('')).toBe('/events');
    expect(eventsLink('asset:a1', { kind: 'preset', preset: '7d' })).toBe('/events?q=asset%3Aa1&range=7d');
    expect(rangeBounds({ kind: 'preset', preset: '15m' })).toEqual({ from: 'now-15m', to: 'now' });
  });

  it('turns brushed histogram buckets into a range that ends where the last bucket ends', () => {
    expect(rangeOfBuckets('2026-12-07T10:00:00.000Z', '2026-12-07T10:30:00.000Z', 1800)).toEqual({ kind: 'custom', from: '2026-12-07T10:00:00.000Z', to: '2026-12-07T11:00:00.000Z' });
  });
});

describe('query bar', () => {
  it('suggests only fields the server query language knows', () => {
    for (const f of queryFields) expect(typeof resolveField(f.name), f.name).toBe('object');
  });

  it('suggests by prefix as one types, keeps a minus, and stops after the colon', () => {
    expect(fieldSuggestions('source.i', 8).map((s) => s.name)).toEqual(['source.ip']);
    expect(fieldSuggestions('kind:alert ics.op', 17).map((s) => s.name)).toEqual(['ics.operation']);
    expect(fieldSuggestions('ics.operation:', 14)).toEqual([]);
    expect(fieldSuggestions('', 0)).toEqual([]);
    expect(applySuggestion('kind:alert -ics.op', 18, 'ics.operation')).toEqual({ text: 'kind:alert -ics.operation:', caret: 26 });
    expect(applySuggestion('sev x', 3, 'severity')).toEqual({ text: 'severity: x', caret: 9 });
  });

  it('adds a filter the server parses back to the same value, whatever the value', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), (value) => {
        const parsed = parseEventQuery(addFilter('modbus', 'host.name', value));
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        const clause = parsed.query.clauses[1];
        expect(clause?.type).toBe('field');
        if (clause?.type !== 'field') return;
        expect(clause.field).toBe('host.name');
        expect(clause.values.map((v) => v.text)).toEqual([value]);
        expect(clause.values[0]?.prefix).toBe(false);
      }),
      { numRuns: 500 },
    );
    expect(addFilter('protocol:modbus', 'protocol', 'modbus')).toBe('protocol:modbus');
    expect(addFilter('', 'action', 'stop', true)).toBe('-action:stop');
  });
});

describe('live tail list', () => {
  const ev = (id: string, time: string) => ({ id, time });
  it('puts new events on top, never twice, and keeps at most the bound', () => {
    const shown = [ev('b', '2026-01-01T00:00:02Z'), ev('a', '2026-01-01T00:00:01Z')];
    const merged = mergeTail(shown, [ev('c', '2026-01-01T00:00:03Z'), ev('b', '2026-01-01T00:00:02Z'), ev('d', '2026-01-01T00:00:04Z')], 3);
    expect(merged.map((e) => e.id)).toEqual(['d', 'c', 'b']);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.integer({ min: 0, max: 9 }))), fc.integer({ min: 1, max: 5 }), (items, max) => {
        const list = mergeTail([], items.map(([id, s]) => ev(id, `2026-01-01T00:00:0${s}Z`)), max);
        expect(list.length).toBeLessThanOrEqual(max);
        expect(new Set(list.map((e) => e.id)).size).toBe(list.length);
      }),
    );
  });
});

describe('event detail', () => {
  it('lists nested fields as a tree and writes endpoints with their port', () => {
    const fields = { source: { ip: '10.20.2.21', port: 49152 }, ics: { protocol: 'modbus', unit: 1 }, event: { category: ['network', 'ics'] } };
    expect(fieldLines(fields)).toEqual([
      { path: 'source', key: 'source', depth: 0 },
      { path: 'source.ip', key: 'ip', depth: 1, value: '10.20.2.21' },
      { path: 'source.port', key: 'port', depth: 1, value: '49152' },
      { path: 'ics', key: 'ics', depth: 0 },
      { path: 'ics.protocol', key: 'protocol', depth: 1, value: 'modbus' },
      { path: 'ics.unit', key: 'unit', depth: 1, value: '1' },
      { path: 'event', key: 'event', depth: 0 },
      { path: 'event.category', key: 'category', depth: 1, value: 'network, ics' },
    ]);
    expect(endpointText(fields, 'source')).toBe('10.20.2.21:49152');
    expect(endpointText({ destination: { mac: '00:1b:1b:6c:01:0c' } }, 'destination')).toBe('00:1b:1b:6c:01:0c');
    expect(endpointText({}, 'source')).toBe('');
  });
});

describe('source form', () => {
  const values = (over: Partial<ReturnType<typeof sourceDefaults>>) => ({ ...sourceDefaults(null), name: 'plant-switches', ...over });

  it('asks for what each type needs, and only that', () => {
    expect(sourceSchema.safeParse(values({})).success).toBe(true);
    const badPort = sourceSchema.safeParse(values({ port: '70000' }));
    expect(badPort.success ? [] : badPort.error.issues.map((i) => i.path.join('.'))).toEqual(['port']);
    const tls = sourceSchema.safeParse(values({ protocol: 'tls' }));
    expect(tls.success ? [] : tls.error.issues.map((i) => i.path.join('.')).sort()).toEqual(['certFile', 'keyFile']);
    const mqtt = sourceSchema.safeParse(values({ type: 'mqtt', brokerUrl: 'mqtt://user:pw@broker', topics: '', payload: 'json' }));
    expect(mqtt.success ? [] : mqtt.error.issues.map((i) => i.path.join('.')).sort()).toEqual(['brokerUrl', 'topics', 'valuePath']);
    const zeek = sourceSchema.safeParse(values({ type: 'zeek', port: 'not checked for files' }));
    expect(zeek.success ? [] : zeek.error.issues.map((i) => i.path.join('.'))).toEqual(['path']);
  });

  it('sends the config of the chosen type and keeps settings the form does not show', () => {
    expect(sourceInput(values({ port: '5514' }))).toEqual({ type: 'syslog', name: 'plant-switches', config: { protocol: 'udp', port: 5514 }, enabled: true, tlp: 'amber' });
    expect(sourceConfig(values({ type: 'mqtt', topics: 'spBv1.0/#, plant/+/t', payload: 'auto' }))).toEqual({ brokerUrl: 'mqtt://127.0.0.1:1883', topics: ['spBv1.0/#', 'plant/+/t'], payload: 'auto' });
    const before = { protocol: 'udp' as const, port: 514, senders: [{ range: '10.0.0.0/8', orgId: 'o1' }] };
    expect(sourceConfig(values({ port: '5515' }), before)).toEqual({ protocol: 'udp', port: 5515, senders: before.senders });
    expect(sourceConfig(values({ type: 'suricata', path: '/var/log/suricata/eve.json', follow: false }))).toEqual({ path: '/var/log/suricata/eve.json', follow: false });
  });

  it('derives a source’s rate from two readings, and none across a restart', () => {
    expect(ratePerSecond(undefined, { count: 10, atMs: 1000 })).toBeNull();
    expect(ratePerSecond({ count: 10, atMs: 1000 }, { count: 60, atMs: 6000 })).toBe(10);
    expect(ratePerSecond({ count: 60, atMs: 1000 }, { count: 5, atMs: 6000 })).toBeNull();
    expect(ratePerSecond({ count: 10, atMs: 1000 }, { count: 10, atMs: 1000 })).toBeNull();
  });

  it('calls a sensor silent after five minutes without contact', () => {
    const s = { revokedAt: null, lastContactAt: '2026-01-01T00:00:00Z' } as Parameters<typeof sensorHealth>[0];
    expect(sensorHealth(s, Date.parse('2026-01-01T00:04:00Z'))).toBe('online');
    expect(sensorHealth(s, Date.parse('2026-01-01T00:06:00Z'))).toBe('silent');
    expect(sensorHealth({ ...s, lastContactAt: null }, 0)).toBe('waiting');
    expect(sensorHealth({ ...s, revokedAt: '2026-01-01T00:00:00Z' }, 0)).toBe('revoked');
  });
});
