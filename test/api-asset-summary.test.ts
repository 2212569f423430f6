// GET /assets/summary: the overview's counts, under the same read rule as the asset list, on both backends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../src/storage/test-backends.js';
import { createWorld, type Person, type World } from './support/fixture.js';

interface Summary {
  total: number;
  sharedUpward: number;
  byCriticality: Record<string, number>;
  byTlp: Record<string, number>;
}

describe.each(backends)('asset summary (%s)', (backend) => {
  let w: World;

  const summary = async (who: Person) => {
    const r = await w.request(who, 'GET', '/api/v1/assets/summary');
    expect(r.statusCode).toBe(200);
    return JSON.parse(r.body) as Summary;
  };
  const listed = async (who: Person) => {
    const r = await w.request(who, 'GET', '/api/v1/assets?limit=500');
    return (JSON.parse(r.body) as { items: { criticality: string; tlp: string }[] }).items;
  };

  beforeAll(async () => {
    w = await createWorld(backend);
    const add = (who: Person, name: string, criticality: string, tlp: string, sharedUpward: boolean) =>
      w.request(who, 'POST', '/api/v1/assets', { name, criticality, tlp, sharedUpward });
    await add(w.people.analystE1, 'e1-shared-amber', 'critical', 'amber', true);
    await add(w.people.analystE1, 'e1-shared-red', 'high', 'red', true);
    await add(w.people.analystE1, 'e1-private', 'low', 'green', false);
    await add(w.people.analystE2, 'e2-shared', 'medium', 'clear', true);
  }, 120_000);

  afterAll(async () => {
    await w?.close();
  });

  it('counts an organisation’s own assets by criticality, TLP and sharing', async () => {
    const own = await summary(w.people.viewerE1);
    expect(own.total).toBe(3);
    expect(own.sharedUpward).toBe(2);
    expect(own.byCriticality).toEqual({ low: 1, medium: 0, high: 1, critical: 1 });
    expect(own.byTlp).toEqual({ clear: 0, green: 1, amber: 1, 'amber+strict': 0, red: 1 });
  });

  it('gives a sibling nothing of the other, and a parent only what travels upward (never RED)', async () => {
    expect((await summary(w.people.analystE2)).total).toBe(1);
    const parent = await summary(w.people.analystP);
    expect(parent.total).toBe(2);
    expect(parent.byTlp.red).toBe(0);
    expect(parent.byCriticality.critical).toBe(1);
    // A viewer of the parent reads only its own organisation's assets.
    expect((await summary(w.people.viewerP)).total).toBe(0);
  });

  it('agrees with the asset list for every caller', async () => {
    for (const who of [w.people.adminN, w.people.analystP, w.people.viewerP, w.people.analystE1, w.people.analystE2]) {
      const items = await listed(who);
      const s = await summary(who);
      expect(s.total).toBe(items.length);
      for (const c of ['low', 'medium', 'high', 'critical']) expect(s.byCriticality[c]).toBe(items.filter((i) => i.criticality === c).length);
    }
  });

  it('refuses anonymous callers and unknown query parameters', async () => {
    expect((await w.request(null, 'GET', '/api/v1/assets/summary')).statusCode).toBe(401);
    const bad = await w.request(w.people.analystE1, 'GET', '/api/v1/assets/summary?orgId=x');
    expect(bad.statusCode).toBe(400);
    expect((JSON.parse(bad.body) as { error: { code: string } }).error.code).toBe('invalid_input');
  });
});
