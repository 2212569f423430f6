import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as cli } from '../../cli/cli-test-kit.js';

const attackPath = fileURLToPath(new URL('../../../../shared/data/attack/ics-attack.json', import.meta.url));

// `bulwark intel ...` on the embedded database, as the local operator.
describe('bulwark intel', { timeout: 240_000 }, () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-intel-cli-'));
    env = { BULWARK_DATA_DIR: join(dir, 'data'), BULWARK_LOG_LEVEL: 'silent' };
    const created = await cli(env, 'org', 'create', 'Grid CERT', '--level', 'national');
    expect(created.error).toBeUndefined();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('imports, exports and validates bundles', async () => {
    const imported = await cli(env, '--json', 'intel', 'import', attackPath, '--org', 'Grid CERT', '--tlp', 'clear', '--source', 'mitre', '--reliability', 'A');
    expect(imported.error).toBeUndefined();
    const report = JSON.parse(imported.stdout) as { status: string; stored: number; objects: number };
    expect(report.status).toBe('complete');
    expect(report.stored).toBe(report.objects);

    const out = join(dir, 'tactics.json');
    const exported = await cli(env, 'intel', 'export', '--type', 'x-mitre-tactic', '--no-dependencies', '--out', out);
    expect(exported.error).toBeUndefined();
    const bundle = JSON.parse(await readFile(out, 'utf8')) as { objects: { type: string }[] };
    expect(bundle.objects).toHaveLength(12);

    const valid = await cli(env, 'intel', 'validate', out);
    expect(valid.error).toBeUndefined();
    expect(valid.stdout).toContain('valid: 12 objects');

    const badFile = join(dir, 'bad.json');
    await writeFile(badFile, JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects: [{ type: 'indicator', id: 'indicator--nope' }] }));
    const invalid = await cli(env, 'intel', 'validate', badFile);
    expect(invalid.error?.message).toMatch(/not valid/);
    expect(invalid.stderr).toContain('objects[0]');
    expect((await cli(env, 'intel', 'import', badFile)).error?.message).toMatch(/orgId|organisation/);
    expect((await cli(env, 'intel', 'import', join(dir, 'missing.json'), '--org', 'Grid CERT')).error?.message).toMatch(/cannot read/);
    expect((await cli(env, 'intel', 'import', badFile, '--org', 'Grid CERT', '--confidence', '200')).error?.message).toMatch(/confidence/);
  });

  it('drafts a report from a text file', async () => {
    const report = join(dir, 'advisory.txt');
    await writeFile(report, 'Attackers scanned port 502 from 192.0.2.44 and downloaded hxxp://bad[.]example/plc.bin (CVE-2023-1111).');
    const out = join(dir, 'draft.json');
    const drafted = await cli(env, 'intel', 'extract', report, '--out', out);
    expect(drafted.error).toBeUndefined();
    expect(drafted.stderr).toMatch(/findings/);
    const bundle = JSON.parse(await readFile(out, 'utf8')) as { objects: { type: string }[] };
    expect(bundle.objects.some((o) => o.type === 'report')).toBe(true);
    expect((await cli(env, 'intel', 'extract', join(dir, 'notes.docx'))).error?.message).toMatch(/--kind/);
    expect((await cli(env, 'intel', 'extract', join(dir, 'missing.txt'))).error?.message).toMatch(/cannot read/);
  });

  it('checks patterns and points at the error', async () => {
    const ok = await cli(env, 'intel', 'pattern', "[ipv4-addr:value = '192.0.2.1']");
    expect(ok.error).toBeUndefined();
    expect(ok.stdout).toContain('ipv4-addr:value');
    const bad = await cli(env, 'intel', 'pattern', "[ipv4-addr:value = '192.0.2.1'");
    expect(bad.error?.message).toMatch(/not valid/);
    expect(bad.stderr).toContain('^');
  });
});
