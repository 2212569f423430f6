import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/platform/access.js';
import { createWorld, errorOf, type World } from './support/fixture.js';

const data = fileURLToPath(new URL('../../shared/data/', import.meta.url));

// The knowledge API: who may import, curate and read; bad input is a 4xx with paths.
describe('knowledge API', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld('pglite', { uploadLimit: 4 * 1024 * 1024 });
    await w.services.knowledge.importFrom(systemActor('test'), `${data}csaf/OT/2024/icsa-24-065-01.json`);
    await w.services.knowledge.importFrom(systemActor('test'), `${data}attack/ics-attack.json`);
  });
  afterAll(async () => {
    await w.close();
  });

  it('requires authentication and lets any member search published knowledge', async () => {
    expect((await w.request(null, 'GET', '/api/v1/kb/vulnerabilities')).statusCode).toBe(401);
    const r = await w.request(w.people.viewerE1, 'GET', '/api/v1/kb/vulnerabilities?q=eMerge&limit=5');
    expect(r.statusCode).toBe(200);
    const body = r.json() as { total: number; items: { id: string }[]; facets: Record<string, unknown[]> };
    expect(body.total).toBeGreaterThan(5);
    expect(body.items).toHaveLength(5);
    expect(Object.keys(body.facets)).toEqual(expect.arrayContaining(['vendor', 'grade']));
    const one = await w.request(w.people.viewerE1, 'GET', '/api/v1/kb/vulnerabilities/cve-2019-7256');
    expect(one.statusCode).toBe(200);
    expect((one.json() as { advisories: { id: string }[] }).advisories[0]?.id).toBe('ICSA-24-065-01');
    expect((await w.request(w.people.viewerE1, 'GET', '/api/v1/kb/vulnerabilities/CVE-1999-0001')).statusCode).toBe(404);
  });

  it('limits imports: analysts upload or fetch URLs, only admins read server paths, viewers nothing', async () => {
    const doc = readFileSync(`${data}cve5/CVE-2023-46604.json`, 'utf8');
    const viewer = await w.request(w.people.viewerE1, 'POST', '/api/v1/kb/imports/upload?name=a.json', doc);
    expect(viewer.statusCode).toBe(403);
    const analyst = await w.request(w.people.analystE1, 'POST', '/api/v1/kb/imports/upload?name=a.json', doc);
    expect(analyst.statusCode).toBe(200);
    expect((analyst.json() as { stats: { vulnerabilities: number } }).stats.vulnerabilities).toBe(1);
    const path = await w.request(w.people.analystE1, 'POST', '/api/v1/kb/imports', { location: '/etc' });
    expect(path.statusCode).toBe(403);
    const xml = await w.request(w.people.analystE1, 'POST', '/api/v1/kb/imports/upload?format=cnvd',
      '<?xml version="1.0" encoding="UTF-8"?><vulnerabitys><vulnerability><number>CNVD-2026-00001</number><title>Test PLC buffer overflow</title><serverity>高</serverity><product>Acme PLC-100 V1.0</product><description>A buffer overflow in the Acme PLC web server.</description><formalWay>Upgrade to V1.1.</formalWay><openTime>2026-01-05</openTime></vulnerability></vulnerabitys>',
      { 'content-type': 'application/xml' });
    expect(xml.statusCode).toBe(200);
    // Runs are the organisation's own: the two uploads, not the operator's imports.
    const runs = await w.request(w.people.analystE1, 'GET', '/api/v1/kb/imports');
    expect((runs.json() as { items: { actor: string }[] }).items.map((r) => r.actor)).toEqual(['analyst.e1', 'analyst.e1']);
    expect((await w.request(w.people.viewerE1, 'GET', '/api/v1/kb/imports')).statusCode).toBe(403);
  });

  it('lets only the root organisation’s admins change source reliability', async () => {
    expect((await w.request(w.people.analystE1, 'PATCH', '/api/v1/kb/sources/csaf', { reliability: 'C' })).statusCode).toBe(403);
    expect((await w.request(w.people.adminE1, 'PATCH', '/api/v1/kb/sources/csaf', { reliability: 'C' })).statusCode).toBe(403);
    const bad = await w.request(w.people.adminN, 'PATCH', '/api/v1/kb/sources/csaf', { reliability: 'Z' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details[0]?.path).toBe('body.reliability');
    expect((await w.request(w.people.adminN, 'PATCH', '/api/v1/kb/sources/nope', { reliability: 'C' })).statusCode).toBe(404);
    const ok = await w.request(w.people.adminN, 'PATCH', '/api/v1/kb/sources/csaf', { reliability: 'B' });
    expect(ok.json()).toMatchObject({ id: 'csaf', reliability: 'B' });
    await w.request(w.people.adminN, 'PATCH', '/api/v1/kb/sources/csaf', { reliability: 'A' });
  });

  it('enforces the submission lifecycle and hides unpublished submissions from siblings', async () => {
    const submitted = await w.request(w.people.analystE1, 'POST', '/api/v1/kb/vulnerabilities', {
      title: 'Unauthenticated Modbus write in tank gauge',
      description: 'Function code 16 writes to set-points without any check.',
      vendor: 'Acme Gauges', product: 'TankGauge 7', versions: 'all versions', cwe: 'CWE-306',
    });
    expect(submitted.statusCode).toBe(201);
    const id = (submitted.json() as { id: string; lifecycle: string }).id;
    expect((submitted.json() as { lifecycle: string }).lifecycle).toBe('collected');
    expect((await w.request(w.people.analystE2, 'GET', `/api/v1/kb/vulnerabilities/${id}`)).statusCode).toBe(404);
    expect((await w.request(w.people.viewerE1, 'GET', `/api/v1/kb/vulnerabilities/${id}`)).statusCode).toBe(200);
    expect((await w.request(w.people.analystP, 'GET', `/api/v1/kb/vulnerabilities/${id}`)).statusCode).toBe(200);
    expect((await w.request(w.people.viewerE1, 'POST', '/api/v1/kb/vulnerabilities', { title: 'x'.repeat(10), description: 'y'.repeat(20), vendor: 'v', product: 'p', versions: '1' })).statusCode).toBe(403);
    expect((await w.request(w.people.analystE1, 'POST', `/api/v1/kb/vulnerabilities/${id}/lifecycle`, { to: 'verified' })).statusCode).toBe(403);
    expect((await w.request(w.people.viewerP, 'POST', `/api/v1/kb/vulnerabilities/${id}/lifecycle`, { to: 'verified' })).statusCode).toBe(404);
    expect((await w.request(w.people.analystP, 'POST', `/api/v1/kb/vulnerabilities/${id}/lifecycle`, { to: 'verified' })).statusCode).toBe(200);
    expect((await w.request(w.people.analystP, 'POST', `/api/v1/kb/vulnerabilities/${id}/lifecycle`, { to: 'published' })).statusCode).toBe(403);
    const skip = await w.request(w.people.adminP, 'POST', `/api/v1/kb/vulnerabilities/${id}/lifecycle`, { to: 'closed', bogus: 1 });
    expect(skip.statusCode).toBe(400);
    expect((await w.request(w.people.adminP, 'POST', `/api/v1/kb/vulnerabilities/${id}/lifecycle`, { to: 'published' })).statusCode).toBe(200);
    expect((await w.request(w.people.analystE2, 'GET', `/api/v1/kb/vulnerabilities/${id}`)).statusCode).toBe(200);
    const audit = await w.request(w.people.adminN, 'GET', '/api/v1/audit?action=kb.lifecycle');
    expect((audit.json() as { items: unknown[] }).items).toHaveLength(2);
  });

  it('shows an asset’s exposure only to those who may see the asset', async () => {
    const asset = await w.request(w.people.analystE1, 'POST', '/api/v1/assets', { name: 'Lobby door', vendor: 'Nice', model: 'Linear eMerge E3-Series', firmwareVersion: '1.00-06' });
    const id = (asset.json() as { id: string }).id;
    const mine = await w.request(w.people.viewerE1, 'GET', `/api/v1/assets/${id}/exposures`);
    expect(mine.statusCode).toBe(200);
    const items = (mine.json() as { items: { verdict: string; aliases: string[]; reasons: { why: string }[] }[] }).items;
    expect(items.length).toBeGreaterThan(5);
    expect(items.every((e) => e.verdict === 'affected')).toBe(true);
    expect((await w.request(w.people.analystE2, 'GET', `/api/v1/assets/${id}/exposures`)).statusCode).toBe(404);
    const graph = await w.request(w.people.analystE1, 'GET', `/api/v1/kb/graph?node=asset:${id}&depth=2`);
    expect((graph.json() as { nodes: { kind: string }[] }).nodes.some((n) => n.kind === 'product')).toBe(true);
  });

  it('serves vendors, products, the ATT&CK matrix and graph paths', async () => {
    const vendors = (await w.request(w.people.viewerE1, 'GET', '/api/v1/kb/vendors?q=nice')).json() as { items: { id: string }[] };
    expect(vendors.items.length).toBe(1);
    const vendor = (await w.request(w.people.viewerE1, 'GET', `/api/v1/kb/vendors/${vendors.items[0]?.id ?? ''}`)).json() as { products: { id: string }[] };
    const productId = vendor.products[0]?.id ?? '';
    const product = await w.request(w.people.viewerE1, 'GET', `/api/v1/kb/products?id=${encodeURIComponent(productId)}`);
    expect((product.json() as { vulnerabilities: unknown[] }).vulnerabilities.length).toBeGreaterThan(5);
    const matrix = (await w.request(w.people.viewerE1, 'GET', '/api/v1/kb/attack/matrix')).json() as { tactics: { techniques: unknown[] }[]; coverage: { techniques: number } };
    expect(matrix.tactics).toHaveLength(12);
    expect(matrix.coverage.techniques).toBe(83);
    const v = (await w.request(w.people.viewerE1, 'GET', '/api/v1/kb/vulnerabilities/CVE-2019-7256')).json() as { id: string };
    const path = (await w.request(w.people.viewerE1, 'GET', `/api/v1/kb/graph?node=vulnerability:${v.id}&to=${encodeURIComponent(`vendor:${vendors.items[0]?.id ?? ''}`)}`)).json() as { edges: unknown[]; nodes: { kind: string }[] };
    expect(path.nodes.map((n) => n.kind)).toEqual(['vulnerability', 'product', 'vendor']);
    expect((await w.request(w.people.viewerE1, 'GET', '/api/v1/kb/graph?node=planet:earth')).statusCode).toBe(400);
    expect((await w.request(w.people.viewerE1, 'GET', '/api/v1/kb/graph?node=vulnerability:BW-9999999')).statusCode).toBe(404);
    expect((await w.request(w.people.viewerE1, 'GET', `/api/v1/kb/graph?node=vulnerability:${v.id}&depth=9`)).statusCode).toBe(400);
  });

  it('rejects bad input on every knowledge route with field paths', async () => {
    const cases: [string, string, unknown, string][] = [
      ['GET', '/api/v1/kb/vulnerabilities?grade=apocalyptic', undefined, 'querystring.grade'],
      ['GET', '/api/v1/kb/vulnerabilities?kev=maybe', undefined, 'querystring.kev'],
      ['GET', '/api/v1/kb/vulnerabilities?limit=0', undefined, 'querystring.limit'],
      ['GET', '/api/v1/kb/vulnerabilities?cwe=79', undefined, 'querystring.cwe'],
      ['GET', '/api/v1/kb/vulnerabilities?from=yesterday', undefined, 'querystring.from'],
      ['POST', '/api/v1/kb/imports', { location: '' }, 'body.location'],
      ['POST', '/api/v1/kb/imports', { location: 'x', format: 'pdf' }, 'body.format'],
      ['POST', '/api/v1/kb/vulnerabilities', { title: 'short', description: 'too short', vendor: '', product: 'p', versions: '1', extra: true }, 'body.extra'],
      ['POST', '/api/v1/kb/correlate', { assetIds: 'all' }, 'body.assetIds'],
    ];
    for (const [method, url, body, path] of cases) {
      const r = await w.request(w.people.adminE1, method as 'GET', url, body);
      expect(r.statusCode, url).toBe(400);
      expect(errorOf(r).details.map((d) => d.path), url).toContain(path);
    }
    const malformed = await w.request(w.people.adminE1, 'POST', '/api/v1/kb/imports', '{"location": ');
    expect(errorOf(malformed).code).toBe('malformed_json');
    const broken = await w.request(w.people.analystE1, 'POST', '/api/v1/kb/imports/upload?name=broken.json', '{"document": 1}');
    expect(broken.statusCode).toBe(400);
    expect(errorOf(broken).message).toMatch(/nothing in the document could be imported/);
    expect(errorOf(broken).details.at(-1)?.message).toMatch(/import run .* records the attempt/);
    const unknown = await w.request(w.people.analystE1, 'POST', '/api/v1/kb/imports/upload?name=x.xml', '<fuzz/>', { 'content-type': 'application/xml' });
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown).details[0]?.message).toMatch(/no <vulnerability> elements/);
  });
});
