import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedScheduler, createFeedService, createRemoteTaxii, type FeedRemotes, type RemoteTaxii } from '../src/modules/intel/taxii/index.js';
import { createSecretBox } from '../src/platform/secret-box.js';
import { backends } from '../src/storage/test-backends.js';
import { createWorld, PASSWORD, type Person, type World } from './support/fixture.js';

/** Feeds in these tests reach the in-process "remote" server, whoever saved them. */
const everywhere = (remote: RemoteTaxii): FeedRemotes => ({ operator: remote, organisation: remote, check: async () => undefined });

const TAXII = 'application/taxii+json;version=2.1';
const TLP_GREEN = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
const TLP_AMBER = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';
const TLP_RED = 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed';

// Objects of our own for these tests.
function indicator(n: number, extra: Record<string, unknown> = {}) {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: '2025-06-01T00:00:00.000Z',
    modified: '2025-06-01T00:00:00.000Z',
    name: `watch host ${n}`,
    pattern: `[ipv4-addr:value = '10.20.${Math.floor(n / 250)}.${n % 250}']`,
    pattern_type: 'stix',
    valid_from: '2025-06-01T00:00:00Z',
    ...extra,
  };
}

interface Envelope {
  more?: boolean;
  next?: string;
  objects?: Record<string, unknown>[];
}

describe.each(backends)('TAXII 2.1 server on %s', (backend) => {
  let w: World;
  let shared: string; // E1's filtered collection: ICS indicators, TLP green or lower, readable by P's analysts
  let inbox: string; // P's collection: everything P holds, writable by E1's analysts
  const seeded = { green: indicator(9001, { labels: ['ics'], object_marking_refs: [TLP_GREEN] }), amber: indicator(9002, { labels: ['ics'], object_marking_refs: [TLP_AMBER] }), red: indicator(9003, { labels: ['ics'], object_marking_refs: [TLP_RED] }), office: indicator(9004, { labels: ['it'], object_marking_refs: [TLP_GREEN] }) };

  const basic = (p: Person, password = PASSWORD) => `Basic ${Buffer.from(`${p.username}:${password}`).toString('base64')}`;
  function taxii(who: Person | string | null, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const authorization = who === null ? undefined : typeof who === 'string' ? who : basic(who);
    const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    return w.app.inject({
      method,
      url: path.startsWith('/taxii2') ? path : `/taxii2/api1/${path}`,
      headers: {
        accept: TAXII,
        ...(authorization === undefined ? {} : { authorization }),
        ...(payload === undefined ? {} : { 'content-type': TAXII }),
        ...headers,
      },
      ...(payload === undefined ? {} : { payload }),
    });
  }
  const json = <T = Envelope>(r: LightMyRequestResponse) => JSON.parse(r.body) as T;

  const box = createSecretBox(randomBytes(32));

  /** A fetch whose "remote" server is this one, reached over HTTP semantics through inject. */
  const loopback = (fail: () => boolean = () => false) =>
    (async (input: string | URL | Request, init: RequestInit = {}) => {
      if (fail()) throw new Error('connection reset');
      const url = new URL(String(input));
      const r = await w.app.inject({
        method: (init.method ?? 'GET') as 'GET',
        url: `${url.pathname}${url.search}`,
        headers: init.headers as Record<string, string>,
        ...(typeof init.body === 'string' ? { payload: init.body } : {}),
      });
      return new Response(r.rawPayload.length === 0 ? null : r.rawPayload, { status: r.statusCode, headers: r.headers as Record<string, string> });
    }) as typeof fetch;

  beforeAll(async () => {
    // Feeds here point at 127.0.0.1 (this node, or nothing): an operator who allows private addresses.
    w = await createWorld(backend, { uploadLimit: 256 * 1024, allowPrivateUrls: true });
    const bundle = (objects: unknown[]) => Readable.from([Buffer.from(JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects }))]);
    const e1 = { kind: 'user' as const, userId: w.people.analystE1.id, username: 'analyst.e1', orgId: w.orgs.E1, orgPath: '', role: 'analyst' as const };
    await w.services.intel.importUpload(e1, bundle(Object.values(seeded)), {});
    const created = await w.request(w.people.adminE1, 'POST', '/api/v1/taxii/collections', {
      title: 'E1 ICS indicators',
      alias: `e1-ics-${backend}`,
      description: 'published ICS indicators, TLP green or lower',
      filter: { types: ['indicator'], labels: ['ics'], tlpMax: 'green' },
      readers: [{ orgId: w.orgs.P, roles: ['analyst', 'admin'] }],
    });
    expect(created.statusCode, created.body).toBe(201);
    shared = (created.json() as { id: string }).id;
    const box = await w.request(w.people.adminP, 'POST', '/api/v1/taxii/collections', {
      title: 'P inbox',
      writers: [{ orgId: w.orgs.E1, roles: ['analyst'], descendants: true }],
      readers: [{ orgId: w.orgs.E1, roles: ['analyst'] }],
    });
    expect(box.statusCode, box.body).toBe(201);
    inbox = (box.json() as { id: string }).id;
  });
  afterAll(async () => {
    await w.close();
  });

  it('serves discovery and the API root with the TAXII media type', async () => {
    const d = await taxii(w.people.analystP, 'GET', '/taxii2/');
    expect(d.statusCode).toBe(200);
    expect(d.headers['content-type']).toBe(TAXII);
    const discovery = json<{ title: string; default: string; api_roots: string[] }>(d);
    expect(discovery.api_roots).toHaveLength(1);
    expect(discovery.api_roots[0]).toMatch(/\/taxii2\/api1\/$/);
    expect(discovery.default).toBe(discovery.api_roots[0]);
    expect((await taxii(w.people.analystP, 'GET', '/taxii2')).statusCode).toBe(200);
    const root = await taxii(w.people.analystP, 'GET', '/taxii2/api1/');
    expect(root.statusCode).toBe(200);
    expect(json<{ versions: string[]; max_content_length: number }>(root)).toMatchObject({ versions: [TAXII], max_content_length: 256 * 1024 });
    const missing = await taxii(w.people.analystP, 'GET', '/taxii2/api2/');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toBe(TAXII);
    expect(json<{ http_status: string; title: string }>(missing)).toMatchObject({ http_status: '404' });
  });

  it('authenticates with HTTP Basic or a Bearer token and negotiates the media type', async () => {
    const none = await taxii(null, 'GET', '/taxii2/');
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toContain('Basic');
    expect(json<{ title: string }>(none).title).toBe('Unauthorized');
    expect((await taxii(basic(w.people.analystP, 'wrong password'), 'GET', '/taxii2/')).statusCode).toBe(401);
    expect((await taxii('Basic !!!', 'GET', '/taxii2/')).statusCode).toBe(401);
    expect((await taxii('Digest abc', 'GET', '/taxii2/')).statusCode).toBe(401);
    expect((await taxii(`Bearer ${w.people.analystP.token}`, 'GET', '/taxii2/')).statusCode).toBe(200);
    expect((await taxii('Bearer bwt_not_a_token', 'GET', '/taxii2/')).statusCode).toBe(401);
    for (const accept of ['application/json', 'application/taxii+json;version=2.0', 'text/html', 'application/stix+json;version=2.1']) {
      const r = await taxii(w.people.analystP, 'GET', '/taxii2/', undefined, { accept });
      expect(r.statusCode, accept).toBe(406);
      expect(r.headers['content-type']).toBe(TAXII);
    }
    for (const accept of ['*/*', 'application/*', 'application/taxii+json', 'text/html, application/taxii+json;version=2.1;q=0.5']) {
      expect((await taxii(w.people.analystP, 'GET', '/taxii2/', undefined, { accept })).statusCode, accept).toBe(200);
    }
  });

  it('lists the collections a caller may use, with their rights', async () => {
    const forP = json<{ collections: { id: string; can_read: boolean; can_write: boolean; media_types: string[] }[] }>(await taxii(w.people.analystP, 'GET', 'collections/'));
    expect(forP.collections.find((c) => c.id === shared)).toMatchObject({ can_read: true, can_write: false });
    expect(forP.collections.find((c) => c.id === inbox)).toMatchObject({ can_read: true, can_write: true, media_types: ['application/stix+json;version=2.1'] });
    const forE1 = json<{ collections: { id: string; can_read: boolean; can_write: boolean }[] }>(await taxii(w.people.analystE1, 'GET', 'collections/'));
    expect(forE1.collections.find((c) => c.id === inbox)).toMatchObject({ can_read: true, can_write: true });
    // A sibling sees nothing, and a collection it may not use does not exist for it.
    expect(json(await taxii(w.people.analystE2, 'GET', 'collections/'))).toEqual({});
    expect((await taxii(w.people.analystE2, 'GET', `collections/${shared}/`)).statusCode).toBe(404);
    expect((await taxii(w.people.viewerP, 'GET', `collections/${shared}/`)).statusCode).toBe(404);
    const one = await taxii(w.people.analystP, 'GET', `collections/${shared}/`);
    expect(one.statusCode).toBe(200);
    expect(json<{ alias: string; title: string }>(one)).toMatchObject({ alias: `e1-ics-${backend}`, title: 'E1 ICS indicators' });
    expect((await taxii(w.people.analystP, 'GET', `collections/e1-ics-${backend}/`)).statusCode).toBe(200);
    expect((await taxii(w.people.analystP, 'GET', `collections/${randomUUID()}/`)).statusCode).toBe(404);
  });

  it('serves a filtered collection without what TLP or the filter keeps back', async () => {
    const r = await taxii(w.people.analystP, 'GET', `collections/${shared}/objects/`);
    expect(r.statusCode).toBe(200);
    const ids = (json(r).objects ?? []).map((o) => o['id']);
    expect(ids).toEqual([seeded.green.id]);
    // The owner sees its own objects through the same filter (green or lower, ICS, indicators).
    const own = (json(await taxii(w.people.analystE1, 'GET', `collections/${shared}/objects/`)).objects ?? []).map((o) => o['id']);
    expect(own).toEqual([seeded.green.id]);
    expect((await taxii(w.people.analystP, 'GET', `collections/${shared}/objects/${seeded.amber.id}/`)).statusCode).toBe(404);
    expect((await taxii(w.people.analystP, 'GET', `collections/${shared}/objects/${seeded.office.id}/`)).statusCode).toBe(404);
    // A reader may not write.
    expect((await taxii(w.people.analystP, 'POST', `collections/${shared}/objects/`, { objects: [indicator(1)] })).statusCode).toBe(403);
    expect((await taxii(w.people.analystP, 'DELETE', `collections/${shared}/objects/${seeded.green.id}/`)).statusCode).toBe(403);
  });

  it('adds objects with 202 and a status resource, refusing what the collection does not take', async () => {
    const objects = [indicator(1), indicator(2), { type: 'indicator', id: 'indicator--broken' }];
    const r = await taxii(w.people.analystE1, 'POST', `collections/${inbox}/objects/`, { objects });
    expect(r.statusCode, r.body).toBe(202);
    expect(r.headers['content-type']).toBe(TAXII);
    const status = json<{ id: string; status: string; total_count: number; success_count: number; failure_count: number; pending_count: number; successes: { id: string; version: string }[]; failures: { id: string; message: string }[] }>(r);
    expect(status).toMatchObject({ status: 'complete', total_count: 3, success_count: 2, failure_count: 1, pending_count: 0 });
    expect(status.successes.map((s) => s.id)).toEqual([objects[0]?.id, objects[1]?.id]);
    expect(status.successes[0]?.version).toBe('2025-06-01T00:00:00.000Z');
    expect(status.failures[0]).toMatchObject({ id: 'indicator--broken' });
    const again = await taxii(w.people.analystE1, 'GET', `status/${status.id}/`);
    expect(again.statusCode).toBe(200);
    expect(json<{ total_count: number }>(again).total_count).toBe(3);
    expect((await taxii(w.people.analystE2, 'GET', `status/${status.id}/`)).statusCode).toBe(404);
    expect((await taxii(w.people.analystE1, 'GET', `status/${randomUUID()}/`)).statusCode).toBe(404);
    // What E1 pushed is now P's, read through P's collection.
    const inP = json(await taxii(w.people.analystP, 'GET', `collections/${inbox}/objects/?match[id]=${objects[0]?.id ?? ''}`));
    expect(inP.objects?.[0]?.['id']).toBe(objects[0]?.id);

    // A filtered collection refuses objects outside its filter, one by one.
    const adminE1 = w.people.adminE1;
    const refused = json<{ success_count: number; failure_count: number; failures: { message: string }[] }>(
      await taxii(adminE1, 'POST', `collections/${shared}/objects/`, { objects: [indicator(3, { labels: ['ics'] }), indicator(4, { labels: ['ics'], object_marking_refs: [TLP_GREEN] }), indicator(5, { object_marking_refs: [TLP_GREEN] })] }),
    );
    expect(refused).toMatchObject({ success_count: 1, failure_count: 2 });
    expect(refused.failures.map((f) => f.message).join(' ')).toMatch(/TLP green or lower/);
    expect(refused.failures.map((f) => f.message).join(' ')).toMatch(/labelled ics/);
  });

  it('rejects bad requests with TAXII errors: 400, 413, 415', async () => {
    const url = `collections/${inbox}/objects/`;
    const wrongType = await taxii(w.people.analystE1, 'POST', url, { objects: [] }, { 'content-type': 'application/json' });
    expect(wrongType.statusCode).toBe(415);
    expect(json<{ http_status: string }>(wrongType).http_status).toBe('415');
    expect((await taxii(w.people.analystE1, 'POST', url, { objects: [] }, { 'content-type': 'application/taxii+json;version=2.0' })).statusCode).toBe(415);
    expect((await taxii(w.people.analystE1, 'POST', url, 'x', { 'content-type': 'text/plain' })).statusCode).toBe(415);
    const big = await taxii(w.people.analystE1, 'POST', url, { objects: [{ pad: 'x'.repeat(300 * 1024) }] });
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toBe(TAXII);
    expect((await taxii(w.people.analystE1, 'POST', url, '{"objects": [')).statusCode).toBe(400);
    expect((await taxii(w.people.analystE1, 'POST', url, { objects: 'nope' })).statusCode).toBe(400);
    expect((await taxii(w.people.analystE1, 'POST', url, [1, 2])).statusCode).toBe(400);
    for (const q of ['limit=0', 'limit=-3', 'limit=ten', 'added_after=yesterday', 'next=garbage', 'match[version]=newest', 'match[type]=', 'limit=1&limit=2']) {
      const r = await taxii(w.people.analystP, 'GET', `${url}?${q}`);
      expect(r.statusCode, q).toBe(400);
      expect(json<{ title: string }>(r).title).toBe('Bad request');
    }
  });

  it('pages through a whole collection with next and added_after, without gaps or repeats', async () => {
    const objects = Array.from({ length: 137 }, (_, i) => indicator(i, { labels: ['paging'] }));
    const added = await taxii(w.people.adminP, 'POST', `collections/${inbox}/objects/`, { objects: objects.slice(0, 100) });
    expect(json<{ success_count: number }>(added).success_count).toBe(100);
    const total = json(await taxii(w.people.analystP, 'GET', `collections/${inbox}/manifest/?limit=1000`)).objects?.length ?? 0;

    const seen: string[] = [];
    let next: string | undefined;
    let pages = 0;
    let lastHeader = '';
    do {
      const r = await taxii(w.people.analystP, 'GET', `collections/${inbox}/objects/?limit=25${next === undefined ? '' : `&next=${next}`}`);
      expect(r.statusCode).toBe(200);
      const env = json(r);
      const first = String(r.headers['x-taxii-date-added-first']);
      const last = String(r.headers['x-taxii-date-added-last']);
      expect(first <= last).toBe(true);
      expect(first > lastHeader).toBe(true);
      lastHeader = last;
      seen.push(...(env.objects ?? []).map((o) => String(o['id'])));
      expect(env.more).toBe(env.next !== undefined);
      next = env.next;
      // Objects added while a client pages show up later in the same walk.
      if (pages === 1) await taxii(w.people.adminP, 'POST', `collections/${inbox}/objects/`, { objects: objects.slice(100) });
      pages++;
    } while (next !== undefined);
    expect(seen).toHaveLength(total + 37);
    expect(new Set(seen).size).toBe(seen.length);
    for (const o of objects) expect(seen).toContain(o.id);

    // added_after from the last header resumes after it: nothing new, nothing repeated.
    const resumed = await taxii(w.people.analystP, 'GET', `collections/${inbox}/objects/?added_after=${lastHeader}`);
    expect(json(resumed)).toEqual({ more: false });
    expect(resumed.headers['x-taxii-date-added-first']).toBeUndefined();
    const tail = json(await taxii(w.people.analystP, 'GET', `collections/${inbox}/objects/?added_after=${lastHeader.replace(/\d{3}Z$/, '000Z')}&limit=1000`));
    expect((tail.objects ?? []).length).toBeGreaterThanOrEqual(0);
  });

  it('filters by id, type, version and spec_version, and serves one object, its versions and the manifest', async () => {
    const v1 = indicator(500, { labels: ['versions'] });
    const v2 = { ...v1, modified: '2025-07-01T00:00:00.000Z', name: 'watch host 500, revised' };
    const v3 = { ...v1, modified: '2025-08-01T00:00:00.000Z', name: 'watch host 500, final' };
    const other = { type: 'malware', spec_version: '2.1', id: `malware--${randomUUID()}`, created: '2025-06-01T00:00:00.000Z', modified: '2025-06-01T00:00:00.000Z', name: 'Wiper', is_family: true };
    await taxii(w.people.adminP, 'POST', `collections/${inbox}/objects/`, { objects: [v1, other] });
    await taxii(w.people.adminP, 'POST', `collections/${inbox}/objects/`, { objects: [v2] });
    await taxii(w.people.adminP, 'POST', `collections/${inbox}/objects/`, { objects: [v3] });
    const base = `collections/${inbox}/objects/`;
    const versionsOf = async (q: string) => (json(await taxii(w.people.analystP, 'GET', `${base}?match[id]=${v1.id}&${q}`)).objects ?? []).map((o) => o['modified']);
    expect(await versionsOf('')).toEqual(['2025-08-01T00:00:00.000Z']);
    expect(await versionsOf('match[version]=last')).toEqual(['2025-08-01T00:00:00.000Z']);
    expect(await versionsOf('match[version]=first')).toEqual(['2025-06-01T00:00:00.000Z']);
    expect(await versionsOf('match[version]=all')).toEqual(['2025-06-01T00:00:00.000Z', '2025-07-01T00:00:00.000Z', '2025-08-01T00:00:00.000Z']);
    expect(await versionsOf('match[version]=2025-07-01T00:00:00.000Z')).toEqual(['2025-07-01T00:00:00.000Z']);
    expect(await versionsOf('match[version]=first,last')).toEqual(['2025-06-01T00:00:00.000Z', '2025-08-01T00:00:00.000Z']);
    expect(await versionsOf('match[spec_version]=2.0')).toEqual([]);
    expect(await versionsOf('match[spec_version]=2.1')).toHaveLength(1);

    const types = (json(await taxii(w.people.analystP, 'GET', `${base}?match[type]=malware`)).objects ?? []).map((o) => o['type']);
    expect(new Set(types)).toEqual(new Set(['malware']));
    const twoIds = (json(await taxii(w.people.analystP, 'GET', `${base}?match[id]=${v1.id},${other.id}`)).objects ?? []).map((o) => o['id']);
    expect(twoIds.sort()).toEqual([v1.id, other.id].sort());
    const repeated = (json(await taxii(w.people.analystP, 'GET', `${base}?match[id]=${v1.id}&match[id]=${other.id}`)).objects ?? []).length;
    expect(repeated).toBe(2);

    const one = await taxii(w.people.analystP, 'GET', `${base}${v1.id}/`);
    expect(one.statusCode).toBe(200);
    expect(one.headers['x-taxii-date-added-first']).toBeDefined();
    expect(json(one).objects?.map((o) => o['name'])).toEqual(['watch host 500, final']);
    expect(json(await taxii(w.people.analystP, 'GET', `${base}${v1.id}/?match[version]=all`)).objects).toHaveLength(3);
    expect((await taxii(w.people.analystP, 'GET', `${base}indicator--${randomUUID()}/`)).statusCode).toBe(404);

    const versions = await taxii(w.people.analystP, 'GET', `${base}${v1.id}/versions/`);
    expect(versions.statusCode).toBe(200);
    expect(json<{ versions: string[]; more: boolean }>(versions)).toEqual({ more: false, versions: ['2025-06-01T00:00:00.000Z', '2025-07-01T00:00:00.000Z', '2025-08-01T00:00:00.000Z'] });
    const firstVersion = json<{ versions: string[]; more: boolean; next: string }>(await taxii(w.people.analystP, 'GET', `${base}${v1.id}/versions/?limit=1`));
    expect(firstVersion).toMatchObject({ more: true, versions: ['2025-06-01T00:00:00.000Z'] });
    const secondVersion = json<{ versions: string[] }>(await taxii(w.people.analystP, 'GET', `${base}${v1.id}/versions/?limit=1&next=${firstVersion.next}`));
    expect(secondVersion.versions).toEqual(['2025-07-01T00:00:00.000Z']);

    const manifest = await taxii(w.people.analystP, 'GET', `collections/${inbox}/manifest/?match[id]=${v1.id}&match[version]=all`);
    expect(manifest.statusCode).toBe(200);
    const records = json<{ objects: { id: string; date_added: string; version: string; media_type: string }[] }>(manifest).objects;
    expect(records.map((r) => r.version)).toEqual(['2025-06-01T00:00:00.000Z', '2025-07-01T00:00:00.000Z', '2025-08-01T00:00:00.000Z']);
    expect(records[0]).toMatchObject({ id: v1.id, media_type: 'application/stix+json;version=2.1' });
    expect(records[0]?.date_added).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(manifest.headers['x-taxii-date-added-last']).toBe(records[2]?.date_added);
  });

  it('deletes an object (one version or all) for writers only', async () => {
    const v1 = indicator(700);
    const v2 = { ...v1, modified: '2025-09-01T00:00:00.000Z' };
    await taxii(w.people.adminP, 'POST', `collections/${inbox}/objects/`, { objects: [v1, v2] });
    const url = `collections/${inbox}/objects/${v1.id}/`;
    // A viewer of the owning organisation reads but may not delete; a sibling does not see the collection.
    expect((await taxii(w.people.viewerP, 'DELETE', url)).statusCode).toBe(403);
    expect((await taxii(w.people.analystE2, 'DELETE', url)).statusCode).toBe(404);
    const oneVersion = await taxii(w.people.analystP, 'DELETE', `${url}?match[version]=2025-09-01T00:00:00.000Z`);
    expect(oneVersion.statusCode).toBe(200);
    // The older version is the latest again.
    expect(json(await taxii(w.people.analystP, 'GET', url)).objects?.map((o) => o['modified'])).toEqual(['2025-06-01T00:00:00.000Z']);
    expect((await taxii(w.people.analystP, 'DELETE', url)).statusCode).toBe(200);
    expect((await taxii(w.people.analystP, 'GET', url)).statusCode).toBe(404);
    expect((await taxii(w.people.analystP, 'DELETE', url)).statusCode).toBe(404);
  });

  it('never hands another organisation AMBER+STRICT or RED, and redacts granular markings', async () => {
    // P's inbox grants E1 analysts read: P's strict, red and granular-marked objects stay in P.
    const strict = indicator(800, { object_marking_refs: ['marking-definition--826578e1-40ad-459f-bc73-ede076f81f37'] });
    const red = indicator(801, { object_marking_refs: [TLP_RED] });
    const partly = indicator(802, { object_marking_refs: [TLP_GREEN], description: 'seen at our substation', granular_markings: [{ marking_ref: TLP_RED, selectors: ['description'] }] });
    await taxii(w.people.adminP, 'POST', `collections/${inbox}/objects/`, { objects: [red, partly, strict] });
    const byP = (json(await taxii(w.people.analystP, 'GET', `collections/${inbox}/objects/?match[id]=${red.id},${partly.id}`)).objects ?? []).map((o) => o['id']);
    expect(byP.sort()).toEqual([red.id, partly.id].sort());
    const forE1 = json(await taxii(w.people.analystE1, 'GET', `collections/${inbox}/objects/?match[id]=${red.id},${partly.id}`)).objects ?? [];
    expect(forE1.map((o) => o['id'])).toEqual([partly.id]);
    expect(forE1[0]?.['description']).toBeUndefined();
    expect((await taxii(w.people.analystE1, 'GET', `collections/${inbox}/objects/${red.id}/`)).statusCode).toBe(404);
    const ownView = json(await taxii(w.people.analystP, 'GET', `collections/${inbox}/objects/${partly.id}/`)).objects ?? [];
    expect(ownView[0]?.['description']).toBe('seen at our substation');
  });

  it('pulls a remote collection incrementally and resumes after a failure without loss or duplicates', async () => {
    // One call can be made to fail.
    let failOn = -1;
    let calls = 0;
    const feeds = createFeedService(w.database, w.services.intel, everywhere(createRemoteTaxii(loopback(() => ++calls === failOn))), box);
    const e2 = { kind: 'user' as const, userId: w.people.analystE2.id, username: 'analyst.e2', orgId: w.orgs.E2, orgPath: '', role: 'analyst' as const };
    const source = (await w.request(w.people.adminN, 'POST', '/api/v1/taxii/collections', { title: 'national ICS feed', readers: [{ orgId: w.orgs.E2, roles: ['analyst'] }] })).json() as { id: string };
    const first = Array.from({ length: 130 }, (_, i) => indicator(2000 + i, { labels: ['national'], object_marking_refs: [TLP_GREEN] }));
    expect(json<{ success_count: number }>(await taxii(w.people.adminN, 'POST', `collections/${source.id}/objects/`, { objects: first })).success_count).toBe(130);

    const url = `http://bulwark.test/taxii2/api1/collections/${source.id}/`;
    const listed = await feeds.remoteCollections(e2, 'http://bulwark.test/taxii2/', { username: 'analyst.e2', password: PASSWORD });
    expect(listed.map((c) => c.id)).toContain(source.id);
    await feeds.save(e2, { name: 'national', direction: 'pull', url, auth: { username: 'analyst.e2', password: PASSWORD }, pageSize: 40, reliability: 'A' });

    // Two pages, then the budget stops the run: the position is kept.
    const partial = await feeds.run(e2, 'national', { maxPages: 2 });
    expect(partial).toMatchObject({ pages: 2, objects: 80, stored: 80, complete: false, error: null });
    expect(partial.feed.state.next).toBeDefined();
    // The connection fails on the second page of the next run: one page stored, then the error.
    calls = 0;
    failOn = 2;
    const broken = await feeds.run(e2, 'national');
    expect(broken).toMatchObject({ pages: 1, stored: 40, complete: false });
    expect(broken.error).toMatch(/connection reset/);
    expect(broken.feed.lastError).toMatch(/connection reset/);
    failOn = -1;
    const resumed = await feeds.run(e2, 'national');
    expect(resumed).toMatchObject({ complete: true, stored: 10, duplicates: 0, error: null });
    const held = async () => {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await w.services.intel.list(e2, { label: 'national', limit: 500, cursor });
        ids.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      return ids;
    };
    expect((await held()).sort()).toEqual(first.map((o) => o.id).sort());

    // Later runs fetch only what was added since.
    const later = Array.from({ length: 7 }, (_, i) => indicator(3000 + i, { labels: ['national'], object_marking_refs: [TLP_GREEN] }));
    await taxii(w.people.adminN, 'POST', `collections/${source.id}/objects/`, { objects: later });
    expect(await feeds.run(e2, 'national')).toMatchObject({ objects: 7, stored: 7, duplicates: 0, complete: true });
    expect(await feeds.run(e2, 'national')).toMatchObject({ objects: 0, stored: 0, complete: true });
    expect(await held()).toHaveLength(137);
    // The pulled objects carry the feed as their source and its reliability.
    const one = (await w.services.intel.list(e2, { id: later[0]?.id ?? '' })).items[0];
    expect(one).toMatchObject({ source: 'national', reliability: 'A', tlp: 'green' });

    // Pushing E2's objects to a collection it may write, again resumable and incremental.
    const sink = (await w.request(w.people.adminP, 'POST', '/api/v1/taxii/collections', { title: 'E2 reports', writers: [{ orgId: w.orgs.E2, roles: ['analyst'] }] })).json() as { id: string };
    const red = indicator(4000, { object_marking_refs: [TLP_RED] });
    await w.services.intel.importUpload(e2, Readable.from([Buffer.from(JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects: [red] }))]), {});
    await feeds.save(e2, { name: 'to-province', direction: 'push', url: `http://bulwark.test/taxii2/api1/collections/${sink.id}/`, auth: { token: w.people.analystE2.token }, pageSize: 50 });
    const pushed = await feeds.run(e2, 'to-province');
    expect(pushed).toMatchObject({ objects: 137, stored: 137, failed: 0, complete: true });
    expect(await feeds.run(e2, 'to-province')).toMatchObject({ objects: 0, complete: true });
    // The province now holds them (its collection shows its whole store); RED stayed home.
    const inP = (json(await taxii(w.people.adminP, 'GET', `collections/${sink.id}/manifest/?limit=1000&match[id]=${first[0]?.id ?? ''},${later[6]?.id ?? ''},${red.id}`)).objects ?? []).map((o) => o['id']);
    expect(inP.sort()).toEqual([first[0]?.id, later[6]?.id].sort());

    // Bad feeds are input errors; another organisation's feeds are out of reach.
    await expect(feeds.save(e2, { name: 'bad', direction: 'pull', url: 'ftp://x/' })).rejects.toThrow(/HTTP/);
    await expect(feeds.save(e2, { name: 'national', direction: 'push', url })).rejects.toThrow(/pull feed/);
    await expect(feeds.run({ ...e2, orgId: w.orgs.E1, username: 'analyst.e1', userId: w.people.analystE1.id }, 'national')).rejects.toThrow(/not found/);
    await feeds.save(e2, { name: 'wrong-password', direction: 'pull', url, auth: { username: 'analyst.e2', password: 'nope' } });
    expect((await feeds.run(e2, 'wrong-password')).error).toMatch(/401/);
  });

  it('runs scheduled feeds once per turn, even with two schedulers, and records what each run did', async () => {
    const feeds = createFeedService(w.database, w.services.intel, everywhere(createRemoteTaxii(loopback())), box);
    const p = { kind: 'user' as const, userId: w.people.analystP.id, username: 'analyst.p', orgId: w.orgs.P, orgPath: '', role: 'analyst' as const };
    const url = `http://bulwark.test/taxii2/api1/collections/${shared}/`;
    const t0 = Date.now();
    const saved = await feeds.save(p, { name: 'e1-ics', direction: 'pull', url, auth: { username: 'analyst.p', password: PASSWORD }, intervalMinutes: 5 });
    expect(saved.intervalMinutes).toBe(5);
    const next = Date.parse(saved.nextRunAt ?? '');
    expect(next - t0).toBeGreaterThanOrEqual(5 * 60_000 - 1000);
    expect(next - t0).toBeLessThan(5 * 60_000 + 10_000);
    const [a, b] = [createFeedScheduler({ feeds }), createFeedScheduler({ feeds })];
    expect(await a.tick(new Date(next - 1000))).toEqual([]);
    // Two processes' schedulers at the same instant: the turn runs once.
    const at = new Date(next + 1000);
    const ran = [...(await Promise.all([a.tick(at), b.tick(at)])).flat()];
    expect(ran).toEqual([{ name: 'e1-ics', orgId: w.orgs.P, error: null }]);
    const after = (await feeds.list(p)).find((f) => f.name === 'e1-ics');
    expect(after?.lastResult).toMatchObject({ complete: true, error: null });
    expect(after?.lastResult?.objects).toBeGreaterThan(0);
    expect(Date.parse(after?.nextRunAt ?? '')).toBe(at.getTime() + 5 * 60_000);
    expect(await a.tick(new Date(at.getTime() + 60_000))).toEqual([]);
    // The next turn finds nothing new.
    expect(await a.tick(new Date(at.getTime() + 6 * 60_000))).toHaveLength(1);
    expect((await feeds.list(p)).find((f) => f.name === 'e1-ics')?.lastResult).toMatchObject({ objects: 0, complete: true });
    // Saving again without an interval keeps the schedule; null clears it.
    expect((await feeds.save(p, { name: 'e1-ics', direction: 'pull', url })).intervalMinutes).toBe(5);
    const manual = await feeds.save(p, { name: 'e1-ics', direction: 'pull', url, intervalMinutes: null });
    expect([manual.intervalMinutes, manual.nextRunAt]).toEqual([null, null]);
    expect(await a.tick(new Date(at.getTime() + 60 * 60_000))).toEqual([]);
    // Credentials are sealed at rest; a server with another key says so instead of sending garbage.
    await feeds.save(p, { name: 'e1-ics', direction: 'pull', url, auth: { username: 'analyst.p', password: PASSWORD } });
    const stored = await w.database.db.selectFrom('taxii_feeds').select('auth').where('name', '=', 'e1-ics').executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.auth)).not.toContain(PASSWORD);
    expect(JSON.stringify(stored.auth)).not.toContain('analyst.p');
    const otherKey = createFeedService(w.database, w.services.intel, everywhere(createRemoteTaxii(loopback())), createSecretBox(randomBytes(32)));
    expect((await otherKey.run(p, 'e1-ics')).error).toMatch(/sealed with another secret key/);
    expect((await feeds.run(p, 'e1-ics')).error).toBeNull();
    await feeds.remove(p, 'e1-ics');
  });

  it('schedules and deletes feeds through the API, for their organisation’s writers only', async () => {
    const put = (who: Person, name: string, body: unknown) =>
      w.app.inject({ method: 'PUT', url: `/api/v1/taxii/feeds/${name}`, headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    const body = { direction: 'pull', url: 'http://127.0.0.1:1/taxii2/api1/collections/x/', intervalMinutes: 60 };
    const saved = await put(w.people.analystE1, 'hourly', body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ intervalMinutes: 60, nextRunAt: expect.any(String) as unknown, lastResult: null });
    expect((await put(w.people.analystE1, 'hourly', { ...body, intervalMinutes: 2 })).statusCode).toBe(400);
    expect((await put(w.people.analystE1, 'hourly', { ...body, intervalMinutes: 10_081 })).statusCode).toBe(400);
    expect((await put(w.people.analystE1, 'hourly', { ...body, intervalMinutes: 7.5 })).statusCode).toBe(400);
    expect((await w.request(w.people.viewerE1, 'DELETE', '/api/v1/taxii/feeds/hourly')).statusCode).toBe(403);
    expect((await w.request(w.people.analystE2, 'DELETE', '/api/v1/taxii/feeds/hourly')).statusCode).toBe(404);
    expect((await w.request(w.people.analystE1, 'DELETE', '/api/v1/taxii/feeds/hourly')).statusCode).toBe(204);
    expect((await w.request(w.people.analystE1, 'DELETE', '/api/v1/taxii/feeds/hourly')).statusCode).toBe(404);
    const listed = (await w.request(w.people.analystE1, 'GET', '/api/v1/taxii/feeds')).json() as { items: { name: string }[] };
    expect(listed.items.map((f) => f.name)).not.toContain('hourly');
  });

  it('configures and runs feeds through the API, never showing their credentials', async () => {
    const put = (who: Person, url: string, body: unknown) =>
      w.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    const body = { direction: 'pull', url: 'http://127.0.0.1:1/taxii2/api1/collections/x/', auth: { username: 'remote', password: 'secret-password' }, tlp: 'green' };
    const saved = await put(w.people.analystE1, '/api/v1/taxii/feeds/unreachable', body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.body).not.toContain('secret-password');
    const listed = await w.request(w.people.viewerE1, 'GET', '/api/v1/taxii/feeds');
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain('secret-password');
    expect((listed.json() as { items: { name: string }[] }).items.map((f) => f.name)).toContain('unreachable');
    const run = await w.request(w.people.analystE1, 'POST', '/api/v1/taxii/feeds/unreachable/run');
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ complete: false, pages: 0, error: expect.stringMatching(/answered nothing/) as unknown });
    expect((await w.request(w.people.analystE1, 'POST', '/api/v1/taxii/remote/collections', { url: 'http://127.0.0.1:1/taxii2/' })).statusCode).toBe(400);
    expect((await put(w.people.viewerE1, '/api/v1/taxii/feeds/mine', body)).statusCode).toBe(403);
    expect((await w.request(w.people.viewerE1, 'POST', '/api/v1/taxii/feeds/unreachable/run')).statusCode).toBe(403);
    expect((await w.request(w.people.analystE2, 'POST', '/api/v1/taxii/feeds/unreachable/run')).statusCode).toBe(404);
    expect((await put(w.people.analystE1, '/api/v1/taxii/feeds/bad name!', body)).statusCode).toBe(400);
    expect((await put(w.people.analystE1, '/api/v1/taxii/feeds/x', { ...body, url: 'not a url' })).statusCode).toBe(400);
    expect((await put(w.people.analystE1, '/api/v1/taxii/feeds/x', { ...body, tlpMax: 'red' })).statusCode).toBe(400);
    expect((await put(w.people.analystE1, '/api/v1/taxii/feeds/x', { ...body, auth: { username: 'a', token: 'b' } })).statusCode).toBe(400);
    expect((await w.request(w.people.analystE1, 'POST', '/api/v1/taxii/feeds/unreachable/run?maxPages=0')).statusCode).toBe(400);
    expect((await w.request(null, 'GET', '/api/v1/taxii/feeds')).statusCode).toBe(401);
  });

  it('lets only admins define collections, with valid definitions', async () => {
    expect((await w.request(w.people.analystP, 'POST', '/api/v1/taxii/collections', { title: 'x' })).statusCode).toBe(403);
    expect((await w.request(w.people.adminP, 'POST', '/api/v1/taxii/collections', { title: '' })).statusCode).toBe(400);
    expect((await w.request(w.people.adminP, 'POST', '/api/v1/taxii/collections', { title: 'x', filter: { tlpMax: 'white' } })).statusCode).toBe(400);
    expect((await w.request(w.people.adminP, 'POST', '/api/v1/taxii/collections', { title: 'x', readers: [{ orgId: 'nope', roles: ['analyst'] }] })).statusCode).toBe(400);
    expect((await w.request(w.people.adminP, 'POST', '/api/v1/taxii/collections', { title: 'x', alias: `e1-ics-${backend}` })).statusCode).toBe(409);
    const list = (await w.request(w.people.analystP, 'GET', '/api/v1/taxii/collections')).json() as { items: { id: string; url: string; canWrite: boolean }[] };
    expect(list.items.map((i) => i.id)).toEqual(expect.arrayContaining([shared, inbox]));
    expect(list.items.find((i) => i.id === inbox)?.url).toBe(`/taxii2/api1/collections/${inbox}/`);
    // A grant with descendants reaches the organisations below the one named.
    const national = (await w.request(w.people.adminN, 'POST', '/api/v1/taxii/collections', { title: 'national feed', readers: [{ orgId: w.orgs.P, roles: ['analyst'], descendants: true }] })).json() as { id: string };
    expect((await taxii(w.people.analystE1, 'GET', `collections/${national.id}/`)).statusCode).toBe(200);
    expect((await taxii(w.people.analystP, 'GET', `collections/${national.id}/`)).statusCode).toBe(200);
    expect((await taxii(w.people.adminP, 'GET', `collections/${national.id}/`)).statusCode).toBe(404);
    expect(json<{ can_write: boolean }>(await taxii(w.people.analystE1, 'GET', `collections/${national.id}/`)).can_write).toBe(false);
    const temp = (await w.request(w.people.adminE2, 'POST', '/api/v1/taxii/collections', { title: 'temp' })).json() as { id: string };
    expect((await w.request(w.people.adminP, 'DELETE', `/api/v1/taxii/collections/${temp.id}`)).statusCode).toBe(404);
    expect((await w.request(w.people.adminE2, 'DELETE', `/api/v1/taxii/collections/${temp.id}`)).statusCode).toBe(204);
    expect((await taxii(w.people.adminE2, 'GET', `collections/${temp.id}/`)).statusCode).toBe(404);
  });
});
