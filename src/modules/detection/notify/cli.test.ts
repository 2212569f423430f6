import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as cli } from '../../../cli/cli-test-kit.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from './senders.js';
import type { AlertChannel, NotificationRule } from './types.js';

const KEY = 'cli-signing-key-0123456789';

// `bulwark alerts channels ...` on a local database (the operator), against a real webhook receiver.
describe('bulwark alerts channels', { timeout: 240_000 }, () => {
  let dir: string;
  let server: Server;
  let port = 0;
  const got: { signature: string; timestamp: string; body: string }[] = [];
  const env = () => ({ BULWARK_DATA_DIR: join(dir, 'data'), BULWARK_LOG_LEVEL: 'silent', BULWARK_ALLOW_PRIVATE_URLS: '1', HOOK_KEY: KEY });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-notify-cli-'));
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (c: Buffer) => (body += c.toString('utf8')));
      request.on('end', () => {
        got.push({ signature: String(request.headers[SIGNATURE_HEADER]), timestamp: String(request.headers[TIMESTAMP_HEADER]), body });
        response.end();
      });
    });
    port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
    expect((await cli(env(), 'org', 'create', 'Water Works', '--level', 'enterprise')).error).toBeUndefined();
  });
  afterAll(async () => {
    server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('adds a webhook with its key from the environment, tests it, and routes alerts to it with a rule', async () => {
    const added = await cli(env(), 'alerts', 'channels', 'add-webhook', 'soc', '--url', `http://127.0.0.1:${port}/in`, '--secret-env', 'HOOK_KEY', '--org', 'Water Works', '--json');
    expect(added.error).toBeUndefined();
    const channel = JSON.parse(added.stdout) as AlertChannel;
    expect(channel).toMatchObject({ name: 'soc', kind: 'webhook', hasSecret: true });
    expect(added.stdout).not.toContain(KEY);

    const tested = await cli(env(), 'alerts', 'channels', 'test', channel.id);
    expect(tested.error).toBeUndefined();
    expect(tested.stdout).toMatch(/delivered in \d+ ms/);
    expect(got).toHaveLength(1);
    expect(verifySignature(KEY, got[0]?.timestamp ?? '', got[0]?.body ?? '', got[0]?.signature ?? '')).toBe(true);

    const listed = await cli(env(), 'alerts', 'channels', 'list', '--org', 'Water Works');
    expect(listed.stdout).toContain(`http://127.0.0.1:${port}/in`);
    const rule = await cli(env(), 'alerts', 'channels', 'rules', 'add', 'criticals', '--channel', channel.id, '--technique', 'T0858', '--min-severity', 'critical', '--org', 'Water Works', '--json');
    expect(rule.error).toBeUndefined();
    expect(JSON.parse(rule.stdout) as NotificationRule).toMatchObject({ name: 'criticals', techniques: ['T0858'], minSeverity: 'critical', channelIds: [channel.id] });

    // A key variable that is not set is an error, and nothing is added.
    const missing = await cli(env(), 'alerts', 'channels', 'add-webhook', 'other', '--url', 'http://127.0.0.1:9/x', '--secret-env', 'NO_SUCH_VARIABLE', '--org', 'Water Works');
    expect(missing.error?.message).toContain('NO_SUCH_VARIABLE');
    const down = await cli(env(), 'alerts', 'channels', 'add-webhook', 'down', '--url', 'http://127.0.0.1:9/x', '--secret-env', 'HOOK_KEY', '--org', 'Water Works', '--json');
    const failing = await cli(env(), 'alerts', 'channels', 'test', (JSON.parse(down.stdout) as AlertChannel).id);
    expect(failing.error?.message).toContain('not delivered');
  });
});
