import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as cli } from '../../../cli/cli-test-kit.js';
import { loadConfig } from '../../../config/config.js';
import { createLogger } from '../../../platform/logger.js';
import { startServer, type RunningServer } from '../../../server.js';

const ADMIN_PASSWORD = 'a password for the feeds test';
const kevFile = fileURLToPath(new URL('../../../../../shared/data/kev/known_exploited_vulnerabilities.json', import.meta.url));

// `bulwark kb feeds ...` on a local database (the operator) and against a server (its root admin's token).
describe('bulwark kb feeds', { timeout: 240_000 }, () => {
  let dir: string;
  let provider: Server;
  let providerUrl = '';
  let server: RunningServer;
  let token = '';
  let requests = 0;
  const local = () => ({ BULWARK_DATA_DIR: join(dir, 'local'), BULWARK_LOG_LEVEL: 'silent', BULWARK_ALLOW_PRIVATE_URLS: 'true' });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-kb-feeds-cli-'));
    const kev = JSON.parse(readFileSync(kevFile, 'utf8')) as { vulnerabilities: unknown[] };
    const slice = JSON.stringify({ ...kev, count: 5, vulnerabilities: kev.vulnerabilities.slice(0, 5) });
    provider = createServer((req, res) => {
      requests++;
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
      else res.writeHead(200, { 'content-type': 'application/json', etag: '"v1"' }).end(slice);
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/kev.json`;
    server = await startServer(
      loadConfig({ BULWARK_DATA_DIR: join(dir, 'server'), BULWARK_PORT: '0', BULWARK_DEMO: 'false', BULWARK_ADMIN_PASSWORD: ADMIN_PASSWORD, BULWARK_LOG_LEVEL: 'silent', BULWARK_ALLOW_PRIVATE_URLS: 'true' }),
      createLogger('silent'),
    );
    const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    token = ((await (await fetch(`${server.url}/api/v1/tokens`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'feeds' }) })).json()) as { token: string }).token;
  });

  afterAll(async () => {
    await server?.close();
    await new Promise((resolve) => provider?.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('adds, runs, shows, lists and removes a feed on the local database', async () => {
    const added = await cli(local(), 'kb', 'feeds', 'add', 'kev', '--kind', 'kev', '--url', providerUrl, '--every', '60');
    expect(added.error).toBeUndefined();
    expect(added.stdout).toMatch(/every 60 min; next run in 60 min/);
    const ran = await cli(local(), 'kb', 'feeds', 'run', 'kev');
    expect(ran.error).toBeUndefined();
    expect(ran.stdout).toMatch(/kev: 1 documents: 5 vulnerabilities/);
    const again = await cli(local(), 'kb', 'feeds', 'run', 'kev');
    expect(again.stdout).toMatch(/nothing new \(1 requests, 1 not modified\)/);
    const shown = JSON.parse((await cli(local(), '--json', 'kb', 'feeds', 'show', 'kev')).stdout) as { name: string; lastResult: { notModified: number }; hasApiKey: boolean };
    expect(shown).toMatchObject({ name: 'kev', hasApiKey: false, lastResult: { notModified: 1 } });
    expect((await cli(local(), 'kb', 'feeds')).stdout).toMatch(/kev\s+kev\s+http/);
    expect((await cli(local(), 'kb', 'feeds', 'remove', 'kev')).stdout).toMatch(/feed kev removed/);
    expect(JSON.parse((await cli(local(), '--json', 'kb', 'feeds', 'list')).stdout)).toEqual([]);
  });

  /** The error's message and where it points, as the CLI prints them. */
  const said = (r: { error: Error | undefined }) => `${r.error?.message ?? ''} ${JSON.stringify((r.error as { details?: unknown } | undefined)?.details ?? [])}`;

  it('names the flag that is wrong', async () => {
    const badKind = await cli(local(), 'kb', 'feeds', 'add', 'x', '--kind', 'gopher', '--url', providerUrl);
    expect(said(badKind)).toMatch(/--kind/);
    const badEvery = await cli(local(), 'kb', 'feeds', 'add', 'x', '--kind', 'kev', '--url', providerUrl, '--every', '2');
    expect(said(badEvery)).toMatch(/"path":"--every"/);
    const nvd = await cli(local(), 'kb', 'feeds', 'add', 'x', '--kind', 'nvd', '--url', providerUrl);
    expect(said(nvd)).toMatch(/"path":"--url"/);
    expect((await cli(local(), 'kb', 'feeds', 'run', 'missing')).error?.message).toMatch(/not found/);
  });

  it('drives a server’s feeds with a token; an NVD key file is sent once and never shown', async () => {
    const remote = (...args: string[]) => cli({ BULWARK_LOG_LEVEL: 'silent' }, '--server', server.url, '--token', token, ...args);
    const keyFile = join(dir, 'nvd.key');
    await writeFile(keyFile, 'secret-nvd-key-42\n');
    const saved = await remote('--json', 'kb', 'feeds', 'add', 'nvd', '--kind', 'nvd', '--url', 'http://127.0.0.1:9/rest/json/cves/2.0', '--api-key-file', keyFile, '--since', '2025-01-01');
    expect(saved.error).toBeUndefined();
    expect(saved.stdout).not.toContain('secret-nvd-key-42');
    expect(JSON.parse(saved.stdout)).toMatchObject({ name: 'nvd', kind: 'nvd', hasApiKey: true, options: { since: '2025-01-01' } });
    expect((await remote('kb', 'feeds', 'add', 'kev', '--kind', 'kev', '--url', providerUrl)).error).toBeUndefined();
    const before = requests;
    const ran = await remote('kb', 'feeds', 'run', 'kev');
    expect(ran.stdout).toMatch(/5 vulnerabilities/);
    expect(requests).toBe(before + 1);
    expect((await remote('kb', 'feeds', 'list')).stdout).toMatch(/nvd\s+nvd/);
  });
});
