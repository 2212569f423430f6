import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect as sink, everyCommand, runCli as cli } from '../src/cli/cli-test-kit.js';
import { createOutput } from '../src/platform/cli-kit/output.js';
import { buildProgram } from '../src/cli/program.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/platform/logger.js';
import { startServer, type RunningServer } from '../src/server.js';

// Every local command opens the embedded database (a second or two each): generous timeouts.
describe('bulwark CLI', { timeout: 240_000 }, () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-cli-'));
    env = { BULWARK_DATA_DIR: join(dir, 'data'), BULWARK_LOG_LEVEL: 'silent' };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('has --help on every command', async () => {
    const program = await buildProgram({ out: createOutput(sink([]), sink([])), env });
    const names = everyCommand(program).map((c) => c.name());
    expect(names).toEqual(expect.arrayContaining(['serve', 'demo', 'migrate', 'org', 'user', 'token', 'asset', 'audit', 'kb', 'capture', 'analyze']));
    for (const path of [[], ['serve'], ['org'], ['org', 'create'], ['user', 'create'], ['token', 'create'], ['asset', 'import']]) {
      const run = await cli(env, ...path, '--help');
      expect(run.stdout, path.join(' ')).toMatch(/Usage: bulwark/);
    }
  });

  it('migrates, then manages organisations, users, tokens and assets on the local database', async () => {
    const migrate = await cli(env, 'migrate');
    expect(migrate.stdout).toMatch(/pglite: applied 2026-11-23-0001-kernel, 2026-11-23-0002/);
    expect((await cli(env, 'migrate')).stdout).toMatch(/up to date/);

    expect((await cli(env, 'org', 'create', 'Root CERT', '--level', 'national')).stdout).toMatch(/created national organisation Root CERT/);
    expect((await cli(env, 'org', 'create', 'Acme Water', '--level', 'enterprise', '--parent', 'Root CERT')).error).toBeUndefined();
    const badLevel = await cli(env, 'org', 'create', 'Nope', '--level', 'galactic');
    expect(badLevel.error).toBeDefined();

    await writeFile(join(dir, 'pw'), 'alice has a long password\n');
    const user = await cli(env, 'user', 'create', 'alice', '--org', 'Acme Water', '--role', 'analyst', '--password-file', join(dir, 'pw'));
    expect(user.stdout).toMatch(/created analyst alice in Acme Water/);
    const short = await cli(env, 'user', 'create', 'bob', '--org', 'Acme Water', '--role', 'viewer', '--password', 'short');
    expect(short.error?.message).toMatch(/password too short/);

    const token = await cli(env, 'token', 'create', '--name', 'ci', '--user', 'alice');
    expect(token.stdout.trim()).toMatch(/^bwt_[A-Za-z0-9_-]{43}$/);
    expect(token.stderr).toMatch(/shown only this once/);

    expect((await cli(env, 'asset', 'create', 'PLC-1', '--org', 'Acme Water', '--ip', '10.0.0.1', '--vendor', 'Siemens')).error).toBeUndefined();
    const badIp = await cli(env, 'asset', 'create', 'PLC-2', '--org', 'Acme Water', '--ip', 'not-an-ip');
    expect((badIp.error as { details?: { path: string }[] }).details?.map((d) => d.path)).toEqual(['--ip']);
    const badOrg = await cli(env, 'asset', 'create', 'PLC-2', '--org', 'Nowhere');
    expect(badOrg.error?.message).toMatch(/--org: organisation "Nowhere" not found/);
    expect((badOrg.error as { details?: { path: string; message: string }[] }).details).toEqual([{ path: '--org', message: expect.stringContaining('"Acme Water"') as string }]);
    await writeFile(join(dir, 'inv.csv'), 'name,ip,vendor,criticality\nRTU-1,10.0.0.2,Schneider Electric,high\nHMI-1,10.0.0.3,AVEVA,medium\n');
    const dry = await cli(env, 'asset', 'import', join(dir, 'inv.csv'), '--org', 'Acme Water', '--dry-run');
    expect(dry.stdout).toMatch(/2 rows valid; nothing written/);
    const imported = await cli(env, 'asset', 'import', join(dir, 'inv.csv'), '--org', 'Acme Water');
    expect(imported.stdout).toMatch(/2 rows: 2 created, 0 updated/);
    const list = await cli(env, '--json', 'asset', 'list');
    expect((JSON.parse(list.stdout) as { name: string }[]).map((a) => a.name)).toEqual(['HMI-1', 'PLC-1', 'RTU-1']);
    const table = await cli(env, 'asset', 'list', '--vendor', 'siemens');
    expect(table.stdout).toMatch(/^NAME/);
    expect(table.stdout).toMatch(/PLC-1/);
    expect(table.stdout).not.toMatch(/RTU-1/);

    const audit = await cli(env, '--json', 'audit', '--limit', '100');
    const actions = (JSON.parse(audit.stdout) as { action: string; actorName: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['organisation.create', 'user.create', 'token.create', 'asset.create', 'asset.import']));
  });

  it('talks to a running server with a token, and refuses to open the embedded database under it', async () => {
    const token = (await cli(env, 'token', 'create', '--name', 'remote', '--user', 'alice')).stdout.trim();
    let server: RunningServer | undefined;
    try {
      server = await startServer(loadConfig({ ...env, BULWARK_PORT: '0' }), createLogger('silent'));
      const locked = await cli(env, 'asset', 'list');
      expect(locked.error?.message).toMatch(/in use by process/);

      const remote = { ...env, BULWARK_SERVER: server.url, BULWARK_TOKEN: token };
      const created = await cli(remote, '--json', 'asset', 'create', 'REMOTE-PLC', '--ip', '10.0.0.9');
      expect(created.error).toBeUndefined();
      expect((JSON.parse(created.stdout) as { orgName: string; createdBy: string })).toMatchObject({ orgName: 'Acme Water', createdBy: 'alice' });
      const list = await cli(remote, '--json', 'asset', 'list');
      expect((JSON.parse(list.stdout) as { name: string }[]).map((a) => a.name)).toContain('REMOTE-PLC');
      // alice is an analyst: the server says no, and the CLI reports it.
      const denied = await cli(remote, 'org', 'create', 'Rogue', '--level', 'enterprise', '--parent', 'Acme Water');
      expect(denied.error).toBeDefined();
      const badToken = await cli({ ...remote, BULWARK_TOKEN: 'bwt_wrong' }, 'asset', 'list');
      expect(badToken.error?.message).toMatch(/invalid or expired API token/);
    } finally {
      await server?.close();
    }
  });

  it('loads the demo content idempotently', async () => {
    const demoEnv = { ...env, BULWARK_DATA_DIR: join(dir, 'demo') };
    const first = await cli(demoEnv, 'demo');
    expect(first.stdout).toMatch(/demo loaded: 4 organisations, \d+ assets, 1 captures, \d+ intelligence objects, \d+ events added/);
    const second = await cli(demoEnv, 'demo');
    expect(second.stdout).toMatch(/demo loaded: 0 organisations, 0 assets, 0 captures, 0 intelligence objects, 0 events added/);
  });

  it('imports, searches, shows and correlates knowledge (kb)', async () => {
    const kbEnv = { ...env, BULWARK_DATA_DIR: join(dir, 'kb') };
    const shared = fileURLToPath(new URL('../../shared/data/', import.meta.url));
    const imported = await cli(kbEnv, 'kb', 'import', join(shared, 'csaf/OT/2024/icsa-24-065-01.json'));
    expect(imported.stdout).toMatch(/1 files, 13 records: 12 vulnerabilities, 1 advisories/);
    const again = await cli(kbEnv, 'kb', 'import', join(shared, 'csaf/OT/2024/icsa-24-065-01.json'));
    expect(again.stdout).toMatch(/13 unchanged/);
    const badFormat = await cli(kbEnv, 'kb', 'import', join(shared, 'kev'), '--format', 'pdf');
    expect(badFormat.error).toBeDefined();
    const search = await cli(kbEnv, '--json', 'kb', 'search', 'command injection', '--limit', '3');
    const result = JSON.parse(search.stdout) as { total: number; items: { aliases: { value: string }[] }[] };
    expect(result.total).toBeGreaterThan(0);
    const show = await cli(kbEnv, 'kb', 'show', 'CVE-2019-7256');
    expect(show.stdout).toMatch(/CVE-2019-7256/);
    expect(show.stdout).toMatch(/grade critical/);
    expect((await cli(kbEnv, 'kb', 'show', 'CVE-1900-0001')).error?.message).toMatch(/not found/);
    await cli(kbEnv, 'org', 'create', 'Lab', '--level', 'national');
    await cli(kbEnv, 'asset', 'create', 'gate', '--org', 'Lab', '--vendor', 'Nice', '--model', 'Linear eMerge E3-Series', '--firmware', '1.00-06');
    const correlated = await cli(kbEnv, 'kb', 'correlate');
    expect(correlated.stdout).toMatch(/1 assets: 12 affected, 0 unknown exposures/);
    expect((await cli(kbEnv, 'kb', 'reliability', 'csaf', 'Q')).error).toBeDefined();
    expect((await cli(kbEnv, 'kb', 'reliability', 'csaf', 'B')).stdout).toMatch(/csaf: B/);
  });

  it('works on a fresh database: bootstraps it, and --org defaults to the only or the configured organisation', async () => {
    const freshEnv = { ...env, BULWARK_DATA_DIR: join(dir, 'fresh') };
    const pcap = fileURLToPath(new URL('../../shared/data/pcaps/modbus/modbus_test_data_part1.pcap', import.meta.url));
    const analyzed = await cli(freshEnv, '--json', 'capture', 'analyze', pcap);
    expect(analyzed.error).toBeUndefined();
    expect(analyzed.stderr).toMatch(/first use of .*: created the root organisation, and admin "admin"/);
    expect(JSON.parse(analyzed.stdout)).toMatchObject({ status: 'finished', orgName: 'Bulwark' });
    // No demo unless asked: the root organisation is the only one.
    expect((JSON.parse((await cli(freshEnv, '--json', 'org', 'list')).stdout) as { name: string }[]).map((o) => o.name)).toEqual(['Bulwark']);

    const bundleFile = join(dir, 'fresh-bundle.json');
    const indicator = { type: 'indicator', spec_version: '2.1', id: 'indicator--6c1e2a1f-3f55-4c1b-9d8e-8e0f2f6f6a01', created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', pattern: "[ipv4-addr:value = '192.0.2.7']", pattern_type: 'stix', valid_from: '2026-01-01T00:00:00Z' };
    await writeFile(bundleFile, JSON.stringify({ type: 'bundle', id: 'bundle--0b8f6f0e-6a4e-4a52-9d1c-2f2b6a1f0c11', objects: [indicator] }));
    const imported = await cli(freshEnv, '--json', 'intel', 'import', bundleFile);
    expect(imported.error).toBeUndefined();
    expect(JSON.parse(imported.stdout)).toMatchObject({ status: 'complete', stored: 1 });

    await cli(freshEnv, 'org', 'create', 'Second Plant', '--level', 'enterprise', '--parent', 'Bulwark');
    const ambiguous = await cli(freshEnv, 'intel', 'import', bundleFile);
    expect(ambiguous.error?.message).toMatch(/^--org is required/);
    expect((ambiguous.error as { details?: { path: string; message: string }[] }).details).toEqual([
      { path: '--org', message: 'one of "Bulwark", "Second Plant" (or set BULWARK_DEFAULT_ORG)' },
    ]);
    const configured = await cli({ ...freshEnv, BULWARK_DEFAULT_ORG: 'Second Plant' }, '--json', 'asset', 'create', 'PLC-9');
    expect(configured.error).toBeUndefined();
    expect(JSON.parse(configured.stdout)).toMatchObject({ orgName: 'Second Plant' });
    const wrongDefault = await cli({ ...freshEnv, BULWARK_DEFAULT_ORG: 'Atlantis' }, 'asset', 'create', 'PLC-10');
    expect(wrongDefault.error?.message).toMatch(/^BULWARK_DEFAULT_ORG: organisation "Atlantis" not found/);
    // A validation error names the flag, never the service's field.
    const badFirmware = await cli(freshEnv, 'asset', 'create', 'PLC-11', '--org', 'Bulwark', '--firmware', 'x'.repeat(500));
    expect((badFirmware.error as { details?: { path: string }[] }).details?.map((d) => d.path)).toEqual(['--firmware']);
  });

  it('analyzes captures locally and through a server (capture)', async () => {
    const capEnv = { ...env, BULWARK_DATA_DIR: join(dir, 'capture') };
    const pcap = fileURLToPath(new URL('../../shared/data/pcaps/modbus/modbus_test_data_part1.pcap', import.meta.url));
    await cli(capEnv, 'org', 'create', 'Plant', '--level', 'enterprise');
    // Two organisations now (the bootstrapped root and Plant): the error names the flag and both.
    const noOrg = await cli(capEnv, 'capture', 'analyze', pcap);
    expect(noOrg.error?.message).toMatch(/^--org is required/);
    expect(noOrg.error?.message).not.toMatch(/orgId/);
    expect((noOrg.error as { details?: { path: string; message: string }[] }).details).toEqual([{ path: '--org', message: expect.stringMatching(/"Bulwark", "Plant"|"Plant", "Bulwark"/) as string }]);
    const missing = await cli(capEnv, 'capture', 'analyze', join(dir, 'nope.pcap'), '--org', 'Plant');
    expect(missing.error?.message).toMatch(/cannot read/);
    const local = await cli(capEnv, 'capture', 'analyze', pcap, '--org', 'Plant');
    expect(local.error).toBeUndefined();
    expect(local.stdout).toMatch(/pcap, 118 frames/);
    expect(local.stdout).toMatch(/protocols: modbus \d+/);
    expect(local.stdout).toMatch(/assets: \d+ created/);
    const jobs = JSON.parse((await cli(capEnv, '--json', 'capture', 'list')).stdout) as { id: string; status: string }[];
    expect(jobs[0]?.status).toBe('finished');
    const hosts = await cli(capEnv, 'capture', 'hosts', jobs[0]?.id ?? '');
    expect(hosts.stdout).toMatch(/10\.0\.0\.3\s+00:02:b3:ce:70:51\s+plc/);
    const ops = JSON.parse((await cli(capEnv, '--json', 'capture', 'ops', jobs[0]?.id ?? '', '--operation', 'read')).stdout) as { items: { operation: string }[] };
    expect(ops.items.length).toBeGreaterThan(0);
    expect(ops.items.every((o) => o.operation === 'read')).toBe(true);
    expect((await cli(capEnv, 'capture', 'ops', jobs[0]?.id ?? '', '--protocol', 'smoke-signals')).error).toBeDefined();

    await writeFile(join(dir, 'pw-cap'), 'bob has a long password too\n');
    await cli(capEnv, 'user', 'create', 'bob', '--org', 'Plant', '--role', 'analyst', '--password-file', join(dir, 'pw-cap'));
    const token = (await cli(capEnv, 'token', 'create', '--name', 'remote', '--user', 'bob')).stdout.trim();
    let server: RunningServer | undefined;
    try {
      server = await startServer(loadConfig({ ...capEnv, BULWARK_PORT: '0' }), createLogger('silent'));
      const remote = { ...capEnv, BULWARK_SERVER: server.url, BULWARK_TOKEN: token };
      const uploaded = await cli(remote, '--json', 'capture', 'analyze', pcap, '--name', 'remote.pcap', '--reanalyze');
      expect(uploaded.error).toBeUndefined();
      expect(JSON.parse(uploaded.stdout)).toMatchObject({ name: 'remote.pcap', status: 'finished', frames: 118, createdBy: 'bob' });
      // The same file again without --reanalyze: the newest job for it answers, none is added.
      const again = await cli(remote, '--json', 'capture', 'analyze', pcap, '--name', 'again.pcap');
      expect(JSON.parse(again.stdout)).toMatchObject({ id: (JSON.parse(uploaded.stdout) as { id: string }).id, name: 'remote.pcap' });
      const remoteList = JSON.parse((await cli(remote, '--json', 'capture', 'list')).stdout) as unknown[];
      expect(remoteList).toHaveLength(2);
    } finally {
      await server?.close();
    }
  });
});
