import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createFeedService, createRemoteTaxii } from '../src/modules/intel/taxii/index.js';
import { systemActor } from '../src/platform/access.js';
import { createSecretBox } from '../src/platform/secret-box.js';
import { guardedWebFetch } from '../src/platform/remote-fetch.js';
import { createWorld, errorOf, type World } from './support/fixture.js';

// TAXII feeds and remote browsing fetch URLs organisations type in: by default they must not reach
// the server's own network (loopback, private, link-local). The operator's own feeds may.
describe('TAXII feed destinations (SSRF)', () => {
  let w: World;
  let server: Server;
  let base: string;
  const hits: string[] = [];

  beforeAll(async () => {
    w = await createWorld('pglite');
    server = createServer((request, response) => {
      hits.push(`${request.method} ${request.url}`);
      if (request.url?.startsWith('/hop')) {
        response.writeHead(303, { location: '/taxii2/' }).end();
        return;
      }
      if (request.url?.startsWith('/echo')) {
        let body = '';
        request.on('data', (c: Buffer) => (body += c.toString('utf8')));
        request.on('end', () => response.writeHead(201, { 'content-type': 'application/json', 'x-taxii-date-added-last': 'now' }).end(JSON.stringify({ method: request.method, body, auth: request.headers.authorization ?? null })));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/taxii+json;version=2.1' }).end(JSON.stringify({ title: 'internal', api_roots: [] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await w.close();
  });

  it('refuses an organisation\u2019s feed or remote browse to loopback and private addresses, touching nothing', async () => {
    hits.length = 0;
    for (const url of [`${base}/taxii2/api1/collections/x/`, 'http://10.1.2.3/taxii2/', 'http://[::1]/taxii2/', 'http://169.254.169.254/latest/', 'http://[::ffff:127.0.0.1]/taxii2/']) {
      const saved = await w.request(w.people.analystE1, 'PUT', '/api/v1/taxii/feeds/internal', { direction: 'pull', url });
      expect(saved.statusCode, url).toBe(400);
      expect(errorOf(saved).message, url).toMatch(/refused to fetch/);
      const browse = await w.request(w.people.analystE1, 'POST', '/api/v1/taxii/remote/collections', { url });
      expect(browse.statusCode, url).toBe(400);
    }
    expect(hits).toEqual([]);
    expect((await w.request(w.people.analystE1, 'GET', '/api/v1/taxii/feeds')).json()).toEqual({ items: [] });
  });

  it('lets the local operator\u2019s feeds reach the local network, and takes that away when an organisation changes the feed', async () => {
    hits.length = 0;
    const op = systemActor('test');
    const feed = await w.services.taxii.feeds.save(op, { name: 'peer', direction: 'pull', url: `${base}/taxii2/api1/collections/peer/`, orgId: w.orgs.E1 });
    expect(feed.options.operatorApproved).toBe(true);
    const collections = await w.services.taxii.feeds.remoteCollections(op, `${base}/taxii2/`, {});
    expect(collections).toEqual([]);
    expect(hits.length).toBeGreaterThan(0);
    // An analyst of the organisation cannot point it (or keep it) at the local network.
    hits.length = 0;
    const edited = await w.request(w.people.analystE1, 'PUT', '/api/v1/taxii/feeds/peer', { direction: 'pull', url: `${base}/taxii2/api1/collections/peer/`, pageSize: 10 });
    expect(edited.statusCode).toBe(400);
    expect(hits).toEqual([]);
    // Once an organisation saves it (to an address that passes), its runs go through the guarded client.
    const used: string[] = [];
    const remote = (name: string) => ({ ...createRemoteTaxii(async () => { used.push(name); return new Response('{"objects":[]}', { status: 200 }); }) });
    const feeds = createFeedService(w.database, w.services.intel, { operator: remote('operator'), organisation: remote('organisation'), check: async () => undefined }, createSecretBox(randomBytes(32)));
    await feeds.save(op, { name: 'peer2', direction: 'pull', url: 'https://taxii.example/api1/collections/a/', orgId: w.orgs.E1 });
    await feeds.run(op, 'peer2', { orgId: w.orgs.E1 });
    const analyst = { kind: 'user' as const, userId: w.people.analystE1.id, username: 'analyst.e1', orgId: w.orgs.E1, orgPath: '', role: 'analyst' as const };
    const mine = await feeds.save(analyst, { name: 'peer2', direction: 'pull', url: 'https://taxii.example/api1/collections/a/' });
    expect(mine.options.operatorApproved).toBeUndefined();
    await feeds.run(analyst, 'peer2');
    expect(used).toEqual(['operator', 'organisation']);
  });

  it('checks every redirect hop and every connection, and carries methods, headers and bodies', async () => {
    const onlyOther = (address: string) => (address === '127.0.0.1' ? null : 'not this test server');
    const guarded = guardedWebFetch({ refuse: onlyOther });
    const posted = await guarded(`${base}/echo`, { method: 'POST', headers: { authorization: 'Bearer x', 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(posted.status).toBe(201);
    expect(posted.headers.get('x-taxii-date-added-last')).toBe('now');
    expect(await posted.json()).toEqual({ method: 'POST', body: '{"a":1}', auth: 'Bearer x' });
    // 303 continues as a GET on the same (allowed) server.
    const hop = await guarded(`${base}/hop`);
    expect(hop.status).toBe(200);
    // The same server by another loopback address is refused, as a literal and after a redirect.
    const refuseAll = guardedWebFetch({ refuse: () => 'blocked' });
    await expect(refuseAll(`${base}/taxii2/`)).rejects.toThrow(/refused to fetch/);
    const viaName = guardedWebFetch({ refuse: (a) => (a === '127.0.0.1' || a === '::1' ? 'loopback' : null) });
    await expect(viaName(`http://localhost:${new URL(base).port}/taxii2/`)).rejects.toThrow(/refused to fetch/);
  });
});
