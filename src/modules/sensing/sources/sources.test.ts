import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, errorOf, type World } from '../../../../test/support/fixture.js';
import type { EventSourceView } from './types.js';

const syslog = (port: number, extra: Record<string, unknown> = {}) => ({ type: 'syslog', name: `syslog-${port}`, config: { protocol: 'udp', port, ...extra } });

// /api/v1/sources on both backends: definitions, who may write and read them, what is refused and why.
describe.each(['pglite', 'postgres'] as const)('event sources API (%s)', (backend) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(backend);
  });
  afterAll(async () => {
    await w?.close();
  });

  it('creates, lists, shows, changes and removes a source, each write audited', async () => {
    const created = await w.request(w.people.adminE1, 'POST', '/api/v1/sources', { ...syslog(20514, { senders: [{ range: '10.20.0.0/16', orgId: w.orgs.E1 }] }), tlp: 'green', sharedUpward: true });
    expect(created.statusCode, created.body).toBe(201);
    const source = created.json() as EventSourceView;
    expect(source).toMatchObject({ orgId: w.orgs.E1, type: 'syslog', name: 'syslog-20514', enabled: true, tlp: 'green', sharedUpward: true, config: { protocol: 'udp', port: 20514 }, status: { state: 'stopped' } });
    const list = (await w.request(w.people.viewerE1, 'GET', '/api/v1/sources')).json() as { items: EventSourceView[] };
    expect(list.items.map((s) => s.id)).toContain(source.id);
    expect((await w.request(w.people.viewerE1, 'GET', `/api/v1/sources?type=mqtt`)).json()).toEqual({ items: [] });
    const status = await w.request(w.people.viewerE1, 'GET', `/api/v1/sources/${source.id}/status`);
    expect(status.json()).toMatchObject({ id: source.id, state: 'stopped', counters: { received: 0, dropped: 0 } });
    const changed = await w.request(w.people.adminE1, 'PATCH', `/api/v1/sources/${source.id}`, { enabled: false, config: { protocol: 'tcp', port: 20515 } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ enabled: false, config: { protocol: 'tcp', port: 20515 }, status: { state: 'disabled' } });
    expect((await w.request(w.people.adminE1, 'DELETE', `/api/v1/sources/${source.id}`)).statusCode).toBe(204);
    expect((await w.request(w.people.adminE1, 'GET', `/api/v1/sources/${source.id}`)).statusCode).toBe(404);
    const audit = (await w.request(w.people.adminE1, 'GET', '/api/v1/audit?targetType=event_source')).json() as { items: { action: string; targetId: string }[] };
    expect(audit.items.filter((a) => a.targetId === source.id).map((a) => a.action).sort()).toEqual(['sensing.source.create', 'sensing.source.delete', 'sensing.source.update']);
  });

  it('lets only the organisation’s admins write; others of the organisation read; siblings see nothing', async () => {
    const source = (await w.request(w.people.adminE1, 'POST', '/api/v1/sources', syslog(20600))).json() as EventSourceView;
    expect((await w.request(w.people.analystE1, 'POST', '/api/v1/sources', syslog(20601))).statusCode).toBe(403);
    expect((await w.request(w.people.analystE1, 'PATCH', `/api/v1/sources/${source.id}`, { enabled: false })).statusCode).toBe(403);
    expect((await w.request(w.people.viewerE1, 'DELETE', `/api/v1/sources/${source.id}`)).statusCode).toBe(403);
    expect((await w.request(w.people.analystE1, 'GET', `/api/v1/sources/${source.id}`)).statusCode).toBe(200);
    expect((await w.request(w.people.adminE2, 'GET', `/api/v1/sources/${source.id}`)).statusCode).toBe(404);
    expect((await w.request(w.people.adminE2, 'DELETE', `/api/v1/sources/${source.id}`)).statusCode).toBe(404);
    // Not shared upward: the parent's admin does not see it either.
    expect((await w.request(w.people.adminP, 'GET', `/api/v1/sources/${source.id}`)).statusCode).toBe(404);
    expect((await w.request(null, 'GET', '/api/v1/sources')).statusCode).toBe(401);
  });

  it('refuses bad configs with the path of what is wrong', async () => {
    const cases: { body: unknown; path: string; status?: number }[] = [
      { body: syslog(20700, { senders: [{ range: '10.0.0.0/33', orgId: 'x' }] }), path: 'body.config.senders.0.range' },
      { body: syslog(0), path: 'body.config.port' },
      { body: syslog(20701, { protocol: 'tls' }), path: 'body.config.certFile' },
      { body: syslog(20702, { certFile: '/etc/ssl/cert.pem' }), path: 'body.config.certFile' },
      { body: syslog(20703, { colour: 'blue' }), path: 'body.config' },
      { body: { type: 'mqtt', name: 'm', config: { brokerUrl: 'http://x', topics: ['a'] } }, path: 'body.config.brokerUrl' },
      { body: { type: 'mqtt', name: 'm', config: { brokerUrl: 'mqtt://u:p@10.0.0.1', topics: ['a'] } }, path: 'body.config.brokerUrl' },
      { body: { type: 'mqtt', name: 'm', config: { brokerUrl: 'mqtt://10.0.0.1', topics: ['a/#/b'] } }, path: 'body.config.topics.0' },
      { body: { type: 'zeek', name: 'z', config: {} }, path: 'body.config.path' },
      { body: { type: 'gopher', name: 'g', config: {} }, path: 'body.type' },
    ];
    for (const c of cases) {
      const r = await w.request(w.people.adminE1, 'POST', '/api/v1/sources', c.body);
      expect(r.statusCode, JSON.stringify(c.body)).toBe(400);
      expect(errorOf(r).details.map((d) => d.path).join(' '), JSON.stringify(c.body)).toContain(c.path);
    }
    const patch = await w.request(w.people.adminE1, 'POST', '/api/v1/sources', syslog(20704));
    const id = (patch.json() as EventSourceView).id;
    const badPatch = await w.request(w.people.adminE1, 'PATCH', `/api/v1/sources/${id}`, { config: { protocol: 'udp', port: 99999 } });
    expect(badPatch.statusCode).toBe(400);
    expect(errorOf(badPatch).details.map((d) => d.path)).toContain('config.port');
  });

  it('refuses ranges of other organisations, server paths from an organisation’s admin, taken ports and names', async () => {
    const sibling = await w.request(w.people.adminE1, 'POST', '/api/v1/sources', syslog(20800, { senders: [{ range: '10.0.0.0/8', orgId: w.orgs.E2 }] }));
    expect(sibling.statusCode).toBe(400);
    expect(errorOf(sibling).details[0]?.path).toBe('config.senders.0.orgId');
    // The province's admin may map ranges to its enterprises.
    const province = await w.request(w.people.adminP, 'POST', '/api/v1/sources', syslog(20801, { senders: [{ range: '10.1.0.0/16', orgId: w.orgs.E1 }, { range: '10.2.0.0/16', orgId: w.orgs.E2 }], defaultOrgId: w.orgs.P }));
    expect(province.statusCode, province.body).toBe(201);
    const file = await w.request(w.people.adminE1, 'POST', '/api/v1/sources', { type: 'suricata', name: 'eve', config: { path: '/var/log/suricata/eve.json', follow: true } });
    expect(file.statusCode).toBe(403);
    expect(errorOf(file).details[0]?.path).toBe('config.path');
    const rootFile = await w.request(w.people.adminN, 'POST', '/api/v1/sources', { type: 'suricata', name: 'eve', config: { path: '/var/log/suricata/eve.json', follow: true } });
    expect(rootFile.statusCode, rootFile.body).toBe(201);
    // TCP and TLS share TCP ports; UDP has its own.
    const taken = await w.request(w.people.adminE2, 'POST', '/api/v1/sources', { type: 'syslog', name: 'again', config: { protocol: 'udp', port: 20801 } });
    expect(taken.statusCode).toBe(409);
    expect(errorOf(taken).details[0]?.path).toBe('config.port');
    expect((await w.request(w.people.adminE2, 'POST', '/api/v1/sources', { type: 'syslog', name: 'tcp', config: { protocol: 'tcp', port: 20801 } })).statusCode).toBe(201);
    const sameName = await w.request(w.people.adminP, 'POST', '/api/v1/sources', syslog(20802, { protocol: 'udp' }));
    expect(sameName.statusCode).toBe(201);
    const dup = await w.request(w.people.adminP, 'POST', '/api/v1/sources', { ...syslog(20803), name: 'syslog-20802' });
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup).details[0]?.path).toBe('name');
  });
});
