import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as cli } from '../../cli/cli-test-kit.js';
import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../platform/logger.js';
import { startServer, type RunningServer } from '../../server.js';
import { systemActor } from '../../platform/access.js';
import { createServices } from '../../services.js';
import { migrateToLatest, openDatabase } from '../../storage/index.js';
import type { SensedEvent } from '../sensing/index.js';
import type { Alert, AlertDetail } from './types.js';

const rule = (id: string, condition = 'selection') => `title: PLC stop from ${id}
id: ${id}
level: critical
tags: [attack.t0858]
logsource:
  product: ics
  category: s7comm
detection:
  selection:
    ics.function: PLC Stop
  condition: ${condition}
`;

const event = (n: number, fn: string): SensedEvent => ({
  id: `cli-${n}`,
  time: `2026-12-07T08:0${n}:00.000Z`,
  receivedAt: '2026-12-07T08:10:00.000Z',
  orgId: '',
  tlp: 'amber',
  sharedUpward: false,
  source: { type: 'sensor', id: 's', name: 'sensor' },
  kind: 'operation',
  severity: 'info',
  message: fn,
  fields: { destination: { ip: '10.1.1.10' }, ics: { protocol: 's7comm', function: fn } },
  assets: {},
  raw: null,
  rawTruncated: false,
  origin: {},
});

// `bulwark rules ...` and `bulwark alerts ...` on a local database (the operator).
describe('bulwark rules and alerts', { timeout: 240_000 }, () => {
  let dir: string;
  const env = () => ({ BULWARK_DATA_DIR: join(dir, 'data'), BULWARK_LOG_LEVEL: 'silent' });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-detection-cli-'));
    await mkdir(join(dir, 'rules', 'more'), { recursive: true });
    await writeFile(join(dir, 'rules', 'stop.yml'), rule('0b6e4a52-8c1f-4d0e-9a51-000000000001'));
    await writeFile(join(dir, 'rules', 'more', 'bad.yaml'), rule('0b6e4a52-8c1f-4d0e-9a51-000000000002', 'selection or missing'));
    await writeFile(join(dir, 'rules', 'notes.txt'), 'not a rule');
    await writeFile(join(dir, 'events.ndjson'), [event(1, 'PLC Stop'), event(2, 'Read Var'), event(3, 'PLC Stop')].map((e) => JSON.stringify(e)).join('\n'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('validates a directory: every problem with file, line and column', async () => {
    const json = await cli(env(), 'rules', 'validate', join(dir, 'rules'), '--json');
    expect(json.error?.message).toMatch(/1 of 2 rule files are not valid/);
    const report = JSON.parse(json.stdout) as { files: number; valid: number; invalid: number; problems: { file: string; line: number; column: number; message: string }[] };
    expect(report).toMatchObject({ files: 2, valid: 1, invalid: 1 });
    expect(report.problems).toEqual([expect.objectContaining({ file: join(dir, 'rules', 'more', 'bad.yaml'), line: 11, column: 27, message: expect.stringContaining('missing') })]);
    const human = await cli(env(), 'rules', 'validate', join(dir, 'rules', 'more', 'bad.yaml'));
    expect(human.stdout).toContain(`${join(dir, 'rules', 'more', 'bad.yaml')}:11:27: error:`);
    const good = await cli(env(), 'rules', 'validate', join(dir, 'rules', 'stop.yml'));
    expect(good.error).toBeUndefined();
    expect(good.stdout).toContain('1 files: 1 valid, 0 invalid');
  });

  it('tests a rule file against NDJSON events', async () => {
    const r = await cli(env(), 'rules', 'test', join(dir, 'rules', 'stop.yml'), '--events', join(dir, 'events.ndjson'), '--json');
    expect(r.error).toBeUndefined();
    const report = JSON.parse(r.stdout) as { matches: number; events: { id: string }[] };
    expect(report.matches).toBe(2);
    expect(report.events.map((e) => e.id)).toEqual(['cli-1', 'cli-3']);
    const human = await cli(env(), 'rules', 'test', join(dir, 'rules', 'stop.yml'), '--events', join(dir, 'events.ndjson'));
    expect(human.stdout).toContain('2 matching events');
    expect((await cli(env(), 'rules', 'test', join(dir, 'rules', 'more', 'bad.yaml'), '--events', join(dir, 'events.ndjson'))).error?.message).toMatch(/not a valid rule/);
  });

  it('imports, lists, and works on the alerts the rules raise', async () => {
    const imported = await cli(env(), 'rules', 'import', join(dir, 'rules', 'stop.yml'), '--platform', '--json');
    expect(imported.error).toBeUndefined();
    expect(JSON.parse(imported.stdout)).toEqual({ files: 1, created: 1, updated: 0, unchanged: 0 });
    expect((await cli(env(), 'rules', 'import', join(dir, 'rules', 'stop.yml'), '--platform')).stdout).toContain('0 rules created, 0 updated, 1 unchanged');
    const listed = await cli(env(), 'rules', 'list');
    expect(listed.stdout).toMatch(/PLC stop from 0b6e4a52\S*\s+critical\s+T0858\s+platform\s+enabled\s+0/);

    // The server's detector, in-process on the same data directory: three events, one alert of two hits.
    const database = await openDatabase({ dataDir: join(dir, 'data') });
    try {
      await migrateToLatest(database);
      const services = createServices(database);
      const org = await services.orgs.create(systemActor('test'), { name: 'Plant', level: 'enterprise', parentId: null });
      await services.detection.detector.process([1, 2, 3].map((n) => ({ ...event(n, n === 2 ? 'Read Var' : 'PLC Stop'), orgId: org.id })));
      await services.sensing.close();
    } finally {
      await database.close();
    }

    const alerts = JSON.parse((await cli(env(), 'alerts', 'list', '--technique', 'T0858', '--json')).stdout) as Alert[];
    expect(alerts.map((a) => [a.entity, a.count, a.severity, a.status])).toEqual([['ip:10.1.1.10', 2, 'critical', 'new']]);
    const id = alerts[0]?.id ?? '';
    expect((await cli(env(), 'alerts', 'show', id)).stdout).toMatch(/PLC stop from \S+ {2}critical {2}new/);
    expect((await cli(env(), 'alerts', 'ack', id)).stdout).toContain('acknowledged');
    expect((await cli(env(), 'alerts', 'resolve', id, '--note', 'planned stop')).stdout).toContain('resolved');
    const shown = JSON.parse((await cli(env(), '--json', 'alerts', 'show', id)).stdout) as AlertDetail;
    expect(shown.history.map((h) => h.toStatus)).toEqual(['acknowledged', 'resolved']);
    expect(shown.history[1]?.note).toBe('planned stop');
    expect(JSON.parse((await cli(env(), 'alerts', 'list', '--status', 'new', '--json')).stdout)).toEqual([]);
    expect((await cli(env(), 'alerts', 'list', '--status', 'closed')).error?.message).toMatch(/closed/);
    expect((await cli(env(), 'alerts', 'show', 'nope')).error?.message).toMatch(/alert nope not found/);
  });
});

// The same commands against a running server, whose detector raises alerts from events sent to it.
describe('bulwark rules and alerts against a server', { timeout: 240_000 }, () => {
  const PASSWORD = 'a password for the detection test';
  let dir: string;
  let server: RunningServer | undefined;
  let token = '';
  const remote = (...args: string[]) => cli({ BULWARK_LOG_LEVEL: 'silent' }, '--server', server?.url ?? '', '--token', token, ...args);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-detection-remote-'));
    server = await startServer(loadConfig({ BULWARK_DATA_DIR: join(dir, 'server'), BULWARK_PORT: '0', BULWARK_DEMO: 'false', BULWARK_ADMIN_PASSWORD: PASSWORD, BULWARK_LOG_LEVEL: 'silent' }), createLogger('silent'));
    const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    token = ((await (await fetch(`${server.url}/api/v1/tokens`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'detection' }) })).json()) as { token: string }).token;
    await writeFile(join(dir, 'stop.yml'), rule('0b6e4a52-8c1f-4d0e-9a51-000000000009'));
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('imports a rule, and lists, shows and acknowledges the alert it raises on events sent to the server', async () => {
    const imported = await remote('--json', 'rules', 'import', join(dir, 'stop.yml'));
    expect(imported.error).toBeUndefined();
    expect(JSON.parse(imported.stdout)).toMatchObject({ created: 1 });
    const draft = (n: number) => {
      const { id, kind, severity, message, fields } = event(n, 'PLC Stop');
      return JSON.stringify({ id, time: new Date(Date.now() - (4 - n) * 1000).toISOString(), kind, severity, message, fields });
    };
    const body = [1, 2, 3].map(draft).join('\n');
    const sent = await fetch(`${server?.url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' }, body });
    expect(sent.status).toBeLessThan(300);
    expect(await sent.json()).toMatchObject({ accepted: 3 });
    let alerts: Alert[] = [];
    for (let i = 0; i < 100 && alerts.length === 0; i++) {
      alerts = JSON.parse((await remote('--json', 'alerts', 'list')).stdout) as Alert[];
      if (alerts.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(alerts.map((a) => [a.entity, a.count])).toEqual([['ip:10.1.1.10', 3]]);
    const id = alerts[0]?.id ?? '';
    expect((await remote('alerts', 'ack', id)).stdout).toContain('acknowledged');
    expect((await remote('alerts', 'show', id)).stdout).toContain('3 linked events');
    expect((await remote('rules', 'list')).stdout).toMatch(/PLC stop from \S+\s+critical\s+T0858\s+\S+\s+enabled\s+3/);
    const tested = await remote('--json', 'rules', 'test', (JSON.parse((await remote('--json', 'rules', 'list')).stdout) as { id: string }[])[0]?.id ?? '', '--events', join(dir, 'stop.yml'));
    expect(tested.error?.message).toMatch(/not events/);
  });
});
