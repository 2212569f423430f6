// `bulwark playbook ...` on a local database (the operator): validate files with JSON Pointers and
// the exit status, import the library (idempotent), list, export signed with a key file.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as cli } from '../../cli/cli-test-kit.js';
import { verifySignatures, type CacaoIssue, type Playbook } from './cacao/index.js';
import { libraryDirectory } from './library/index.js';
import type { PlaybookSummary } from './types.js';

describe('bulwark playbook', { timeout: 240_000 }, () => {
  let dir: string;
  const env = () => ({ BULWARK_DATA_DIR: join(dir, 'data'), BULWARK_LOG_LEVEL: 'silent' });
  const library = (name: string) => join(libraryDirectory(), `${name}.json`);
  let broken: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-playbook-cli-'));
    const p = JSON.parse(await readFile(library('loss-of-view-hmi'), 'utf8')) as { workflow_start: string; priority: unknown };
    p.workflow_start = 'start--00000000-0000-4000-8000-000000000000';
    p.priority = 'urgent';
    broken = join(dir, 'broken.json');
    await writeFile(broken, JSON.stringify(p));
    await writeFile(join(dir, 'key.pem'), generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('validates files: exit status and every problem with its JSON Pointer', async () => {
    const good = await cli(env(), 'playbook', 'validate', library('loss-of-view-hmi'), library('rogue-device-control-network'));
    expect(good.error).toBeUndefined();
    expect(good.stdout).toContain('2 files: 2 valid, 0 invalid');
    const bad = await cli(env(), 'playbook', 'validate', broken);
    expect(bad.error?.message).toMatch(/1 of 1 playbooks are not valid/);
    expect(bad.stdout).toContain(`${broken}: error: /workflow_start:`);
    expect(bad.stdout).toContain(`${broken}: error: /priority:`);
    const json = await cli(env(), 'playbook', 'validate', broken, library('loss-of-view-hmi'), '--json');
    const report = JSON.parse(json.stdout) as { invalid: number; reports: { file: string; valid: boolean; issues: CacaoIssue[] }[] };
    expect(report.invalid).toBe(1);
    expect(report.reports[0]?.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/workflow_start', code: 'unresolved-reference' }), expect.objectContaining({ path: '/priority', code: 'type' })]));
    const notJson = join(dir, 'not.json');
    await writeFile(notJson, '{');
    expect((await cli(env(), 'playbook', 'validate', notJson)).stdout).toContain('is not JSON');
  });

  it('imports the library idempotently, lists it and exports a signed copy', async () => {
    const names = ['ransomware-engineering-workstation', 'plc-stop-from-unknown-host'];
    const first = await cli(env(), 'playbook', 'import', ...names.map(library), '--tlp', 'green', '--json');
    expect(first.error).toBeUndefined();
    const imported = JSON.parse(first.stdout) as { created: boolean; id: string }[];
    expect(imported.map((r) => r.created)).toEqual([true, true]);
    const again = JSON.parse((await cli(env(), 'playbook', 'import', library(names[0] as string), '--json')).stdout) as { created: boolean }[];
    expect(again.map((r) => r.created)).toEqual([false]);
    const list = JSON.parse((await cli(env(), 'playbook', 'list', '--json')).stdout) as PlaybookSummary[];
    expect(list.map((p) => p.name).sort()).toEqual(['PLC stop command from an unknown host', 'Ransomware on an engineering workstation']);
    const out = join(dir, 'signed.json');
    const exported = await cli(env(), 'playbook', 'export', imported[0]?.id ?? '', '--sign-key', join(dir, 'key.pem'), '--signee', 'Plant SOC', '--out', out);
    expect(exported.error).toBeUndefined();
    const signed = JSON.parse(await readFile(out, 'utf8')) as Playbook;
    expect(signed.signatures?.map((s) => [s.algorithm, s.signee])).toEqual([['ES256', 'Plant SOC']]);
    expect(verifySignatures(signed)).toEqual([]);
    expect((await cli(env(), 'playbook', 'validate', out)).error).toBeUndefined();
  });
});
