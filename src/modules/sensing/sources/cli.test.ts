import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as cli } from '../../../cli/cli-test-kit.js';
import { loadConfig } from '../../../config/config.js';
import { createLogger } from '../../../platform/logger.js';
import { startServer, type RunningServer } from '../../../server.js';
import { freePort, until } from './test-support.js';
import type { EventSourceView } from './types.js';

const run = promisify(execFile);
const ADMIN_PASSWORD = 'a password for the sources test';

/** The error's message and where it points, as the CLI prints them. */
const said = (r: { error: Error | undefined }) => `${r.error?.message ?? ''} ${JSON.stringify((r.error as { details?: unknown } | undefined)?.details ?? [])}`;

// `bulwark sources ...` on a local database (the operator) and against a server that runs the sources.
describe('bulwark sources', { timeout: 240_000 }, () => {
  let dir: string;
  let server: RunningServer | undefined;
  let token = '';
  const local = () => ({ BULWARK_DATA_DIR: join(dir, 'local'), BULWARK_LOG_LEVEL: 'silent' });
  const serverConfig = () => loadConfig({ BULWARK_DATA_DIR: join(dir, 'server'), BULWARK_PORT: '0', BULWARK_DEMO: 'false', BULWARK_ADMIN_PASSWORD: ADMIN_PASSWORD, BULWARK_LOG_LEVEL: 'silent' });
  const remote = (...args: string[]) => cli({ BULWARK_LOG_LEVEL: 'silent' }, '--server', server?.url ?? '', '--token', token, ...args);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-sources-cli-'));
    server = await startServer(serverConfig(), createLogger('silent'));
    const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    token = ((await (await fetch(`${server.url}/api/v1/tokens`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'sources' }) })).json()) as { token: string }).token;
  });

  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('adds, lists, shows, disables and removes sources on the local database', async () => {
    const added = await cli(local(), 'sources', 'add', 'syslog', 'plant-syslog', '--protocol', 'tcp', '--port', '6514', '--sender', '10.20.0.0/16=Bulwark', '--tlp', 'green');
    expect(added.error).toBeUndefined();
    expect(added.stdout).toMatch(/plant-syslog {2}syslog {2}tcp 0\.0\.0\.0:6514/);
    const mqtt = await cli(local(), '--json', 'sources', 'add', 'mqtt', 'broker', '--broker', 'mqtt://10.0.0.5:1883', '--topic', 'plant/+/temp', '--topic', 'spBv1.0/#', '--value-path', 'data.t', '--unit', '°C', '--disabled');
    expect(mqtt.error).toBeUndefined();
    expect(JSON.parse(mqtt.stdout)).toMatchObject({ type: 'mqtt', enabled: false, config: { topics: ['plant/+/temp', 'spBv1.0/#'], mapping: { valuePath: 'data.t', unit: '°C' } }, status: { state: 'disabled' } });
    const listed = await cli(local(), 'sources', 'list');
    expect(listed.stdout).toMatch(/plant-syslog\s+syslog\s+tcp 0\.0\.0\.0:6514\s+stopped/);
    expect(listed.stdout).toMatch(/broker\s+mqtt\s+mqtt:\/\/10\.0\.0\.5:1883 plant\/\+\/temp spBv1\.0\/#\s+disabled/);
    const shown = JSON.parse((await cli(local(), '--json', 'sources', 'show', 'plant-syslog')).stdout) as EventSourceView;
    expect(shown).toMatchObject({ tlp: 'green', config: { senders: [{ range: '10.20.0.0/16' }] } });
    expect((await cli(local(), 'sources', 'disable', 'plant-syslog')).stdout).toMatch(/disabled/);
    expect((await cli(local(), 'sources', 'remove', shown.id)).stdout).toMatch(/source plant-syslog removed/);
    expect((await cli(local(), 'sources', 'remove', 'broker')).stdout).toMatch(/source broker removed/);
    expect(JSON.parse((await cli(local(), '--json', 'sources', 'list')).stdout)).toEqual([]);
  });

  it('names the flag that is wrong', async () => {
    expect(said(await cli(local(), 'sources', 'add', 'syslog', 'x', '--port', '70000'))).toMatch(/--port/);
    expect(said(await cli(local(), 'sources', 'add', 'syslog', 'x', '--port', '514', '--sender', '10.0.0.0/99=Bulwark'))).toMatch(/"path":"--sender/);
    expect(said(await cli(local(), 'sources', 'add', 'syslog', 'x', '--port', '514', '--protocol', 'tls'))).toMatch(/"path":"--cert"/);
    expect(said(await cli(local(), 'sources', 'add', 'mqtt', 'x', '--broker', 'http://10.0.0.1', '--topic', 't'))).toMatch(/"path":"--broker"/);
    expect(said(await cli(local(), 'sources', 'add', 'zeek', 'x'))).toMatch(/"path":"--path"/);
    expect(said(await cli(local(), 'sources', 'add', 'gopher', 'x'))).toMatch(/<type> must be one of syslog/);
    expect(said(await cli(local(), 'sources', 'remove', 'missing'))).toMatch(/not found/);
  });

  it('defines a source on a server, which runs it at once and again after a restart; logger’s messages are stored', async () => {
    const port = await freePort();
    const added = await remote('--json', 'sources', 'add', 'syslog', 'edge', '--protocol', 'udp', '--host', '127.0.0.1', '--port', String(port));
    expect(added.error).toBeUndefined();
    expect(JSON.parse(added.stdout)).toMatchObject({ name: 'edge', status: { state: 'running', endpoint: `udp 127.0.0.1:${port}` } });
    await run('logger', ['--udp', '--server', '127.0.0.1', '--port', String(port), '--rfc3164', '-t', 'rtu', 'breaker 7 opened']);
    const storedCount = async () => (JSON.parse((await remote('--json', 'sources', 'show', 'edge')).stdout) as EventSourceView).status.counters.stored ?? 0;
    await until(async () => (await storedCount()) === 1, 'the message stored');
    expect((await remote('sources', 'list')).stdout).toMatch(/edge\s+syslog\s+udp 127\.0\.0\.1:\d+\s+running\s+1\s+1\s+0\s+0/);

    // Start on server start: the same data directory, a new process's worth of server.
    await server?.close();
    server = await startServer(serverConfig(), createLogger('silent'));
    const show = async () => JSON.parse((await remote('--json', 'sources', 'show', 'edge')).stdout) as EventSourceView;
    // The server starts its sources once it listens.
    await until(async () => (await show()).status.state === 'running', 'the source started by the new server');
    const again = await show();
    expect(again.status).toMatchObject({ state: 'running', endpoint: `udp 127.0.0.1:${port}` });
    // The first run's counters were saved when the server stopped.
    expect(again.counters).toMatchObject({ received: 1, accepted: 1 });
    await run('logger', ['--udp', '--server', '127.0.0.1', '--port', String(port), '--rfc3164', '-t', 'rtu', 'breaker 7 closed']);
    await until(async () => (await storedCount()) === 1, 'the second message stored by the new server');
    expect((await remote('sources', 'remove', 'edge')).error).toBeUndefined();
  });
});
