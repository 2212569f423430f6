import { describe, expect, it } from 'vitest';
import { canonicalJson, eventId } from './event-id.js';
import { hotColumns, normalizeDrafts, normalizeTime } from './normalize.js';
import { context, drafts } from './test-support.js';
import { RAW_LIMIT, type EventDraft } from './types.js';

const org = { path: '/p/c/', byIp: new Map([['10.0.0.1', 'plc']]), byMac: new Map([['00:11:22:33:44:55', 'hmi']]) };
const NOW = Date.parse('2026-12-07T12:00:00Z');

describe('event ids', () => {
  it('are the same for the same content, whatever the key order, and differ by organisation and content', () => {
    const a: EventDraft = { time: '', kind: 'log', severity: 'info', message: 'm', fields: { source: { ip: '1.2.3.4', port: 1 }, labels: { x: '1' } } };
    const b: EventDraft = { ...a, fields: { labels: { x: '1' }, source: { port: 1, ip: '1.2.3.4' } } };
    const t = '2026-12-07T10:00:00.000000Z';
    expect(eventId('o1', 'syslog', t, a)).toBe(eventId('o1', 'syslog', t, b));
    expect(eventId('o1', 'syslog', t, a)).toMatch(/^[0-9a-f]{32}$/);
    // ids lead with the event's second, so close events sort together in the primary key
    expect(eventId('o1', 'syslog', t, a).slice(0, 8)).toBe((Date.parse(t) / 1000).toString(16));
    expect(eventId('o1', 'syslog', '2026-12-07T10:00:01.000000Z', a) > eventId('o1', 'syslog', t, { ...a, message: 'zzz' })).toBe(true);
    expect(eventId('o2', 'syslog', t, a)).not.toBe(eventId('o1', 'syslog', t, a));
    expect(eventId('o1', 'zeek', t, a)).not.toBe(eventId('o1', 'syslog', t, a));
    expect(eventId('o1', 'syslog', t, { ...a, message: 'n' })).not.toBe(eventId('o1', 'syslog', t, a));
    expect(eventId('o1', 'syslog', t, { ...a, id: 'mine' })).toBe('mine');
    expect(canonicalJson({ b: [1, undefined, { d: 1, c: 2 }], a: undefined })).toBe('{"b":[1,null,{"c":2,"d":1}]}');
  });

  it('agree across offsets that name the same instant', () => {
    const [d] = drafts(1);
    const utc = normalizeDrafts(context('o'), [{ ...d!, time: '2026-12-07T10:00:00Z' }], org, NOW).events[0];
    const cst = normalizeDrafts(context('o'), [{ ...d!, time: '2026-12-07T18:00:00+08:00' }], org, NOW).events[0];
    expect(utc?.id).toBe(cst?.id);
    expect(utc?.time).toBe('2026-12-07T10:00:00.000000Z');
  });
});

describe('normalizeTime', () => {
  it('keeps microseconds, reads offsets in every ISO form, assumes UTC without one', () => {
    expect(normalizeTime('2026-12-07T10:00:00.123456Z')?.iso).toBe('2026-12-07T10:00:00.123456Z');
    expect(normalizeTime('2026-12-07 10:00:00.1+0100')?.iso).toBe('2026-12-07T09:00:00.100000Z');
    expect(normalizeTime('2026-12-07T10:00+05')?.iso).toBe('2026-12-07T05:00:00.000000Z');
    expect(normalizeTime('2026-12-07T10:00:00')?.iso).toBe('2026-12-07T10:00:00.000000Z');
    expect(normalizeTime('2026-12-07T01:00:00-03:30')?.iso).toBe('2026-12-07T04:30:00.000000Z');
    expect(normalizeTime('2026-12-31T23:30:00.5-0100')).toEqual({ iso: '2027-01-01T00:30:00.500000Z', ms: Date.parse('2027-01-01T00:30:00.500Z') });
    for (const bad of ['', 'yesterday', '2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-12-07T24:00:00Z', '1969-12-31T23:59:59Z', '1733570000']) expect(normalizeTime(bad)).toBeUndefined();
  });
});

describe('normalizeDrafts', () => {
  it('bounds raw text, clips a clock far ahead, copies the hot columns and resolves assets', () => {
    const [d] = drafts(1);
    const result = normalizeDrafts(
      context('o'),
      [
        { ...d!, raw: 'x'.repeat(RAW_LIMIT + 10), fields: { source: { ip: '10.0.0.1' }, destination: { mac: '00-11-22-33-44-55', ip: 'fe80::1%eth0', port: 70000 }, event: { action: 'login' } } },
        { ...d!, time: '2027-12-07T00:00:00Z', severity: 'apocalyptic' as never },
      ],
      org,
      NOW,
    );
    const [first, second] = result.events;
    expect(first?.raw).toHaveLength(RAW_LIMIT);
    expect(first?.rawTruncated).toBe(true);
    expect(first?.assets).toEqual({ source: 'plc', destination: 'hmi' });
    expect(hotColumns(first!)).toEqual({ sourceIp: '10.0.0.1', sourcePort: null, destinationIp: 'fe80::1', destinationPort: null, protocol: null, action: 'login' });
    expect(second?.time).toBe('2026-12-07T12:00:00.000000Z');
    expect(second?.severity).toBe('info');
    expect(second?.rawTruncated).toBe(false);
    expect(hotColumns({ fields: { ics: { protocol: 's7comm', operation: 'stop' }, network: { protocol: 'tcp' }, event: { action: 'x' } } })).toMatchObject({ protocol: 's7comm', action: 'stop' });
  });
});
