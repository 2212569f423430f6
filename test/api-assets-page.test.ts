import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/platform/access.js';
import { backends } from '../src/storage/test-backends.js';
import { createWorld, errorOf, type Person, type World } from './support/fixture.js';

const data = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const modbus = readFileSync(`${data}pcaps/modbus/modbus_test_data_part1.pcap`);
const stixJson = { 'content-type': 'application/stix+json;version=2.1' };

const indicator = (value: string) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: `indicator--${randomUUID()}`,
  created: '2025-05-01T00:00:00.000Z',
  modified: '2025-05-01T00:00:00.000Z',
  name: `Scanner at ${value}`,
  pattern: `[ipv4-addr:value = '${value}']`,
  pattern_type: 'stix',
  valid_from: '2025-05-01T00:00:00Z',
});

interface Context {
  asset: { id: string; name: string };
  sources: { field: string; source: string; jobId: string | null; recordedBy: string }[];
  captures: { jobId: string; ip: string | null; serves: string[] }[];
  communications: { peer: string; protocol: string | null; role: string }[];
  operations: { protocol: string; source: string; destination: string }[];
  conflicts: { field: string; discoveredValue: string }[];
  sightings: { id: string; matched: string }[];
}
interface Hit {
  kind: string;
  id: string;
  label: string;
  link: string;
  exact: boolean;
}

// The asset page's API (one answer for the page; discovery conflicts for whoever may read the
// asset) and the top bar's search, each with other organisations and bad input.
describe.each(backends)('asset page and global search API (%s)', (backend) => {
  let w: World;
  let pump = '';
  let jobId = '';
  let indicatorId = '';

  const context = (who: Person | null, id = pump) => w.request(who, 'GET', `/api/v1/assets/${id}/context`);
  const search = async (who: Person, q: string) => {
    const r = await w.request(who, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { recognised: string; hits: Hit[] };
  };

  beforeAll(async () => {
    w = await createWorld(backend, { captureLimit: 1024 * 1024 });
    await w.services.knowledge.importFrom(systemActor('test'), `${data}csaf/OT/2024/icsa-24-065-01.json`);
    // A person enters the PLC with a wrong MAC, shared upward at GREEN; the capture then disagrees.
    const created = await w.request(w.people.analystE1, 'POST', '/api/v1/assets', { name: 'Pump PLC', ip: '10.0.0.3', mac: 'aa:aa:aa:aa:aa:aa', vendor: 'Acme', tlp: 'green', sharedUpward: true });
    pump = (created.json() as { id: string }).id;
    const upload = await w.request(w.people.analystE1, 'POST', '/api/v1/captures?name=plant.pcap&tlp=green&sharedUpward=true', modbus, { 'content-type': 'application/octet-stream' });
    expect(upload.statusCode, upload.body).toBe(202);
    jobId = (upload.json() as { id: string }).id;
    await w.services.captures.idle();
    const ind = indicator('10.0.0.3');
    indicatorId = ind.id;
    const imported = await w.request(w.people.analystE1, 'POST', '/api/v1/intel/imports?name=scan.json&tlp=green&sharedUpward=true', JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects: [ind] }), stixJson);
    expect(imported.statusCode, imported.body).toBe(200);
    await w.request(w.people.analystE1, 'POST', '/api/v1/assets', { name: 'Lobby door', vendor: 'Nice', model: 'Linear eMerge E3-Series', firmwareVersion: '1.00-06' });
  });
  afterAll(async () => {
    await w.close();
  });

  it('answers discovery conflicts to readers of a parent organisation who may see the shared asset (defect 1)', async () => {
    const owner = await w.request(w.people.viewerE1, 'GET', `/api/v1/assets/${pump}/discovery-conflicts`);
    expect(owner.statusCode).toBe(200);
    const conflicts = owner.json() as { field: string; discoveredValue: string }[];
    expect(conflicts).toContainEqual(expect.objectContaining({ field: 'mac', discoveredValue: '00:02:b3:ce:70:51' }));
    for (const parent of [w.people.analystP, w.people.adminP, w.people.responderP, w.people.adminN]) {
      const r = await w.request(parent, 'GET', `/api/v1/assets/${pump}/discovery-conflicts`);
      expect(r.statusCode, parent.username).toBe(200);
      expect(r.json()).toEqual(conflicts);
    }
    // A parent viewer does not read shared assets; a sibling never does.
    expect((await w.request(w.people.viewerP, 'GET', `/api/v1/assets/${pump}/discovery-conflicts`)).statusCode).toBe(404);
    expect((await w.request(w.people.analystE2, 'GET', `/api/v1/assets/${pump}/discovery-conflicts`)).statusCode).toBe(404);
  });

  it('serves the asset page in one answer: sources, captures, communications, operations, conflicts, sightings', async () => {
    const r = await context(w.people.viewerE1);
    expect(r.statusCode, r.body).toBe(200);
    const c = r.json() as Context;
    expect(c.asset.name).toBe('Pump PLC');
    // The person entered the name and IP; discovery filled nothing the person set (the MAC is a conflict).
    expect(c.sources).toContainEqual(expect.objectContaining({ field: 'ip', source: 'person', recordedBy: 'analyst.e1' }));
    expect(c.sources.find((s) => s.field === 'mac')?.source).toBe('person');
    expect(c.captures).toEqual([expect.objectContaining({ jobId, ip: '10.0.0.3' })]);
    expect(c.captures[0]?.serves).toContain('modbus');
    expect(c.communications.length).toBeGreaterThan(0);
    expect(c.communications.every((m) => m.role === 'server' || m.role === 'client')).toBe(true);
    expect(c.communications.some((m) => m.protocol === 'modbus' && m.role === 'server')).toBe(true);
    expect(c.operations.length).toBeGreaterThan(0);
    expect(c.operations.every((o) => o.source === '10.0.0.3' || o.destination === '10.0.0.3')).toBe(true);
    expect(c.conflicts.map((x) => x.field)).toContain('mac');
    expect(c.sightings).toEqual([expect.objectContaining({ id: indicatorId, matched: 'ip' })]);
    // Discovery is the source of what it filled on the asset it created for the other host.
    const hosts = (await w.request(w.people.viewerE1, 'GET', `/api/v1/captures/${jobId}/hosts`)).json() as { ip: string; assetId: string | null }[];
    const other = hosts.find((h) => h.ip !== '10.0.0.3' && h.assetId !== null);
    const discovered = (await context(w.people.viewerE1, other?.assetId ?? '')).json() as Context;
    expect(discovered.sources).toContainEqual(expect.objectContaining({ field: 'ip', source: 'discovery', jobId }));
  });

  it('shows the page to a parent analyst and hides it from a sibling and the anonymous', async () => {
    const parent = await context(w.people.analystP);
    expect(parent.statusCode).toBe(200);
    expect((parent.json() as Context).captures).toHaveLength(1);
    expect((await context(w.people.analystE2)).statusCode).toBe(404);
    expect((await context(w.people.viewerP)).statusCode).toBe(404);
    expect((await context(null)).statusCode).toBe(401);
    expect((await context(w.people.viewerE1, 'no-such-asset')).statusCode).toBe(404);
  });

  it('recognises what the search text names and links to it', async () => {
    const ip = await search(w.people.viewerE1, '10.0.0.3');
    expect(ip.recognised).toBe('ip');
    expect(ip.hits[0]).toMatchObject({ kind: 'asset', id: pump, link: `/assets/${pump}`, exact: true });
    expect(ip.hits).toContainEqual(expect.objectContaining({ kind: 'intel', id: indicatorId, link: `/intel/objects/${indicatorId}` }));
    const mac = await search(w.people.viewerE1, 'AA-AA-AA-AA-AA-AA');
    expect(mac.recognised).toBe('mac');
    expect(mac.hits[0]).toMatchObject({ kind: 'asset', id: pump, exact: true });
    const name = await search(w.people.viewerE1, 'pump plc');
    expect(name.hits.filter((h) => h.exact)).toEqual([expect.objectContaining({ kind: 'asset', id: pump })]);
    const stix = await search(w.people.viewerE1, indicatorId);
    expect(stix).toMatchObject({ recognised: 'stix', hits: [{ kind: 'intel', id: indicatorId, exact: true }] });
    const vulns = (await w.request(w.people.viewerE1, 'GET', '/api/v1/kb/vulnerabilities?q=eMerge&limit=1')).json() as { items: { id: string; aliases: { scheme: string; value: string }[] }[] };
    const vuln = vulns.items[0];
    const cve = vuln?.aliases.find((a) => a.scheme === 'cve')?.value ?? '';
    expect(cve).toMatch(/^CVE-/);
    const found = await search(w.people.viewerE1, cve.toLowerCase());
    expect(found.recognised).toBe('cve');
    expect(found.hits.filter((h) => h.exact)).toEqual([expect.objectContaining({ kind: 'vulnerability', id: vuln?.id, label: cve, link: `/knowledge/vulnerabilities/${vuln?.id ?? ''}` })]);
    const advisory = await search(w.people.viewerE1, 'ICSA-24-065-01');
    expect(advisory.recognised).toBe('advisory');
    expect(advisory.hits.filter((h) => h.kind === 'vulnerability').length).toBeGreaterThan(1);
    const words = await search(w.people.viewerE1, 'eMerge');
    expect(words.hits.some((h) => h.kind === 'vulnerability')).toBe(true);
    expect(words.hits.some((h) => h.kind === 'asset' && h.label === 'Lobby door')).toBe(true);
  });

  it('finds only what the caller may see', async () => {
    // The sibling sees neither the asset nor E1's indicator; the parent analyst sees both (shared at GREEN).
    expect((await search(w.people.analystE2, '10.0.0.3')).hits).toEqual([]);
    expect((await search(w.people.analystE2, indicatorId)).hits).toEqual([]);
    expect((await search(w.people.analystE2, 'Lobby door')).hits.filter((h) => h.kind === 'asset')).toEqual([]);
    const parent = await search(w.people.analystP, '10.0.0.3');
    expect(parent.hits.map((h) => h.id)).toEqual(expect.arrayContaining([pump, indicatorId]));
    expect((await search(w.people.viewerP, '10.0.0.3')).hits.filter((h) => h.kind === 'asset')).toEqual([]);
  });

  it('refuses bad search input with located 400s', async () => {
    for (const [q, path] of [
      ['', 'querystring.q'],
      ['   ', 'querystring.q'],
      ['x'.repeat(201), 'querystring.q'],
    ] as const) {
      const r = await w.request(w.people.viewerE1, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}`);
      expect(r.statusCode, JSON.stringify(q)).toBe(400);
      expect(errorOf(r).details[0]?.path).toBe(path);
    }
    expect((await w.request(w.people.viewerE1, 'GET', '/api/v1/search')).statusCode).toBe(400);
    expect((await w.request(w.people.viewerE1, 'GET', '/api/v1/search?q=a&kind=asset')).statusCode).toBe(400);
    expect((await w.request(null, 'GET', '/api/v1/search?q=pump')).statusCode).toBe(401);
    // Text that is pattern syntax or SQL wildcards is only text.
    expect((await w.request(w.people.viewerE1, 'GET', `/api/v1/search?q=${encodeURIComponent("%_' or 1=1 --")}`)).statusCode).toBe(200);
  });
});
