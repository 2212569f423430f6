import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport, IntelObjectDetail, IntelObjectPage } from '../src/modules/intel/index.js';
import { systemActor } from '../src/platform/access.js';
import { createWorld, errorOf, type World } from './support/fixture.js';

const attackText = readFileSync(fileURLToPath(new URL('../../shared/data/attack/ics-attack.json', import.meta.url)), 'utf8');
const attackCount = (JSON.parse(attackText) as { objects: unknown[] }).objects.length;
const stixJson = { 'content-type': 'application/stix+json;version=2.1' };
const TLP_GREEN = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';

// Objects of our own for these tests.
function indicator(value: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: '2025-05-01T00:00:00.000Z',
    modified: '2025-05-01T00:00:00.000Z',
    pattern: `[ipv4-addr:value = '${value}']`,
    pattern_type: 'stix',
    valid_from: '2025-05-01T00:00:00Z',
    ...extra,
  };
}
const bundle = (objects: unknown[]) => JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects });

describe('intelligence API', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld('pglite', { captureLimit: 8 * 1024 * 1024 });
    // A vendor and product the knowledge base knows, for report extraction to recognise.
    const e1 = { kind: 'user' as const, userId: w.people.analystE1.id, username: 'analyst.e1', orgId: w.orgs.E1, orgPath: '', role: 'analyst' as const };
    const submitted = await w.services.knowledge.submit(e1, {
      title: 'Unauthenticated logic download',
      description: 'The controller accepts logic downloads without authentication.',
      vendor: 'Nordwind Automation',
      product: 'NW-PLC 7200',
      versions: '< 3.1',
    });
    // Extraction names only what everyone may know: the finding is verified and published first.
    const op = systemActor('test');
    await w.services.knowledge.transition(op, submitted.id, 'verified');
    await w.services.knowledge.transition(op, submitted.id, 'published');
  });
  afterAll(async () => {
    await w.close();
  });

  it('imports a bundle upload, lists, reads and exports it', async () => {
    const r = await w.request(w.people.analystE1, 'POST', '/api/v1/intel/imports?name=ics-attack.json&tlp=green&source=mitre&reliability=A', attackText, { 'content-type': 'application/json' });
    expect(r.statusCode, r.body).toBe(200);
    const report = r.json() as ImportReport;
    expect(report).toMatchObject({ status: 'complete', objects: attackCount, stored: attackCount, invalid: 0, name: 'ics-attack.json' });
    const again = (await w.request(w.people.analystE1, 'GET', `/api/v1/intel/imports/${report.id}`)).json() as ImportReport;
    expect(again.stored).toBe(attackCount);

    const page = (await w.request(w.people.viewerE1, 'GET', '/api/v1/intel/objects?type=x-mitre-tactic&limit=5')).json() as IntelObjectPage;
    expect(page.items).toHaveLength(5);
    expect(page.items.every((i) => i.type === 'x-mitre-tactic' && i.tlp === 'green' && i.source === 'mitre')).toBe(true);
    expect(page.nextCursor).not.toBeNull();
    const rest = (await w.request(w.people.viewerE1, 'GET', `/api/v1/intel/objects?type=x-mitre-tactic&limit=50&cursor=${page.nextCursor ?? ''}`)).json() as IntelObjectPage;
    expect(rest.items).toHaveLength(7);

    const technique = (await w.request(w.people.viewerE1, 'GET', '/api/v1/intel/objects?type=attack-pattern&q=Modify%20Parameter')).json() as IntelObjectPage;
    const id = technique.items[0]?.id ?? '';
    const detail = (await w.request(w.people.viewerE1, 'GET', `/api/v1/intel/objects/${id}`)).json() as IntelObjectDetail;
    expect(detail.object['name']).toBe('Modify Parameter');
    expect(detail.relationships.length).toBeGreaterThan(0);
    expect(detail.versions).toHaveLength(1);

    const exported = await w.request(w.people.viewerE1, 'GET', `/api/v1/intel/export?id=${id}`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('application/stix+json');
    const out = JSON.parse(exported.body) as { type: string; objects: { id: string }[] };
    expect(out.type).toBe('bundle');
    expect(out.objects[0]?.id).toBe(id);
    expect(out.objects.some((o) => o.id.startsWith('marking-definition--'))).toBe(true);
    const all = JSON.parse((await w.request(w.people.viewerE1, 'GET', '/api/v1/intel/export')).body) as { objects: unknown[] };
    expect(all.objects).toHaveLength(attackCount);
  });

  it('lists imports and counts objects by type, TLP and label, per organisation', async () => {
    const objects = [indicator('10.9.0.1', { labels: ['facet-test', 'ics'] }), indicator('10.9.0.2', { labels: ['facet-test'], object_marking_refs: [TLP_GREEN] })];
    const r = await w.request(w.people.analystE2, 'POST', '/api/v1/intel/imports?name=facets.json&tlp=amber', bundle(objects), stixJson);
    expect(r.statusCode, r.body).toBe(200);
    const id = (r.json() as ImportReport).id;
    const mine = (await w.request(w.people.analystE2, 'GET', '/api/v1/intel/imports')).json() as { items: ImportReport[] };
    expect(mine.items[0]).toMatchObject({ id, name: 'facets.json', stored: 2, issues: [] });
    const theirs = (await w.request(w.people.analystE1, 'GET', '/api/v1/intel/imports')).json() as { items: ImportReport[] };
    expect(theirs.items.map((i) => i.id)).not.toContain(id);
    expect(theirs.items.length).toBeGreaterThan(0);

    const facets = (await w.request(w.people.analystE2, 'GET', '/api/v1/intel/facets?label=facet-test')).json() as Record<string, { value: string; count: number }[]>;
    expect(facets['types']).toEqual([{ value: 'indicator', count: 2 }]);
    expect(facets['tlp']).toEqual([{ value: 'amber', count: 1 }, { value: 'green', count: 1 }]);
    expect(facets['labels']).toEqual([{ value: 'facet-test', count: 2 }, { value: 'ics', count: 1 }]);
    // Each dimension is counted without its own filter: the other TLP stays on offer.
    const narrowed = (await w.request(w.people.analystE2, 'GET', '/api/v1/intel/facets?label=facet-test&tlp=amber&type=indicator,malware')).json() as Record<string, { value: string; count: number }[]>;
    expect(narrowed['tlp']).toEqual([{ value: 'amber', count: 1 }, { value: 'green', count: 1 }]);
    expect(narrowed['types']).toEqual([{ value: 'indicator', count: 1 }]);
    expect(narrowed['labels']).toEqual([{ value: 'facet-test', count: 1 }, { value: 'ics', count: 1 }]);
    // Another enterprise counts none of them; the whole set for E1 includes ATT&CK's types.
    const other = (await w.request(w.people.analystE1, 'GET', '/api/v1/intel/facets?label=facet-test')).json() as Record<string, unknown[]>;
    expect(other['types']).toEqual([]);
    const all = (await w.request(w.people.viewerE1, 'GET', '/api/v1/intel/facets')).json() as Record<string, { value: string; count: number }[]>;
    expect(all['types']?.find((t) => t.value === 'x-mitre-tactic')?.count).toBe(12);
    expect((await w.request(w.people.analystE2, 'GET', '/api/v1/intel/facets?limit=5')).statusCode).toBe(400);
    expect((await w.request(w.people.analystE2, 'GET', '/api/v1/intel/imports?limit=0')).statusCode).toBe(400);
    expect((await w.request(null, 'GET', '/api/v1/intel/facets')).statusCode).toBe(401);
  });

  it('validates bundles and patterns without storing anything', async () => {
    const v = await w.request(w.people.viewerE1, 'POST', '/api/v1/intel/validate', bundle([indicator('192.0.2.1'), { type: 'indicator', id: 'indicator--x' }]), stixJson);
    expect(v.statusCode).toBe(200);
    expect(v.json()).toMatchObject({ valid: false, objects: 2, issues: expect.arrayContaining([expect.objectContaining({ index: 1, path: 'id', code: 'identifier' }), expect.objectContaining({ index: 1, path: 'created' })]) });
    expect((v.json() as { issues: { index: number }[] }).issues.every((i) => i.index === 1)).toBe(true);
    const broken = await w.request(w.people.viewerE1, 'POST', '/api/v1/intel/validate', '{"objects": [', stixJson);
    expect(broken.json()).toMatchObject({ valid: false, issues: [expect.objectContaining({ code: 'syntax' })] });

    const ok = (await w.request(w.people.viewerE1, 'POST', '/api/v1/intel/pattern', { pattern: "[ipv4-addr:value = '192.0.2.1'] AND [domain-name:value LIKE '%.example']" })).json() as {
      valid: boolean;
      objectPaths: string[];
    };
    expect(ok.valid).toBe(true);
    expect(ok.objectPaths).toEqual(['ipv4-addr:value', 'domain-name:value']);
    const bad = (await w.request(w.people.viewerE1, 'POST', '/api/v1/intel/pattern', { pattern: "[ipv4-addr:value = '1.2.3.4'" })).json() as {
      valid: boolean;
      error: { line: number; column: number };
    };
    expect(bad.valid).toBe(false);
    expect(bad.error.column).toBeGreaterThan(1);

    const ip = { type: 'ipv4-addr', spec_version: '2.1', id: `ipv4-addr--${randomUUID()}`, value: '192.0.2.1' };
    const observed = {
      type: 'observed-data',
      spec_version: '2.1',
      id: `observed-data--${randomUUID()}`,
      created: '2025-05-02T00:00:00.000Z',
      modified: '2025-05-02T00:00:00.000Z',
      first_observed: '2025-05-02T00:00:00Z',
      last_observed: '2025-05-02T00:00:00Z',
      number_observed: 1,
      object_refs: [ip.id],
    };
    const matched = (await w.request(w.people.viewerE1, 'POST', '/api/v1/intel/pattern', { pattern: "[ipv4-addr:value = '192.0.2.1']", objects: [ip, observed] })).json() as {
      match: { matched: boolean; observations: number[] };
    };
    expect(matched.match).toMatchObject({ matched: true, observations: [1] });
    const missed = (await w.request(w.people.viewerE1, 'POST', '/api/v1/intel/pattern', { pattern: "[ipv4-addr:value = '192.0.2.2']", objects: [ip, observed] })).json() as {
      match: { matched: boolean };
    };
    expect(missed.match.matched).toBe(false);
  });

  it('drafts a STIX report from a threat report without storing it', async () => {
    const html = `<html><body><h1>Grid intrusion</h1><p>The actors used 203.0.113[.]45 and evil-updates[.]example to reach
      engineering workstations, exploited CVE-2024-12345 and used T0843 (Program Download) over Modbus against
      Nordwind Automation NW-PLC 7200 controllers.</p></body></html>`;
    const r = await w.request(w.people.viewerE1, 'POST', '/api/v1/intel/extract?name=Grid%20intrusion', html, { 'content-type': 'text/html' });
    expect(r.statusCode, r.body).toBe(200);
    const result = r.json() as { bundle: { type: string; objects: { type: string; pattern?: string; name?: string; labels?: string[] }[] }; findings: number };
    expect(result.bundle.type).toBe('bundle');
    const report = result.bundle.objects.find((o) => o.type === 'report');
    expect(report?.name).toBe('Grid intrusion');
    // Industrial context from the knowledge base and the protocol list.
    expect(report?.labels).toEqual(expect.arrayContaining(['vendor:Nordwind Automation', 'product:NW-PLC 7200', 'protocol:Modbus']));
    expect(result.bundle.objects.some((o) => o.type === 'indicator' && (o.pattern ?? '').includes('203.0.113.45'))).toBe(true);
    expect(result.findings).toBeGreaterThanOrEqual(3);
    // Drafted, not stored.
    const page = (await w.request(w.people.viewerE1, 'GET', '/api/v1/intel/objects?type=report')).json() as IntelObjectPage;
    expect(page.items.some((i) => i.name === 'Grid intrusion')).toBe(false);
    // Plain text goes as octet-stream with a kind; text/plain itself stays refused.
    const text = await w.request(w.people.viewerE1, 'POST', '/api/v1/intel/extract?kind=text', 'seen at 198.51.100.7', { 'content-type': 'application/octet-stream' });
    expect(text.statusCode).toBe(200);
    expect((await w.request(w.people.viewerE1, 'POST', '/api/v1/intel/extract', 'x', { 'content-type': 'text/plain' })).statusCode).toBe(415);
    expect((await w.request(w.people.viewerE1, 'POST', '/api/v1/intel/extract', 'x', { 'content-type': 'application/octet-stream' })).statusCode).toBe(400);
    expect((await w.request(w.people.viewerE1, 'POST', '/api/v1/intel/extract?kind=word', 'x', { 'content-type': 'application/octet-stream' })).statusCode).toBe(400);
    const badPdf = await w.request(w.people.viewerE1, 'POST', '/api/v1/intel/extract', Buffer.from('%PDF-1.7 this is not really a pdf'), { 'content-type': 'application/pdf' });
    expect(badPdf.statusCode).toBe(400);
    expect((await w.request(w.people.viewerE1, 'POST', '/api/v1/intel/extract?kind=text', '', { 'content-type': 'application/octet-stream' })).statusCode).toBe(400);
    expect((await w.request(null, 'POST', '/api/v1/intel/extract?kind=text', 'x', { 'content-type': 'application/octet-stream' })).statusCode).toBe(401);
  });

  it('enforces roles, organisations and sharing', async () => {
    const body = bundle([indicator('192.0.2.50')]);
    expect((await w.request(null, 'GET', '/api/v1/intel/objects')).statusCode).toBe(401);
    expect((await w.request(null, 'POST', '/api/v1/intel/imports', body, stixJson)).statusCode).toBe(401);
    expect((await w.request(w.people.viewerE1, 'POST', '/api/v1/intel/imports', body, stixJson)).statusCode).toBe(403);

    const mine = indicator('192.0.2.51');
    const shared = indicator('192.0.2.52', { object_marking_refs: [TLP_GREEN] });
    expect((await w.request(w.people.analystE1, 'POST', '/api/v1/intel/imports', bundle([mine]), stixJson)).statusCode).toBe(200);
    expect((await w.request(w.people.analystE1, 'POST', '/api/v1/intel/imports?sharedUpward=true', bundle([shared]), stixJson)).statusCode).toBe(200);
    // Siblings and viewers above cannot learn the objects exist; analysts above see what was shared.
    expect((await w.request(w.people.analystE2, 'GET', `/api/v1/intel/objects/${mine.id}`)).statusCode).toBe(404);
    expect((await w.request(w.people.analystE2, 'GET', `/api/v1/intel/objects/${shared.id}`)).statusCode).toBe(404);
    expect((await w.request(w.people.analystP, 'GET', `/api/v1/intel/objects/${mine.id}`)).statusCode).toBe(404);
    expect((await w.request(w.people.viewerP, 'GET', `/api/v1/intel/objects/${shared.id}`)).statusCode).toBe(404);
    expect((await w.request(w.people.analystP, 'GET', `/api/v1/intel/objects/${shared.id}`)).statusCode).toBe(200);
    const sibling = JSON.parse((await w.request(w.people.analystE2, 'GET', '/api/v1/intel/export?type=indicator')).body) as { objects: { id: string }[] };
    expect(sibling.objects.some((o) => o.id === mine.id || o.id === shared.id)).toBe(false);
    // The import report belongs to the importing organisation.
    const r = (await w.request(w.people.analystE1, 'POST', '/api/v1/intel/imports', bundle([indicator('192.0.2.53')]), stixJson)).json() as ImportReport;
    expect((await w.request(w.people.analystE2, 'GET', `/api/v1/intel/imports/${r.id}`)).statusCode).toBe(404);
  });

  it('serves the CLI remotely: import, export, validate, pattern, extract', async () => {
    const { httpIntelClient } = await import('../src/modules/intel/client-http.js');
    const { createApi } = await import('../src/platform/cli-kit/api.js');
    const { Readable } = await import('node:stream');
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    // fetch over app.inject, so the client's real requests (streamed bodies included) reach the routes.
    const fetchImpl = (async (input: string | URL | Request, init: RequestInit = {}) => {
      const url = new URL(String(input));
      const body = init.body;
      const payload = body === undefined || body === null ? undefined : typeof body === 'string' ? body : Readable.fromWeb(body as WebReadableStream<Uint8Array>);
      const r = await w.app.inject({ method: (init.method ?? 'GET') as 'GET', url: `${url.pathname}${url.search}`, headers: init.headers as Record<string, string>, ...(payload === undefined ? {} : { payload }) });
      return new Response(r.rawPayload.length === 0 ? null : r.rawPayload, { status: r.statusCode, headers: r.headers as Record<string, string> });
    }) as typeof fetch;
    const client = httpIntelClient(createApi('http://bulwark.test', w.people.analystE2.token, fetchImpl));
    const dir = await mkdtemp(join(tmpdir(), 'bulwark-intel-remote-'));
    const file = join(dir, 'bundle.json');
    const mine = indicator('192.0.2.99');
    await writeFile(file, bundle([mine]));
    const report = await client.intelImport(file, { tlp: 'green', source: 'remote' });
    expect(report).toMatchObject({ status: 'complete', stored: 1, name: 'bundle.json' });
    let text = '';
    for await (const chunk of client.intelExport({ ids: [mine.id] })) text += chunk;
    expect((JSON.parse(text) as { objects: { id: string }[] }).objects.map((o) => o.id)).toEqual([mine.id]);
    expect((await client.intelValidate(file)).valid).toBe(true);
    expect((await client.intelPattern("[ipv4-addr:value = '1.2.3.4']")).valid).toBe(true);
    const notes = join(dir, 'notes.txt');
    await writeFile(notes, 'beacon to 198.51.100.23 every hour');
    expect((await client.intelExtract(notes, { kind: 'text', name: 'notes' })).bundle.type).toBe('bundle');
    const viewer = httpIntelClient(createApi('http://bulwark.test', w.people.viewerE1.token, fetchImpl));
    await expect(viewer.intelImport(file, {})).rejects.toThrow(/may not/);
  });

  it('rejects bad input with 4xx and a JSON error', async () => {
    const who = w.people.analystE1;
    const text = await w.request(who, 'POST', '/api/v1/intel/imports', 'hello', { 'content-type': 'text/plain' });
    expect(text.statusCode).toBe(415);
    const big = await w.request(who, 'POST', '/api/v1/intel/imports', Buffer.alloc(9 * 1024 * 1024, 32), { 'content-type': 'application/octet-stream' });
    expect(big.statusCode).toBe(413);
    expect(errorOf(big).code).toBe('payload_too_large');
    const empty = await w.request(who, 'POST', '/api/v1/intel/imports', '', { 'content-type': 'application/json' });
    expect(empty.statusCode).toBe(400);
    const notJson = await w.request(who, 'POST', '/api/v1/intel/imports', 'not json at all', stixJson);
    expect(notJson.statusCode).toBe(400);
    expect(errorOf(notJson).details.some((d) => d.path === 'body')).toBe(true);
    const partial = await w.request(who, 'POST', '/api/v1/intel/imports', `{"type":"bundle","objects":[${JSON.stringify(indicator('192.0.2.60'))},{"type":`, stixJson);
    expect(partial.statusCode).toBe(400);
    expect(errorOf(partial).details.map((d) => d.message).join(' ')).toContain('1 objects read before the error were stored');
    for (const q of ['tlp=purple', 'reliability=Z', 'confidence=101', 'sharedUpward=maybe', 'nope=1']) {
      const r = await w.request(who, 'POST', `/api/v1/intel/imports?${q}`, bundle([]), stixJson);
      expect(r.statusCode, q).toBe(400);
      expect(errorOf(r).details[0]?.path, q).toMatch(/^querystring/);
    }
    expect((await w.request(who, 'GET', '/api/v1/intel/objects/not-an-id')).statusCode).toBe(400);
    expect((await w.request(who, 'GET', `/api/v1/intel/objects/indicator--${randomUUID()}`)).statusCode).toBe(404);
    expect((await w.request(who, 'GET', '/api/v1/intel/objects?cursor=***')).statusCode).toBe(400);
    expect((await w.request(who, 'GET', '/api/v1/intel/objects?addedAfter=last-week')).statusCode).toBe(400);
    expect((await w.request(who, 'GET', '/api/v1/intel/objects?limit=0')).statusCode).toBe(400);
    expect((await w.request(who, 'GET', '/api/v1/intel/export?addedAfter=soon')).statusCode).toBe(400);
    expect((await w.request(who, 'GET', '/api/v1/intel/export?tlpMax=white')).statusCode).toBe(400);
    expect((await w.request(who, 'GET', '/api/v1/intel/imports/nope')).statusCode).toBe(404);
    expect((await w.request(who, 'POST', '/api/v1/intel/pattern', { pattern: '' })).statusCode).toBe(400);
    expect((await w.request(who, 'POST', '/api/v1/intel/pattern', { pattern: 42 })).statusCode).toBe(400);
    expect((await w.request(who, 'POST', '/api/v1/intel/pattern', '{"pattern": ')).statusCode).toBe(400);
    const bigValidate = await w.request(who, 'POST', '/api/v1/intel/validate', Buffer.alloc(9 * 1024 * 1024, 32), { 'content-type': 'application/json' });
    expect(bigValidate.statusCode).toBe(413);
  });
});
