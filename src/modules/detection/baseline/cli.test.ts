import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as cli } from '../../../cli/cli-test-kit.js';
import { loadConfig } from '../../../config/config.js';
import { systemActor } from '../../../platform/access.js';
import { createLogger } from '../../../platform/logger.js';
import { startServer, type RunningServer } from '../../../server.js';
import { createServices } from '../../../services.js';
import { migrateToLatest, openDatabase } from '../../../storage/index.js';
import type { SensedEvent } from '../../sensing/index.js';
import { modbusDraft } from './test-traffic.js';
import type { BaselineDetail, BaselineSummary } from './types.js';

const t = (hours: number) => new Date(Date.UTC(2026, 11, 7, 6) + hours * 3_600_000);
/** One known pair learnt at hour 0, then a new host at hour 2 (past a one-hour learning period). */
const drafts = () => [modbusDraft('cli-bl-1', t(0), '10.3.0.5', '10.3.0.9', 'Read Coils', 1, 'read', 'coils 0-15'), modbusDraft('cli-bl-2', t(2), '10.3.0.66', '10.3.0.9', 'Read Coils', 1, 'read', 'coils 0-15')];

// `bulwark baselines ...` on a local database (the operator), then against a server.
describe('bulwark baselines', { timeout: 240_000 }, () => {
  let dir: string;
  const env = () => ({ BULWARK_DATA_DIR: join(dir, 'data'), BULWARK_LOG_LEVEL: 'silent' });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-baselines-cli-'));
    const database = await openDatabase({ dataDir: join(dir, 'data') });
    try {
      await migrateToLatest(database);
      const services = createServices(database);
      const op = systemActor('test');
      const org = await services.orgs.create(op, { name: 'Plant', level: 'enterprise', parentId: null });
      await services.detection.baselines.setSettings(op, { orgId: org.id, learningHours: 1 });
      const events = drafts().map((d): SensedEvent => ({ ...d, id: d.id ?? '', orgId: org.id, receivedAt: d.time, tlp: 'amber', sharedUpward: false, source: { type: 'sensor', id: 's', name: 'sensor' }, assets: {}, raw: null, rawTruncated: false, origin: {} }));
      await services.detection.detector.process(events);
      await services.sensing.close();
    } finally {
      await database.close();
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists, shows, accepts and relearns', async () => {
    const list = JSON.parse((await cli(env(), 'baselines', 'list', '--json')).stdout) as BaselineSummary[];
    expect(list.map((b) => [b.zone, b.state, b.version, b.openDeviations])).toEqual([['', 'active', 1, 1]]);
    const id = list[0]?.id ?? '';
    expect((await cli(env(), 'baselines', 'list')).stdout).toMatch(/\(organisation\)\s+active\s+100%\s+1\s+\d+\s+1/);
    const shown = await cli(env(), 'baselines', 'show', id);
    expect(shown.stdout).toContain('new-host  seen 10.3.0.66; expected 2 known hosts');
    const detail = JSON.parse((await cli(env(), '--json', 'baselines', 'show', id)).stdout) as BaselineDetail;
    const deviation = detail.deviations[0]?.id ?? '';
    const accepted = JSON.parse((await cli(env(), '--json', 'baselines', 'accept', id, deviation, '--note', 'new HMI')).stdout) as BaselineDetail;
    expect(accepted).toMatchObject({ version: 2, openDeviations: 0 });
    expect(accepted.versions[0]).toMatchObject({ change: 'accepted', details: { note: 'new HMI' } });
    expect((await cli(env(), 'baselines', 'relearn', id, '--reason', 'plant extension')).stdout).toMatch(/learning\s+0% learnt\s+version 3/);
    expect((await cli(env(), 'baselines', 'list', '--state', 'sleeping')).error?.message).toMatch(/sleeping/);
    expect((await cli(env(), 'baselines', 'show', 'nope')).error?.message).toMatch(/baseline nope not found/);
  });
});

describe('bulwark baselines against a server', { timeout: 240_000 }, () => {
  const PASSWORD = 'a password for the baselines test';
  let dir: string;
  let server: RunningServer | undefined;
  let token = '';
  const remote = (...args: string[]) => cli({ BULWARK_LOG_LEVEL: 'silent' }, '--server', server?.url ?? '', '--token', token, ...args);
  const api = (method: string, path: string, body: string, type = 'application/json') => fetch(`${server?.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-baselines-remote-'));
    server = await startServer(loadConfig({ BULWARK_DATA_DIR: join(dir, 'server'), BULWARK_PORT: '0', BULWARK_DEMO: 'false', BULWARK_ADMIN_PASSWORD: PASSWORD, BULWARK_LOG_LEVEL: 'silent' }), createLogger('silent'));
    const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    token = ((await (await fetch(`${server.url}/api/v1/tokens`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'baselines' }) })).json()) as { token: string }).token;
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists and accepts the deviation the server’s detector found', async () => {
    expect((await api('PUT', '/baseline-settings', JSON.stringify({ learningHours: 1 }))).status).toBe(200);
    expect((await api('POST', '/events', drafts().map((d) => JSON.stringify(d)).join('\n'), 'application/x-ndjson')).status).toBeLessThan(300);
    let list: BaselineSummary[] = [];
    for (let i = 0; i < 100 && list[0]?.openDeviations !== 1; i++) {
      list = JSON.parse((await remote('--json', 'baselines', 'list')).stdout) as BaselineSummary[];
      if (list[0]?.openDeviations !== 1) await new Promise((r) => setTimeout(r, 100));
    }
    expect(list.map((b) => [b.state, b.openDeviations])).toEqual([['active', 1]]);
    const id = list[0]?.id ?? '';
    const detail = JSON.parse((await remote('--json', 'baselines', 'show', id)).stdout) as BaselineDetail;
    expect((await remote('baselines', 'accept', id, detail.deviations[0]?.id ?? '')).stdout).toMatch(/accepted\s+\S+\s+new-host/);
    expect((await remote('baselines', 'relearn', id)).stdout).toContain('learning');
  });
});
