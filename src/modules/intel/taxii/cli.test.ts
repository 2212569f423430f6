import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as cli } from '../../../cli/cli-test-kit.js';
import { loadConfig } from '../../../config/config.js';
import { createLogger } from '../../../platform/logger.js';
import { startServer, type RunningServer } from '../../../server.js';

const ADMIN_PASSWORD = 'a password for the taxii test';

// `bulwark taxii ...` on a local database against a real Bulwark server over HTTP.
describe('bulwark taxii', { timeout: 240_000 }, () => {
  let dir: string;
  let server: RunningServer;
  let token: string;
  let collectionUrl: string;
  const local = () => ({ BULWARK_DATA_DIR: join(dir, 'local'), BULWARK_LOG_LEVEL: 'silent' });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-taxii-cli-'));
    server = await startServer(
      loadConfig({ BULWARK_DATA_DIR: join(dir, 'server'), BULWARK_PORT: '0', BULWARK_DEMO: 'false', BULWARK_ADMIN_PASSWORD: ADMIN_PASSWORD, BULWARK_LOG_LEVEL: 'silent' }),
      createLogger('silent'),
    );
    const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    token = ((await (await fetch(`${server.url}/api/v1/tokens`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'taxii' }) })).json()) as { token: string }).token;
    const auth = { authorization: `Bearer ${token}` };
    const created = (await (await fetch(`${server.url}/api/v1/taxii/collections`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Upstream' }) })).json()) as { id: string; url: string };
    collectionUrl = `${server.url}${created.url}`;
    const objects = Array.from({ length: 25 }, (_, i) => ({
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--${randomUUID()}`,
      created: '2025-10-01T00:00:00.000Z',
      modified: '2025-10-01T00:00:00.000Z',
      pattern: `[ipv4-addr:value = '192.0.2.${i}']`,
      pattern_type: 'stix',
      valid_from: '2025-10-01T00:00:00Z',
      labels: ['upstream'],
    }));
    const imported = await fetch(`${server.url}/api/v1/intel/imports?tlp=green`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/stix+json;version=2.1' },
      body: JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects }),
    });
    expect(imported.status).toBe(200);
    expect((await cli(local(), 'org', 'create', 'Downstream', '--level', 'national')).error).toBeUndefined();
  });

  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists remote collections, pulls incrementally and pushes back', async () => {
    const listed = await cli(local(), '--json', 'taxii', 'collections', `${server.url}/taxii2/`, '--taxii-user', 'admin', '--taxii-password', ADMIN_PASSWORD);
    expect(listed.error).toBeUndefined();
    expect((JSON.parse(listed.stdout) as { url: string; can_read: boolean }[])).toContainEqual(expect.objectContaining({ url: collectionUrl, can_read: true }));

    const first = await cli(local(), '--json', 'taxii', 'pull', collectionUrl, '--feed', 'upstream', '--org', 'Downstream', '--taxii-token', token, '--page-size', '10', '--max-pages', '2');
    expect(first.error).toBeUndefined();
    expect(JSON.parse(first.stdout)).toMatchObject({ pages: 2, stored: 20, complete: false });
    const rest = await cli(local(), 'taxii', 'pull', collectionUrl, '--feed', 'upstream', '--org', 'Downstream', '--taxii-token', token, '--page-size', '10');
    expect(rest.error).toBeUndefined();
    expect(rest.stdout).toMatch(/5 stored, 0 already held/);
    const again = await cli(local(), '--json', 'taxii', 'pull', collectionUrl, '--feed', 'upstream', '--org', 'Downstream', '--taxii-token', token);
    expect(JSON.parse(again.stdout)).toMatchObject({ objects: 0, complete: true });

    const feeds = await cli(local(), '--json', 'taxii', 'feeds', '--org', 'Downstream');
    expect((JSON.parse(feeds.stdout) as { name: string; state: { addedAfter?: string } }[])[0]).toMatchObject({ name: 'upstream', state: { addedAfter: expect.stringMatching(/Z$/) as unknown } });

    // Pushing what came down goes back as "already held": the server deduplicates.
    const pushed = await cli(local(), '--json', 'taxii', 'push', collectionUrl, '--feed', 'back', '--org', 'Downstream', '--taxii-token', token, '--label', 'upstream');
    expect(pushed.error).toBeUndefined();
    expect(JSON.parse(pushed.stdout)).toMatchObject({ objects: 25, stored: 25, failed: 0, complete: true });
  });

  it('reports what goes wrong', async () => {
    const denied = await cli(local(), 'taxii', 'pull', collectionUrl, '--feed', 'denied', '--org', 'Downstream', '--taxii-user', 'admin', '--taxii-password', 'wrong');
    expect(denied.error?.message).toMatch(/401/);
    expect((await cli(local(), 'taxii', 'pull', 'not a url', '--feed', 'x', '--org', 'Downstream')).error?.message).toMatch(/URL/);
    expect((await cli(local(), 'taxii', 'pull', collectionUrl, '--org', 'Downstream')).error).toBeDefined();
    expect((await cli(local(), 'taxii', 'collections', `${server.url}/taxii2/`, '--taxii-user', 'a', '--taxii-token', 'b')).error?.message).toMatch(/not both/);
  });
});
