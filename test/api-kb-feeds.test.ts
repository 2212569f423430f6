// Scheduled knowledge feeds against a real local HTTP server that serves the shared data the way
// providers do (provider metadata → ROLIE feed → CSAF documents, the KEV catalog, the NVD CVE API 2.0,
// an OSV ecosystem archive, a CNVD file), with validators so unchanged indexes answer 304.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedScheduler } from '../src/modules/intel/taxii/index.js';
import { kbFeedSchedule } from '../src/modules/knowledge/feeds/index.js';
import { backends } from '../src/storage/test-backends.js';
import { createWorld, errorOf, type World } from './support/fixture.js';

const shared = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const ROLIE_PREFIX = 'https://raw.githubusercontent.com/cisagov/CSAF/develop/csaf_files/OT/white/';

interface RolieEntry {
  id: string;
  updated: string;
  link: { href: string; rel: string }[];
  content: { src: string; type: string };
}

/** The first `n` entries of the real ROLIE feed whose documents are in the shared data, pointed at `base`. */
function localEntries(base: string, n: number): RolieEntry[] {
  const feed = JSON.parse(readFileSync(join(shared, 'csaf/cisa-csaf-ot-feed-tlp-white.json'), 'utf8')) as { feed: { entry: RolieEntry[] } };
  const entries: RolieEntry[] = [];
  for (const e of feed.feed.entry) {
    const rel = e.content.src.replace(ROLIE_PREFIX, '');
    if (!existsSync(join(shared, 'csaf/OT', rel))) continue;
    const href = `${base}/csaf/OT/${rel}`;
    entries.push({ ...e, link: [{ href, rel: 'self' }], content: { src: href, type: 'application/json' } });
    if (entries.length === n) break;
  }
  return entries;
}

/** Project-written OSV records (the shared data has none). */
const osvRecord = (id: string, pkg: string) => ({
  schema_version: '1.6.0',
  id,
  modified: '2026-01-02T00:00:00Z',
  published: '2026-01-01T00:00:00Z',
  summary: `Denial of service in ${pkg} when parsing malformed frames`,
  details: `A crafted frame makes ${pkg} loop forever.`,
  affected: [{ package: { ecosystem: 'PyPI', name: pkg }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.1' }] }] }],
});

const cnvdXml = `<?xml version="1.0" encoding="UTF-8"?>
<vulnerabitys>
  <vulnerability>
    <number>CNVD-2099-77001</number>
    <cves/>
    <title>Example RTU-9 web interface buffer overflow</title>
    <serverity>高</serverity>
    <products><product>Example RTU-9 V2.1</product></products>
    <submitTime>2099-02-01</submitTime>
    <openTime>2099-02-15</openTime>
    <description>A long request to the RTU-9 web interface overflows a buffer.</description>
  </vulnerability>
</vulnerabitys>`;

interface Served {
  hits: string[];
  nvdKeys: (string | undefined)[];
  entries: RolieEntry[];
  allEntries: RolieEntry[];
  broken: boolean;
  /** Milliseconds the provider waits before answering (a run under way stays under way). */
  delayMs: number;
}

function startProvider(served: Served, base: () => string): Server {
  const kevFull = JSON.parse(readFileSync(join(shared, 'kev/known_exploited_vulnerabilities.json'), 'utf8')) as { vulnerabilities: unknown[] };
  // A slice of the real catalog keeps the test quick; the format is the real one.
  const kev = JSON.stringify({ ...kevFull, count: 40, vulnerabilities: kevFull.vulnerabilities.slice(0, 40) });
  const nvd = readdirSync(join(shared, 'nvd2')).map((f) => JSON.parse(readFileSync(join(shared, 'nvd2', f), 'utf8')) as { id: string; lastModified: string });
  const osvZip = Buffer.from(zipSync({ 'PYSEC-2099-1.json': strToU8(JSON.stringify(osvRecord('PYSEC-2099-1', 'pymodbus-example'))), 'PYSEC-2099-2.json': strToU8(JSON.stringify(osvRecord('PYSEC-2099-2', 'dnp3-example'))) }));

  const send = (req: IncomingMessage, res: ServerResponse, body: string | Buffer, type: string, lastModified?: string) => {
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    if (req.headers['if-none-match'] === etag || (lastModified !== undefined && req.headers['if-modified-since'] === lastModified)) {
      res.writeHead(304).end();
      return;
    }
    res.writeHead(200, { 'content-type': type, etag, ...(lastModified === undefined ? {} : { 'last-modified': lastModified }) }).end(body);
  };

  return createServer((req, res) => (served.delayMs > 0 ? setTimeout(() => answer(req, res), served.delayMs) : answer(req, res)));

  function answer(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', base());
    served.hits.push(`${req.method} ${url.pathname}`);
    if (served.broken) {
      res.writeHead(500).end('down');
      return;
    }
    if (url.pathname === '/csaf/provider-metadata.json') {
      send(req, res, JSON.stringify({ canonical_url: `${base()}/csaf/provider-metadata.json`, metadata_version: '2.0', role: 'csaf_trusted_provider', publisher: { name: 'Local test provider', namespace: base(), category: 'coordinator' }, distributions: [{ rolie: { feeds: [{ summary: 'OT', tlp_label: 'WHITE', url: `${base()}/csaf/feed.json` }] } }] }), 'application/json');
    } else if (url.pathname === '/csaf/feed.json') {
      send(req, res, JSON.stringify({ feed: { id: 'local', title: 'local', updated: '2024-10-24T00:00:00Z', entry: served.entries } }), 'application/json');
    } else if (url.pathname.startsWith('/csaf/OT/')) {
      const file = join(shared, 'csaf/OT', url.pathname.slice('/csaf/OT/'.length));
      if (!file.startsWith(join(shared, 'csaf/OT')) || !existsSync(file)) res.writeHead(404).end();
      else send(req, res, readFileSync(file), 'application/json');
    } else if (url.pathname === '/kev.json') {
      send(req, res, kev, 'application/json', 'Mon, 25 Aug 2025 17:04:19 GMT');
    } else if (url.pathname === '/rest/json/cves/2.0') {
      served.nvdKeys.push(req.headers['apikey'] as string | undefined);
      const asUtc = (s: string) => Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(s) ? s : `${s}Z`);
      const start = asUtc(url.searchParams.get('lastModStartDate') ?? '');
      const end = asUtc(url.searchParams.get('lastModEndDate') ?? '');
      const startIndex = Number(url.searchParams.get('startIndex') ?? 0);
      const perPage = Number(url.searchParams.get('resultsPerPage') ?? 2000);
      if (Number.isNaN(start) || Number.isNaN(end) || end - start > 120 * 86_400_000) {
        res.writeHead(404, { message: 'Invalid date range' }).end();
        return;
      }
      const matching = nvd.filter((c) => asUtc(c.lastModified) >= start && asUtc(c.lastModified) <= end).sort((a, b) => a.id.localeCompare(b.id));
      const page = matching.slice(startIndex, startIndex + perPage);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ resultsPerPage: page.length, startIndex, totalResults: matching.length, format: 'NVD_CVE', version: '2.0', timestamp: new Date().toISOString(), vulnerabilities: page.map((cve) => ({ cve })) }));
    } else if (url.pathname === '/osv/PyPI/all.zip') {
      send(req, res, osvZip, 'application/zip');
    } else if (url.pathname === '/cnvd/latest.xml') {
      send(req, res, cnvdXml, 'application/xml');
    } else {
      res.writeHead(404).end();
    }
  }
}

describe.each(backends)('knowledge feeds (%s)', (backend) => {
  let w: World;
  let server: Server;
  let base = '';
  const served: Served = { hits: [], nvdKeys: [], entries: [], allEntries: [], broken: false, delayMs: 0 };

  beforeAll(async () => {
    w = await createWorld(backend, { allowPrivateUrls: true });
    server = startProvider(served, () => base);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    served.allEntries = localEntries(base, 8);
    served.entries = served.allEntries.slice(0, 6);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await w.close();
  });

  const put = (who: keyof World['people'], name: string, body: unknown) => w.request(w.people[who], 'PUT', `/api/v1/kb/feeds/${name}`, body);
  const run = async (name: string) => {
    const response = await w.request(w.people.adminN, 'POST', `/api/v1/kb/feeds/${name}/run?wait=true`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { feed: { lastResult: unknown; state: Record<string, unknown>; lastRunAt: string }; result: { error: string | null; runId: string | null; documents: number; requests: number; notModified: number; complete: boolean; stats: { advisories: number; vulnerabilities: number; unchanged: number; records: number } | null; warnings: string[] } };
  };

  it('follows provider metadata to its ROLIE feed, imports the advisories, and a re-run changes nothing', async () => {
    const saved = await put('adminN', 'cisa-ot', { kind: 'csaf', url: `${base}/csaf/provider-metadata.json`, intervalMinutes: 60 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ name: 'cisa-ot', kind: 'csaf', intervalMinutes: 60, lastRunAt: null, running: false, hasApiKey: false });
    expect(Date.parse(saved.json<{ nextRunAt: string }>().nextRunAt) - Date.now()).toBeGreaterThan(59 * 60_000);

    served.hits.length = 0;
    const first = await run('cisa-ot');
    expect(first.result.error).toBeNull();
    expect(first.result.documents).toBe(6);
    expect(first.result.stats?.advisories).toBe(6);
    expect(first.result.stats?.vulnerabilities).toBeGreaterThan(0);
    expect(served.hits.filter((h) => h.includes('/csaf/OT/'))).toHaveLength(6);
    const id = served.entries[0]?.id ?? '';
    const search = await w.request(w.people.viewerE1, 'GET', `/api/v1/kb/vulnerabilities?q=${encodeURIComponent(id)}`);
    expect(search.json<{ total: number }>().total).toBeGreaterThan(0);

    // Unchanged: one conditional request per index, each answered 304; no import run is left behind.
    served.hits.length = 0;
    const runsBefore = (await w.request(w.people.adminN, 'GET', '/api/v1/kb/imports')).json<{ items: unknown[] }>().items.length;
    const again = await run('cisa-ot');
    expect(again.result).toMatchObject({ error: null, runId: null, documents: 0, stats: null, complete: true });
    expect(again.result.notModified).toBe(2);
    expect(served.hits).toEqual(['GET /csaf/provider-metadata.json', 'GET /csaf/feed.json']);
    expect((await w.request(w.people.adminN, 'GET', '/api/v1/kb/imports')).json<{ items: unknown[] }>().items.length).toBe(runsBefore);

    // The provider publishes two more advisories (newer than anything seen): only those are fetched.
    const published = '2026-12-01T00:00:00.000000Z';
    served.entries = [...served.allEntries.slice(6).map((e) => ({ ...e, updated: published })), ...served.entries];
    served.hits.length = 0;
    const newer = await run('cisa-ot');
    expect(newer.result.documents).toBe(2);
    expect(served.hits.filter((h) => h.includes('/csaf/OT/'))).toHaveLength(2);
    expect(newer.result.stats?.advisories).toBe(2);
    expect(newer.feed.state['cursors']).toEqual({ [`${base}/csaf/feed.json`]: published });
  });

  it('imports the KEV catalog once; the same catalog again is not modified', async () => {
    expect((await put('adminN', 'kev', { kind: 'kev', url: `${base}/kev.json` })).statusCode).toBe(200);
    const first = await run('kev');
    expect(first.result.stats?.vulnerabilities).toBe(40);
    const again = await run('kev');
    expect(again.result).toMatchObject({ runId: null, notModified: 1, documents: 0 });
    const kev = await w.request(w.people.viewerE1, 'GET', '/api/v1/kb/vulnerabilities?kev=true&limit=1');
    expect(kev.json<{ total: number }>().total).toBeGreaterThanOrEqual(40);
  });

  it('walks the NVD API by modification windows and pages, with its API key sealed, then goes on from its cursor', async () => {
    const saved = await put('adminN', 'nvd', { kind: 'nvd', url: `${base}/rest/json/cves/2.0`, apiKey: 'nvd-key-0123456789', options: { since: '2025-09-01', resultsPerPage: 4 } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ hasApiKey: true });
    expect(saved.body).not.toContain('nvd-key-0123456789');
    const stored = await w.database.db.selectFrom('kb_feeds').select('auth').where('name', '=', 'nvd').executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.auth)).not.toContain('nvd-key-0123456789');

    served.nvdKeys.length = 0;
    const first = await run('nvd');
    expect(first.result.error).toBeNull();
    // 11 of the shared records were modified after 2025-09-01: pages of 4.
    expect(first.result.documents).toBe(3);
    expect(first.result.stats?.records).toBe(11);
    expect(served.nvdKeys.length).toBeGreaterThanOrEqual(3);
    expect(served.nvdKeys.every((k) => k === 'nvd-key-0123456789')).toBe(true);
    expect(typeof first.feed.state['nvdCursor']).toBe('string');

    served.nvdKeys.length = 0;
    const again = await run('nvd');
    expect(again.result).toMatchObject({ error: null, runId: null, documents: 0 });
    expect(served.nvdKeys).toHaveLength(1);

    // Removing the key: requests go without it.
    expect((await put('adminN', 'nvd', { kind: 'nvd', url: `${base}/rest/json/cves/2.0`, apiKey: null })).json()).toMatchObject({ hasApiKey: false });
  });

  it('reads an OSV ecosystem archive and a CNVD file, each conditional on its validators', async () => {
    expect((await put('adminN', 'osv-pypi', { kind: 'osv', url: `${base}/osv/PyPI/all.zip` })).statusCode).toBe(200);
    const osv = await run('osv-pypi');
    expect(osv.result.stats?.vulnerabilities).toBe(2);
    expect((await run('osv-pypi')).result).toMatchObject({ notModified: 1, runId: null });

    expect((await put('adminN', 'cnvd', { kind: 'cnvd', url: `${base}/cnvd/latest.xml`, intervalMinutes: 1440 })).statusCode).toBe(200);
    const cnvd = await run('cnvd');
    expect(cnvd.result.stats?.vulnerabilities).toBe(1);
    const found = await w.request(w.people.viewerE1, 'GET', '/api/v1/kb/vulnerabilities/CNVD-2099-77001');
    expect(found.statusCode).toBe(200);
  });

  it('records a failed run without moving the position, and says what went wrong', async () => {
    const before = (await w.request(w.people.adminN, 'GET', '/api/v1/kb/feeds/kev')).json<{ state: unknown }>();
    served.broken = true;
    try {
      const failed = await run('kev');
      expect(failed.result.error).toMatch(/HTTP 500/);
      const after = (await w.request(w.people.adminN, 'GET', '/api/v1/kb/feeds/kev')).json<{ state: unknown; lastError: string }>();
      expect(after.lastError).toMatch(/HTTP 500/);
      expect(after.state).toEqual(before.state);
    } finally {
      served.broken = false;
    }
    // A CSAF feed that points at something else: a located warning, nothing imported.
    expect((await put('adminN', 'wrong', { kind: 'csaf', url: `${base}/kev.json` })).statusCode).toBe(200);
    const wrong = await run('wrong');
    expect(wrong.result.warnings.join(' ')).toMatch(/not CSAF provider metadata/);
    expect(wrong.result.runId).toBeNull();
  });

  it('refuses bad input with located 400s', async () => {
    const cases: [string, unknown, string][] = [
      ['ok-name', { kind: 'nvd', url: `${base}/somewhere` }, 'url'],
      ['ok-name', { kind: 'csaf', url: 'ftp://example.org/x' }, 'url'],
      ['ok-name', { kind: 'csaf', url: 'not a url' }, 'url'],
      ['ok-name', { kind: 'csaf', url: `${base}/x`, intervalMinutes: 3 }, 'intervalMinutes'],
      ['ok-name', { kind: 'csaf', url: `${base}/x`, extra: 1 }, ''],
      ['ok-name', { kind: 'kev', url: `${base}/kev.json`, apiKey: 'k' }, 'apiKey'],
      ['ok-name', { kind: 'gopher', url: `${base}/x` }, 'kind'],
      ['ok-name', { kind: 'nvd', url: `${base}/rest/json/cves/2.0`, options: { since: 'yesterday' } }, 'options.since'],
      ['Bad Name', { kind: 'csaf', url: `${base}/x` }, 'name'],
    ];
    for (const [name, body, path] of cases) {
      const response = await put('adminN', encodeURIComponent(name), body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      if (path !== '') expect(errorOf(response).details.map((d) => d.path).join(' '), JSON.stringify(body)).toContain(path);
    }
    expect((await w.request(w.people.adminN, 'POST', '/api/v1/kb/feeds/nope/run')).statusCode).toBe(404);
    expect((await w.request(w.people.adminN, 'GET', '/api/v1/kb/feeds/nope')).statusCode).toBe(404);
    expect((await w.request(w.people.adminN, 'DELETE', '/api/v1/kb/feeds/nope')).statusCode).toBe(404);
  });

  it('belongs to the root organisation: other organisations, parent or sibling, are refused', async () => {
    for (const who of ['adminP', 'analystP', 'adminE1', 'analystE2', 'viewerE1'] as const) {
      expect((await w.request(w.people[who], 'GET', '/api/v1/kb/feeds')).statusCode, who).toBe(403);
      expect((await w.request(w.people[who], 'GET', '/api/v1/kb/feeds/kev')).statusCode, who).toBe(403);
      expect((await put(who, 'mine', { kind: 'kev', url: `${base}/kev.json` })).statusCode, who).toBe(403);
      expect((await w.request(w.people[who], 'POST', '/api/v1/kb/feeds/kev/run')).statusCode, who).toBe(403);
      expect((await w.request(w.people[who], 'DELETE', '/api/v1/kb/feeds/kev')).statusCode, who).toBe(403);
    }
    expect((await w.request(null, 'GET', '/api/v1/kb/feeds')).statusCode).toBe(401);
    const names = (await w.request(w.people.adminN, 'GET', '/api/v1/kb/feeds')).json<{ items: { name: string }[] }>().items.map((f) => f.name);
    expect(names).not.toContain('mine');
  });

  it('runs in the background with progress, refuses a second run meanwhile, and the scheduler takes due turns', async () => {
    served.delayMs = 1500;
    try {
      const started = await w.request(w.people.adminN, 'POST', '/api/v1/kb/feeds/cnvd/run?wait=false');
      expect(started.statusCode).toBe(202);
      expect(started.json()).toMatchObject({ feed: { running: true, progress: { phase: 'starting' } }, result: null });
      const second = await w.request(w.people.adminN, 'POST', '/api/v1/kb/feeds/cnvd/run?wait=true');
      expect(second.statusCode).toBe(409);
      await w.services.kbFeeds.settle();
    } finally {
      served.delayMs = 0;
    }
    const done = (await w.request(w.people.adminN, 'GET', '/api/v1/kb/feeds/cnvd')).json<{ running: boolean; progress: unknown; lastResult: { notModified: number } }>();
    expect(done).toMatchObject({ running: false, progress: null, lastResult: { notModified: 1 } });

    const scheduler = createFeedScheduler({ feeds: kbFeedSchedule(w.services.kbFeeds) });
    const ran = await scheduler.tick(new Date(Date.now() + 25 * 3_600_000));
    expect(ran.map((r) => r.name).sort()).toEqual(['cisa-ot', 'cnvd']);
    expect(ran.every((r) => r.error === null)).toBe(true);
    // The turn was claimed: the same moment again finds nothing due.
    expect(await scheduler.tick(new Date(Date.now() + 25 * 3_600_000))).toEqual([]);
  });

  it('removes a feed (and its key); what it imported stays', async () => {
    const removed = await w.request(w.people.adminN, 'DELETE', '/api/v1/kb/feeds/osv-pypi');
    expect(removed.statusCode).toBe(204);
    expect((await w.request(w.people.adminN, 'GET', '/api/v1/kb/feeds/osv-pypi')).statusCode).toBe(404);
    expect((await w.request(w.people.viewerE1, 'GET', '/api/v1/kb/vulnerabilities/PYSEC-2099-1')).statusCode).toBe(200);
    const audit = await w.database.db.selectFrom('audit_log').select('action').where('action', 'like', 'kb.feed.%').execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['kb.feed.create', 'kb.feed.update', 'kb.feed.delete']));
  });
});

describe('knowledge feed destinations', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld('pglite');
  });
  afterAll(async () => {
    await w.close();
  });

  it('refuses loopback and private addresses unless the operator allows them', async () => {
    for (const url of ['http://127.0.0.1:9/kev.json', 'http://10.0.0.8/kev.json', 'http://[::1]/kev.json', 'http://169.254.169.254/latest/']) {
      const response = await w.request(w.people.adminN, 'PUT', '/api/v1/kb/feeds/inside', { kind: 'kev', url });
      expect(response.statusCode, url).toBe(400);
      expect(errorOf(response).message).toMatch(/refused to fetch/);
    }
    expect((await w.request(w.people.adminN, 'GET', '/api/v1/kb/feeds')).json()).toEqual({ items: [] });
  });
});

describe('knowledge archives over the API', () => {
  let w: World;
  const csafDir = join(shared, 'csaf/OT/2024');
  const csafFiles = readdirSync(csafDir).filter((f) => f.endsWith('.json')).slice(0, 3);
  const zipOf = (extra: Record<string, Uint8Array> = {}) =>
    Buffer.from(zipSync({ ...Object.fromEntries(csafFiles.map((f) => [`advisories/${f}`, new Uint8Array(readFileSync(join(csafDir, f)))])), ...extra }));

  beforeAll(async () => {
    w = await createWorld('pglite', { uploadLimit: 256 * 1024 });
  });
  afterAll(async () => {
    await w.close();
  });

  const upload = (who: keyof World['people'], body: Buffer, query = '', type = 'application/zip') => w.request(w.people[who], 'POST', `/api/v1/kb/imports/archive${query}`, body, { 'content-type': type });

  it('imports every document of a zip in one run; entries that leave the archive are refused and named', async () => {
    const response = await upload('adminN', zipOf({ '../escape.json': strToU8('{}'), 'notes.txt': strToU8('ignored') }), '?name=cisa-2024');
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<{ runId: string; stats: { files: number; advisories: number; errors: number }; issues: { file: string; message: string }[] }>();
    expect(report.stats).toMatchObject({ files: 3, advisories: 3, errors: 1 });
    expect(report.issues).toEqual([expect.objectContaining({ file: 'cisa-2024/../escape.json', message: expect.stringMatching(/leaves the archive/) as unknown })]);
    const runs = (await w.request(w.people.adminN, 'GET', '/api/v1/kb/imports')).json<{ items: { id: string; location: string; status: string }[] }>().items;
    expect(runs.find((r) => r.id === report.runId)).toMatchObject({ location: 'archive:cisa-2024', status: 'partial' });
  });

  it('makes another organisation’s archive its submissions (vulnerabilities only), as single uploads are', async () => {
    const response = await upload('analystE1', zipOf(), '?tlp=green&sharedUpward=false');
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<{ stats: { advisories: number; vulnerabilities: number }; issues: { message: string }[] }>();
    expect(report.stats.advisories).toBe(0);
    expect(report.stats.vulnerabilities).toBeGreaterThan(0);
    expect(report.issues.some((i) => /shared knowledge/.test(i.message))).toBe(true);
    const own = await w.database.db.selectFrom('kb_vulnerabilities').select(['org_id', 'tlp', 'shared_upward']).where('org_id', '=', w.orgs.E1).execute();
    expect(own.length).toBe(report.stats.vulnerabilities);
    expect(own.every((v) => v.tlp === 'green' && !v.shared_upward)).toBe(true);
  });

  it('reads tar.gz too, and refuses what is not an archive, empty bodies, readers and oversized uploads', async () => {
    const { pack } = await import('tar-stream');
    const { gzipSync } = await import('node:zlib');
    const p = pack();
    p.entry({ name: 'one.json' }, readFileSync(join(csafDir, csafFiles[0] ?? '')));
    p.entry({ name: 'evil.json', type: 'symlink', linkname: '/etc/passwd' });
    p.finalize();
    const chunks: Buffer[] = [];
    for await (const c of p) chunks.push(c as Buffer);
    const tgz = gzipSync(Buffer.concat(chunks));
    const ok = await upload('adminN', tgz, '?name=one', 'application/gzip');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<{ issues: { message: string }[] }>().issues.map((i) => i.message)).toEqual(['entry refused: a symbolic link']);

    const notArchive = await upload('adminN', Buffer.from('{"a":1}'.padEnd(600, ' ')), '', 'application/octet-stream');
    expect(notArchive.statusCode).toBe(400);
    expect(errorOf(notArchive).message).toMatch(/not an archive/);
    expect((await upload('adminN', Buffer.alloc(0))).statusCode).toBe(400);
    const onlyBad = await upload('adminN', Buffer.from(zipSync({ '/abs/x.json': strToU8('{}') })));
    expect(onlyBad.statusCode).toBe(400);
    expect(errorOf(onlyBad).details.map((d) => d.message).join(' ')).toMatch(/absolute path/);
    expect((await upload('viewerE1', zipOf())).statusCode).toBe(403);
    expect((await w.request(null, 'POST', '/api/v1/kb/imports/archive', zipOf(), { 'content-type': 'application/zip' })).statusCode).toBe(401);
    const huge = Buffer.concat([zipOf(), Buffer.alloc(3 * 1024 * 1024)]);
    expect((await upload('adminN', huge)).statusCode).toBe(413);
  });
});
