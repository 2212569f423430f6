import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/platform/access.js';
import { createWorld, errorOf, type World } from './support/fixture.js';

const data = fileURLToPath(new URL('../../shared/data/', import.meta.url));

interface Page {
  total: number;
  counts: { affected: number; unknown: number; kev: number; confirmed: number; rejected: number; open: number };
  items: { assetId: string; vulnId: string; cve: string | null; kev: boolean; verdict: string; confidence: number; reasons: { basis: string; confidence: number; product: string }[]; decision: { decision: string; comment: string; by: string } | null }[];
}

// Exposures people work with: paged, known-exploited first, every match with its confidence and
// basis, and decisions (confirm, reject) that only the asset's organisation takes and that outlive
// recorrelation. Other organisations: a sibling sees nothing, a parent reads but does not decide.
describe('exposure API', () => {
  let w: World;
  let cpu: string;
  let tm: string;
  let ape: string;
  const op = systemActor('test');

  beforeAll(async () => {
    w = await createWorld('pglite');
    for (const f of ['csaf/OT/2024/icsa-24-102-01.json', 'csaf/OT/2024/icsa-24-284-01.json', 'csaf/OT/2024/icsa-24-074-05.json', 'csaf/OT/2024/icsa-24-074-11.json', 'kev/known_exploited_vulnerabilities.json']) {
      await w.services.knowledge.importFrom(op, `${data}${f}`);
    }
    const make = async (name: string, vendor: string, model: string, firmwareVersion: string | null) =>
      (await w.services.assets.create(op, { name, vendor, model, firmwareVersion, orgId: w.orgs.E1, tlp: 'green', sharedUpward: true })).id;
    cpu = await make('plc-1516', 'Siemens', 'SIMATIC S7-1500 CPU 1516-3 PN/DP', 'V2.9.4');
    tm = await make('tm-mfp', 'Siemens', 'SIMATIC S7-1500 TM MFP', 'V1.0.0');
    ape = await make('ape-1808', 'Siemens', 'RUGGEDCOM APE1808', null);
  });
  afterAll(async () => {
    await w.close();
  });

  const get = async (url: string, who = w.people.analystE1) => {
    const r = await w.request(who, 'GET', url);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as Page;
  };

  it('does not give a CPU the CVEs of the TM MFP module of its product line, and says why it matches what it does', async () => {
    const mine = await get(`/api/v1/assets/${cpu}/exposures`);
    expect(mine.items.map((e) => e.cve)).toEqual(['CVE-2024-46886']);
    const [only] = mine.items;
    expect(only?.confidence).toBeGreaterThan(0.5);
    expect(only?.reasons.every((r) => r.basis.length > 0 && r.product.includes('1516-3'))).toBe(true);
    const module = await get(`/api/v1/assets/${tm}/exposures`);
    expect(module.items).toHaveLength(8);
    expect(module.items.every((e) => e.reasons.every((r) => r.product.includes('TM MFP')))).toBe(true);
  });

  it('pages an asset’s exposures with known-exploited entries first and counts per group', async () => {
    const all = await get(`/api/v1/assets/${ape}/exposures?limit=200`);
    expect(all.counts.kev).toBeGreaterThan(0);
    expect(all.total).toBe(all.counts.affected + all.counts.unknown);
    const kevFirst = all.items.findIndex((e) => !e.kev);
    expect(all.items.slice(0, kevFirst === -1 ? undefined : kevFirst).every((e) => e.kev)).toBe(true);
    expect(all.items.slice(kevFirst === -1 ? all.items.length : kevFirst).some((e) => e.kev)).toBe(false);
    const first = await get(`/api/v1/assets/${ape}/exposures?limit=2`);
    const second = await get(`/api/v1/assets/${ape}/exposures?limit=2&offset=2`);
    expect(first.items.map((e) => e.vulnId)).toEqual(all.items.slice(0, 2).map((e) => e.vulnId));
    expect(second.items.map((e) => e.vulnId)).toEqual(all.items.slice(2, 4).map((e) => e.vulnId));
    const kev = await get(`/api/v1/assets/${ape}/exposures?kev=true&limit=200`);
    expect(kev.total).toBe(all.counts.kev);
    expect(kev.items.every((e) => e.kev)).toBe(true);
  });

  it('keeps a rejection across recorrelation and shows rejected matches apart', async () => {
    const before = await get(`/api/v1/assets/${tm}/exposures`);
    const target = before.items[0];
    if (target === undefined) throw new Error('no exposure');
    const reject = await w.request(w.people.analystE1, 'PUT', `/api/v1/assets/${tm}/exposures/${target.cve ?? target.vulnId}/decision`, { decision: 'rejected', comment: 'the module runs without the Linux subsystem here' });
    expect(reject.statusCode, reject.body).toBe(200);
    expect((reject.json() as Page['items'][number]).decision).toMatchObject({ decision: 'rejected', by: 'analyst.e1' });
    const correlated = await w.request(w.people.analystE1, 'POST', '/api/v1/kb/correlate', { assetIds: [tm] });
    expect(correlated.statusCode).toBe(200);
    const after = await get(`/api/v1/assets/${tm}/exposures`);
    expect(after.items.map((e) => e.vulnId)).not.toContain(target.vulnId);
    expect(after.counts.rejected).toBe(1);
    const rejected = await get(`/api/v1/assets/${tm}/exposures?decision=rejected`);
    expect(rejected.items.map((e) => [e.vulnId, e.decision?.comment])).toEqual([[target.vulnId, 'the module runs without the Linux subsystem here']]);
    // Confirming another, then withdrawing it.
    const other = after.items[0];
    if (other === undefined) throw new Error('no second exposure');
    expect((await w.request(w.people.adminE1, 'PUT', `/api/v1/assets/${tm}/exposures/${other.vulnId}/decision`, { decision: 'confirmed', comment: 'checked on site' })).statusCode).toBe(200);
    expect((await get(`/api/v1/assets/${tm}/exposures?decision=confirmed`)).items.map((e) => e.vulnId)).toEqual([other.vulnId]);
    expect((await w.request(w.people.adminE1, 'DELETE', `/api/v1/assets/${tm}/exposures/${other.vulnId}/decision`)).statusCode).toBe(204);
    expect((await get(`/api/v1/assets/${tm}/exposures?decision=confirmed`)).total).toBe(0);
  });

  it('lets only admins and analysts of the asset’s organisation decide; a sibling sees nothing', async () => {
    const [e] = (await get(`/api/v1/assets/${ape}/exposures`)).items;
    if (e === undefined) throw new Error('no exposure');
    const url = `/api/v1/assets/${ape}/exposures/${e.vulnId}/decision`;
    const body = { decision: 'rejected', comment: 'not ours' };
    expect((await w.request(w.people.analystE2, 'GET', `/api/v1/assets/${ape}/exposures`)).statusCode).toBe(404);
    expect((await w.request(w.people.analystE2, 'PUT', url, body)).statusCode).toBe(404);
    expect((await w.request(w.people.viewerE1, 'PUT', url, body)).statusCode).toBe(403);
    // The parent reads the shared asset's exposures but does not decide for the enterprise.
    expect((await w.request(w.people.analystP, 'GET', `/api/v1/assets/${ape}/exposures`)).statusCode).toBe(200);
    expect((await w.request(w.people.analystP, 'PUT', url, body)).statusCode).toBe(403);
    expect((await w.request(null, 'PUT', url, body)).statusCode).toBe(401);
  });

  it('refuses bad input with located 4xx answers', async () => {
    const [e] = (await get(`/api/v1/assets/${ape}/exposures`)).items;
    if (e === undefined) throw new Error('no exposure');
    const url = `/api/v1/assets/${ape}/exposures/${e.vulnId}/decision`;
    const bad = await w.request(w.people.analystE1, 'PUT', url, { decision: 'maybe', comment: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details[0]?.path).toBe('body.decision');
    const empty = await w.request(w.people.analystE1, 'PUT', url, { decision: 'rejected', comment: '   ' });
    expect(errorOf(empty).details[0]?.path).toBe('body.comment');
    expect((await w.request(w.people.analystE1, 'PUT', url, { decision: 'rejected', comment: 'x', extra: 1 })).statusCode).toBe(400);
    expect((await w.request(w.people.analystE1, 'PUT', `/api/v1/assets/${ape}/exposures/CVE-1999-0001/decision`, { decision: 'rejected', comment: 'x' })).statusCode).toBe(404);
    expect((await w.request(w.people.analystE1, 'PUT', `/api/v1/assets/nope/exposures/${e.vulnId}/decision`, { decision: 'rejected', comment: 'x' })).statusCode).toBe(404);
    for (const q of ['limit=0', 'limit=x', 'minConfidence=2', 'verdict=maybe', 'kev=yes', 'decision=all', 'grade=huge', 'unknown=1']) {
      const r = await w.request(w.people.analystE1, 'GET', `/api/v1/exposures?${q}`);
      expect(r.statusCode, q).toBe(400);
    }
  });

  it('lists every visible asset’s exposures with filters; other organisations see only their own', async () => {
    const all = await get('/api/v1/exposures?limit=200');
    expect(new Set(all.items.map((e) => e.assetId))).toEqual(new Set([cpu, tm, ape]));
    const kev = await get('/api/v1/exposures?kev=true');
    expect(kev.total).toBeGreaterThan(0);
    expect(kev.items.every((e) => e.kev && e.assetId === ape)).toBe(true);
    const unknown = await get('/api/v1/exposures?verdict=unknown&limit=200');
    expect(unknown.items.every((e) => e.verdict === 'unknown')).toBe(true);
    expect(unknown.total).toBe(all.counts.unknown);
    const sure = await get('/api/v1/exposures?minConfidence=0.9&limit=200');
    expect(sure.items.every((e) => e.confidence >= 0.9)).toBe(true);
    const rejected = await get('/api/v1/exposures?decision=rejected');
    expect(rejected.items.every((e) => e.decision?.decision === 'rejected')).toBe(true);
    const byText = await get('/api/v1/exposures?q=CVE-2024-46886');
    expect(byText.items.map((e) => e.assetId)).toEqual([cpu]);
    expect((await get('/api/v1/exposures', w.people.analystE2)).total).toBe(0);
    expect((await get('/api/v1/exposures', w.people.analystP)).total).toBe(all.total);
  });

  it('shows a product family with its order numbers, and each range with the name its source wrote', async () => {
    const r = await w.request(w.people.analystE2, 'GET', `/api/v1/kb/products?id=${encodeURIComponent('siemens/simatic s7-1500 cpu 1516-3 pn/dp')}`);
    expect(r.statusCode).toBe(200);
    const p = r.json() as { variants: string[]; vulnerabilities: { range_text: string; product_text: string | null }[] };
    expect(p.variants).toEqual(['6ES7516-3AN01-0AB0', '6ES7516-3AN02-0AB0', '6ES7516-3AP03-0AB0']);
    expect(p.vulnerabilities.map((v) => `${v.product_text ?? ''} ${v.range_text}`).sort()).toEqual([
      'SIMATIC S7-1500 CPU 1516-3 PN/DP (6ES7516-3AN01-0AB0) vers:all/*',
      'SIMATIC S7-1500 CPU 1516-3 PN/DP (6ES7516-3AN02-0AB0) vers:all/*',
      'SIMATIC S7-1500 CPU 1516-3 PN/DP (6ES7516-3AP03-0AB0) vers:all/<V3.1.4',
    ]);
  });
});
