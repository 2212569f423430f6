// `bulwark sensors add|list|revoke` on a local database (the operator) and against a server (an admin's
// token); `bulwark sensor` and `bulwark worker` say what they need when it is missing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as cli } from '../../../cli/cli-test-kit.js';
import { loadConfig } from '../../../config/config.js';
import { createLogger } from '../../../platform/logger.js';
import { startServer, type RunningServer } from '../../../server.js';
import type { IssuedSensor, Sensor } from './types.js';

const ADMIN_PASSWORD = 'a password for the sensors test';

describe('bulwark sensors', { timeout: 240_000 }, () => {
  let dir: string;
  let server: RunningServer;
  let token = '';
  const local = () => ({ BULWARK_DATA_DIR: join(dir, 'local'), BULWARK_LOG_LEVEL: 'silent' });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-sensors-cli-'));
    server = await startServer(loadConfig({ BULWARK_DATA_DIR: join(dir, 'server'), BULWARK_PORT: '0', BULWARK_DEMO: 'false', BULWARK_ADMIN_PASSWORD: ADMIN_PASSWORD, BULWARK_LOG_LEVEL: 'silent' }), createLogger('silent'));
    const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    token = ((await (await fetch(`${server.url}/api/v1/tokens`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'sensors' }) })).json()) as { token: string }).token;
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('adds (token shown once), lists and revokes a sensor on the local database', async () => {
    const added = await cli(local(), '--json', 'sensors', 'add', 'line-1');
    expect(added.error).toBeUndefined();
    const sensor = JSON.parse(added.stdout) as IssuedSensor;
    expect(sensor.token).toMatch(/^bwsn_/);
    const human = await cli(local(), 'sensors', 'add', 'line-2');
    expect(human.stdout).toMatch(/token \(shown once\): bwsn_/);
    const listed = await cli(local(), 'sensors', 'list');
    expect(listed.stdout).toMatch(/^ID\s+NAME\s+ORG\s+STATE\s+LAST_CONTACT\s+EVENTS/m);
    expect(listed.stdout).toMatch(/line-1\s+\S+\s+active\s+never\s+0/);
    expect(listed.stdout).not.toContain(sensor.token);
    expect((await cli(local(), 'sensors', 'revoke', sensor.id)).stdout).toContain('revoked');
    const after = JSON.parse((await cli(local(), '--json', 'sensors', 'list')).stdout) as { items: Sensor[] };
    expect(after.items.find((s) => s.id === sensor.id)?.revokedAt).not.toBeNull();
    const dup = await cli(local(), 'sensors', 'add', 'line-2');
    expect(dup.error?.message).toContain('already has a sensor named line-2');
  });

  it('adds and lists sensors on a server with an admin token', async () => {
    const remote = (...args: string[]) => cli({ BULWARK_LOG_LEVEL: 'silent' }, '--server', server.url, '--token', token, ...args);
    const added = await remote('--json', 'sensors', 'add', 'gateway');
    expect(added.error).toBeUndefined();
    const sensor = JSON.parse(added.stdout) as IssuedSensor;
    const listed = JSON.parse((await remote('--json', 'sensors', 'list')).stdout) as { items: Sensor[] };
    expect(listed.items.map((s) => s.name)).toContain('gateway');
    // the sensor's own token is not a user's: it may not list sensors
    const refused = await cli({ BULWARK_LOG_LEVEL: 'silent' }, '--server', server.url, '--token', sensor.token, 'sensors', 'list');
    expect(refused.error?.message).toContain('only send events');
  });

  it('says what a sensor and a worker need', async () => {
    const sensor = await cli({ BULWARK_LOG_LEVEL: 'silent' }, 'sensor', '--read', '-');
    expect(sensor.error?.message).toContain('a sensor ships to a server');
    const worker = await cli({ ...local() }, 'worker');
    expect(worker.error?.message).toContain('NATS JetStream');
  });
});
