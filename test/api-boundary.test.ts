import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesOf } from '../src/http/app.js';
import { requireAccessRules } from '../src/http/access.js';
import { backends } from '../src/storage/test-backends.js';
import { createWorld, errorOf, type World } from './support/fixture.js';

// The HTTP boundary: deny by default on the matched route, one input guard, one error shape.
describe.each(backends)('HTTP boundary on %s', (backend) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(backend);
  });
  afterAll(async () => {
    await w.close();
  });

  // The only routes anyone may call without credentials; a new public route must be added here on purpose.
  const publicRoutes = ['GET /api/openapi.json', 'GET /api/health', 'GET /api/ready', 'POST /api/v1/auth/login', 'POST /api/v1/auth/logout'];

  const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, 'x').replace(/\*$/, 'x');

  it('gives every route an explicit access rule, and only the listed ones are public', () => {
    const routes = routesOf(w.app);
    expect(routes.length).toBeGreaterThan(60);
    for (const route of routes) expect(route.access, `${route.method} ${route.url}`).toBeDefined();
    const open = routes
      .filter((r) => r.access === 'public' && r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`);
    expect(open.sort()).toEqual([...publicRoutes].sort());
    // Outside /api, only the built console (when dist/web exists) is public: files and its shell, read-only.
    const consoleRoutes = routes.filter((r) => r.access === 'public' && !r.url.startsWith('/api/'));
    expect(consoleRoutes.every((r) => (r.method === 'GET' || r.method === 'HEAD') && !r.url.startsWith('/taxii2'))).toBe(true);
    expect(routes.filter((r) => r.url.startsWith('/taxii2')).every((r) => r.access === 'taxii')).toBe(true);
  });

  it('refuses to start when a route declares no access rule', async () => {
    const app = Fastify();
    requireAccessRules(app);
    app.get('/forgotten', async () => 'secret');
    await expect(app.ready()).rejects.toThrow(/GET \/forgotten/);
    await app.close().catch(() => undefined);
  });

  it('answers 401 to strangers on every private route, however the URL is spelled', async () => {
    const privateRoutes = routesOf(w.app).filter((r) => r.access === 'user' && r.method !== 'HEAD');
    let checked = 0;
    for (const route of privateRoutes) {
      const url = concrete(route.url);
      // %61 is "a": the router decodes it, a prefix check on the raw URL would not.
      const spellings = [url, url.replace('/api/', '/%61pi/'), url.replace('/v1/', '/%76%31/'), url.replace(/\/([a-z])/, (_m, c: string) => `/%${c.charCodeAt(0).toString(16)}`)];
      for (const spelling of spellings) {
        const r = await w.app.inject({ method: route.method as 'GET', url: spelling, ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }) });
        expect(r.statusCode, `${route.method} ${spelling}`).toBe(401);
        expect(errorOf(r).code).toBe('unauthenticated');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
    for (const url of ['/%61pi/v1/kb/vendors', '/%61pi/v1/kb/sources', '/api/v1/kb/%76endors']) {
      expect((await w.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    }
  });

  it('refuses NUL characters and unpaired surrogates in path, query and body with a located 400', async () => {
    const admin = w.people.adminN;
    const cases: Array<[string, string, unknown, string]> = [
      ['GET', '/api/v1/assets/%00', undefined, 'params.id'],
      ['GET', '/api/v1/assets?q=a%00b', undefined, 'querystring.q'],
      ['GET', '/api/v1/kb/vulnerabilities?q=%00', undefined, 'querystring.q'],
      ['GET', '/api/v1/kb/vendors?q=x%00', undefined, 'querystring.q'],
      ['POST', '/api/v1/assets', { name: 'plc\u0000', ip: '10.0.0.1' }, 'body.name'],
      ['POST', '/api/v1/assets', { name: 'plc\ud800' }, 'body.name'],
      ['POST', '/api/v1/assets', { name: 'plc\udc00x' }, 'body.name'],
      ['POST', '/api/v1/kb/vulnerabilities', { title: 'x', description: 'a\u0000b' }, 'body.description'],
    ];
    for (const [method, url, body, path] of cases) {
      const r = await w.request(admin, method as 'GET', url, body);
      expect(r.statusCode, url).toBe(400);
      expect(errorOf(r).code).toBe('invalid_input');
      expect(errorOf(r).details.map((d) => d.path), url).toContain(path);
    }
    // A paired surrogate (an emoji) is ordinary text.
    const fine = await w.request(w.people.analystE1, 'POST', '/api/v1/assets', { name: 'pump 🚰 1' });
    expect(fine.statusCode).toBe(201);
  });

  it('refuses JSON nested deeper than any real document, on every JSON route, before parsing it', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    // (Bundle routes stream through their own bounded reader and answer with a validation report.)
    for (const url of ['/api/v1/assets', '/api/v1/kb/imports/upload', '/api/v1/kb/vulnerabilities', '/api/v1/taxii/collections']) {
      const r = await w.request(w.people.adminN, 'POST', url, deep);
      expect(r.statusCode, url).toBe(400);
      expect(errorOf(r).message, url).toMatch(/nested more than/);
    }
    const deepObject = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
    const r = await w.request(w.people.adminN, 'POST', '/api/v1/kb/imports/upload', deepObject);
    expect(r.statusCode).toBe(400);
    expect((await w.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('answers malformed percent-encodings and over-long parameters in the error shape (TAXII\u2019s under /taxii2/)', async () => {
    const bad = await w.request(w.people.adminN, 'GET', '/api/v1/assets/%FF');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe('bad_url');
    const long = await w.request(w.people.adminN, 'GET', `/api/v1/assets/${'x'.repeat(1_000_001)}`);
    // 414 from the router, or the console's JSON 404 when the built console claims the rest of the paths.
    expect(long.statusCode).toBeGreaterThanOrEqual(400);
    expect(long.statusCode).toBeLessThan(500);
    expect(errorOf(long).code).toMatch(/^(bad_request|not_found)$/);
    const taxii = await w.app.inject({ method: 'GET', url: '/taxii2/api1/collections/%E0%A4%A/objects/' });
    expect(taxii.statusCode).toBe(400);
    const body = taxii.json() as Record<string, unknown>;
    expect(body).toMatchObject({ title: 'Bad request', http_status: '400' });
    expect(body['error']).toBeUndefined();
  });

  it('refuses query parameters a route does not declare, also on routes that take none', async () => {
    for (const url of ['/api/v1/kb/sources?debug=1', '/api/v1/auth/me?x=1', '/api/v1/assets?colour=red', `/api/v1/organisations/${w.orgs.E1}?expand=all`]) {
      const r = await w.request(w.people.adminN, 'GET', url);
      expect(r.statusCode, url).toBe(400);
      expect(errorOf(r).details[0]?.path, url).toMatch(/^querystring/);
    }
    expect((await w.request(w.people.adminN, 'GET', '/api/v1/kb/sources')).statusCode).toBe(200);
  });

  it('range-checks numbers where they are parsed', async () => {
    const r = await w.request(w.people.adminN, 'GET', '/api/v1/audit?before=99999999999999999999999');
    expect(r.statusCode).toBe(400);
    expect(errorOf(r).details[0]?.path).toBe('querystring.before');
  });

  it('records refused writes in the audit log', async () => {
    const created = await w.request(w.people.analystE1, 'POST', '/api/v1/assets', { name: 'refusal-target' });
    const id = (created.json() as { id: string }).id;
    expect((await w.request(w.people.analystE2, 'DELETE', `/api/v1/assets/${id}`)).statusCode).toBe(404);
    expect((await w.request(w.people.viewerE1, 'POST', '/api/v1/assets', { name: 'viewer-write' })).statusCode).toBe(403);
    const log = (await w.request(w.people.adminN, 'GET', '/api/v1/audit?action=write.refused&limit=50')).json() as {
      items: { actorName: string; targetId: string; details: { status: number; path: string } }[];
    };
    expect(log.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actorName: 'analyst.e2', targetId: 'DELETE /api/v1/assets/:id', details: expect.objectContaining({ status: 404 }) }),
        expect.objectContaining({ actorName: 'viewer.e1', targetId: 'POST /api/v1/assets', details: expect.objectContaining({ status: 403 }) }),
      ]),
    );
  });
});

describe('input guard', () => {
  it('walks documents only: streams and buffers are their readers\u2019 to check', async () => {
    const { inspectValue } = await import('../src/http/input-guard.js');
    const { Readable } = await import('node:stream');
    expect(inspectValue(Readable.from(['a\u0000b']), 'body')).toEqual([]);
    expect(inspectValue(Buffer.from('\u0000'), 'body')).toEqual([]);
    expect(inspectValue({ a: [{ b: 'x\u0000' }] }, 'body')).toEqual([expect.objectContaining({ path: 'body.a.0.b' })]);
    expect(inspectValue(Object.assign(Object.create(null) as object, { q: '\ud83d' }), 'querystring')).toEqual([expect.objectContaining({ path: 'querystring.q' })]);
  });
});
