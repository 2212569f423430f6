import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as cli } from '../src/cli/cli-test-kit.js';

const shared = fileURLToPath(new URL('../../shared/data/', import.meta.url));

// `bulwark kb exposure`: list an asset's exposures, reject a match with a comment, and find it kept
// apart after recorrelation; a decision without a comment is refused.
describe('bulwark kb exposure', { timeout: 240_000 }, () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-cli-exposure-'));
    env = { BULWARK_DATA_DIR: join(dir, 'data'), BULWARK_LOG_LEVEL: 'silent' };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists, rejects, confirms and withdraws, and the decision survives recorrelation', async () => {
    await cli(env, 'kb', 'import', join(shared, 'csaf/OT/2024/icsa-24-102-01.json'));
    await cli(env, 'org', 'create', 'Plant', '--level', 'enterprise');
    const created = JSON.parse((await cli(env, '--json', 'asset', 'create', 'tm-mfp', '--org', 'Plant', '--vendor', 'Siemens', '--model', 'SIMATIC S7-1500 TM MFP', '--firmware', 'V1.0')).stdout) as { id: string };
    const listed = JSON.parse((await cli(env, '--json', 'kb', 'exposure', 'list', created.id)).stdout) as { total: number; items: { cve: string; confidence: number }[] };
    expect(listed.total).toBe(8);
    expect(listed.items.every((e) => e.confidence > 0)).toBe(true);
    const cve = listed.items[0]?.cve ?? '';
    expect((await cli(env, 'kb', 'exposure', 'reject', created.id, cve)).error?.message).toMatch(/comment/);
    const rejected = await cli(env, 'kb', 'exposure', 'reject', created.id, cve, '--comment', 'no Linux subsystem on this module');
    expect(rejected.stdout).toMatch(new RegExp(`tm-mfp ${cve}: rejected`));
    await cli(env, 'kb', 'correlate');
    const after = await cli(env, 'kb', 'exposure', 'list', created.id);
    expect(after.stdout).toMatch(/7 shown of 7 affected, 0 unknown \(0 known exploited\); 0 confirmed, 1 rejected/);
    const apart = JSON.parse((await cli(env, '--json', 'kb', 'exposure', 'list', '--decision', 'rejected')).stdout) as { items: { cve: string; decision: { comment: string } }[] };
    expect(apart.items.map((e) => [e.cve, e.decision.comment])).toEqual([[cve, 'no Linux subsystem on this module']]);
    expect((await cli(env, 'kb', 'exposure', 'confirm', created.id, cve, '--comment', 'after all')).stdout).toMatch(/confirmed/);
    expect((await cli(env, 'kb', 'exposure', 'undecide', created.id, cve)).stdout).toMatch(/no decision/);
    expect((await cli(env, 'kb', 'exposure', 'reject', created.id, 'CVE-1999-0001', '--comment', 'x')).error?.message).toMatch(/no exposure/);
  });
});
