import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type Person, type World } from '../../../../test/support/fixture.js';
import type { IntelObjectDetail, IntelObjectPage } from '../../intel/index.js';
import type { Alert } from '../types.js';
import { orgIdentityId } from './sightings.js';

const NDJSON = { 'content-type': 'application/x-ndjson' };
const STIX = { 'content-type': 'application/stix+json;version=2.1' };
let serial = 0;
const uuid = (n: number) => `6c0d4b1e-${String(n).padStart(4, '0')}-4000-8000-0000000000${String(n).padStart(2, '0')}`;

/** A flow from a plant host to `dst`. */
const flow = (dst: string, time: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id: `ind-${(serial += 1)}-${Math.random().toString(36).slice(2, 8)}`, time, kind: 'flow', severity: 'info', message: `flow to ${dst}`, fields: { source: { ip: '10.1.0.5', port: 50000 }, destination: { ip: dst, port: 4444 }, network: { transport: 'tcp' }, ...extra } });

const indicator = (n: number, pattern: string, extra: Record<string, unknown> = {}) => ({
  type: 'indicator', spec_version: '2.1', id: `indicator--${uuid(n)}`, created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z',
  name: `Indicator ${n}`, pattern, pattern_type: 'stix', valid_from: '2026-01-01T00:00:00Z', ...extra,
});

// STIX indicators in the intelligence store against the event stream, through the real detector and
// store, on both backends: alerts, sightings written back, visibility, and incremental reload.
describe.each(['pglite', 'postgres'] as const)('indicator stage (%s)', (backend) => {
  let w: World;

  async function importObjects(person: Person, objects: unknown[], query = '?tlp=green&sharedUpward=true'): Promise<void> {
    const r = await w.request(person, 'POST', `/api/v1/intel/imports${query}`, JSON.stringify({ type: 'bundle', id: `bundle--${uuid(90 + (serial++ % 9))}`, objects }), STIX);
    expect(r.statusCode, r.body).toBe(200);
    expect((r.json() as { invalid: number }).invalid, r.body).toBe(0);
    await w.services.detection.indicators?.refresh();
  }

  async function send(person: Person, lines: string[], query = ''): Promise<void> {
    const r = await w.request(person, 'POST', `/api/v1/events${query}`, lines.join('\n'), NDJSON);
    expect(r.statusCode, r.body).toBeLessThan(300);
    await w.services.sensing.ingest.flush();
    await w.services.detection.detector.idle();
  }

  const alertsOf = async (person: Person, ruleId: string): Promise<Alert[]> => {
    const r = await w.request(person, 'GET', `/api/v1/alerts?ruleId=${encodeURIComponent(ruleId)}`);
    expect(r.statusCode, r.body).toBe(200);
    return (r.json() as { items: Alert[] }).items;
  };

  beforeAll(async () => {
    w = await createWorld(backend, { bodyLimit: 1024 * 1024 });
    w.services.detection.start(w.services.sensing.bus);
  });
  afterAll(async () => {
    await w?.services.detection.stop();
    await w?.close();
  });

  it('raises an alert with the indicated technique and writes one aggregated sighting, shared upward', async () => {
    const ind = indicator(1, "[ipv4-addr:value = '203.0.113.7']", { kill_chain_phases: [{ kill_chain_name: 'mitre-ics-attack', phase_name: 'lateral-movement' }] });
    const pattern = { type: 'attack-pattern', spec_version: '2.1', id: `attack-pattern--${uuid(2)}`, created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', name: 'Program Download', external_references: [{ source_name: 'mitre-ics-attack', external_id: 'T0843' }] };
    const rel = { type: 'relationship', spec_version: '2.1', id: `relationship--${uuid(3)}`, created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', relationship_type: 'indicates', source_ref: ind.id, target_ref: pattern.id };
    await importObjects(w.people.analystE1, [ind, pattern, rel]);
    await send(w.people.analystE1, [flow('203.0.113.7', '2026-12-07T10:00:00.000Z'), flow('203.0.113.7', '2026-12-07T10:05:00.000Z'), flow('198.51.100.1', '2026-12-07T10:06:00.000Z')], '?tlp=green&sharedUpward=true');

    const [alert, ...more] = await alertsOf(w.people.analystE1, `indicator:${ind.id}`);
    expect(more).toEqual([]);
    expect(alert).toMatchObject({ count: 2, level: 'high', techniques: ['T0843'], entity: 'ip:203.0.113.7', firstSeen: '2026-12-07T10:00:00.000Z', lastSeen: '2026-12-07T10:05:00.000Z' });
    expect(alert?.selections).toEqual(expect.arrayContaining([`indicator:${ind.id}`, 'kill-chain:mitre-ics-attack:lateral-movement']));

    expect(await w.services.detection.indicators?.flushSightings()).toBe(1);
    const page = (await w.request(w.people.analystP, 'GET', '/api/v1/intel/objects?type=sighting')).json() as IntelObjectPage;
    const sighting = page.items.find((s) => s.sourceRef === ind.id && s.orgId === w.orgs.E1);
    expect(sighting, JSON.stringify(page.items)).toBeDefined();
    const detail = (await w.request(w.people.analystE1, 'GET', `/api/v1/intel/objects/${sighting?.id}`)).json() as IntelObjectDetail;
    expect(detail.object).toMatchObject({ sighting_of_ref: ind.id, where_sighted_refs: [orgIdentityId(w.orgs.E1)], count: 2, first_seen: '2026-12-07T10:00:00.000Z', last_seen: '2026-12-07T10:05:00.000Z' });

    // More hits in the same window: a new version of the same sighting, not a second one.
    await send(w.people.analystE1, [flow('203.0.113.7', '2026-12-07T10:20:00.000Z')], '?tlp=green&sharedUpward=true');
    expect(await w.services.detection.indicators?.flushSightings()).toBe(1);
    const again = (await w.request(w.people.analystE1, 'GET', `/api/v1/intel/objects/${sighting?.id}`)).json() as IntelObjectDetail;
    expect(again.object).toMatchObject({ count: 3, last_seen: '2026-12-07T10:20:00.000Z' });
    expect(again.versions).toHaveLength(2);
  });

  it('matches an organisation’s events only against indicators it may see', async () => {
    // E1's indicator at AMBER+STRICT stays in E1: P's events do not match it, nor do sibling E2's.
    const strict = indicator(4, "[domain-name:value = 'c2.strict.example']");
    await importObjects(w.people.analystE1, [strict], '?tlp=amber%2Bstrict&sharedUpward=true');
    const shared = indicator(5, "[network-traffic:dst_port = 47808 AND network-traffic:dst_ref.value = '192.0.2.99']");
    await importObjects(w.people.analystE1, [shared]);
    const dns = (time: string) => flow('10.9.9.9', time, { dns: { question: { name: 'c2.strict.example' } } });
    const bacnet = (time: string) => JSON.stringify({ id: `ind-${(serial += 1)}`, time, kind: 'flow', severity: 'info', message: 'bacnet', fields: { source: { ip: '10.1.0.6' }, destination: { ip: '192.0.2.99', port: 47808 }, network: { transport: 'udp' } } });
    await send(w.people.analystE2, [dns('2026-12-07T11:00:00.000Z'), bacnet('2026-12-07T11:00:01.000Z')]);
    await send(w.people.analystP, [dns('2026-12-07T11:00:00.000Z'), bacnet('2026-12-07T11:00:01.000Z')]);
    await send(w.people.analystE1, [dns('2026-12-07T11:00:00.000Z')]);

    expect((await alertsOf(w.people.analystE1, `indicator:${strict.id}`)).map((a) => a.orgId)).toEqual([w.orgs.E1]);
    expect((await alertsOf(w.people.adminE2, `indicator:${shared.id}`)).filter((a) => a.orgId === w.orgs.E2)).toEqual([]);
    // Shared upward at GREEN: the parent's own events match its child's indicator.
    expect((await alertsOf(w.people.analystP, `indicator:${shared.id}`)).map((a) => a.orgId)).toEqual([w.orgs.P]);
    expect((await alertsOf(w.people.analystP, `indicator:${strict.id}`)).filter((a) => a.orgId === w.orgs.P)).toEqual([]);
  });

  it('follows changes without a restart or a rebuild: new, revoked and expired indicators', async () => {
    const stage = w.services.detection.indicators;
    const before = stage?.stats();
    const fresh = indicator(6, "[url:value = 'http://203.0.113.50/payload.bin'] OR [file:hashes.'SHA-256' = 'aa11bb22cc33dd44ee55ff6677889900aa11bb22cc33dd44ee55ff6677889900']");
    const expired = indicator(7, "[ipv4-addr:value = '203.0.113.51']", { valid_until: '2026-06-01T00:00:00Z' });
    await importObjects(w.people.analystE1, [fresh, expired]);
    expect(stage?.stats().indicators).toBe((before?.indicators ?? 0) + 2);
    const hashed = (time: string) => flow('10.9.9.10', time, { file: { name: 'payload.bin', hash: { sha256: 'AA11BB22CC33DD44EE55FF6677889900AA11BB22CC33DD44EE55FF6677889900' } } });
    await send(w.people.analystE1, [hashed('2026-12-07T12:00:00.000Z'), flow('203.0.113.51', '2026-12-07T12:00:00.000Z')]);
    expect(await alertsOf(w.people.analystE1, `indicator:${fresh.id}`)).toHaveLength(1);
    expect(await alertsOf(w.people.analystE1, `indicator:${expired.id}`)).toEqual([]);

    // Revoked: a new version, read incrementally; the next events no longer match it.
    await importObjects(w.people.analystE1, [{ ...fresh, modified: '2026-02-01T00:00:00.000Z', revoked: true }]);
    expect(stage?.stats().indicators).toBe((before?.indicators ?? 0) + 1);
    await send(w.people.analystE1, [hashed('2026-12-07T12:30:00.000Z')]);
    expect((await alertsOf(w.people.analystE1, `indicator:${fresh.id}`))[0]?.count).toBe(1);
    expect(stage?.stats().reloads).toBe(before?.reloads);
  });
});
