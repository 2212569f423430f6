import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, errorOf, type Person, type World } from '../../../test/support/fixture.js';
import type { Alert, AlertDetail, DetectionRule, Suppression } from './types.js';

const writeRule = (id: string, extra = '') => `title: Modbus register write ${id}
id: ${id}
status: test
level: high
tags:
  - attack.t0836
logsource:
  product: ics
  category: modbus
detection:
  selection:
    ics.function: Write Single Register
  condition: selection
${extra}`;

const NDJSON = { 'content-type': 'application/x-ndjson' };
let serial = 0;
/** A Modbus write to `dst` at `time` (or a read, which no rule matches). */
const modbus = (dst: string, time: string, fn = 'Write Single Register') =>
  JSON.stringify({ id: `det-${(serial += 1)}-${Math.random().toString(36).slice(2, 8)}`, time, kind: 'operation', severity: 'info', message: `${fn} to ${dst}`, fields: { source: { ip: '10.0.0.5' }, destination: { ip: dst, port: 502 }, ics: { protocol: 'modbus', operation: 'write', function: fn } } });

// Events through the sensing bus into alerts, on both backends: deduplication by rule and entity within
// the window, suppressions, the status lifecycle and who sees what.
describe.each(['pglite', 'postgres'] as const)('detection (%s)', (backend) => {
  let w: World;
  let rule: DetectionRule;

  async function send(person: Person, lines: string[], query = ''): Promise<void> {
    const r = await w.request(person, 'POST', `/api/v1/events${query}`, lines.join('\n'), NDJSON);
    expect(r.statusCode, r.body).toBeLessThan(300);
    await w.services.sensing.ingest.flush();
    await w.services.detection.detector.idle();
  }

  const alerts = async (person: Person, query = ''): Promise<Alert[]> => {
    const r = await w.request(person, 'GET', `/api/v1/alerts${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return (r.json() as { items: Alert[] }).items;
  };

  beforeAll(async () => {
    w = await createWorld(backend, { bodyLimit: 1024 * 1024 });
    w.services.detection.start(w.services.sensing.bus);
    const r = await w.request(w.people.analystE1, 'POST', '/api/v1/rules', { text: writeRule('6b1f7a1e-0000-4000-8000-000000000001'), file: 'write.yml' });
    expect(r.statusCode, r.body).toBe(201);
    rule = (r.json() as { rules: DetectionRule[] }).rules[0] as DetectionRule;
  });
  afterAll(async () => {
    await w?.services.detection.stop();
    await w?.close();
  });

  it('raises one alert per rule and entity with a count, not one per event', async () => {
    const t = '2026-12-07T10:00:00.000Z';
    const lines = [...Array.from({ length: 5 }, (_, i) => modbus('10.0.0.9', `2026-12-07T10:0${i}:00.000Z`)), modbus('10.0.0.10', t), modbus('10.0.0.9', t, 'Read Holding Registers')];
    await send(w.people.analystE1, lines);
    const list = await alerts(w.people.viewerE1, `?ruleId=${rule.id}`);
    expect(list.map((a) => [a.entity, a.count]).sort()).toEqual([['ip:10.0.0.10', 1], ['ip:10.0.0.9', 5]]);
    const nine = list.find((a) => a.entity === 'ip:10.0.0.9') as Alert;
    expect(nine).toMatchObject({ status: 'new', severity: 'high', level: 'high', techniques: ['T0836'], firstSeen: '2026-12-07T10:00:00.000Z', lastSeen: '2026-12-07T10:04:00.000Z', tlp: 'amber', sharedUpward: false });
    expect(nine.eventIds).toHaveLength(5);
    // More hits within the window add to the same alert.
    await send(w.people.analystE1, [modbus('10.0.0.9', '2026-12-07T10:30:00.000Z'), modbus('10.0.0.9', '2026-12-07T10:31:00.000Z')]);
    const again = (await alerts(w.people.viewerE1, `?ruleId=${rule.id}`)).filter((a) => a.entity === 'ip:10.0.0.9');
    expect(again.map((a) => [a.id, a.count])).toEqual([[nine.id, 7]]);
    // Past the window (1 h after the last hit): a new alert.
    await send(w.people.analystE1, [modbus('10.0.0.9', '2026-12-07T12:00:00.000Z')]);
    const later = (await alerts(w.people.viewerE1, `?ruleId=${rule.id}`)).filter((a) => a.entity === 'ip:10.0.0.9');
    expect(later.map((a) => a.count).sort()).toEqual([1, 7]);
    const detail = (await w.request(w.people.viewerE1, 'GET', `/api/v1/alerts/${nine.id}`)).json() as AlertDetail;
    expect(detail.events).toHaveLength(7);
    expect((await w.request(w.people.viewerE1, 'GET', `/api/v1/rules/${rule.id}`)).json()).toMatchObject({ hitCount: 9 });
  });

  it('filters by technique, status and severity, and pages by key', async () => {
    expect((await alerts(w.people.viewerE1, '?technique=T0836')).length).toBeGreaterThanOrEqual(3);
    expect(await alerts(w.people.viewerE1, '?technique=T0843')).toEqual([]);
    expect(await alerts(w.people.viewerE1, '?severity=critical')).toEqual([]);
    const first = (await w.request(w.people.viewerE1, 'GET', '/api/v1/alerts?limit=1')).json() as { items: Alert[]; next: string };
    const second = (await w.request(w.people.viewerE1, 'GET', `/api/v1/alerts?limit=1&cursor=${first.next}`)).json() as { items: Alert[] };
    expect(first.items).toHaveLength(1);
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    expect((await w.request(w.people.viewerE1, 'GET', '/api/v1/alerts?cursor=nonsense')).statusCode).toBe(400);
  });

  it('holds back suppressed hits and counts them', async () => {
    const made = await w.request(w.people.analystE1, 'POST', '/api/v1/alert-suppressions', { ruleId: rule.id, entity: 'ip:10.0.0.77', reason: 'maintenance laptop' });
    expect(made.statusCode, made.body).toBe(201);
    const suppression = made.json() as Suppression;
    await send(w.people.analystE1, [modbus('10.0.0.77', '2026-12-07T10:00:00.000Z'), modbus('10.0.0.77', '2026-12-07T10:01:00.000Z'), modbus('10.0.0.78', '2026-12-07T10:01:00.000Z')]);
    const entities = (await alerts(w.people.viewerE1)).map((a) => a.entity);
    expect(entities).toContain('ip:10.0.0.78');
    expect(entities).not.toContain('ip:10.0.0.77');
    expect((await w.request(w.people.viewerE1, 'GET', `/api/v1/alert-suppressions/${suppression.id}`)).json()).toMatchObject({ hitCount: 2 });
    // Removed: the next hit raises.
    expect((await w.request(w.people.analystE1, 'DELETE', `/api/v1/alert-suppressions/${suppression.id}`)).statusCode).toBe(204);
    await send(w.people.analystE1, [modbus('10.0.0.77', '2026-12-07T10:02:00.000Z')]);
    expect((await alerts(w.people.viewerE1)).map((a) => a.entity)).toContain('ip:10.0.0.77');
  });

  it('goes through its statuses with history and comments; a resolved alert is not added to', async () => {
    await send(w.people.analystE1, [modbus('10.0.0.50', '2026-12-07T10:00:00.000Z')]);
    const alert = (await alerts(w.people.viewerE1)).find((a) => a.entity === 'ip:10.0.0.50') as Alert;
    const ack = await w.request(w.people.analystE1, 'PATCH', `/api/v1/alerts/${alert.id}`, { status: 'acknowledged', assignee: 'analyst.e1' });
    expect(ack.json()).toMatchObject({ status: 'acknowledged', assignee: 'analyst.e1' });
    expect((await w.request(w.people.analystE1, 'POST', `/api/v1/alerts/${alert.id}/comments`, { body: 'engineer confirms a planned change' })).statusCode).toBe(201);
    // Acknowledged alerts keep counting.
    await send(w.people.analystE1, [modbus('10.0.0.50', '2026-12-07T10:05:00.000Z')]);
    expect((await w.request(w.people.viewerE1, 'GET', `/api/v1/alerts/${alert.id}`)).json()).toMatchObject({ count: 2 });
    expect((await w.request(w.people.viewerE1, 'PATCH', `/api/v1/alerts/${alert.id}`, { status: 'resolved' })).statusCode).toBe(403);
    expect((await w.request(w.people.analystE1, 'PATCH', `/api/v1/alerts/${alert.id}`, { status: 'resolved' })).statusCode).toBe(200);
    await send(w.people.analystE1, [modbus('10.0.0.50', '2026-12-07T10:06:00.000Z')]);
    const both = (await alerts(w.people.viewerE1)).filter((a) => a.entity === 'ip:10.0.0.50');
    expect(both.map((a) => [a.status, a.count]).sort()).toEqual([['new', 1], ['resolved', 2]]);
    const detail = (await w.request(w.people.viewerE1, 'GET', `/api/v1/alerts/${alert.id}`)).json() as AlertDetail;
    expect(detail.history.map((h) => [h.fromStatus, h.toStatus])).toEqual([['new', 'acknowledged'], ['acknowledged', 'resolved']]);
    expect(detail.comments.map((c) => c.body)).toEqual(['engineer confirms a planned change']);
    // Bulk: every id must be the caller's to change.
    const fresh = both.find((a) => a.status === 'new') as Alert;
    expect((await w.request(w.people.analystE1, 'POST', '/api/v1/alerts/bulk', { ids: [fresh.id], status: 'false_positive' })).json()).toEqual({ updated: 1 });
    expect((await w.request(w.people.analystE2, 'POST', '/api/v1/alerts/bulk', { ids: [fresh.id], status: 'resolved' })).statusCode).toBe(404);
  });

  it('shows alerts to their organisation, and above only when shared upward with a TLP that travels', async () => {
    await send(w.people.analystE1, [modbus('10.0.0.60', '2026-12-07T10:00:00.000Z')], '?tlp=green&sharedUpward=true');
    const mine = await alerts(w.people.viewerE1);
    const shared = mine.find((a) => a.entity === 'ip:10.0.0.60') as Alert;
    const kept = mine.find((a) => a.entity === 'ip:10.0.0.10') as Alert;
    expect(shared).toMatchObject({ tlp: 'green', sharedUpward: true });
    expect(await alerts(w.people.analystE2)).toEqual([]);
    expect((await w.request(w.people.analystE2, 'GET', `/api/v1/alerts/${kept.id}`)).statusCode).toBe(404);
    expect((await w.request(w.people.adminE2, 'PATCH', `/api/v1/alerts/${kept.id}`, { status: 'resolved' })).statusCode).toBe(404);
    expect((await w.request(w.people.analystP, 'GET', `/api/v1/alerts/${shared.id}`)).statusCode).toBe(200);
    expect((await w.request(w.people.analystP, 'GET', `/api/v1/alerts/${kept.id}`)).statusCode).toBe(404);
    expect((await w.request(w.people.viewerP, 'GET', `/api/v1/alerts/${shared.id}`)).statusCode).toBe(404);
    // Seen from above is not writable from above.
    expect((await w.request(w.people.analystP, 'PATCH', `/api/v1/alerts/${shared.id}`, { status: 'resolved' })).statusCode).toBe(403);
    // E1's rule does not run on E2's events; E2 does not see E1's rule.
    await send(w.people.analystE2, [modbus('10.0.0.9', '2026-12-07T10:00:00.000Z')]);
    expect(await alerts(w.people.analystE2)).toEqual([]);
    expect((await w.request(w.people.analystE2, 'GET', `/api/v1/rules/${rule.id}`)).statusCode).toBe(404);
  });

  it('runs platform rules on every organisation; disabling a rule takes effect without a restart', async () => {
    const text = writeRule('6b1f7a1e-0000-4000-8000-000000000002').replace('Write Single Register', 'Write Multiple Registers');
    expect((await w.request(w.people.adminP, 'POST', '/api/v1/rules', { text, platform: true })).statusCode).toBe(403);
    const made = await w.request(w.people.adminN, 'POST', '/api/v1/rules', { text, platform: true });
    expect(made.statusCode, made.body).toBe(201);
    const platform = (made.json() as { rules: DetectionRule[] }).rules[0] as DetectionRule;
    expect(platform.orgId).toBeNull();
    await send(w.people.analystE2, [modbus('10.9.0.1', '2026-12-07T10:00:00.000Z', 'Write Multiple Registers')]);
    expect((await alerts(w.people.analystE2)).map((a) => a.ruleId)).toEqual([platform.id]);
    expect((await w.request(w.people.analystE1, 'PATCH', `/api/v1/rules/${platform.id}`, { enabled: false })).statusCode).toBe(403);
    expect((await w.request(w.people.adminN, 'PATCH', `/api/v1/rules/${platform.id}`, { enabled: false })).json()).toMatchObject({ enabled: false });
    await send(w.people.analystE2, [modbus('10.9.0.2', '2026-12-07T10:00:00.000Z', 'Write Multiple Registers')]);
    expect((await alerts(w.people.analystE2)).map((a) => a.entity)).toEqual(['ip:10.9.0.1']);
  });

  it('imports a known Sigma id as a new version, and refuses a wrong rule with line and column', async () => {
    const again = await w.request(w.people.analystE1, 'POST', '/api/v1/rules', { text: writeRule(rule.sigmaId).replace('level: high', 'level: critical') });
    expect(again.json()).toMatchObject({ created: 0, updated: 1, rules: [{ id: rule.id, version: 2, level: 'critical' }] });
    const same = await w.request(w.people.analystE1, 'POST', '/api/v1/rules', { text: writeRule(rule.sigmaId).replace('level: high', 'level: critical') });
    expect(same.json()).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    const bad = writeRule('6b1f7a1e-0000-4000-8000-000000000003').replace('condition: selection', 'condition: selection and nothing');
    const refused = await w.request(w.people.analystE1, 'POST', '/api/v1/rules', { text: bad });
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).details[0]?.message).toMatch(/^line 13, column 28: unknown selection/);
    const validated = (await w.request(w.people.viewerE1, 'POST', '/api/v1/rules/validate', { text: bad })).json() as { valid: boolean; problems: { line: number }[] };
    expect(validated.valid).toBe(false);
    expect(validated.problems[0]).toMatchObject({ line: 13, column: 28 });
    expect((await w.request(w.people.viewerE1, 'POST', '/api/v1/rules', { text: writeRule('x') })).statusCode).toBe(403);
  });

  it('tests a rule against posted events without storing anything', async () => {
    const events = [modbus('10.0.0.1', '2026-12-07T10:00:00.000Z'), modbus('10.0.0.1', '2026-12-07T10:00:00.000Z', 'Read Coils'), modbus('10.0.0.2', '2026-12-07T10:00:00.000Z')].join('\n');
    const before = (await alerts(w.people.viewerE1)).length;
    const r = await w.request(w.people.viewerE1, 'POST', '/api/v1/rules/test', { text: writeRule('t'), events });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ matches: 2, events: [{ line: 1 }, { line: 3 }] });
    expect((await w.request(w.people.viewerE1, 'POST', '/api/v1/rules/test', { ruleId: rule.id, events })).json()).toMatchObject({ matches: 2 });
    expect((await w.request(w.people.viewerE1, 'POST', '/api/v1/rules/test', { text: writeRule('t'), events: 'not json' })).statusCode).toBe(400);
    expect((await alerts(w.people.viewerE1)).length).toBe(before);
  });
  it('raises an absence correlation when the stream stops, without another event to close the window', async () => {
    const quiet = `title: Coil reads
id: 6b1f7a1e-0000-4000-8000-0000000000a1
logsource:
  product: ics
  category: modbus
detection:
  selection:
    ics.function: Read Coils
  condition: selection
---
title: Polling of a device went quiet
id: 6b1f7a1e-0000-4000-8000-0000000000a2
correlation:
  type: event_count
  rules:
    - 6b1f7a1e-0000-4000-8000-0000000000a1
  group-by:
    - destination.ip
  timespan: 2s
  condition:
    lt: 3
level: high
tags:
  - attack.t0814
`;
    const r = await w.request(w.people.analystE1, 'POST', '/api/v1/rules', { text: quiet, file: 'quiet.yml' });
    expect(r.statusCode, r.body).toBe(201);
    const correlation = (r.json() as { rules: DetectionRule[] }).rules.find((x) => x.kind === 'correlation') as DetectionRule;
    // one read in a replayed past: hours behind the wall clock, and then nothing more comes
    await send(w.people.analystE1, [modbus('10.0.0.77', '2026-12-06T03:00:00.000Z', 'Read Coils')]);
    expect(await alerts(w.people.viewerE1, `?ruleId=${correlation.id}`)).toEqual([]);
    await w.services.detection.detector.flush();
    expect(await alerts(w.people.viewerE1, `?ruleId=${correlation.id}`)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    await w.services.detection.detector.flush();
    const raised = await alerts(w.people.viewerE1, `?ruleId=${correlation.id}`);
    expect(raised.map((a) => [a.entity, a.count, a.techniques])).toEqual([['group:destination.ip=10.0.0.77', 1, ['T0814']]]);
    // another organisation does not see it
    expect((await alerts(w.people.analystE2, `?ruleId=${correlation.id}`)).length).toBe(0);
  });
});
