import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, symlink, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.js';
import { createEnricher, createKnowledgeService, parsers } from '../src/modules/knowledge/index.js';
import { systemActor } from '../src/platform/access.js';
import { backends } from '../src/storage/test-backends.js';
import { createWorld, errorOf, type Person, type World } from './support/fixture.js';

const data = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const op = systemActor('test');

interface Submitted { id: string; vendor: string; product: string; tlp: string }
type Items<T> = { items: T[] };

// Knowledge security: derived views obey record visibility, imports are confined and scoped,
// platform-wide settings belong to the root organisation, bad input is a 4xx.
describe.each(backends)('knowledge API security on %s', (backend) => {
  let w: World;
  let dir: string;
  let server: Server;
  let base: string;
  let confined: FastifyInstance;
  let open: FastifyInstance;
  const submitted: Submitted[] = [];

  /** The same services and people, with the knowledge service configured differently. */
  async function appWith(imports: { dir?: string; allowPrivateUrls?: boolean }): Promise<FastifyInstance> {
    const knowledge = createKnowledgeService(w.database, { enrich: createEnricher(), parsers, assets: w.services.assets, imports });
    const app = await buildApp({ services: { ...w.services, knowledge }, config: { bodyLimit: 64 * 1024, uploadLimit: 4 * 1024 * 1024, secureCookies: false, webDir: undefined }, logger: false });
    await app.ready();
    return app;
  }
  const call = (app: FastifyInstance, who: Person, method: 'GET' | 'POST', url: string, body?: unknown) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${who.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });

  beforeAll(async () => {
    w = await createWorld(backend, { uploadLimit: 4 * 1024 * 1024 });
    await w.services.knowledge.importFrom(op, `${data}csaf/OT/2024/icsa-24-065-01.json`);
    await w.services.knowledge.importFrom(op, `${data}attack/ics-attack.json`);
    for (const tlp of ['red', 'amber+strict', 'amber', 'green'] as const) {
      const tag = tlp.replace('+', '');
      const r = await w.request(w.people.analystE1, 'POST', '/api/v1/kb/vulnerabilities', {
        title: `Hidden ${tag} flaw in controller`, description: `A ${tag} finding that must stay with its organisation.`,
        vendor: `Secretco ${tag}`, product: `SecretPLC ${tag} 9000`, versions: '< 2.0', cwe: 'CWE-306', tlp,
      });
      expect(r.statusCode).toBe(201);
      submitted.push({ id: (r.json() as { id: string }).id, vendor: `Secretco ${tag}`, product: `SecretPLC ${tag} 9000`, tlp });
    }
    dir = await mkdtemp(join(tmpdir(), 'bulwark-kb-sec-'));
    await mkdir(join(dir, 'feeds'));
    await copyFile(`${data}cve5/CVE-2023-46604.json`, join(dir, 'feeds', 'cve.json'));
    await writeFile(join(dir, 'feeds', 'secret.json'), 'root:x:0:0:root:/root:/bin/bash\n');
    await symlink('/etc/passwd', join(dir, 'feeds', 'escape.json'));
    server = createServer((req, res) => {
      if (req.url === '/hop') {
        res.writeHead(302, { location: `http://127.0.0.2:${(server.address() as AddressInfo).port}/doc.json` }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"hello": "world"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    confined = await appWith({ dir });
    open = await appWith({ allowPrivateUrls: true });
  });

  afterAll(async () => {
    await confined.close();
    await open.close();
    await new Promise((resolve) => server.close(resolve));
    await w.close();
    await rm(dir, { recursive: true, force: true });
  });

  const vendorsSeenBy = async (who: Person) => {
    const r = await w.request(who, 'GET', '/api/v1/kb/vendors?q=secretco');
    expect(r.statusCode).toBe(200);
    return (r.json() as Items<{ name: string; products: number; vulnerabilities: number }>).items;
  };

  it('shows vendors, products and graph nodes of submissions only to those who may see the submission', async () => {
    const catalog = (await w.request(w.people.analystE1, 'GET', '/api/v1/kb/vendors?q=secretco')).json() as Items<{ id: string; name: string; vulnerabilities: number }>;
    expect(catalog.items.map((v) => v.name).sort()).toEqual(submitted.map((s) => s.vendor).sort());
    expect(catalog.items.every((v) => v.vulnerabilities === 1)).toBe(true);
    const ids = new Map(catalog.items.map((v) => [v.name, v.id]));

    expect(await vendorsSeenBy(w.people.analystE2)).toEqual([]);
    expect(await vendorsSeenBy(w.people.viewerP)).toEqual([]);
    // The parent's analysts see what TLP lets travel upward: AMBER and GREEN, not RED or AMBER+STRICT.
    expect((await vendorsSeenBy(w.people.analystP)).map((v) => v.name).sort()).toEqual(['Secretco amber', 'Secretco green']);

    for (const s of submitted) {
      const vendorId = ids.get(s.vendor) ?? '';
      const mine = (await w.request(w.people.analystE1, 'GET', `/api/v1/kb/vendors/${encodeURIComponent(vendorId)}`)).json() as { products: { id: string; vulnerabilities: number }[] };
      expect(mine.products.map((p) => p.vulnerabilities)).toEqual([1]);
      const productId = mine.products[0]?.id ?? '';
      expect((await w.request(w.people.analystE1, 'GET', `/api/v1/kb/products?id=${encodeURIComponent(productId)}`)).statusCode).toBe(200);
      const parentMay = s.tlp === 'amber' || s.tlp === 'green';
      for (const [who, may] of [[w.people.analystE2, false], [w.people.analystP, parentMay]] as const) {
        expect((await w.request(who, 'GET', `/api/v1/kb/vendors/${encodeURIComponent(vendorId)}`)).statusCode, `${s.tlp} vendor`).toBe(may ? 200 : 404);
        expect((await w.request(who, 'GET', `/api/v1/kb/products?id=${encodeURIComponent(productId)}`)).statusCode, `${s.tlp} product`).toBe(may ? 200 : 404);
        expect((await w.request(who, 'GET', `/api/v1/kb/graph?node=${encodeURIComponent(`vendor:${vendorId}`)}`)).statusCode, `${s.tlp} graph`).toBe(may ? 200 : 404);
        expect((await w.request(who, 'GET', `/api/v1/kb/graph?node=${encodeURIComponent(`product:${productId}`)}&to=${encodeURIComponent(`vendor:${vendorId}`)}`)).statusCode).toBe(may ? 200 : 404);
      }
      // Through the weakness every submission names, a sibling reaches none of them.
      const graph = (await w.request(w.people.analystE2, 'GET', '/api/v1/kb/graph?node=weakness:CWE-306&depth=3')).json() as { nodes: { id: string; label: string }[] };
      expect(graph.nodes.some((n) => n.id === `vulnerability:${s.id}` || n.label.includes(s.product))).toBe(false);
    }
  });

  it('keeps search facets, report-extraction names and published knowledge consistent with visibility', async () => {
    const search = (await w.request(w.people.analystE2, 'GET', '/api/v1/kb/vulnerabilities?limit=1')).json() as { facets: Record<string, { value: string }[]> };
    expect((search.facets['vendor'] ?? []).some((f) => f.value.startsWith('Secretco'))).toBe(false);
    const names = await w.services.knowledge.explore.contextNames();
    expect(names.vendors.some((n) => n.startsWith('Secretco'))).toBe(false);
    expect(names.products.some((n) => n.startsWith('SecretPLC'))).toBe(false);
    // Knowledge the operator imported stays visible to everyone.
    expect((await vendorsSeenBy(w.people.viewerE1)).length).toBe(4);
    const nice = (await w.request(w.people.analystE2, 'GET', '/api/v1/kb/vendors?q=nice')).json() as Items<{ vulnerabilities: number }>;
    expect(nice.items[0]?.vulnerabilities).toBeGreaterThan(5);
    expect(names.vendors.length).toBeGreaterThan(0);
  });

  it('counts ATT&CK relevance only from vulnerabilities the reader may see', async () => {
    const asset = await w.request(w.people.analystE2, 'POST', '/api/v1/assets', { name: 'Borrowed PLC', vendor: 'Secretco red', model: 'SecretPLC red 9000', firmwareVersion: '1.0' });
    expect(asset.statusCode).toBe(201);
    const id = (asset.json() as { id: string }).id;
    const matrix = (await w.request(w.people.analystE2, 'GET', '/api/v1/kb/attack/matrix')).json() as { coverage: { relevantToInventory: number } };
    expect(matrix.coverage.relevantToInventory).toBe(0);
    const graph = (await w.request(w.people.analystE2, 'GET', `/api/v1/kb/graph?node=asset:${id}&depth=2`)).json() as { nodes: { kind: string }[] };
    expect(graph.nodes.map((n) => n.kind)).toEqual(['asset']);
  });

  it('refuses server paths to users unless below the configured import directory, without echoing or probing files', async () => {
    for (const location of ['/etc/passwd', '/nonexistent/file.json', '/etc']) {
      const r = await w.request(w.people.adminE1, 'POST', '/api/v1/kb/imports', { location, format: 'csaf' });
      expect(r.statusCode, location).toBe(403);
      expect(r.body).not.toContain('root:');
      expect(errorOf(r).message).toMatch(/BULWARK_IMPORT_DIR/);
    }
    expect((await call(confined, w.people.adminN, 'POST', '/api/v1/kb/imports', { location: '/etc/passwd', format: 'csaf' })).statusCode).toBe(403);
    expect((await call(confined, w.people.adminN, 'POST', '/api/v1/kb/imports', { location: 'feeds/../../../etc/passwd' })).statusCode).toBe(403);
    expect((await call(confined, w.people.adminN, 'POST', '/api/v1/kb/imports', { location: 'feeds/escape.json', format: 'csaf' })).statusCode).toBe(403);
    expect((await call(confined, w.people.adminN, 'POST', '/api/v1/kb/imports', { location: 'feeds/missing.json' })).statusCode).toBe(404);
    expect((await call(confined, w.people.analystE1, 'POST', '/api/v1/kb/imports', { location: 'feeds' })).statusCode).toBe(403);
    const r = await call(confined, w.people.adminN, 'POST', '/api/v1/kb/imports', { location: 'feeds', format: 'csaf' });
    expect(r.statusCode).toBe(200);
    const report = r.json() as { stats: { files: number }; issues: { file: string; message: string }[] };
    // The escaping link is skipped, not followed; nothing of a file's content comes back.
    expect(report.stats.files).toBe(2);
    expect(r.body).not.toContain('root:');
    expect(r.body).not.toContain('passwd');
    expect(report.issues.every((i) => !i.file.startsWith('/'))).toBe(true);
  });

  it('refuses URLs to private addresses (and through redirects) unless the operator allows them', async () => {
    const refused = await w.request(w.people.adminN, 'POST', '/api/v1/kb/imports', { location: `${base}/doc.json` });
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).message).toMatch(/private|loopback/);
    const mapped = await w.request(w.people.adminN, 'POST', '/api/v1/kb/imports', { location: 'http://[::ffff:127.0.0.1]/x.json' });
    expect(mapped.statusCode).toBe(400);
    // The operator's own CLI may fetch anything, and BULWARK_ALLOW_PRIVATE_URLS opens it to admins.
    const local = await w.services.knowledge.importFrom(op, `${base}/doc.json`);
    expect(local.stats.files).toBe(1);
    expect((await call(open, w.people.adminN, 'POST', '/api/v1/kb/imports', { location: `${base}/doc.json` })).statusCode).toBe(200);
  });

  it('scopes import runs to the organisation, its descendants for admins, and operator runs to root admins', async () => {
    const doc = '{"id":"OSV-SCOPE-1","modified":"2026-01-01T00:00:00Z","summary":"scoped run"}';
    expect((await w.request(w.people.analystE1, 'POST', '/api/v1/kb/imports/upload?name=e1-run.json&format=osv', doc)).statusCode).toBe(200);
    const seen = async (who: Person) => ((await w.request(who, 'GET', '/api/v1/kb/imports')).json() as Items<{ location: string; actor: string }>).items;
    expect((await seen(w.people.analystE1)).map((r) => r.location)).toContain('upload:e1-run.json');
    expect((await seen(w.people.analystE1)).some((r) => r.actor.startsWith('cli:'))).toBe(false);
    expect((await seen(w.people.analystE2)).some((r) => r.location === 'upload:e1-run.json')).toBe(false);
    expect((await seen(w.people.analystP)).some((r) => r.location === 'upload:e1-run.json')).toBe(false);
    expect((await seen(w.people.adminP)).some((r) => r.location === 'upload:e1-run.json')).toBe(true);
    expect((await seen(w.people.adminP)).some((r) => r.actor.startsWith('cli:'))).toBe(false);
    expect((await seen(w.people.adminN)).some((r) => r.actor.startsWith('cli:'))).toBe(true);
  });

  it('leaves platform-wide settings to the root organisation’s admins', async () => {
    expect((await w.request(w.people.adminE1, 'PATCH', '/api/v1/kb/sources/nvd', { reliability: 'F' })).statusCode).toBe(403);
    expect((await w.request(w.people.adminP, 'PATCH', '/api/v1/kb/sources/nvd', { reliability: 'F' })).statusCode).toBe(403);
    expect((await w.request(w.people.adminE1, 'POST', '/api/v1/kb/correlate', {})).statusCode).toBe(403);
    expect((await w.request(w.people.adminN, 'PATCH', '/api/v1/kb/sources/nvd', { reliability: 'C' })).json()).toMatchObject({ id: 'nvd', reliability: 'C' });
    await w.request(w.people.adminN, 'PATCH', '/api/v1/kb/sources/nvd', { reliability: 'B' });
    expect((await w.request(w.people.adminN, 'POST', '/api/v1/kb/correlate', {})).statusCode).toBe(200);
    // Correlating one's own assets stays open to analysts; others' assets are not theirs to recompute.
    const own = (await w.request(w.people.analystE1, 'POST', '/api/v1/assets', { name: 'Own door', vendor: 'Nice', model: 'Linear eMerge E3-Series' })).json() as { id: string };
    const mine = await w.request(w.people.analystE1, 'POST', '/api/v1/kb/correlate', { assetIds: [own.id] });
    expect(mine.statusCode).toBe(200);
    expect((mine.json() as { assets: number }).assets).toBe(1);
    expect((await w.request(w.people.analystE2, 'POST', '/api/v1/kb/correlate', { assetIds: [own.id] })).json()).toMatchObject({ assets: 0 });
  });

  it('makes an organisation’s uploads its own submissions, and only the root organisation publishes', async () => {
    const doc = (id: string, summary: string) => JSON.stringify({ id, modified: '2026-01-02T00:00:00Z', aliases: ['CVE-2019-7256'], summary, affected: [{ package: { ecosystem: 'PyPI', name: `leakpkg-${id.toLowerCase()}` }, versions: ['1.0'] }] });
    const up = await w.request(w.people.analystE1, 'POST', '/api/v1/kb/imports/upload?name=e1.json&format=osv&tlp=red', doc('OSV-E1-1', 'E1 private finding about eMerge'));
    expect(up.statusCode).toBe(200);
    const mine = (await w.request(w.people.analystE1, 'GET', '/api/v1/kb/vulnerabilities?q=private%20finding')).json() as Items<{ id: string; lifecycle: string }>;
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]?.lifecycle).toBe('collected');
    const record = (await w.request(w.people.analystE1, 'GET', `/api/v1/kb/vulnerabilities/${mine.items[0]?.id ?? ''}`)).json() as { orgId: string; tlp: string };
    expect(record).toMatchObject({ orgId: w.orgs.E1, tlp: 'red' });
    for (const who of [w.people.analystE2, w.people.analystP]) {
      expect(((await w.request(who, 'GET', '/api/v1/kb/vulnerabilities?q=private%20finding')).json() as { total: number }).total).toBe(0);
    }
    // The public record of the CVE the upload names gains nothing from it.
    const pub = (await w.request(w.people.analystE2, 'GET', '/api/v1/kb/vulnerabilities/CVE-2019-7256')).json() as { claims: { value: unknown }[]; lifecycle: string };
    expect(pub.lifecycle).toBe('published');
    expect(JSON.stringify(pub.claims)).not.toContain('E1 private finding');
    // The identifier still finds the organisation's own record for those who may see it, the shared one first.
    expect(((await w.request(w.people.analystE1, 'GET', '/api/v1/kb/vulnerabilities/CVE-2019-7256')).json() as { lifecycle: string }).lifecycle).toBe('published');
    expect(((await w.request(w.people.analystE1, 'GET', '/api/v1/kb/vulnerabilities?q=CVE-2019-7256')).json() as { total: number }).total).toBe(2);
    expect(((await w.request(w.people.analystE2, 'GET', '/api/v1/kb/vulnerabilities?q=CVE-2019-7256')).json() as { total: number }).total).toBe(1);
    const unique = JSON.stringify({ id: 'OSV-E1-9', modified: '2026-01-02T00:00:00Z', aliases: ['CVE-2099-7777777'], summary: 'E1 unique finding' });
    expect((await w.request(w.people.analystE1, 'POST', '/api/v1/kb/imports/upload?name=u.json&format=osv&tlp=amber+strict'.replace('+', '%2B'), unique)).statusCode).toBe(200);
    const own = await w.request(w.people.analystE1, 'GET', '/api/v1/kb/vulnerabilities/CVE-2099-7777777');
    expect(own.json()).toMatchObject({ orgId: w.orgs.E1, tlp: 'amber+strict', aliases: expect.arrayContaining([{ scheme: 'cve', value: 'CVE-2099-7777777' }]) });
    expect((await w.request(w.people.analystE2, 'GET', '/api/v1/kb/vulnerabilities/CVE-2099-7777777')).statusCode).toBe(404);
    expect((await w.request(w.people.analystP, 'GET', '/api/v1/kb/vulnerabilities/CVE-2099-7777777')).statusCode).toBe(404);
    // Not shared upward: the parent does not see even an AMBER upload.
    const quiet = await w.request(w.people.analystE1, 'POST', '/api/v1/kb/imports/upload?name=q.json&format=osv&tlp=amber&sharedUpward=false', doc('OSV-E1-2', 'E1 quiet finding'));
    expect(quiet.statusCode).toBe(200);
    expect(((await w.request(w.people.analystP, 'GET', '/api/v1/kb/vulnerabilities?q=quiet%20finding')).json() as { total: number }).total).toBe(0);
    const shared = await w.request(w.people.analystE1, 'POST', '/api/v1/kb/imports/upload?name=s.json&format=osv', doc('OSV-E1-3', 'E1 shared finding'));
    expect(shared.statusCode).toBe(200);
    expect(((await w.request(w.people.analystP, 'GET', '/api/v1/kb/vulnerabilities?q=shared%20finding')).json() as { total: number }).total).toBe(1);
    expect(((await w.request(w.people.analystE2, 'GET', '/api/v1/kb/vulnerabilities?q=shared%20finding')).json() as { total: number }).total).toBe(0);
    // The root organisation's admin imports into the shared, published knowledge.
    const root = await w.request(w.people.adminN, 'POST', '/api/v1/kb/imports/upload?name=n.json&format=osv', JSON.stringify({ id: 'OSV-N-1', modified: '2026-01-02T00:00:00Z', summary: 'National published notice' }));
    expect(root.statusCode).toBe(200);
    const seen = (await w.request(w.people.analystE2, 'GET', '/api/v1/kb/vulnerabilities?q=national%20published%20notice')).json() as Items<{ lifecycle: string }>;
    expect(seen.items.map((i) => i.lifecycle)).toEqual(['published']);
    expect((await w.request(w.people.analystE1, 'POST', '/api/v1/kb/imports/upload?name=bad.json&tlp=purple', doc('OSV-E1-4', 'x'))).statusCode).toBe(400);
  });

  it('answers bad knowledge input with 400 and located issues, never 500', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const nested = await w.request(w.people.analystE1, 'POST', '/api/v1/kb/imports/upload?name=deep.json', deep);
    expect(nested.statusCode).toBe(400);
    expect(errorOf(nested).details[0]?.message).toMatch(/nest/);
    const objects = await w.request(w.people.analystE1, 'POST', '/api/v1/kb/imports/upload?name=deep.json&format=osv', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
    expect(objects.statusCode).toBe(400);

    for (const [field, value] of [['modified', 'not-a-date'], ['published', '2026-13-45T00:00:00Z']] as const) {
      const osv = { id: `OSV-DATE-${field}`, modified: '2026-01-01T00:00:00Z', summary: 'dates', [field]: value };
      const r = await w.request(w.people.adminN, 'POST', '/api/v1/kb/imports/upload?name=dates.json&format=osv', JSON.stringify(osv));
      // The only record is refused for its date: nothing imported, a located 400.
      expect(r.statusCode, field).toBe(400);
      const issues = errorOf(r).details;
      expect(issues.some((i) => i.path === `body.${field}` && /date/.test(i.message)), JSON.stringify(issues)).toBe(true);
    }
    await expect(w.services.knowledge.importFrom(op, join(dir, 'nope.json'))).rejects.toThrow(/not found/);

    const cases = [
      '/api/v1/kb/vulnerabilities?from=2026-13-45',
      '/api/v1/kb/vulnerabilities?to=2026-02-30',
      '/api/v1/kb/vulnerabilities?limit=1e308',
      '/api/v1/kb/vulnerabilities?offset=99999999999999999999',
      `/api/v1/kb/products?id=${'x'.repeat(1_000_000)}`,
      `/api/v1/kb/graph?node=vendor:${'x'.repeat(1_000_000)}`,
      `/api/v1/kb/vendors?q=${'x'.repeat(1_000_000)}`,
    ];
    for (const url of cases) expect((await w.request(w.people.viewerE1, 'GET', url)).statusCode, url.slice(0, 60)).toBe(400);
    expect((await w.request(w.people.viewerE1, 'GET', '/api/v1/kb/vulnerabilities?from=2024-02-29&to=2026-01-01')).statusCode).toBe(200);
  });

  it('re-checks every redirect hop and the resolved address (policy injected for a second loopback address)', async () => {
    const { guardedFetch } = await import('../src/platform/remote-fetch.js');
    const onlyFirst = guardedFetch({ refuse: (address) => (address === '127.0.0.1' ? null : 'not the test server') });
    await expect(onlyFirst(`${base}/doc.json`)).resolves.toMatchObject({ status: 200 });
    await expect(onlyFirst(`${base}/hop`)).rejects.toThrow(/127\.0\.0\.2/);
  });
});
