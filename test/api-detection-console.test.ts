// The API behind the console's detection pages, on both backends: alert counts per severity and status
// (checked against the list for each kind of caller), similar alerts, saved views per person, the
// ATT&CK coverage, bulk work audited, the workbench's trial over posted and stored events, and the
// alert detail reading its linked events in one call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/platform/access.js';
import { createAlertService } from '../src/modules/detection/alerts.service.js';
import { createEventsService } from '../src/modules/sensing/events.service.js';
import type { Alert, AlertDetail, DetectionRule } from '../src/modules/detection/index.js';
import { createWorld, errorOf, type Person, type World } from './support/fixture.js';

const NDJSON = { 'content-type': 'application/x-ndjson' };
const ruleText = (id: string, fn: string, technique: string, level = 'high') => `title: Console ${fn}
id: ${id}
status: test
level: ${level}
tags:
  - attack.${technique.toLowerCase()}
logsource:
  product: ics
  category: modbus
detection:
  selection:
    ics.function: ${fn}
  condition: selection
`;

let serial = 0;
const modbus = (dst: string, minutesAgo: number, fn: string) =>
  JSON.stringify({
    id: `console-${(serial += 1)}-${Math.random().toString(36).slice(2, 8)}`,
    time: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    kind: 'operation',
    severity: 'info',
    message: `${fn} to ${dst}`,
    fields: { source: { ip: '10.9.0.5' }, destination: { ip: dst, port: 502 }, ics: { protocol: 'modbus', operation: 'write', function: fn } },
  });

describe.each(['pglite', 'postgres'] as const)('detection console API (%s)', (backend) => {
  let w: World;
  const rules: Record<string, DetectionRule> = {};

  async function send(person: Person, lines: string[], query = ''): Promise<void> {
    const r = await w.request(person, 'POST', `/api/v1/events${query}`, lines.join('\n'), NDJSON);
    expect(r.statusCode, r.body).toBeLessThan(300);
    await w.services.sensing.ingest.flush();
    await w.services.detection.detector.idle();
  }
  const get = async <T>(person: Person, url: string): Promise<T> => {
    const r = await w.request(person, 'GET', url);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as T;
  };
  const list = async (person: Person, query = '') => (await get<{ items: Alert[] }>(person, `/api/v1/alerts?limit=500${query}`)).items;

  beforeAll(async () => {
    w = await createWorld(backend, { bodyLimit: 1024 * 1024 });
    w.services.detection.start(w.services.sensing.bus);
    for (const [key, id, fn, technique, level] of [
      ['write', '7c1f7a1e-0000-4000-8000-000000000001', 'Write Single Register', 'T0836', 'high'],
      ['coils', '7c1f7a1e-0000-4000-8000-000000000002', 'Write Multiple Coils', 'T0836', 'medium'],
      ['diag', '7c1f7a1e-0000-4000-8000-000000000003', 'Diagnostics', 'T0814', 'critical'],
    ] as const) {
      const r = await w.request(w.people.analystE1, 'POST', '/api/v1/rules', { text: ruleText(id, fn, technique, level) });
      expect(r.statusCode, r.body).toBe(201);
      rules[key] = (r.json() as { rules: DetectionRule[] }).rules[0] as DetectionRule;
    }
    // E1: writes to two PLCs, coil writes to one, one diagnostics shared upward at GREEN. E2: one write of its own.
    await send(w.people.analystE1, [modbus('10.9.1.1', 30, 'Write Single Register'), modbus('10.9.1.1', 20, 'Write Single Register'), modbus('10.9.1.2', 10, 'Write Single Register'), modbus('10.9.1.1', 5, 'Write Multiple Coils')]);
    await send(w.people.analystE1, [modbus('10.9.1.3', 3, 'Diagnostics')], '?tlp=green&sharedUpward=true');
    const e2 = await w.request(w.people.analystE2, 'POST', '/api/v1/rules', { text: ruleText('7c1f7a1e-0000-4000-8000-000000000009', 'Write Single Register', 'T0836') });
    expect(e2.statusCode, e2.body).toBe(201);
    await send(w.people.analystE2, [modbus('10.9.2.1', 15, 'Write Single Register')]);
  });
  afterAll(async () => {
    await w?.services.detection.stop();
    await w?.close();
  });

  it('counts alerts per severity and status as the list shows them, for each kind of caller', async () => {
    for (const person of [w.people.analystE1, w.people.viewerE1, w.people.analystE2, w.people.analystP, w.people.viewerP, w.people.adminN]) {
      const seen = await list(person);
      const counts = await get<{ total: number; bySeverity: Record<string, number>; byStatus: Record<string, number> }>(person, '/api/v1/alerts/counts');
      expect(counts.total, person.username).toBe(seen.length);
      for (const severity of ['info', 'low', 'medium', 'high', 'critical']) expect(counts.bySeverity[severity], `${person.username} ${severity}`).toBe(seen.filter((a) => a.severity === severity).length);
      expect(counts.byStatus['new']).toBe(seen.filter((a) => a.status === 'new').length);
    }
    const mine = await get<{ total: number; bySeverity: Record<string, number> }>(w.people.analystE1, '/api/v1/alerts/counts');
    expect(mine).toMatchObject({ total: 4, bySeverity: { high: 2, medium: 1, critical: 1, low: 0, info: 0 } });
    // The parent's analyst sees only what was shared upward at a TLP that travels: the diagnostics alert.
    expect(await get(w.people.analystP, '/api/v1/alerts/counts')).toMatchObject({ total: 1, bySeverity: { critical: 1 } });
    // Filters are the list's.
    expect(await get(w.people.analystE1, `/api/v1/alerts/counts?ruleId=${rules['write']?.id}`)).toMatchObject({ total: 2, bySeverity: { high: 2 } });
    expect(await get(w.people.analystE1, '/api/v1/alerts/counts?technique=T0814')).toMatchObject({ total: 1 });
    const bad = await w.request(w.people.analystE1, 'GET', '/api/v1/alerts/counts?severity=high');
    expect(bad.statusCode).toBe(400);
    expect((await w.request(null, 'GET', '/api/v1/alerts/counts')).statusCode).toBe(401);
  });

  it('finds similar alerts by rule or technique, and hides the alert from other organisations', async () => {
    const mine = await list(w.people.analystE1);
    const first = mine.find((a) => a.entity === 'ip:10.9.1.1' && a.ruleId === rules['write']?.id) as Alert;
    const similar = await get<{ alert: Alert; items: Alert[] }>(w.people.analystE1, `/api/v1/alerts/${first.id}/similar`);
    expect(similar.alert.id).toBe(first.id);
    // The other write (same rule) and the coil write (same technique T0836); not the diagnostics alert, not E2's.
    expect(similar.items.map((a) => a.entity).sort()).toEqual(['ip:10.9.1.1', 'ip:10.9.1.2']);
    expect(similar.items.every((a) => a.id !== first.id && a.orgId === w.orgs.E1)).toBe(true);
    expect((await w.request(w.people.analystE2, 'GET', `/api/v1/alerts/${first.id}/similar`)).statusCode).toBe(404);
    expect((await w.request(w.people.analystP, 'GET', `/api/v1/alerts/${first.id}/similar`)).statusCode).toBe(404);
    expect((await w.request(w.people.analystE1, 'GET', `/api/v1/alerts/${first.id}/similar?limit=0`)).statusCode).toBe(400);
  });

  it('keeps saved views per person: another person, even an admin of the organisation, cannot see or remove them', async () => {
    const saved = await w.request(w.people.analystE1, 'POST', '/api/v1/alert-views', { name: 'Open criticals', filter: { status: 'new', severity: 'critical', technique: 'T0814' } });
    expect(saved.statusCode, saved.body).toBe(201);
    const view = saved.json() as { id: string; name: string; filter: Record<string, string> };
    expect(view.filter).toEqual({ status: 'new', severity: 'critical', technique: 'T0814' });
    expect((await w.request(w.people.analystE1, 'POST', '/api/v1/alert-views', { name: 'Open criticals', filter: {} })).statusCode).toBe(409);
    expect((await w.request(w.people.analystE1, 'POST', '/api/v1/alert-views', { name: 'Bad', filter: { status: 'closed' } })).statusCode).toBe(400);
    expect((await get<{ items: unknown[] }>(w.people.analystE1, '/api/v1/alert-views')).items).toEqual([expect.objectContaining({ id: view.id, name: 'Open criticals' })]);
    expect((await get<{ items: unknown[] }>(w.people.adminE1, '/api/v1/alert-views')).items).toEqual([]);
    expect((await w.request(w.people.adminE1, 'DELETE', `/api/v1/alert-views/${view.id}`)).statusCode).toBe(404);
    expect((await w.request(w.people.analystE1, 'DELETE', `/api/v1/alert-views/${view.id}`)).statusCode).toBe(204);
    expect((await get<{ items: unknown[] }>(w.people.analystE1, '/api/v1/alert-views')).items).toEqual([]);
  });

  it('maps ATT&CK coverage: rules per technique, and separately the techniques seen in the caller’s alerts', async () => {
    type Coverage = { techniques: { technique: string; rules: number; enabledRules: number; alerts: number; hits: number }[] };
    const byTechnique = (c: Coverage) => Object.fromEntries(c.techniques.map((t) => [t.technique, t]));
    const mine = byTechnique(await get<Coverage>(w.people.analystE1, '/api/v1/detection/coverage'));
    expect(mine['T0836']).toMatchObject({ rules: 2, enabledRules: 2, alerts: 3, hits: 4 });
    expect(mine['T0814']).toMatchObject({ rules: 1, enabledRules: 1, alerts: 1, hits: 1 });
    const disabled = await w.request(w.people.analystE1, 'PATCH', `/api/v1/rules/${rules['coils']?.id}`, { enabled: false });
    expect(disabled.statusCode).toBe(200);
    expect(byTechnique(await get<Coverage>(w.people.analystE1, '/api/v1/detection/coverage'))['T0836']).toMatchObject({ rules: 2, enabledRules: 1 });
    await w.request(w.people.analystE1, 'PATCH', `/api/v1/rules/${rules['coils']?.id}`, { enabled: true });
    // E2 sees its own rule and alert only; the parent's analyst sees no E1 rules but the alert shared upward.
    expect(byTechnique(await get<Coverage>(w.people.analystE2, '/api/v1/detection/coverage'))).toEqual({ T0836: expect.objectContaining({ rules: 1, alerts: 1 }) });
    expect(byTechnique(await get<Coverage>(w.people.analystP, '/api/v1/detection/coverage'))).toEqual({ T0814: expect.objectContaining({ rules: 0, alerts: 1 }) });
    // A window before the events holds no sightings.
    const old = await get<Coverage>(w.people.analystE1, '/api/v1/detection/coverage?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z');
    expect(old.techniques.every((t) => t.alerts === 0)).toBe(true);
    expect((await w.request(w.people.analystE1, 'GET', '/api/v1/detection/coverage?from=2021-01-01T00:00:00Z&to=2020-01-01T00:00:00Z')).statusCode).toBe(400);
  });

  it('works on many alerts at once, audited one entry per alert, refusing other organisations’ alerts', async () => {
    const mine = (await list(w.people.analystE1)).filter((a) => a.ruleId === rules['write']?.id);
    const theirs = (await list(w.people.analystE2))[0] as Alert;
    const refused = await w.request(w.people.analystE1, 'POST', '/api/v1/alerts/bulk', { ids: [...mine.map((a) => a.id), theirs.id], status: 'acknowledged' });
    expect(refused.statusCode).toBe(404);
    expect((await list(w.people.analystE1)).filter((a) => a.status === 'acknowledged')).toEqual([]);
    expect((await w.request(w.people.viewerE1, 'POST', '/api/v1/alerts/bulk', { ids: mine.map((a) => a.id), status: 'acknowledged' })).statusCode).toBe(403);
    const done = await w.request(w.people.analystE1, 'POST', '/api/v1/alerts/bulk', { ids: mine.map((a) => a.id), status: 'acknowledged', assignee: 'analyst.e1' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ updated: 2 });
    expect((await list(w.people.analystE1, '&status=acknowledged')).map((a) => a.assignee)).toEqual(['analyst.e1', 'analyst.e1']);
    const audit = await w.services.audit.list(systemActor('test'), { limit: 1000 });
    const entries = audit.filter((e) => e.action === 'detection.alert.update' && mine.some((a) => a.id === e.targetId));
    expect(entries).toHaveLength(2);
    expect(await get(w.people.analystE1, '/api/v1/alerts/counts?status=acknowledged')).toMatchObject({ total: 2 });
  });

  it('tries a rule over posted events and over the stored events of the last 24 hours, saying what it would raise', async () => {
    const text = ruleText('7c1f7a1e-0000-4000-8000-0000000000aa', 'Write Single Register', 'T0836');
    const posted = await w.request(w.people.analystE1, 'POST', '/api/v1/rules/test', { text, events: [modbus('10.9.5.1', 1, 'Write Single Register'), modbus('10.9.5.1', 2, 'Write Single Register'), modbus('10.9.5.2', 1, 'Read Coils')].join('\n') });
    expect(posted.statusCode, posted.body).toBe(200);
    expect(posted.json()).toMatchObject({ matches: 2, scanned: 3, truncated: false, wouldRaise: [{ entity: 'ip:10.9.5.1', count: 2, severity: 'high', techniques: ['T0836'] }] });
    const stored = await w.request(w.people.analystE1, 'POST', '/api/v1/rules/test', { text, stored: '24h' });
    expect(stored.statusCode, stored.body).toBe(200);
    const report = stored.json() as { matches: number; scanned: number; wouldRaise: { entity: string; count: number }[] };
    // E1's five stored events, of which three are register writes to two PLCs; E2's write is not E1's to read.
    expect(report.scanned).toBe(5);
    expect(report.matches).toBe(3);
    expect(report.wouldRaise.map((r) => [r.entity, r.count])).toEqual([['ip:10.9.1.1', 2], ['ip:10.9.1.2', 1]]);
    const both = await w.request(w.people.analystE1, 'POST', '/api/v1/rules/test', { text, stored: '24h', events: '{}' });
    expect(both.statusCode).toBe(400);
    expect(errorOf(both).details.map((d) => d.path)).toContain('body.events');
  });

  it('reads an alert’s linked events in one call, in the alert’s order', async () => {
    const alert = (await list(w.people.analystE1)).find((a) => a.entity === 'ip:10.9.1.1' && a.ruleId === rules['write']?.id) as Alert;
    const detail = await get<AlertDetail>(w.people.analystE1, `/api/v1/alerts/${alert.id}`);
    expect((detail.events as { id: string }[]).map((e) => e.id)).toEqual(alert.eventIds);
    const calls: (readonly string[])[] = [];
    const events = createEventsService(w.database, { ingest: w.services.sensing.ingest, bus: w.services.sensing.bus });
    const counted = createAlertService(w.database, {
      events: (actor, ids, within) => {
        calls.push(ids);
        return events.getMany(actor, ids, within);
      },
    });
    const viaService = await counted.get(systemActor('test'), alert.id);
    expect(calls).toEqual([alert.eventIds]);
    expect(viaService.events).toHaveLength(2);
  });
});
