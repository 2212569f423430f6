import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as cli } from '../../../cli/cli-test-kit.js';
import { loadConfig } from '../../../config/config.js';
import { createLogger } from '../../../platform/logger.js';
import { startServer } from '../../../server.js';
import { readPack } from './index.js';

// `bulwark rules pack install` on a local database: the pack's rules become platform rules once; a
// second install changes nothing; they are listed by technique like any rule. The server installs the
// pack by itself at start.
describe('bulwark rules pack install', { timeout: 240_000 }, () => {
  let dir: string;
  const env = () => ({ BULWARK_DATA_DIR: join(dir, 'data'), BULWARK_LOG_LEVEL: 'silent' });
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-pack-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('installs the pack idempotently and lists its rules', async () => {
    const files = (await readPack()).length;
    const first = await cli(env(), 'rules', 'pack', 'install', '--json');
    expect(first.error).toBeUndefined();
    const report = JSON.parse(first.stdout) as { files: number; created: number; updated: number; unchanged: number };
    expect(report).toMatchObject({ files, updated: 0, unchanged: 0 });
    expect(report.created).toBeGreaterThanOrEqual(files);
    const again = await cli(env(), 'rules', 'pack', 'install');
    expect(again.stdout).toContain(`rule pack: ${files} files, 0 rules created, 0 updated, ${report.created} unchanged`);
    const listed = JSON.parse((await cli(env(), 'rules', 'list', '--technique', 'T0843', '--json')).stdout) as { title: string; orgId: string | null }[];
    expect(listed).toEqual([expect.objectContaining({ title: expect.stringContaining('Program or logic download'), orgId: null })]);
  });

  it('is installed by the server at start', async () => {
    const serverEnv = { BULWARK_DATA_DIR: join(dir, 'server-data'), BULWARK_LOG_LEVEL: 'silent' };
    const server = await startServer(loadConfig({ ...serverEnv, BULWARK_PORT: '0' }), createLogger('silent'));
    await server.close(); // waits for the installation started in the background
    const listed = JSON.parse((await cli(serverEnv, 'rules', 'list', '--json')).stdout) as { orgId: string | null }[];
    // one or more rules per file (a correlation and the rule it counts share a file)
    expect(listed.filter((r) => r.orgId === null).length).toBeGreaterThan((await readPack()).length);
  });
});
