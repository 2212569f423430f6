import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/platform/access.js';
import { createWorld, type World } from './support/fixture.js';

const data = fileURLToPath(new URL('../../shared/data/', import.meta.url));

interface Result {
  total: number;
  items: { id: string; title: string | null; vendors: string[]; products: string[]; aliases: { scheme: string; value: string }[] }[];
}

// Knowledge search as people read it (issue 11, defect 5): CSAF records carry their advisory's title
// and product instead of nothing or their CVE id, and a vendor's name finds that vendor's records
// before records of another vendor that only mention it.
describe('knowledge search titles and ranking', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld('pglite');
    for (const f of ['2019/icsa-19-043-03.json', '2024/icsa-24-284-09.json', '2024/icsa-24-102-01.json']) await w.services.knowledge.importFrom(systemActor('test'), `${data}csaf/OT/${f}`);
  });
  afterAll(async () => {
    await w.close();
  });

  const search = async (q: string) => {
    const r = await w.request(w.people.viewerE1, 'GET', `/api/v1/kb/vulnerabilities?q=${encodeURIComponent(q)}&limit=50`);
    expect(r.statusCode).toBe(200);
    return r.json() as Result;
  };

  it('titles CSAF records with the advisory and the weakness, and lists their products', async () => {
    const all = await search('SIMATIC');
    expect(all.total).toBeGreaterThan(0);
    for (const v of all.items) {
      const cve = v.aliases.find((a) => a.scheme === 'cve')?.value;
      expect(v.title).not.toBeNull();
      expect(v.title).not.toBe(cve);
      expect(v.products.length).toBeGreaterThan(0);
    }
    expect(all.items.some((v) => v.title?.startsWith('Siemens SIMATIC S7-1500') === true && v.products.some((p) => p.includes('TM MFP')))).toBe(true);
  });

  it('ranks the vendor’s own records above records that mention it', async () => {
    const { items } = await search('Siemens');
    const wibu = items.findIndex((v) => v.vendors.some((x) => /wibu/i.test(x)));
    const siemens = items.map((v, i) => (v.vendors.some((x) => /^siemens$/i.test(x)) ? i : -1)).filter((i) => i >= 0);
    expect(siemens.length).toBe(10);
    // Every Siemens record comes before any WIBU-SYSTEMS one (which the search still finds).
    expect(wibu).toBeGreaterThan(Math.max(...siemens));
  });
});
