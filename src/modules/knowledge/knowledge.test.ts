import { mkdtemp, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../platform/access.js';
import { createServices, type Services } from '../../services.js';
import { backends, createTestDatabase, type TestDatabase } from '../../storage/test-backends.js';

const data = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));

// The merge, provenance and correlation pipeline on real public data, on both backends.
describe.each(backends)('knowledge base on %s', (backend) => {
  let database: TestDatabase;
  let services: Services;
  let dir: string;
  const op = systemActor('test');
  let enterprise: Actor;
  let national: Actor;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    services = createServices(database);
    dir = await mkdtemp(join(tmpdir(), 'bulwark-kb-'));
    for (const f of ['2024/icsa-24-065-01.json', '2024/icsa-24-004-01.json', '2024/icsa-24-074-11.json']) {
      await copyFile(join(data, 'csaf/OT', f), join(dir, f.replace('/', '-')));
    }
    const root = await services.orgs.create(op, { name: 'National', level: 'national', parentId: null });
    const plant = await services.orgs.create(op, { name: 'Plant', level: 'enterprise', parentId: root.id });
    const sibling = await services.orgs.create(op, { name: 'Sibling', level: 'enterprise', parentId: root.id });
    const user = async (username: string, orgId: string, orgPath: string, role: Actor['role']): Promise<Actor> => {
      const u = await services.users.create(op, { username, orgId, role });
      return { kind: 'user', userId: u.id, username, orgId, orgPath, role };
    };
    national = await user('cert.analyst', root.id, root.path, 'analyst');
    enterprise = await user('plant.analyst', plant.id, plant.path, 'analyst');
    await user('sibling.analyst', sibling.id, sibling.path, 'analyst');
  });

  afterAll(async () => {
    await database.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('imports CSAF, KEV, CVE 5 and NVD records and merges them by CVE with every claim kept', async () => {
    const csaf = await services.knowledge.importFrom(op, dir);
    expect(csaf.stats).toMatchObject({ files: 3, advisories: 3, errors: 0 });
    await services.knowledge.importFrom(op, join(data, 'kev/known_exploited_vulnerabilities.json'));
    await services.knowledge.importFrom(op, join(data, 'cve5'));
    const nvd = await services.knowledge.importFrom(op, join(data, 'nvd2'));
    expect(nvd.stats.errors).toBe(0);

    const v = await services.knowledge.get(op, 'CVE-2019-7256');
    expect(v.aliases).toContainEqual({ scheme: 'cve', value: 'CVE-2019-7256' });
    expect(new Set(v.claims.map((c) => c.sourceId))).toEqual(new Set(['csaf', 'kev', 'cve', 'nvd']));
    expect(v.kev).toBe(true);
    expect(v.kevDateAdded).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(v.advisories.map((a) => a.id)).toEqual(['ICSA-24-065-01']);
    expect(v.grade).toBe('critical');
    expect(v.cvssScore).toBeGreaterThanOrEqual(9);
    // The displayed title comes from the most reliable source (CSAF and KEV are A, the CNA and NVD B).
    const shownTitle = v.claims.find((c) => c.field === 'title' && c.displayed);
    expect(['A']).toContain(shownTitle?.reliability);
    expect(v.affected.some((a) => a.vendor.toLowerCase().includes('nice') || a.product.toLowerCase().includes('emerge'))).toBe(true);
    // Same CVE from four sources is one vulnerability, and the alias resolves to it.
    expect((await services.knowledge.get(op, v.id)).id).toBe(v.id);
  });

  it('keeps disagreements as conflicts and lets source reliability decide the displayed value', async () => {
    const before = await services.knowledge.get(op, 'CVE-2019-7256');
    // CSAF scores it 10.0 (CVSS 3.0, scope changed); NVD and the CNA 9.8 (3.1): a conflict, kept.
    const cvss = before.conflicts.find((c) => c.field === 'cvss_v3');
    expect(new Set(cvss?.values.map((v) => v.sourceId))).toEqual(new Set(['csaf', 'nvd', 'cve']));
    expect(before.cvssScore).toBe(10);
    const descriptions = before.claims.filter((c) => c.field === 'description');
    expect(new Set(descriptions.map((c) => JSON.stringify(c.value))).size).toBeGreaterThan(1);
    const shownBefore = descriptions.find((c) => c.displayed);
    await services.knowledge.setReliability(op, 'csaf', 'E');
    await services.knowledge.setReliability(op, 'kev', 'E');
    const after = await services.knowledge.get(op, 'CVE-2019-7256');
    const shownAfter = after.claims.find((c) => c.field === 'description' && c.displayed);
    expect(shownAfter?.sourceId).not.toBe(shownBefore?.sourceId);
    expect(['cve', 'nvd']).toContain(shownAfter?.sourceId);
    expect(after.description).toBe(shownAfter?.value);
    // With CSAF demoted, the displayed CVSS comes from a B source: 9.8.
    expect(after.cvssScore).toBe(9.8);
    await services.knowledge.setReliability(op, 'kev', 'A');
    // Nothing was dropped: every claim is still there.
    expect(after.claims.length).toBe(before.claims.length);
    await services.knowledge.setReliability(op, 'csaf', 'A');
    const log4shell = await services.knowledge.get(op, 'CVE-2021-44228');
    expect(log4shell.claims.filter((c) => c.field === 'cvss').length).toBeGreaterThan(1);
  });

  it('re-importing the same data changes nothing', async () => {
    const count = async () => ({
      vulns: (await database.db.selectFrom('kb_vulnerabilities').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n,
      claims: (await database.db.selectFrom('kb_claims').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n,
      affected: (await database.db.selectFrom('kb_affected').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n,
    });
    const before = await count();
    const again = await services.knowledge.importFrom(op, dir);
    expect(again.stats.unchanged).toBe(again.stats.records);
    expect(again.stats.vulnerabilities).toBe(0);
    await services.knowledge.importFrom(op, join(data, 'nvd2'));
    expect(await count()).toEqual(before);
  });

  it('reports a broken file with its location and imports the rest', async () => {
    const mixed = await mkdtemp(join(tmpdir(), 'bulwark-kb-mixed-'));
    try {
      await copyFile(join(data, 'cve5/CVE-2023-46604.json'), join(mixed, 'a-good.json'));
      await writeFile(join(mixed, 'b-broken.json'), '{"cveMetadata": {"cveId": "CVE-2099-0001"');
      await writeFile(join(mixed, 'c-unknown.json'), '{"hello": "world"}');
      const report = await services.knowledge.importFrom(op, mixed);
      expect(report.stats.files).toBe(3);
      const files = report.issues.filter((i) => i.severity === 'error').map((i) => i.file);
      expect(files.some((f) => f.endsWith('b-broken.json'))).toBe(true);
      expect(files.some((f) => f.endsWith('c-unknown.json'))).toBe(true);
      expect((await services.knowledge.get(op, 'CVE-2023-46604')).id).toMatch(/^BW-/);
    } finally {
      await rm(mixed, { recursive: true, force: true });
    }
  });

  it('searches full text with filters and facets, and finds by any identifier', async () => {
    const byText = await services.knowledge.search(national, { q: 'eMerge' });
    expect(byText.total).toBeGreaterThan(0);
    expect(byText.items.some((i) => i.aliases.some((a) => a.value === 'CVE-2019-7256'))).toBe(true);
    const kev = await services.knowledge.search(national, { kev: true }, { limit: 5 });
    expect(kev.items.every((i) => i.kev)).toBe(true);
    expect(kev.facets['grade']?.length).toBeGreaterThan(0);
    expect(kev.facets['vendor']?.length).toBeGreaterThan(0);
    const byId = await services.knowledge.search(national, { q: 'CVE-2019-7256' });
    expect(byId.total).toBe(1);
    const byAdvisory = await services.knowledge.search(national, { q: 'ICSA-24-065-01' });
    expect(byAdvisory.total).toBeGreaterThan(5);
    const critical = await services.knowledge.search(national, { grade: 'critical', kev: true });
    expect(critical.items.every((i) => i.grade === 'critical')).toBe(true);
  });

  it('correlates assets to vulnerabilities with reasons, and recomputes when the asset changes', async () => {
    const asset = await services.assets.create(enterprise, { name: 'Door controller', vendor: 'Nice', model: 'Linear eMerge E3-Series', firmwareVersion: '1.00-05' });
    const exposures = await services.knowledge.exposuresOf(enterprise, asset.id);
    const hit = exposures.find((e) => e.aliases.includes('CVE-2019-7256'));
    expect(hit?.verdict).toBe('affected');
    expect(hit?.reasons[0]?.why).toMatch(/1\.00-05/);
    const patched = await services.assets.update(enterprise, asset.id, { firmwareVersion: '1.00-07' });
    const after = await services.knowledge.exposuresOf(enterprise, patched.id);
    expect(after.find((e) => e.aliases.includes('CVE-2019-7256'))).toBeUndefined();
    const unversioned = await services.assets.update(enterprise, asset.id, { firmwareVersion: null });
    const unknown = await services.knowledge.exposuresOf(enterprise, unversioned.id);
    expect(unknown.find((e) => e.aliases.includes('CVE-2019-7256'))?.verdict).toBe('unknown');
  });

  it('rewrites only exposures that changed, and sees knowledge that changed between correlations', async () => {
    const asset = await services.assets.create(enterprise, { name: 'Door controller 2', vendor: 'Nice', model: 'Linear eMerge E3-Series', firmwareVersion: '1.00-05' });
    const exposure = async () => (await services.knowledge.exposuresOf(enterprise, asset.id)).find((e) => e.aliases.includes('CVE-2019-7256'));
    await services.knowledge.correlate(op);
    const first = await exposure();
    expect(first?.verdict).toBe('affected');
    // Nothing changed: the stored row is confirmed, not rewritten.
    await services.knowledge.correlate(op);
    expect((await exposure())?.computedAt).toBe(first?.computedAt);
    // A closed vulnerability leaves correlation, although the engine kept the entries it loaded.
    await services.knowledge.transition(op, 'CVE-2019-7256', 'closed');
    await services.knowledge.correlate(op);
    expect(await exposure()).toBeUndefined();
    await services.knowledge.transition(op, 'CVE-2019-7256', 'published');
    await services.knowledge.correlate(op);
    expect((await exposure())?.verdict).toBe('affected');
  });

  it('runs the submission lifecycle with role checks and keeps unpublished submissions from siblings', async () => {
    const submitted = await services.knowledge.submit(enterprise, {
      title: 'Hard-coded credentials in pump controller web UI',
      description: 'The maintenance web interface accepts a fixed service password.',
      vendor: 'Acme Pumps',
      product: 'PumpCtl 3000',
      versions: '< 2.4',
      cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      cwe: 'CWE-798',
    });
    expect(submitted.lifecycle).toBe('collected');
    expect(submitted.grade).toBe('critical');
    const sibling = { ...enterprise, userId: 'x', username: 'sibling', orgId: 'nope', orgPath: '/nope/' };
    await expect(services.knowledge.get(sibling, submitted.id)).rejects.toThrow(/not found/);
    await expect(services.knowledge.transition(enterprise, submitted.id, 'verified')).rejects.toThrow(/coordinating organisation/);
    const verified = await services.knowledge.transition(national, submitted.id, 'verified');
    expect(verified.lifecycle).toBe('verified');
    await expect(services.knowledge.transition(national, submitted.id, 'published')).rejects.toThrow(/may not/);
    await expect(services.knowledge.transition(national, submitted.id, 'remediated')).rejects.toThrow(/cannot move/);
    const published = await services.knowledge.transition(op, submitted.id, 'published');
    expect(published.lifecycle).toBe('published');
    expect((await services.knowledge.get(sibling, submitted.id)).id).toBe(submitted.id);
    const history = await services.knowledge.history(op, submitted.id);
    expect(history.map((h) => h.to)).toEqual(['collected', 'verified', 'published']);
  });
});
