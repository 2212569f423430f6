import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, errorOf, type World } from './support/fixture.js';

// Bad input never reaches a 500: malformed JSON, oversize bodies, unknown fields, wrong types, wrong media types.
describe('API input validation', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld('pglite', { bodyLimit: 4096, uploadLimit: 16 * 1024 });
  });
  afterAll(async () => {
    await w.close();
  });

  const admin = () => w.people.adminE1;

  // One valid body per writable route family, to break in different ways.
  const writes = () =>
    [
      { method: 'POST', url: '/api/v1/auth/login', body: { username: 'admin.e1', password: 'x' }, who: null },
      { method: 'POST', url: '/api/v1/organisations', body: { name: 'Child', level: 'enterprise', parentId: w.orgs.E1 }, who: admin() },
      { method: 'PATCH', url: `/api/v1/organisations/${w.orgs.E1}`, body: { industry: 'D46', region: '320500' }, who: w.people.adminP },
      { method: 'POST', url: '/api/v1/users', body: { username: 'new.user', orgId: w.orgs.E1, role: 'viewer' }, who: admin() },
      { method: 'PATCH', url: `/api/v1/users/${w.people.viewerE1.id}`, body: { displayName: 'V' }, who: admin() },
      { method: 'POST', url: '/api/v1/tokens', body: { name: 'ci' }, who: admin() },
      { method: 'POST', url: '/api/v1/assets', body: { name: 'PLC-9' }, who: admin() },
      { method: 'POST', url: '/api/v1/sources', body: { type: 'syslog', name: 'plant syslog', config: { protocol: 'udp', port: 33_514 } }, who: admin() },
      { method: 'PUT', url: '/api/v1/events/retention', body: { days: 30 }, who: admin() },
      { method: 'POST', url: '/api/v1/rules', body: { text: 'title: t\nlogsource: {product: ics}\ndetection: {s: {a: 1}, condition: s}\n' }, who: admin() },
      { method: 'POST', url: '/api/v1/rules/test', body: { text: 'title: t', events: '{}' }, who: admin() },
      { method: 'POST', url: '/api/v1/alert-suppressions', body: { entity: 'ip:10.0.0.1' }, who: admin() },
      { method: 'POST', url: '/api/v1/alerts/bulk', body: { ids: ['x'], status: 'acknowledged' }, who: admin() },
      { method: 'POST', url: '/api/v1/alert-channels', body: { kind: 'mqtt', name: 'plant broker', url: 'mqtt://127.0.0.1:1883', topic: 'bulwark/alerts' }, who: admin() },
      { method: 'POST', url: '/api/v1/alert-notification-rules', body: { name: 'criticals', channelIds: ['x'] }, who: admin() },
      { method: 'POST', url: '/api/v1/alert-views', body: { name: 'Open criticals', filter: { status: 'new' } }, who: admin() },
      { method: 'PUT', url: '/api/v1/baseline-settings', body: { learningHours: 24 }, who: admin() },
    ] as const;

  it('rejects malformed JSON with 400 malformed_json on every write route', async () => {
    for (const route of writes()) {
      const r = await w.request(route.who, route.method, route.url, '{"name": ');
      expect(r.statusCode, route.url).toBe(400);
      expect(errorOf(r).code, route.url).toBe('malformed_json');
    }
  });

  it('rejects unknown fields with 400 and the field path', async () => {
    for (const route of writes()) {
      const r = await w.request(route.who, route.method, route.url, { ...route.body, isAdmin: true });
      expect(r.statusCode, route.url).toBe(400);
      const error = errorOf(r);
      expect(error.code).toBe('invalid_input');
      expect(error.details.map((d) => d.path), route.url).toContain('body.isAdmin');
    }
  });

  it('rejects wrong types with 400 and the field path', async () => {
    const cases = [
      { url: '/api/v1/assets', body: { name: 42 }, path: 'body.name' },
      { url: '/api/v1/assets', body: { name: 'ok', ip: '300.1.1.1' }, path: 'body.ip' },
      { url: '/api/v1/assets', body: { name: 'ok', mac: 'zz' }, path: 'body.mac' },
      { url: '/api/v1/assets', body: { name: 'ok', tlp: 'white' }, path: 'body.tlp' },
      { url: '/api/v1/assets', body: { name: 'ok', sharedUpward: 'yes' }, path: 'body.sharedUpward' },
      { url: '/api/v1/organisations', body: { name: 'Child', level: 'galactic', parentId: 'x' }, path: 'body.level' },
      { url: '/api/v1/users', body: { username: 'bad name!', orgId: 'x', role: 'viewer' }, path: 'body.username' },
      { url: '/api/v1/users', body: { username: 'ok.name', orgId: 'x', role: 'root' }, path: 'body.role' },
      { url: '/api/v1/tokens', body: { name: 'ci', expiresInDays: 'soon' }, path: 'body.expiresInDays' },
      { url: '/api/v1/sources', body: { type: 'syslog', name: 's', config: { protocol: 'udp', port: '514' } }, path: 'body.config.port' },
      { url: '/api/v1/sources', body: { type: 'syslog', name: 's', config: { protocol: 'sctp', port: 514 } }, path: 'body.config.protocol' },
      { url: '/api/v1/sources', body: { type: 'syslog', name: 's', config: { protocol: 'udp', port: 514, senders: [{ range: '10.0.0.0/40', orgId: 'x' }] } }, path: 'body.config.senders.0.range' },
      { url: '/api/v1/sources', body: { type: 'mqtt', name: 'm', config: { brokerUrl: 'mqtt://10.0.0.5', topics: [], qos: 3 } }, path: 'body.config.topics' },
      { url: '/api/v1/rules', body: { text: '' }, path: 'body.text' },
      { url: '/api/v1/rules', body: { text: 'title: t', platform: 'yes' }, path: 'body.platform' },
      { url: '/api/v1/rules/test', body: { events: '{}' }, path: 'body.text' },
      { url: '/api/v1/alerts/bulk', body: { ids: [], status: 'resolved' }, path: 'body.ids' },
      { url: '/api/v1/alerts/bulk', body: { ids: ['x'], status: 'closed' }, path: 'body.status' },
      { url: '/api/v1/alert-views', body: { name: 'v', filter: { severity: 'urgent' } }, path: 'body.filter.severity' },
      { url: '/api/v1/alert-views', body: { name: '', filter: {} }, path: 'body.name' },
      { url: '/api/v1/rules/test', body: { text: 'title: t', stored: '7d' }, path: 'body.stored' },
      { url: '/api/v1/alert-suppressions', body: { field: 'source ip', value: 'x' }, path: 'body.field' },
      { url: '/api/v1/alert-channels', body: { kind: 'webhook', name: 'h', url: 'ftp://hooks.example/', secret: 'k'.repeat(20) }, path: 'body.url' },
      { url: '/api/v1/alert-channels', body: { kind: 'webhook', name: 'h', url: 'https://hooks.example/', secret: 'short' }, path: 'body.secret' },
      { url: '/api/v1/alert-channels', body: { kind: 'email', name: 'm', host: 'smtp.example', port: 70000, from: 'a@b.example', to: ['c@d.example'] }, path: 'body.port' },
      { url: '/api/v1/alert-channels', body: { kind: 'mqtt', name: 'm', url: 'mqtt://broker.example', topic: 'plant/#' }, path: 'body.topic' },
      { url: '/api/v1/alert-notification-rules', body: { name: 'r', minSeverity: 'urgent', channelIds: ['x'] }, path: 'body.minSeverity' },
      { url: '/api/v1/alert-notification-rules', body: { name: 'r', techniques: ['X1'], channelIds: ['x'] }, path: 'body.techniques.0' },
      { url: '/api/v1/alert-notification-rules', body: { name: 'r', channelIds: [] }, path: 'body.channelIds' },
      { url: '/api/v1/alert-suppressions', body: { expiresAt: 'tomorrow' }, path: 'body.expiresAt' },
      { url: '/api/v1/baselines/some-baseline/accept', body: { deviations: [] }, path: 'body.deviations' },
      { url: '/api/v1/baselines/some-baseline/relearn', body: { reason: 5 }, path: 'body.reason' },
    ];
    for (const c of cases) {
      const r = await w.request(admin(), 'POST', c.url, c.body);
      expect(r.statusCode, JSON.stringify(c.body)).toBe(400);
      expect(errorOf(r).details.map((d) => d.path)).toContain(c.path);
    }
    const arrayBody = await w.request(admin(), 'POST', '/api/v1/assets', [1, 2]);
    expect(arrayBody.statusCode).toBe(400);
    const nullBody = await w.request(admin(), 'POST', '/api/v1/assets', 'null');
    expect(nullBody.statusCode).toBe(400);
  });

  it('rejects bad query strings and path parameters', async () => {
    const cases = [
      '/api/v1/assets?limit=0',
      '/api/v1/assets?limit=abc',
      '/api/v1/assets?limit=100000',
      '/api/v1/assets?criticality=extreme',
      '/api/v1/assets?unknown=1',
      '/api/v1/assets?cursor=not-a-cursor',
      '/api/v1/audit?before=abc',
      '/api/v1/audit?limit=-1',
      '/api/v1/users?bogus=1',
      '/api/v1/sources?type=telnet',
      '/api/v1/sources?bogus=1',
      '/api/v1/event-imports?status=paused',
      '/api/v1/event-imports?limit=0',
      '/api/v1/event-imports?bogus=1',
      '/api/v1/rules?technique=attack',
      '/api/v1/rules?enabled=yes',
      '/api/v1/alerts?status=closed',
      '/api/v1/alerts?severity=urgent',
      '/api/v1/alerts?technique=T08',
      '/api/v1/alerts?limit=0',
      '/api/v1/alerts?from=yesterday',
      '/api/v1/alerts?cursor=not-a-cursor',
      '/api/v1/alert-suppressions?bogus=1',
      '/api/v1/alerts/counts?status=closed',
      '/api/v1/alerts/counts?severity=high',
      '/api/v1/alerts/some-alert/similar?limit=1000',
      '/api/v1/detection/coverage?from=yesterday',
      '/api/v1/detection/coverage?bogus=1',
      '/api/v1/alert-views?bogus=1',
      '/api/v1/baselines?state=sleeping',
      '/api/v1/baselines?bogus=1',
      '/api/v1/playbooks?limit=0',
      '/api/v1/playbooks?bogus=1',
      '/api/v1/playbooks/not-a-playbook',
      '/api/v1/playbooks/playbook--3f1c0f54-7f3e-4b8e-9a65-0d1c2b3a4f50?modified=yesterday',
      '/api/v1/playbooks/playbook--3f1c0f54-7f3e-4b8e-9a65-0d1c2b3a4f50/export?secrets=yes',
    ];
    for (const url of cases) {
      const r = await w.request(admin(), 'GET', url);
      expect(r.statusCode, url).toBe(400);
      expect(errorOf(r).code, url).toBe('invalid_input');
    }
    const longId = await w.request(admin(), 'GET', `/api/v1/assets/${'x'.repeat(500)}`);
    expect(longId.statusCode).toBe(400);
    expect(errorOf(longId).details[0]?.path).toBe('params.id');
  });

  it('rejects oversize bodies with 413 on every write route', async () => {
    const big = 'x'.repeat(8 * 1024);
    for (const route of writes()) {
      const r = await w.request(route.who, route.method, route.url, { ...route.body, padding: big });
      expect(r.statusCode, route.url).toBe(413);
      expect(errorOf(r).code).toBe('payload_too_large');
    }
    const csv = `name\n${Array.from({ length: 2000 }, (_, i) => `asset-with-a-long-name-${i}`).join('\n')}`;
    const upload = await w.request(admin(), 'POST', '/api/v1/assets/import', csv, { 'content-type': 'text/csv' });
    expect(upload.statusCode).toBe(413);
    // Event imports are log files: ten uploads' worth (uploadLimit × 10), then 413 before a job exists.
    const logs = await w.request(admin(), 'POST', '/api/v1/event-imports?name=big.log', Buffer.alloc(16 * 1024 * 10 + 1, 0x61), { 'content-type': 'application/octet-stream' });
    expect(logs.statusCode).toBe(413);
  });

  it('rejects unsupported media types with 415', async () => {
    const form = await w.request(admin(), 'POST', '/api/v1/assets', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.statusCode).toBe(415);
    expect(errorOf(form).code).toBe('unsupported_media_type');
    const plain = await w.request(admin(), 'POST', '/api/v1/assets/import', 'name\nx', { 'content-type': 'text/plain' });
    expect(plain.statusCode).toBe(415);
    const plainLog = await w.request(admin(), 'POST', '/api/v1/event-imports?name=a.log', '<13>Dec  7 10:00:00 h app: x', { 'content-type': 'text/plain' });
    expect(plainLog.statusCode).toBe(415);
    const badQuery = await w.request(admin(), 'POST', '/api/v1/event-imports?name=a.log&format=pcap&tlp=purple', 'x', { 'content-type': 'application/octet-stream' });
    expect(badQuery.statusCode).toBe(400);
    expect(errorOf(badQuery).details.map((d) => d.path).sort()).toEqual(['querystring.format', 'querystring.tlp']);
  });

  it('refuses bad events input with a 4xx: queries, windows, cursors, media types, oversize NDJSON', async () => {
    const bad = [
      '/api/v1/events?limit=0',
      '/api/v1/events?limit=5000',
      '/api/v1/events?bogus=1',
      '/api/v1/events?cursor=not-a-cursor',
      '/api/v1/events?fields=secret',
      '/api/v1/events?from=tomorrow',
      '/api/v1/events?from=2026-12-08T00:00:00Z&to=2026-12-07T00:00:00Z',
      `/api/v1/events?query=${encodeURIComponent('source.ip:10.0.0.0/99')}`,
      `/api/v1/events/count?query=${encodeURIComponent('"open quote')}`,
      '/api/v1/events/histogram?interval=5x',
      '/api/v1/events/histogram?from=now-30d&interval=1s',
      '/api/v1/events/top',
      '/api/v1/events/top?field=nosuch.section',
    ];
    for (const url of bad) {
      const r = await w.request(admin(), 'GET', url);
      expect(r.statusCode, url).toBe(400);
      expect(errorOf(r).code, url).toBe('invalid_input');
    }
    const json = await w.request(admin(), 'POST', '/api/v1/events', { time: '2026-12-07T00:00:00Z' });
    expect(json.statusCode).toBe(415);
    const lines = Array.from({ length: 400 }, (_, i) => JSON.stringify({ time: '2026-12-07T00:00:00Z', kind: 'log', severity: 'info', message: `line ${i} ${'x'.repeat(40)}`, fields: {} })).join('\n');
    const big = await w.request(admin(), 'POST', '/api/v1/events', lines, { 'content-type': 'application/x-ndjson' });
    expect(big.statusCode).toBe(413);
    expect(errorOf(big).code).toBe('payload_too_large');
  });

  it('reports every CSV problem by line and column and writes nothing', async () => {
    const csv = ['name,ip,criticality,tlp', 'ok-1,10.0.0.1,high,amber', 'bad-ip,10.0.0.300,high,amber', 'bad-crit,10.0.0.3,urgent,amber', 'ok-1,10.0.0.4,low,green'].join('\n');
    const r = await w.request(w.people.analystE1, 'POST', '/api/v1/assets/import', csv, { 'content-type': 'text/csv' });
    expect(r.statusCode).toBe(400);
    const paths = errorOf(r).details.map((d) => d.path);
    expect(paths).toEqual(['line 3: ip', 'line 4: criticality', 'line 5: name']);
    const list = await w.request(w.people.analystE1, 'GET', '/api/v1/assets?q=ok-1');
    expect((list.json() as { items: unknown[] }).items).toEqual([]);
    const noName = await w.request(w.people.analystE1, 'POST', '/api/v1/assets/import', 'ip\n10.0.0.1', { 'content-type': 'text/csv' });
    expect(errorOf(noName).details[0]?.message).toMatch(/name/);
    const unknownColumn = await w.request(w.people.analystE1, 'POST', '/api/v1/assets/import', 'name,colour\nx,blue', { 'content-type': 'text/csv' });
    expect(unknownColumn.statusCode).toBe(400);
    const ragged = await w.request(w.people.analystE1, 'POST', '/api/v1/assets/import', 'name,ip\nx', { 'content-type': 'text/csv' });
    expect(ragged.statusCode).toBe(400);
  });

  it('imports a valid CSV: dry run writes nothing, the import upserts by name, a re-import changes nothing new', async () => {
    const csv = ['Name,IP Address,MAC,Vendor,Model,Firmware,Criticality,TLP,Shared Upward', 'CSV-PLC-1,10.5.0.1,00-1B-1B-00-00-01,Siemens,S7-1500,V2.9,critical,amber,yes', 'CSV-HMI-1,10.5.0.2,,AVEVA,InTouch,2023,medium,green,no'].join('\r\n');
    const dry = await w.request(w.people.analystE1, 'POST', '/api/v1/assets/import?dryRun=true', csv, { 'content-type': 'text/csv' });
    expect(dry.json()).toEqual({ rows: 2, created: 0, updated: 0, dryRun: true });
    expect((await w.request(w.people.analystE1, 'GET', '/api/v1/assets?q=CSV-').then((r) => r.json() as { items: unknown[] })).items).toEqual([]);
    const real = await w.request(w.people.analystE1, 'POST', '/api/v1/assets/import', csv, { 'content-type': 'text/csv' });
    expect(real.json()).toEqual({ rows: 2, created: 2, updated: 0, dryRun: false });
    const again = await w.request(w.people.analystE1, 'POST', '/api/v1/assets/import', csv, { 'content-type': 'text/csv' });
    expect(again.json()).toEqual({ rows: 2, created: 0, updated: 2, dryRun: false });
    const list = (await w.request(w.people.analystE1, 'GET', '/api/v1/assets?q=CSV-')).json() as {
      items: { name: string; mac: string | null; firmwareVersion: string | null; sharedUpward: boolean; orgId: string }[];
    };
    expect(list.items.map((a) => [a.name, a.mac, a.firmwareVersion, a.sharedUpward, a.orgId])).toEqual([
      ['CSV-HMI-1', null, '2023', false, w.orgs.E1],
      ['CSV-PLC-1', '00:1b:1b:00:00:01', 'V2.9', true, w.orgs.E1],
    ]);
  });

  it('rejects playbooks: malformed JSON, a non-object body, and a broken CACAO document with every problem at its JSON Pointer', async () => {
    expect(errorOf(await w.request(admin(), 'POST', '/api/v1/playbooks', '{"type": ')).code).toBe('malformed_json');
    expect((await w.request(admin(), 'POST', '/api/v1/playbooks', [1, 2])).statusCode).toBe(400);
    expect((await w.request(admin(), 'POST', '/api/v1/playbooks?tlp=white', { type: 'playbook' })).statusCode).toBe(400);
    const r = await w.request(admin(), 'POST', '/api/v1/playbooks', { type: 'playbook', spec_version: 'cacao-2.0', isAdmin: true, priority: 'high' });
    expect(r.statusCode).toBe(400);
    const error = errorOf(r);
    expect(error.code).toBe('invalid_input');
    expect(error.details.map((d) => d.path)).toEqual(expect.arrayContaining(['/isAdmin', '/priority', '/id', '/workflow']));
  });

  it('answers unknown API routes with a JSON 404 and serves OpenAPI and docs without credentials', async () => {
    const r = await w.request(admin(), 'GET', '/api/v1/nothing-here');
    expect(r.statusCode).toBe(404);
    expect(errorOf(r).code).toBe('not_found');
    const spec = await w.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(spec.statusCode).toBe(200);
    const doc = spec.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/v1/assets', '/api/v1/assets/{id}', '/api/v1/assets/import', '/api/v1/organisations', '/api/v1/users', '/api/v1/tokens', '/api/v1/audit', '/api/v1/auth/login', '/api/health', '/api/ready']) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    expect(JSON.stringify(doc.paths['/api/v1/assets']?.['post'])).toContain('firmwareVersion');
    const docs = await w.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
    const health = await w.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.json()).toMatchObject({ status: 'ok' });
    const ready = await w.app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.json()).toEqual({ status: 'ready', backend: 'pglite' });
  });
});
