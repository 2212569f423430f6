import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type Person, type World } from '../../../../test/support/fixture.js';
import type { EventDraft } from '../../sensing/index.js';
import type { Alert } from '../types.js';
import { modbusDraft, simulatedOperationDrafts } from './test-traffic.js';
import type { BaselineDetail, BaselineSummary } from './types.js';

const T0 = new Date(Date.UTC(2026, 2, 2, 7, 30, 0));
const at = (minutes: number, ms = 0) => new Date(T0.getTime() + minutes * 60_000 + ms);
const NDJSON = { 'content-type': 'application/x-ndjson' };
const hmi = '10.20.2.21';
const filterPlc = '10.20.1.20';

// The simulated plant learnt over 6 minutes of event time, then replayed routine traffic (no alert), then
// a new host, a new function code and a faster poll (exactly those alerts), on both backends.
describe.each(['pglite', 'postgres'] as const)('baselines (%s)', (backend) => {
  let w: World;
  let baseline: BaselineSummary;

  async function send(person: Person, drafts: readonly EventDraft[]): Promise<void> {
    const r = await w.request(person, 'POST', '/api/v1/events', drafts.map((d) => JSON.stringify(d)).join('\n'), NDJSON);
    expect(r.statusCode, r.body).toBeLessThan(300);
    await w.services.sensing.ingest.flush();
    await w.services.detection.detector.idle();
  }

  const baselineAlerts = async (person: Person): Promise<Alert[]> => {
    const r = await w.request(person, 'GET', '/api/v1/alerts?limit=500');
    expect(r.statusCode, r.body).toBe(200);
    return (r.json() as { items: Alert[] }).items.filter((a) => a.ruleId.startsWith('baseline:'));
  };

  const detail = async (person: Person, id = baseline.id) => {
    const r = await w.request(person, 'GET', `/api/v1/baselines/${id}`);
    return { status: r.statusCode, body: r.json() as BaselineDetail };
  };

  beforeAll(async () => {
    w = await createWorld(backend, { bodyLimit: 4 * 1024 * 1024 });
    w.services.detection.start(w.services.sensing.bus);
    const s = await w.request(w.people.analystE1, 'PUT', '/api/v1/baseline-settings', { learningHours: 0.1 });
    expect(s.statusCode, s.body).toBe(200);
    const rule = `title: Host outside the baseline\nid: 5d0c1f7e-0000-4000-8000-00000000b001\nlevel: medium\nlogsource:\n  product: ics\ndetection:\n  selection:\n    baseline.host_known: false\n  condition: selection\n`;
    expect((await w.request(w.people.analystE1, 'POST', '/api/v1/rules', { text: rule })).statusCode).toBe(201);
  }, 180_000);
  afterAll(async () => {
    await w?.services.detection.stop();
    await w?.close();
  });

  /** What the first six minutes of the capture hold, counted here from the drafts themselves. */
  let learntFunctions: string[] = [];

  it('learns the plant over the learning period of event time and raises nothing on its routine traffic', async () => {
    const drafts = await simulatedOperationDrafts({ seed: 1, minutes: 10, startTime: T0 });
    const start = Date.parse(drafts[0]?.time ?? '');
    const learnt = drafts.filter((d) => Date.parse(d.time) < start + 6 * 60_000);
    const ends = (d: EventDraft) => [d.fields.source?.ip, d.fields.destination?.ip].filter((ip): ip is string => ip !== undefined && ip !== '255.255.255.255');
    const hosts = new Set(learnt.flatMap(ends));
    const pairs = new Set(learnt.map((d) => `${d.fields.source?.ip}>${d.fields.destination?.ip}`));
    learntFunctions = [...new Set(learnt.filter((d) => d.fields.source?.ip === hmi && d.fields.destination?.ip === filterPlc).map((d) => d.fields.ics?.function ?? ''))].sort();
    await send(w.people.analystE1, drafts);
    const list = (await w.request(w.people.viewerE1, 'GET', '/api/v1/baselines')).json() as { items: BaselineSummary[]; settings: { learningHours: number } };
    expect(list.settings.learningHours).toBe(0.1);
    expect(list.items).toHaveLength(1);
    baseline = list.items[0] as BaselineSummary;
    expect(baseline).toMatchObject({ zone: '', state: 'active', version: 1, progress: 1, openDeviations: 0, learnStart: new Date(start).toISOString() });
    expect(baseline.items).toMatchObject({ host: hosts.size, pair: pairs.size });
    expect(hosts.size).toBeGreaterThan(5);
    const d = (await detail(w.people.viewerE1)).body;
    const poll = d.content.find((i) => i.kind === 'polling' && i.key === `${hmi}>${filterPlc}|modbus|Read Holding Registers|holding registers 0-9`);
    expect(poll?.interval?.meanMs).toBeGreaterThan(990);
    expect(poll?.interval?.meanMs).toBeLessThan(1010);
    expect(d.content.find((i) => i.kind === 'range' && i.key === `${hmi}>${filterPlc}|modbus|Read Holding Registers|holding registers`)).toMatchObject({ lo: 0, hi: 9 });
    expect(d.versions.map((v) => v.change)).toEqual(['learned']);
    // Another ten minutes of the same plant (another seed), replayed after the first.
    await send(w.people.analystE1, await simulatedOperationDrafts({ seed: 2, minutes: 10, startTime: at(10) }));
    expect(await baselineAlerts(w.people.viewerE1)).toEqual([]);
    expect((await detail(w.people.viewerE1)).body.deviations).toEqual([]);
  }, 120_000);

  it('raises exactly a new host, a new function code and a polling change, with what was expected and seen', async () => {
    const polls = Array.from({ length: 12 }, (_, i) => modbusDraft(`bl-poll-${i}`, at(21, i * 100), hmi, filterPlc, 'Read Holding Registers', 3, 'read', 'holding registers 0-9'));
    await send(w.people.analystE1, [
      modbusDraft('bl-new-host', at(21), '10.20.2.99', filterPlc, 'Read Holding Registers', 3, 'read', 'holding registers 0-9'),
      modbusDraft('bl-new-fn', at(21, 500), hmi, filterPlc, 'Read Input Registers', 4, 'read', 'input registers 0-9'),
      ...polls,
    ]);
    const raised = await baselineAlerts(w.people.viewerE1);
    expect(raised.map((a) => [a.ruleId, a.entity, a.techniques.join(',')]).sort()).toEqual([
      ['baseline:new-function', `ip:${filterPlc}`, 'T0855'],
      ['baseline:new-host', 'ip:10.20.2.99', 'T0864'],
      ['baseline:polling', `ip:${filterPlc}`, 'T0814'],
    ]);
    const fn = raised.find((a) => a.ruleId === 'baseline:new-function') as Alert;
    expect(fn.ruleTitle).toContain('seen Read Input Registers (4)');
    expect(learntFunctions).toContain('Read Holding Registers');
    expect(fn.selections).toContain(`expected: modbus ${learntFunctions.join(', ')}`);
    expect((raised.find((a) => a.ruleId === 'baseline:polling') as Alert).ruleTitle).toMatch(/seen every 100 ms; expected every 1\d\d\d ms/);
    // The enricher's membership field reaches Sigma rules.
    const all = (await w.request(w.people.viewerE1, 'GET', '/api/v1/alerts?limit=500')).json() as { items: Alert[] };
    expect(all.items.filter((a) => a.ruleTitle === 'Host outside the baseline').map((a) => a.eventIds)).toEqual([['bl-new-host']]);
    const d = (await detail(w.people.viewerE1)).body;
    expect(d.deviations.map((x) => [x.kind, x.status]).sort()).toEqual([['new-function', 'open'], ['new-host', 'open'], ['polling', 'open']]);
    expect(d.openDeviations).toBe(3);
  });

  it('accepts a deviation into a new version, audited, after which the same traffic raises nothing', async () => {
    const before = (await detail(w.people.viewerE1)).body;
    const fn = before.deviations.find((x) => x.kind === 'new-function');
    expect(fn).toBeDefined();
    expect((await w.request(w.people.viewerE1, 'POST', `/api/v1/baselines/${baseline.id}/accept`, { deviations: [fn?.id] })).statusCode).toBe(403);
    const r = await w.request(w.people.analystE1, 'POST', `/api/v1/baselines/${baseline.id}/accept`, { deviations: [fn?.id], note: 'new HMI screen reads input registers' });
    expect(r.statusCode, r.body).toBe(200);
    const after = r.json() as BaselineDetail;
    expect(after.version).toBe(before.version + 1);
    expect(after.openDeviations).toBe(2);
    expect(after.deviations.find((x) => x.id === fn?.id)).toMatchObject({ status: 'accepted', acceptedBy: 'analyst.e1', acceptedVersion: after.version });
    expect(after.versions[0]).toMatchObject({ version: after.version, change: 'accepted', actor: 'analyst.e1' });
    expect(after.content.find((i) => i.kind === 'function' && i.key === `${hmi}>${filterPlc}|modbus|Read Input Registers`)).toMatchObject({ origin: 'accepted', versionAdded: after.version });
    const audit = await w.database.db.selectFrom('audit_log').select(['action', 'target_id']).where('action', '=', 'detection.baseline.accept').execute();
    expect(audit).toEqual([{ action: 'detection.baseline.accept', target_id: baseline.id }]);
    await send(w.people.analystE1, [modbusDraft('bl-new-fn-again', at(22), hmi, filterPlc, 'Read Input Registers', 4, 'read', 'input registers 0-9')]);
    const fnAlerts = (await baselineAlerts(w.people.viewerE1)).filter((a) => a.ruleId === 'baseline:new-function');
    expect(fnAlerts.map((a) => a.count)).toEqual([1]);
  });

  it('is invisible to another organisation and refuses its accept and relearn', async () => {
    expect((await detail(w.people.analystE2)).status).toBe(404);
    const list = (await w.request(w.people.analystE2, 'GET', '/api/v1/baselines')).json() as { items: BaselineSummary[] };
    expect(list.items.map((b) => b.id)).not.toContain(baseline.id);
    const open = (await detail(w.people.viewerE1)).body.deviations.find((x) => x.status === 'open');
    expect((await w.request(w.people.adminE2, 'POST', `/api/v1/baselines/${baseline.id}/accept`, { deviations: [open?.id] })).statusCode).toBe(404);
    expect((await w.request(w.people.adminE2, 'POST', `/api/v1/baselines/${baseline.id}/relearn`, {})).statusCode).toBe(404);
    expect((await w.request(w.people.adminE2, 'PATCH', `/api/v1/baselines/${baseline.id}`, { learningHours: 1 })).statusCode).toBe(404);
    // The parent's analyst sees it once E1 shares it upward at a TLP that travels.
    expect((await detail(w.people.analystP)).status).toBe(404);
    expect((await w.request(w.people.adminE1, 'PATCH', `/api/v1/baselines/${baseline.id}`, { tlp: 'green', sharedUpward: true })).statusCode).toBe(200);
    expect((await detail(w.people.analystP)).status).toBe(200);
    expect((await w.request(w.people.analystP, 'POST', `/api/v1/baselines/${baseline.id}/accept`, { deviations: [open?.id] })).statusCode).toBe(403);
  });

  it('relearns a zone from the next event, keeping the old content in the version it ends', async () => {
    const before = (await detail(w.people.viewerE1)).body;
    const r = await w.request(w.people.analystE1, 'POST', `/api/v1/baselines/${baseline.id}/relearn`, { reason: 'plant extension' });
    expect(r.statusCode, r.body).toBe(200);
    const after = r.json() as BaselineDetail;
    expect(after).toMatchObject({ state: 'learning', version: before.version + 1, progress: 0, learnStart: null, openDeviations: 0 });
    expect(after.content.every((i) => i.origin === 'accepted')).toBe(true);
    expect(after.versions[0]).toMatchObject({ change: 'relearn', items: before.content.length });
    expect((after.versions[0]?.details as { previous: { items: unknown[] } }).previous.items).toHaveLength(before.content.length);
    // Learning again: the new host is part of what is learnt and raises nothing more.
    const alertsBefore = (await baselineAlerts(w.people.viewerE1)).reduce((n, a) => n + a.count, 0);
    await send(w.people.analystE1, [modbusDraft('bl-relearn-1', at(30), '10.20.2.99', filterPlc, 'Read Holding Registers', 3, 'read', 'holding registers 0-9')]);
    const learning = (await detail(w.people.viewerE1)).body;
    expect(learning).toMatchObject({ state: 'learning', learnStart: at(30).toISOString() });
    expect(learning.progress).toBe(0);
    expect((await baselineAlerts(w.people.viewerE1)).reduce((n, a) => n + a.count, 0)).toBe(alertsBefore);
  });

  it('ends learning on the first event past the period even when batches follow each other within the re-read interval', async () => {
    expect((await w.request(w.people.analystE2, 'PUT', '/api/v1/baseline-settings', { learningHours: 1 })).statusCode).toBe(200);
    await send(w.people.analystE2, [modbusDraft('bl-e2-1', at(0), '10.7.0.1', '10.7.0.2', 'Read Coils', 1, 'read', 'coils 0-15')]);
    await send(w.people.analystE2, [modbusDraft('bl-e2-2', at(30), '10.7.0.1', '10.7.0.2', 'Read Coils', 1, 'read', 'coils 0-15')]);
    await send(w.people.analystE2, [modbusDraft('bl-e2-3', at(61), '10.7.0.3', '10.7.0.2', 'Read Coils', 1, 'read', 'coils 0-15')]);
    const list = (await w.request(w.people.analystE2, 'GET', '/api/v1/baselines')).json() as { items: BaselineSummary[] };
    expect(list.items.map((b) => [b.state, b.learnStart, b.activatedAt, b.openDeviations])).toEqual([['active', at(0).toISOString(), at(61).toISOString(), 1]]);
    expect((await baselineAlerts(w.people.analystE2)).map((a) => [a.ruleId, a.entity])).toEqual([['baseline:new-host', 'ip:10.7.0.3']]);
  });
});
