import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/platform/access.js';
import { backends } from '../src/storage/test-backends.js';
import { createWorld, errorOf, type Person, type World } from './support/fixture.js';

const data = fileURLToPath(new URL('../../shared/data/', import.meta.url));

interface Listed {
  id: string;
  name: string;
  orgId: string;
  criticality: string;
  zone: string | null;
  tlp: string;
  exposure: { affected: number; unknown: number; kev: number; highestGrade: string | null };
}
interface Page {
  items: Listed[];
  nextCursor: string | null;
}

// The inventory's list beyond names: exposure figures, filters and sort keys, bulk changes, saved
// filters and the CSV export; each with other organisations and bad input.
describe.each(backends)('assets API: list, bulk changes, saved filters, export (%s)', (backend) => {
  let w: World;
  const ids: Record<string, string> = {};

  async function create(who: Person, body: Record<string, unknown>): Promise<string> {
    const r = await w.request(who, 'POST', '/api/v1/assets', body);
    expect(r.statusCode, r.body).toBe(201);
    return (r.json() as { id: string }).id;
  }
  const list = async (who: Person, query: string) => {
    const r = await w.request(who, 'GET', `/api/v1/assets?${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as Page;
  };

  beforeAll(async () => {
    w = await createWorld(backend);
    await w.services.knowledge.importFrom(systemActor('test'), `${data}csaf/OT/2024/icsa-24-065-01.json`);
    await w.services.knowledge.importFrom(systemActor('test'), `${data}kev/known_exploited_vulnerabilities.json`);
    ids['door'] = await create(w.people.analystE1, { name: 'Lobby door', vendor: 'Nice', model: 'Linear eMerge E3-Series', firmwareVersion: '1.00-06', criticality: 'high', zone: 'Level 3', tlp: 'green', sharedUpward: true });
    ids['pump'] = await create(w.people.analystE1, { name: 'Pump PLC', ip: '10.0.0.3', vendor: 'Acme', criticality: 'critical', zone: 'Level 1' });
    ids['hmi'] = await create(w.people.analystE1, { name: 'HMI 1', ip: '10.0.0.9', criticality: 'low', zone: 'Level 2', tlp: 'green', sharedUpward: true });
    ids['sibling'] = await create(w.people.analystE2, { name: 'E2 historian', criticality: 'medium' });
  });
  afterAll(async () => {
    await w.close();
  });

  it('gives each asset its exposure figures as the exposure list counts them', async () => {
    const exposures = (await w.request(w.people.viewerE1, 'GET', `/api/v1/assets/${ids['door']}/exposures`)).json() as { items: { verdict: string; kev: boolean; grade: string | null }[] };
    const affected = exposures.items.filter((e) => e.verdict === 'affected');
    expect(affected.length).toBeGreaterThan(0);
    const door = (await list(w.people.viewerE1, 'q=Lobby')).items[0];
    expect(door?.exposure.affected).toBe(affected.length);
    expect(door?.exposure.unknown).toBe(exposures.items.length - affected.length);
    expect(door?.exposure.kev).toBe(affected.filter((e) => e.kev).length);
    const order = ['critical', 'high', 'medium', 'low'];
    const highest = affected.map((e) => e.grade).filter((g): g is string => g !== null).sort((a, b) => order.indexOf(a) - order.indexOf(b))[0] ?? null;
    expect(door?.exposure.highestGrade).toBe(highest);
    // The single asset answer carries the same figures.
    expect(((await w.request(w.people.viewerE1, 'GET', `/api/v1/assets/${ids['door']}`)).json() as Listed).exposure).toEqual(door?.exposure);
    // A parent analyst sees the shared asset with the same figures (the CSAF records are published).
    expect((await list(w.people.analystP, 'q=Lobby')).items[0]?.exposure).toEqual(door?.exposure);
  });

  it('filters and sorts on the server, and pages every sort without gaps or repeats', async () => {
    expect((await list(w.people.viewerE1, 'exposed=true')).items.map((a) => a.name)).toEqual(['Lobby door']);
    expect((await list(w.people.viewerE1, 'exposed=false')).items.map((a) => a.name)).toEqual(['HMI 1', 'Pump PLC']);
    const kevCount = (await list(w.people.viewerE1, 'q=Lobby')).items[0]?.exposure.kev ?? 0;
    expect((await list(w.people.viewerE1, 'kev=true')).items.length).toBe(kevCount > 0 ? 1 : 0);
    expect((await list(w.people.viewerE1, 'minGrade=low')).items.map((a) => a.name)).toEqual(['Lobby door']);
    expect((await list(w.people.viewerE1, 'sort=criticality&order=desc')).items.map((a) => a.criticality)).toEqual(['critical', 'high', 'low']);
    expect((await list(w.people.viewerE1, 'sort=exposures&order=desc')).items[0]?.name).toBe('Lobby door');
    expect((await list(w.people.viewerE1, 'sort=zone')).items.map((a) => a.zone)).toEqual(['Level 1', 'Level 2', 'Level 3']);
    for (const sort of ['name', 'zone', 'criticality', 'exposures', 'grade', 'updated', 'kev', 'ip']) {
      for (const order of ['asc', 'desc']) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: Page = await list(w.people.viewerE1, `sort=${sort}&order=${order}&limit=1${cursor === null ? '' : `&cursor=${cursor}`}`);
          seen.push(...page.items.map((a) => a.id));
          cursor = page.nextCursor;
        } while (cursor !== null);
        expect(seen.sort(), `${sort} ${order}`).toEqual([ids['door'], ids['pump'], ids['hmi']].sort());
      }
    }
    // Shared assets only reach the parent's list, filtered the same way.
    expect((await list(w.people.analystP, 'sort=name')).items.map((a) => a.name)).toEqual(['HMI 1', 'Lobby door']);
    expect((await list(w.people.analystE2, 'sort=exposures&order=desc')).items.map((a) => a.name)).toEqual(['E2 historian']);
  });

  it('refuses bad list and export input with located 400s', async () => {
    for (const [query, path] of [
      ['sort=colour', 'querystring.sort'],
      ['order=up', 'querystring.order'],
      ['exposed=maybe', 'querystring.exposed'],
      ['minGrade=severe', 'querystring.minGrade'],
      ['sort=zone&cursor=nonsense', 'cursor'],
    ] as const) {
      const r = await w.request(w.people.viewerE1, 'GET', `/api/v1/assets?${query}`);
      expect(r.statusCode, query).toBe(400);
      expect(errorOf(r).details[0]?.path).toBe(path);
    }
    // A cursor of one sort is not accepted for another.
    const page = await list(w.people.viewerE1, 'sort=zone&limit=1');
    const other = await w.request(w.people.viewerE1, 'GET', `/api/v1/assets?sort=criticality&cursor=${page.nextCursor ?? ''}`);
    expect(other.statusCode).toBe(400);
    expect((await w.request(w.people.viewerE1, 'GET', '/api/v1/assets/export?sort=colour')).statusCode).toBe(400);
    expect((await w.request(w.people.viewerE1, 'GET', '/api/v1/assets/export?limit=5')).statusCode).toBe(400);
  });

  it('exports every filtered asset as CSV, not just a page, and only what the caller may see', async () => {
    const r = await w.request(w.people.viewerE1, 'GET', '/api/v1/assets/export?sort=criticality&order=desc');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
    const lines = r.body.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^name,organisation,zone,ip,mac,vendor,model,firmware_version,criticality,tlp,shared_upward,exposures,unknown,kev,highest_grade/);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['Pump PLC', 'Lobby door', 'HMI 1']);
    const filtered = await w.request(w.people.viewerE1, 'GET', '/api/v1/assets/export?exposed=false');
    expect(filtered.body.trimEnd().split('\r\n')).toHaveLength(3);
    const parent = await w.request(w.people.analystP, 'GET', '/api/v1/assets/export');
    expect(parent.body).not.toContain('Pump PLC');
    expect(parent.body).toContain('Lobby door');
    expect((await w.request(null, 'GET', '/api/v1/assets/export')).statusCode).toBe(401);
  });

  it('exports more than one internal page, and keeps a formula-like name as text', async () => {
    const csv = ['name,zone', '=SUM(A1),Level 9', ...Array.from({ length: 620 }, (_, i) => `bulk-${String(i).padStart(4, '0')},Level 9`)].join('\n');
    expect((await w.request(w.people.analystE2, 'POST', '/api/v1/assets/import', csv, { 'content-type': 'text/csv' })).statusCode).toBe(200);
    const r = await w.request(w.people.analystE2, 'GET', '/api/v1/assets/export?zone=Level%209');
    const lines = r.body.trimEnd().split('\r\n');
    expect(lines).toHaveLength(622);
    expect(lines).toContain(lines.find((l) => l.startsWith("'=SUM(A1)")));
    const names = lines.slice(1).map((l) => l.split(',')[0]);
    expect(new Set(names).size).toBe(621);
  });

  it('bulk-edits and bulk-deletes all or nothing, naming refused ids, and audits', async () => {
    const bulk = (who: Person, body: unknown, what = 'update') => w.request(who, 'POST', `/api/v1/assets/bulk-${what}`, body);
    // A sibling's asset in the set: 404 naming it by position, nothing changed.
    const mixed = await bulk(w.people.analystE1, { ids: [ids['pump'], ids['sibling']], set: { criticality: 'low' } });
    expect(mixed.statusCode).toBe(404);
    expect(errorOf(mixed).details).toEqual([expect.objectContaining({ path: 'ids.1', message: expect.stringContaining(ids['sibling'] ?? '') })]);
    expect(((await w.request(w.people.viewerE1, 'GET', `/api/v1/assets/${ids['pump']}`)).json() as Listed).criticality).toBe('critical');
    // A parent analyst sees shared assets but may not change them: 403 naming each.
    const parent = await bulk(w.people.analystP, { ids: [ids['door'], ids['hmi']], set: { zone: 'DMZ' } });
    expect(parent.statusCode).toBe(403);
    expect(errorOf(parent).details.map((d) => d.path)).toEqual(['ids.0', 'ids.1']);
    expect((await bulk(w.people.viewerE1, { ids: [ids['pump']], set: { zone: 'DMZ' } })).statusCode).toBe(403);
    // Bad input.
    for (const body of [{ ids: [], set: { zone: 'x' } }, { ids: [ids['pump']], set: {} }, { ids: [ids['pump']], set: { criticality: 'extreme' } }, { ids: [ids['pump']], set: { name: 'x' } }, { ids: 'all', set: { zone: 'x' } }]) {
      const r = await bulk(w.people.analystE1, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await bulk(w.people.analystE1, { ids: Array.from({ length: 1001 }, (_, i) => `id-${i}`), set: { zone: 'x' } })).statusCode).toBe(400);
    // The owner's analyst changes both at once.
    const ok = await bulk(w.people.analystE1, { ids: [ids['pump'], ids['hmi'], ids['pump']], set: { criticality: 'medium', zone: 'Level 1', tlp: 'amber', sharedUpward: false } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ count: 2, ids: [ids['pump'], ids['hmi']] });
    const after = (await list(w.people.viewerE1, 'zone=Level%201')).items;
    expect(after.map((a) => [a.name, a.criticality, a.tlp])).toEqual([['HMI 1', 'medium', 'amber'], ['Pump PLC', 'medium', 'amber']]);
    // No longer shared: the parent loses the HMI.
    expect((await w.request(w.people.analystP, 'GET', `/api/v1/assets/${ids['hmi']}`)).statusCode).toBe(404);
    const audit = (await w.request(w.people.adminE1, 'GET', '/api/v1/audit?action=asset.bulk-update')).json() as { items: { details: { count: number; ids: string[] } }[] };
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]?.details.count).toBe(2);
    // Delete: the sibling may not, the owner may.
    expect((await bulk(w.people.analystE2, { ids: [ids['hmi']] }, 'delete')).statusCode).toBe(404);
    const del = await bulk(w.people.analystE1, { ids: [ids['hmi']] }, 'delete');
    expect(del.statusCode).toBe(200);
    expect((await w.request(w.people.viewerE1, 'GET', `/api/v1/assets/${ids['hmi']}`)).statusCode).toBe(404);
    const deletions = (await w.request(w.people.adminE1, 'GET', '/api/v1/audit?action=asset.bulk-delete')).json() as { items: unknown[] };
    expect(deletions.items).toHaveLength(1);
  });

  it('keeps saved filters per user: others cannot list or delete them', async () => {
    const filter = { exposed: true, sort: 'grade', order: 'desc', criticality: 'high' };
    const saved = await w.request(w.people.viewerE1, 'POST', '/api/v1/assets/saved-filters', { name: 'Exposed, worst first', filter });
    expect(saved.statusCode, saved.body).toBe(201);
    const id = (saved.json() as { id: string }).id;
    expect((await w.request(w.people.viewerE1, 'POST', '/api/v1/assets/saved-filters', { name: 'Exposed, worst first', filter: {} })).statusCode).toBe(409);
    const mine = (await w.request(w.people.viewerE1, 'GET', '/api/v1/assets/saved-filters')).json() as { id: string; name: string; filter: unknown }[];
    expect(mine).toEqual([expect.objectContaining({ id, name: 'Exposed, worst first', filter })]);
    // Someone else in the same organisation, a sibling and a parent see none of it.
    for (const other of [w.people.analystE1, w.people.analystE2, w.people.adminP]) {
      expect((await w.request(other, 'GET', '/api/v1/assets/saved-filters')).json()).toEqual([]);
      expect((await w.request(other, 'DELETE', `/api/v1/assets/saved-filters/${id}`)).statusCode).toBe(404);
    }
    for (const body of [{ name: '', filter: {} }, { name: 'x', filter: { sort: 'colour' } }, { name: 'x', filter: { exposed: 'yes' } }, { name: 'x', filter: { limit: 5 } }, { name: 'x' }]) {
      expect((await w.request(w.people.viewerE1, 'POST', '/api/v1/assets/saved-filters', body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await w.request(w.people.viewerE1, 'DELETE', `/api/v1/assets/saved-filters/${id}`)).statusCode).toBe(204);
    expect((await w.request(w.people.viewerE1, 'GET', '/api/v1/assets/saved-filters')).json()).toEqual([]);
  });
});
