// Generated bad input on every route: the OpenAPI document says what each route takes, the suite
// breaks it in one place at a time (a fixed list, then fast-check over the same places), and every
// answer must be a 4xx with the error shape (never a 5xx; a 2xx only where the input may be fine),
// with the server still healthy after each route. `npm run fuzz` runs more random cases;
// BULWARK_FUZZ_SEED and BULWARK_FUZZ_RUNS (random cases in all) replay or widen a run.
//
// A 2xx is allowed only where the input may be legitimate: random values fast-check draws (they can
// be valid), values within the field's schema, a PUT to a new name (it creates), dot segments
// (the URL resolves them to another resource), a lone surrogate in a URL (it can only be sent as
// bytes that are no UTF-8, and arrives as plain text), and under /taxii2/ what TAXII 2.1 allows:
// per-object failures in a 202 status, parameters an endpoint does not take, limits over the page size.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesOf } from '../src/http/app.js';
import { createWorld, errorOf, type Person, type World } from './support/fixture.js';
import { fuzzOperation } from './support/fuzz-cases.js';
import { fuzzObjects, kindOf } from './support/fuzz-objects.js';
import { describeRequest, encodeLoose, inject, judge, type FuzzRequest } from './support/fuzz-requests.js';
import { badPathIds, deepObjectJson, DEEP, dotSegments, HUGE_STRING, impossibleDates, NUL, poisonedString, SURROGATE } from './support/fuzz-values.js';
import { operationsOf, routerPath, routerRoutes, type Operation } from './support/openapi-routes.js';

const SEED = Number(process.env['BULWARK_FUZZ_SEED'] ?? 20_260_517);
/** Random cases in all, spread over the routes (`npm run fuzz` sends more). */
const RUNS = Number(process.env['BULWARK_FUZZ_RUNS'] ?? 300);
const TIMEOUT = 240_000 + RUNS * 200;
const BODY_LIMIT = 64 * 1024;
const UPLOAD_LIMIT = 256 * 1024;
const TAXII = 'application/taxii+json;version=2.1';

describe('generated bad input on every route', () => {
  let w: World;
  let operations: Operation[];
  let objects: ReturnType<typeof fuzzObjects>;
  const totals = { requests: 0, status5xx: 0, accepted: 0 };

  beforeAll(async () => {
    // Feeds point at 127.0.0.1 (nothing listens): an operator who allows private addresses.
    w = await createWorld('pglite', { bodyLimit: BODY_LIMIT, uploadLimit: UPLOAD_LIMIT, allowPrivateUrls: true });
    const doc = await w.app.inject({ method: 'GET', url: '/api/openapi.json' });
    operations = operationsOf(doc.json());
    objects = fuzzObjects(w);
  });
  afterAll(async () => {
    // One JSON line for the record: how much was sent and how many 5xx came back.
    console.log(JSON.stringify({ bench: 'fuzz', requests: totals.requests, status5xx: totals.status5xx, accepted2xx: totals.accepted, seed: SEED, runs: RUNS }));
    await w.close();
  });

  const runsPerRoute = () => Math.max(2, Math.ceil(RUNS / operations.length));

  /** Sends one request and says what was wrong with the answer. */
  async function send(r: FuzzRequest, route: string): Promise<string[]> {
    totals.requests++;
    const response = await inject(w.app, r);
    if (response.statusCode >= 500) totals.status5xx++;
    else if (response.statusCode < 300) totals.accepted++;
    // A DELETE that went through took the real object with it: the next case gets a new one.
    if (r.method === 'DELETE' && response.statusCode < 300) {
      for (const param of route.match(/:(\w+)/g) ?? []) objects.forget(kindOf(route, param.slice(1)));
    }
    return judge(r, response).map((p) => `${r.label}: ${p}\n    ${describeRequest(r)}`);
  }

  /** The server still answers, and still knows the admin. */
  async function healthy(): Promise<string[]> {
    const health = await w.app.inject({ method: 'GET', url: '/api/health' });
    const me = await w.request(w.people.adminN, 'GET', '/api/v1/auth/me');
    return health.statusCode === 200 && me.statusCode === 200 ? [] : [`server unhealthy afterwards: health ${health.statusCode}, me ${me.statusCode}`];
  }

  async function idsFor(route: string, params: readonly string[]): Promise<Record<string, string>> {
    const ids: Record<string, string> = {};
    for (const p of params) ids[p] = await objects.idOf(kindOf(route, p)).catch(() => `fuzz-missing-${p}`);
    return ids;
  }

  /** Every fixed case of a route, then fast-check's random ones; the problems found. */
  async function fuzzRoute(op: Operation, who: Person, fixed: (r: FuzzRequest) => boolean = () => true): Promise<string[]> {
    const route = routerPath(op.path);
    const problems: string[] = [];
    const context = async () => ({ who, ids: await idsFor(route, op.pathParams.map((p) => p.name)), bodyLimit: BODY_LIMIT });
    // A real object that cannot be made is a failure of its own; the route's other cases still run with a made-up id.
    for (const p of op.pathParams) {
      await objects.idOf(kindOf(route, p.name)).catch((error: Error) => problems.push(`no real object: ${error.message}`));
    }
    for (const r of fuzzOperation(op, await context()).cases().filter(fixed)) problems.push(...(await send(r, route)));
    // Ids again: a DELETE case may have used up the real object.
    const arbitrary = fuzzOperation(op, await context()).arbitrary();
    if (arbitrary !== undefined) {
      const found: string[] = [];
      const run = await fc.check(
        fc.asyncProperty(arbitrary, async (r) => {
          const p = await send(r, route);
          found.push(...p);
          return p.length === 0;
        }),
        { seed: SEED, numRuns: runsPerRoute(), endOnFailure: true },
      );
      if (run.failed) problems.push(...found.slice(0, 3), `  (fast-check seed ${SEED}, path ${run.counterexamplePath ?? ''})`);
    }
    problems.push(...(await healthy()));
    return problems.map((p) => `${op.method} ${op.path} — ${p}`);
  }

  it('documents every API route the router has (TAXII, the docs UI and the console’s files aside)', () => {
    const documented = new Set(operations.map((o) => `${o.method} ${routerPath(o.path)}`));
    // The built console (when dist/web exists) is public files and its shell: no data, no API.
    const consoleFiles = new Set(routesOf(w.app).filter((r) => r.access === 'public' && !r.url.startsWith('/api/')).map((r) => r.url));
    const undocumented = routerRoutes(w.app)
      .filter((r) => !r.url.startsWith('/taxii2') && !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json' && !consoleFiles.has(r.url))
      .map((r) => `${r.method} ${r.url}`)
      .filter((r) => !documented.has(r));
    expect(undocumented).toEqual([]);
    expect(operations.length).toBeGreaterThan(50);
  });

  it('answers bad input on every documented route with a 4xx and the error shape, as the root admin', async () => {
    const problems: string[] = [];
    // Deletes last, so that the other routes meet the real objects first.
    const ordered = [...operations.filter((o) => o.method !== 'DELETE'), ...operations.filter((o) => o.method === 'DELETE')];
    for (const op of ordered) problems.push(...(await fuzzRoute(op, w.people.adminN)));
    expect(problems).toEqual([]);
  }, TIMEOUT);

  it('answers bad input with a 4xx as an enterprise analyst (malformed bodies, media types, NUL, surrogates, bad ids)', async () => {
    const problems: string[] = [];
    const subset = (r: FuzzRequest) => /^malformed JSON \(cut|^text\/plain|^NUL in|: NUL$|^path\.\w+ = (%00|%FF|\.\.)$|no such object/.test(r.label);
    for (const op of operations.filter((o) => o.method !== 'DELETE')) problems.push(...(await fuzzRoute(op, w.people.analystE1, subset)));
    expect(problems).toEqual([]);
  }, TIMEOUT);

  it('answers bad input on every TAXII route with a 4xx in the TAXII error format', async () => {
    const admin = w.people.adminN;
    // TAXII routes are hidden from OpenAPI: the router lists them (each with and without its final slash).
    const routes = routerRoutes(w.app).filter((r) => r.url.startsWith('/taxii2/') && !r.url.endsWith('*') && r.url.endsWith('/'));
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(['GET /taxii2/', 'GET /taxii2/api1/collections/:collection/objects/', 'POST /taxii2/api1/collections/:collection/objects/', 'DELETE /taxii2/api1/collections/:collection/objects/:object/']),
    );
    // The filters each TAXII 2.1 endpoint takes (§5.3-5.8); elsewhere a parameter is ignored.
    const all = ['added_after', 'limit', 'next', 'match[id]', 'match[type]', 'match[version]', 'match[spec_version]'];
    const filtersOf = (url: string): string[] =>
      url.endsWith('/versions/') ? ['added_after', 'limit', 'next', 'match[spec_version]']
      : url.endsWith('/objects/:object/') ? ['added_after', 'limit', 'next', 'match[version]', 'match[spec_version]']
      : url.endsWith('/objects/') || url.endsWith('/manifest/') ? all
      : [];
    const problems: string[] = [];
    for (const route of routes) {
      const params = (route.url.match(/:(\w+)/g) ?? []).map((p) => p.slice(1));
      const ids = await idsFor(route.url, params);
      const at = (over: Record<string, string> = {}) => route.url.replace(/:(\w+)/g, (_m, p: string) => over[p] ?? encodeLoose(ids[p] ?? ''));
      const base = { method: route.method, path: at(), query: [] as [string, string][], who: admin, taxii: true, headers: { accept: TAXII } };
      const cases: FuzzRequest[] = [
        { ...base, label: 'Accept: application/xml', mustFail: true, headers: { accept: 'application/xml' } },
        // Unknown parameters are ignored as TAXII 2.1 lets servers do.
        { ...base, label: 'unknown parameter', mustFail: false, query: [['fuzz', '1']] },
        { ...base, label: 'NUL in an unknown parameter', mustFail: true, query: [[NUL, NUL]] },
      ];
      for (const p of params) {
        for (const id of [...badPathIds, encodeLoose(NUL), encodeLoose(SURROGATE)]) cases.push({ ...base, label: `path.${p} = ${id.slice(0, 30)}`, mustFail: !dotSegments.has(id), path: at({ [p]: id }) });
      }
      const filters = route.method === 'GET' ? filtersOf(route.url) : [];
      if (filters.length > 0) {
        for (const f of filters) {
          // A lone surrogate in a URL arrives as bytes that are no UTF-8, read as plain text.
          const checked = f === 'added_after' || f === 'limit' || f === 'match[version]';
          // 1 MB values cost time: one checked filter and one free one per route.
          const values = f === 'added_after' || f === 'match[spec_version]' ? [NUL, SURROGATE, HUGE_STRING] : [NUL, SURROGATE];
          for (const v of values) cases.push({ ...base, label: `${f} = ${v.slice(0, 12)}`, mustFail: v === NUL || checked, query: [[f, v]] });
        }
        for (const v of ['-1', 'NaN', 'abc']) cases.push({ ...base, label: `limit = ${v}`, mustFail: true, query: [['limit', v]] });
        // Past the largest page, a limit is cut to it (TAXII 2.1 §3.4.1 lets servers answer fewer).
        for (const v of ['99999999999999999999999', '1e308']) cases.push({ ...base, label: `limit = ${v}`, mustFail: false, query: [['limit', v]] });
        for (const v of [...impossibleDates, 'yesterday']) cases.push({ ...base, label: `added_after = ${v}`, mustFail: true, query: [['added_after', v]] });
        if (filters.includes('match[version]')) cases.push({ ...base, label: 'match[version] = sometime', mustFail: true, query: [['match[version]', 'sometime']] });
      }
      if (route.method === 'POST') {
        const post = (label: string, payload: string, mustFail: boolean, contentType = TAXII): FuzzRequest => ({ ...base, label, payload, contentType, mustFail });
        cases.push(
          post('malformed JSON', '{"objects": [', true),
          post('empty body', '', true),
          post('application/json', '{"objects":[]}', true, 'application/json'),
          post('text/plain', '{"objects":[]}', true, 'text/plain'),
          post('application/xml', '<objects/>', true, 'application/xml'),
          post('objects not a list', '{"objects":"x"}', true),
          post('objects a number', '{"objects":99999999999999999999999}', true),
          post('envelope a list', '[]', true),
          post('envelope null', 'null', true),
          post('deep nesting', deepObjectJson(DEEP), true),
          post('huge body', JSON.stringify({ objects: [HUGE_STRING] }), true),
          // Per-object problems are reported in a 202 status resource (TAXII 2.1 §5.4).
          post('deep object', `{"objects":[${deepObjectJson(DEEP)}]}`, false),
          post('NUL in an object', JSON.stringify({ objects: [{ type: 'indicator', id: `indicator--${NUL}`, name: NUL }] }), false),
          post('surrogate in an object', JSON.stringify({ objects: [{ type: 'indicator', spec_version: '2.1', id: 'indicator--11111111-1111-4111-8111-111111111111', name: SURROGATE }] }), false),
          post('huge list', JSON.stringify({ objects: Array.from({ length: 10_000 }, () => 0) }), false),
        );
      }
      const routeProblems: string[] = [];
      for (const r of cases) routeProblems.push(...(await send(r, route.url)));
      const random = await fc.check(
        fc.asyncProperty(poisonedString(), fc.constantFrom(...(params.length > 0 ? params : ['query'])), async (text, where) => {
          const r: FuzzRequest = where === 'query' ? { ...base, label: 'poisoned query', mustFail: text.includes('\u0000'), query: [['match[id]', text]] } : { ...base, label: `poisoned ${where}`, mustFail: true, path: at({ [where]: encodeLoose(text) }) };
          const p = await send(r, route.url);
          routeProblems.push(...p);
          return p.length === 0;
        }),
        { seed: SEED, numRuns: runsPerRoute(), endOnFailure: true },
      );
      if (random.failed) routeProblems.push(`  (fast-check seed ${SEED})`);
      routeProblems.push(...(await healthy()));
      problems.push(...routeProblems.map((p) => `${route.method} ${route.url} — ${p}`));
    }
    expect(problems).toEqual([]);
  }, TIMEOUT);

  it('refuses bad export filters with a 400 before streaming anything', async () => {
    for (const [name, value] of [['type', NUL], ['label', `a,${NUL}`], ['id', `indicator--${NUL}`], ['addedAfter', '2026-13-45'], ['addedAfter', NUL], ['tlpMax', 'white']] as const) {
      const r = await w.request(w.people.adminN, 'GET', `/api/v1/intel/export?${name}=${encodeLoose(value)}`);
      expect(r.statusCode, `${name}=${JSON.stringify(value)}`).toBe(400);
      expect(errorOf(r).code).toBe('invalid_input');
    }
    const fine = await w.request(w.people.adminN, 'GET', '/api/v1/intel/export?type=indicator');
    expect(fine.statusCode).toBe(200);
    expect((fine.json() as { type: string }).type).toBe('bundle');
  });
});

describe('the upload spool after failed uploads', () => {
  let w: World;
  let spoolDir: string;
  beforeAll(async () => {
    spoolDir = join(await mkdtemp(join(tmpdir(), 'bulwark-fuzz-')), 'spool');
    w = await createWorld('pglite', { captureLimit: 64 * 1024, spoolDir });
  });
  afterAll(async () => {
    await w.close();
    await rm(join(spoolDir, '..'), { recursive: true, force: true });
  });

  const spooled = async () => readdir(spoolDir).catch(() => [] as string[]);
  /** A body sent as a stream, with no declared length: the limit is found while spooling. */
  const streamed = (bytes: Buffer) => Readable.from([bytes.subarray(0, bytes.length / 2), bytes.subarray(bytes.length / 2)]);
  /**
   * Sends a body with no declared length, over the limit: the spool finds out while writing. Its
   * answer (a 413 over a socket), or, in-process, the reason the request died: the spool ends the
   * upload by destroying the request, and light-my-request then loses the answer.
   */
  const cutOff = (url: string, headers: Record<string, string>, bytes: Buffer): Promise<string> =>
    w.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${w.people.analystE1.token}`, ...headers }, payload: streamed(bytes) }).then(
      (r) => `${r.statusCode} ${r.body}`,
      (error: Error) => error.message,
    );

  /** What is left once the handler has finished: a cut-off request can end before its handler does. */
  async function spooledAfterwards(): Promise<string[]> {
    for (let i = 0; i < 200; i++) {
      if ((await spooled()).length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return spooled();
  }

  /** Each upload gets its status, and the spool is empty after each. */
  async function refusedLeavingNothing(cases: ReadonlyArray<[string, string, Buffer | string, Record<string, string>, number]>) {
    for (const [label, url, body, headers, status] of cases) {
      const r = await w.request(w.people.analystE1, 'POST', url, body, headers);
      expect(r.statusCode, label).toBe(status);
      expect(await spooled(), label).toEqual([]);
    }
  }

  it('keeps nothing from capture uploads that fail', async () => {
    const analyst = w.people.analystE1;
    const octets = { 'content-type': 'application/octet-stream' };
    const tooBig = Buffer.alloc(100 * 1024, 1);
    const cases: Array<[string, string, Buffer | string, Record<string, string>, number]> = [
      ['empty body', '/api/v1/captures?name=empty', Buffer.alloc(0), octets, 400],
      ['declared too large', '/api/v1/captures?name=big', tooBig, octets, 413],
      ['text/plain', '/api/v1/captures?name=text', 'not a capture', { 'content-type': 'text/plain' }, 415],
      ['application/xml', '/api/v1/captures?name=xml', '<pcap/>', { 'content-type': 'application/xml' }, 415],
      ['no name', '/api/v1/captures', Buffer.alloc(64, 1), octets, 400],
      ['unknown parameter', '/api/v1/captures?name=x&fuzz=1', Buffer.alloc(64, 1), octets, 400],
      ['NUL in the name', `/api/v1/captures?name=${encodeLoose(NUL)}`, Buffer.alloc(64, 1), octets, 400],
    ];
    await refusedLeavingNothing(cases);
    expect(await cutOff('/api/v1/captures?name=streamed', octets, tooBig)).toMatch(/^413|limited to 65536 bytes/);
    expect(await spooledAfterwards()).toEqual([]);
    // Accepted, but not a capture: the analysis fails and its spool file goes too.
    const junk = await w.request(analyst, 'POST', '/api/v1/captures?name=junk', Buffer.alloc(512, 7), octets);
    expect(junk.statusCode).toBe(202);
    await w.services.captures.idle();
    expect((await w.request(analyst, 'GET', `/api/v1/captures/${(junk.json() as { id: string }).id}`)).json()).toMatchObject({ status: expect.stringMatching(/^(failed|finished)$/) });
    expect(await spooled()).toEqual([]);
  });

  it('keeps nothing from bundle uploads that fail', async () => {
    const stix = { 'content-type': 'application/stix+json;version=2.1' };
    const tooBig = Buffer.from(JSON.stringify({ type: 'bundle', id: 'bundle--11111111-1111-4111-8111-111111111111', objects: [{ pad: 'x'.repeat(100 * 1024) }] }));
    const cases: Array<[string, string, Buffer | string, Record<string, string>, number]> = [
      ['empty body', '/api/v1/intel/imports', Buffer.alloc(0), stix, 400],
      ['declared too large', '/api/v1/intel/imports', tooBig, stix, 413],
      ['text/plain', '/api/v1/intel/imports', '{}', { 'content-type': 'text/plain' }, 415],
      ['application/xml', '/api/v1/intel/imports', '<bundle/>', { 'content-type': 'application/xml' }, 415],
      ['unknown parameter', '/api/v1/intel/imports?fuzz=1', '{}', stix, 400],
      ['bad confidence', '/api/v1/intel/imports?confidence=1e308', '{}', stix, 400],
      ['NUL in the name', `/api/v1/intel/imports?name=${encodeLoose(NUL)}`, '{}', stix, 400],
      ['malformed JSON', '/api/v1/intel/imports', '{"type": "bundle", "objects": [', stix, 400],
      ['deep nesting', '/api/v1/intel/imports', deepObjectJson(DEEP), stix, 400],
    ];
    await refusedLeavingNothing(cases);
    expect(await cutOff('/api/v1/intel/imports', stix, tooBig)).toMatch(/^413|limited to 65536 bytes/);
    expect(await spooledAfterwards()).toEqual([]);
  });
});
