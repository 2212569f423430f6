import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as cli } from '../src/cli/cli-test-kit.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/platform/logger.js';
import { startServer } from '../src/server.js';

const zeekModbus = fileURLToPath(new URL('../../shared/data/logs/zeek/brimdata__zed-sample-data/zeek-default/modbus.log.gz', import.meta.url));
const march2018 = ['--from', '2018-03-01T00:00:00Z', '--to', '2018-04-01T00:00:00Z'];
const day = ['--from', '2026-11-01T00:00:00Z', '--to', '2026-11-02T00:00:00Z'];

const line = (i: number, over: Record<string, unknown> = {}) =>
  JSON.stringify({ time: `2026-11-01T08:00:0${i}Z`, kind: 'operation', severity: 'high', message: `PLC stop number ${i}`, fields: { source: { ip: `10.20.1.${i}` }, ics: { operation: 'stop' } }, ...over });

// `bulwark events import|query|tail` on the local database and against a server with a token.
describe('bulwark events', { timeout: 240_000 }, () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let ndjson: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-cli-events-'));
    env = { BULWARK_DATA_DIR: join(dir, 'data'), BULWARK_LOG_LEVEL: 'silent' };
    await cli(env, 'org', 'create', 'Root CERT', '--level', 'national');
    await cli(env, 'org', 'create', 'Acme Water', '--level', 'enterprise', '--parent', 'Root CERT');
    ndjson = join(dir, 'events.ndjson');
    await writeFile(ndjson, [line(1), '{"broken', line(2), line(3, { severity: 'extreme' }), line(4)].join('\n'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('imports NDJSON and Zeek files locally, reporting broken lines by file and line', async () => {
    const imported = await cli(env, 'events', 'import', ndjson, '--format', 'ndjson', '--org', 'Acme Water');
    expect(imported.error).toBeUndefined();
    expect(imported.stdout).toMatch(/5 lines, 3 events stored, 2 rejected/);
    expect(imported.stderr).toContain(`${ndjson}:2: not JSON`);
    expect(imported.stderr).toContain(`${ndjson}:4 severity:`);

    const zeek = await cli(env, '--json', 'events', 'import', zeekModbus, '--format', 'zeek', '--org', 'Acme Water', '--tlp', 'green');
    expect(zeek.error).toBeUndefined();
    const report = JSON.parse(zeek.stdout) as { accepted: number; lines: number };
    expect(report.accepted).toBeGreaterThan(100);
    const counted = await cli(env, 'events', 'query', '--count', ...march2018);
    expect(counted.stdout.trim()).toBe(String(report.accepted));
  });

  it('queries with the query language, pages with --cursor, and names flags in errors', async () => {
    const page = await cli(env, '--json', 'events', 'query', 'ics.operation:stop source.ip:10.20.1.0/24', ...day, '--limit', '2');
    expect(page.error).toBeUndefined();
    const first = JSON.parse(page.stdout) as { items: { message: string }[]; nextCursor: string };
    expect(first.items.map((e) => e.message)).toEqual(['PLC stop number 4', 'PLC stop number 2']);
    const rest = await cli(env, 'events', 'query', 'ics.operation:stop', ...day, '--limit', '2', '--cursor', first.nextCursor);
    expect(rest.stdout).toMatch(/^2026-11-01T08:00:01\.000Z\s+high\s+operation\s+10\.20\.1\.1 -> \?\s+PLC stop number 1$/m);
    expect((await cli(env, 'events', 'query', '--count', 'plc', ...day)).stdout.trim()).toBe('3');

    const bad = await cli(env, 'events', 'query', 'source.ip:10.20.1.0/33', ...day);
    expect(bad.error?.message).toMatch(/query is not valid/);
    expect(JSON.stringify((bad.error as Error & { details?: unknown }).details)).toMatch(/at 10: source\.ip/);
    const when = (await cli(env, 'events', 'query', '--from', 'last tuesday')).error as (Error & { details?: { path: string }[] }) | undefined;
    expect(when?.details?.map((d) => d.path)).toEqual(['--from']);
    expect((await cli(env, 'events', 'import', ndjson, '--org', 'Acme Water')).error?.message).toMatch(/--format/);
    expect((await cli(env, 'events', 'import', ndjson, '--format', 'ndjson', '--org', 'Nope')).error?.message).toMatch(/--org/);
    expect((await cli(env, 'events', 'import', join(dir, 'missing.log'), '--format', 'zeek', '--org', 'Acme Water')).error).toBeDefined();
  });

  it('imports, queries and tails over the API with a token', async () => {
    await writeFile(join(dir, 'pw'), 'a long enough password\n');
    const tokenOf = async (username: string, role: string) => {
      await cli(env, 'user', 'create', username, '--org', 'Acme Water', '--role', role, '--password-file', join(dir, 'pw'));
      return (await cli(env, 'token', 'create', '--name', username, '--user', username)).stdout.trim();
    };
    const alice = await tokenOf('alice', 'analyst');
    const vera = await tokenOf('vera', 'viewer');
    const server = await startServer(loadConfig({ ...env, BULWARK_PORT: '0' }), createLogger('silent'));
    try {
      const remote = { ...env, BULWARK_SERVER: server.url, BULWARK_TOKEN: alice };
      const more = join(dir, 'more.ndjson');
      await writeFile(more, [line(5, { message: 'remote stop five' }), 'nope', line(6, { message: 'remote stop six' })].join('\n'));
      const imported = await cli(remote, '--json', 'events', 'import', more, '--format', 'ndjson');
      expect(imported.error).toBeUndefined();
      expect(JSON.parse(imported.stdout)).toMatchObject({ lines: 3, accepted: 2, rejected: 1, issues: [{ file: more, line: 2 }] });
      expect((await cli({ ...remote, BULWARK_TOKEN: vera }, 'events', 'import', more, '--format', 'ndjson')).error).toBeDefined();
      // The import answers when the server accepted; the server stores right after.
      let count = '';
      for (let i = 0; i < 50 && count !== '2'; i++) {
        count = (await cli({ ...remote, BULWARK_TOKEN: vera }, 'events', 'query', '--count', 'remote', ...day)).stdout.trim();
        if (count !== '2') await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(count).toBe('2');

      const tail = cli(remote, '--json', 'events', 'tail', 'tailed', '--limit', '1');
      // Send until the tail has subscribed and seen one (the first may go out before it connects).
      let settled = false;
      void tail.then(() => (settled = true));
      for (let i = 0; i < 40 && !settled; i++) {
        await fetch(`${server.url}/api/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/x-ndjson' },
          body: `${line(7, { message: `tailed event ${i}`, time: new Date().toISOString() })}\n${line(8, { message: `other event ${i}`, time: new Date().toISOString() })}`,
        });
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const tailed = await tail;
      expect(tailed.error).toBeUndefined();
      const shown = tailed.stdout.trim().split('\n').map((l) => JSON.parse(l) as { message: string });
      expect(shown).toHaveLength(1);
      expect(shown[0]?.message).toMatch(/^tailed event \d+$/);
    } finally {
      await server.close();
    }
  });

  it('shows and sets an organisation’s event retention, locally and over the API (admins only)', async () => {
    expect((await cli(env, 'events', 'retention', '--org', 'Acme Water')).stdout.trim()).toBe('90 days (the server’s default)');
    const set = await cli(env, '--json', 'events', 'retention', '--org', 'Acme Water', '--days', '30');
    expect(set.error).toBeUndefined();
    expect(JSON.parse(set.stdout)).toMatchObject({ days: 30, ownDays: 30, defaultDays: 90 });
    expect((await cli(env, 'events', 'retention', '--org', 'Acme Water', '--days', '0')).error?.message).toMatch(/--days takes a whole number/);
    const tooLong = await cli(env, 'events', 'retention', '--org', 'Acme Water', '--days', '9999');
    expect(tooLong.error?.message).toMatch(/whole number of days/);
    expect(JSON.stringify((tooLong.error as Error & { details?: unknown }).details)).toContain('--days');

    await writeFile(join(dir, 'pw'), 'a long enough password\n');
    const tokenOf = async (username: string, role: string) => {
      await cli(env, 'user', 'create', username, '--org', 'Acme Water', '--role', role, '--password-file', join(dir, 'pw'));
      return (await cli(env, 'token', 'create', '--name', username, '--user', username)).stdout.trim();
    };
    const rita = await tokenOf('rita', 'admin');
    const vera = await tokenOf('victor', 'viewer');
    const server = await startServer(loadConfig({ ...env, BULWARK_PORT: '0' }), createLogger('silent'));
    try {
      const remote = { ...env, BULWARK_SERVER: server.url, BULWARK_TOKEN: rita };
      expect((await cli({ ...remote, BULWARK_TOKEN: vera }, 'events', 'retention')).stdout.trim()).toBe('30 days (its own; the server’s default is 90)');
      expect((await cli({ ...remote, BULWARK_TOKEN: vera }, 'events', 'retention', '--days', '5')).error).toBeDefined();
      expect((await cli(remote, 'events', 'retention', '--default')).stdout.trim()).toBe('90 days (the server’s default)');
    } finally {
      await server.close();
    }
    expect(JSON.parse((await cli(env, '--json', 'events', 'retention', '--org', 'Acme Water')).stdout)).toMatchObject({ days: 90, ownDays: null });
  });
});
