import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as cli } from '../src/cli/cli-test-kit.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/platform/logger.js';
import { startServer } from '../src/server.js';

interface Listed {
  id: string;
  name: string;
  criticality: string;
  zone: string | null;
}

// The asset commands of issue 11 (sorted list, export, bulk edit and delete) on the local database
// and over the API with a token.
describe('bulwark asset: sort, export, bulk changes', { timeout: 240_000 }, () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const list = async (e: NodeJS.ProcessEnv, ...args: string[]) => {
    const r = await cli(e, '--json', 'asset', 'list', ...args);
    expect(r.error).toBeUndefined();
    return JSON.parse(r.stdout) as Listed[];
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-cli-assets-'));
    env = { BULWARK_DATA_DIR: join(dir, 'data'), BULWARK_LOG_LEVEL: 'silent' };
    await cli(env, 'org', 'create', 'Root CERT', '--level', 'national');
    await cli(env, 'org', 'create', 'Acme Water', '--level', 'enterprise', '--parent', 'Root CERT');
    await writeFile(join(dir, 'inv.csv'), 'name,zone,criticality\nPump,Level 1,critical\nHMI,Level 2,low\nSwitch,Level 2,medium\n');
    expect((await cli(env, 'asset', 'import', join(dir, 'inv.csv'), '--org', 'Acme Water')).error).toBeUndefined();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists in any server-side order, exports every match, and changes many at once locally', async () => {
    expect((await list(env, '--sort', 'criticality', '--desc')).map((a) => a.criticality)).toEqual(['critical', 'medium', 'low']);
    expect((await list(env, '--no-exposed', '--zone', 'Level 2', '--sort', 'name')).map((a) => a.name)).toEqual(['HMI', 'Switch']);
    const bad = await cli(env, 'asset', 'list', '--sort', 'colour');
    expect(bad.error?.message).toMatch(/colour/);

    const out = join(dir, 'out.csv');
    expect((await cli(env, 'asset', 'export', '--zone', 'Level 2', '--out', out)).error).toBeUndefined();
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^name,organisation,zone/);
    expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(['HMI', 'Switch']);

    const [hmi, sw] = (await list(env, '--zone', 'Level 2', '--sort', 'name')).map((a) => a.id);
    const changed = await cli(env, 'asset', 'bulk-update', hmi ?? '', sw ?? '', '--criticality', 'high', '--zone', 'DMZ');
    expect(changed.stdout).toMatch(/changed 2 assets/);
    expect((await list(env, '--zone', 'DMZ')).map((a) => a.criticality)).toEqual(['high', 'high']);
    const nothing = (await cli(env, 'asset', 'bulk-update', hmi ?? '')).error as (Error & { details?: { message: string }[] }) | undefined;
    expect(nothing?.details?.map((d) => d.message)).toEqual(['nothing to change']);
    const unknown = await cli(env, 'asset', 'bulk-update', hmi ?? '', 'no-such-asset', '--zone', 'X');
    expect(unknown.error?.message).toMatch(/1 of the 2 assets were not found; nothing was changed/);

    const unconfirmed = await cli(env, 'asset', 'bulk-delete', sw ?? '');
    expect(unconfirmed.error?.message).toMatch(/without confirmation/);
    expect((await cli(env, 'asset', 'bulk-delete', sw ?? '', '--yes')).stdout).toMatch(/deleted 1 assets/);
    expect((await list(env)).map((a) => a.name).sort()).toEqual(['HMI', 'Pump']);
  });

  it('does the same over the API with a token, refusing what the token’s user may not change', async () => {
    await writeFile(join(dir, 'pw'), 'alice has a long password\n');
    await cli(env, 'user', 'create', 'alice', '--org', 'Acme Water', '--role', 'analyst', '--password-file', join(dir, 'pw'));
    await cli(env, 'user', 'create', 'vera', '--org', 'Acme Water', '--role', 'viewer', '--password-file', join(dir, 'pw'));
    const alice = (await cli(env, 'token', 'create', '--name', 'a', '--user', 'alice')).stdout.trim();
    const vera = (await cli(env, 'token', 'create', '--name', 'v', '--user', 'vera')).stdout.trim();
    const server = await startServer(loadConfig({ ...env, BULWARK_PORT: '0' }), createLogger('silent'));
    try {
      const remote = { ...env, BULWARK_SERVER: server.url, BULWARK_TOKEN: alice };
      const sorted = await list(remote, '--sort', 'name', '--desc');
      expect(sorted.map((a) => a.name)).toEqual(['Pump', 'HMI']);
      const exported = await cli(remote, 'asset', 'export', '--criticality', 'critical');
      expect(exported.stdout.trimEnd().split('\r\n')).toHaveLength(2);
      expect(exported.stdout).toContain('Pump,Acme Water');
      const ids = sorted.map((a) => a.id);
      const viewer = await cli({ ...remote, BULWARK_TOKEN: vera }, 'asset', 'bulk-update', ...ids, '--tlp', 'green');
      expect(viewer.error).toBeDefined();
      expect((await cli(remote, 'asset', 'bulk-update', ...ids, '--tlp', 'green', '--share-upward')).stdout).toMatch(/changed 2 assets/);
      expect((await list(remote, '--tlp', 'green')).length).toBe(2);
      const badExport = await cli(remote, 'asset', 'export', '--sort', 'colour');
      expect(badExport.error).toBeDefined();
    } finally {
      await server.close();
    }
  });
});
