import { describe, expect, it } from 'vitest';
import type { SensedEvent } from '../../sensing/index.js';
import { deviationsOf, POLL_STRIKES } from './deviations.js';
import { learn } from './learner.js';
import { buildModel, ItemAggregate } from './model.js';
import { factsOf, parseRange, type EventFacts } from './observe.js';
import type { PollState } from './runtime.js';

const T0 = Date.UTC(2026, 11, 7, 8);
function op(at: number, source: string, destination: string, fields: Partial<{ fn: string; operation: string; target: string; mac: string; count: number; lastAt: number }> = {}): EventFacts {
  const event: SensedEvent = {
    id: `e-${at}`,
    time: new Date(at).toISOString(),
    receivedAt: new Date(at).toISOString(),
    orgId: 'o',
    tlp: 'amber',
    sharedUpward: false,
    source: { type: 'sensor', id: 's', name: 's' },
    kind: 'operation',
    severity: 'info',
    message: '',
    fields: {
      source: { ip: source, ...(fields.mac === undefined ? {} : { mac: fields.mac }) },
      destination: { ip: destination },
      ics: { protocol: 'modbus', operation: (fields.operation ?? 'read') as 'read', function: fields.fn ?? 'Read Holding Registers', target: fields.target ?? 'holding registers 0-9' },
      ...(fields.count === undefined ? {} : { labels: { count: String(fields.count), last_time: new Date(fields.lastAt ?? at).toISOString() } }),
    },
    assets: {},
    raw: null,
    rawTruncated: false,
    origin: {},
  };
  return factsOf(event) as EventFacts;
}

/** A baseline learnt from one HMI polling a PLC every second for a minute (one folded record) and a few single polls. */
function learnt() {
  const agg = new ItemAggregate();
  const polling = new Map<string, PollState>();
  learn(agg, 'b', op(T0, '10.0.0.1', '10.0.0.2', { mac: '00:0c:29:00:00:01', count: 61, lastAt: T0 + 60_000 }), polling);
  for (let i = 1; i <= 5; i++) learn(agg, 'b', op(T0 + 60_000 + i * 1000, '10.0.0.1', '10.0.0.2'), polling);
  return { model: buildModel([...agg.entries.values()]), polling };
}

describe('baseline deviations', () => {
  it('parses address ranges of the dissectors’ targets', () => {
    expect(parseRange('holding registers 100-109')).toMatchObject({ space: 'holding registers', lo: 100, hi: 109 });
    expect(parseRange('IOA 1001')).toMatchObject({ space: 'ioa', lo: 1001, hi: 1001 });
    expect(parseRange('DB1.DBX 0.0 x4')).toBeUndefined();
    expect(parseRange('12')).toBeUndefined();
  });

  it('learns the polling interval of folded operations and of consecutive ones', () => {
    const { model } = learnt();
    const poll = model.get('polling', '10.0.0.1>10.0.0.2|modbus|Read Holding Registers|holding registers 0-9');
    expect(poll).toMatchObject({ ivN: 65, ivMin: 1000, ivMax: 1000 });
  });

  it('raises the most general deviation only', () => {
    const { model, polling } = learnt();
    const kinds = (x: EventFacts) => deviationsOf(model, x, polling).map((f) => [f.kind, f.techniques.join(',')]);
    expect(kinds(op(T0 + 70_000, '10.0.0.9', '10.0.0.2', { fn: 'Write Single Register' }))).toEqual([['new-host', 'T0864']]);
    expect(kinds(op(T0 + 70_000, '10.0.0.2', '10.0.0.1'))).toEqual([['new-pair', 'T0886']]);
    expect(kinds(op(T0 + 70_000, '10.0.0.1', '10.0.0.2', { fn: 'Write Single Register', operation: 'write' }))).toEqual([['new-operation', 'T0855']]);
    expect(kinds(op(T0 + 70_000, '10.0.0.1', '10.0.0.2', { fn: 'Read Input Registers' }))).toEqual([['new-function', 'T0855']]);
    expect(kinds(op(T0 + 70_000, '10.0.0.1', '10.0.0.2', { mac: '00:0c:29:00:00:99' }))).toEqual([['host-mac', 'T0830']]);
    const range = deviationsOf(model, op(T0 + 71_000, '10.0.0.1', '10.0.0.2', { target: 'holding registers 5-40' }), polling);
    expect(range.map((f) => [f.kind, f.expected, f.seen])).toEqual([['new-range', 'holding registers 0-9', 'holding registers 5-40']]);
  });

  it('takes a single late poll as routine and consecutive fast polls as a change', () => {
    const { model, polling } = learnt();
    let at = T0 + 65_000;
    const next = (gap: number) => deviationsOf(model, op((at += gap), '10.0.0.1', '10.0.0.2'), polling).map((f) => f.kind);
    expect(next(1000)).toEqual([]);
    expect(next(9000)).toEqual([]);
    expect(next(1000)).toEqual([]);
    const fast = Array.from({ length: POLL_STRIKES }, () => next(100));
    expect(fast).toEqual([[], [], ['polling']]);
  });
});
