import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../../test/support/fixture.js';
import { systemActor } from '../../platform/access.js';
import type { Alert } from './types.js';

const data = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));

// Knowledge alerts from real advisories and the real KEV catalogue: raised where exposures are
// recomputed, once per asset and vulnerability, and visible like other alerts.
describe('knowledge alerts', () => {
  let w: World;
  const op = systemActor('test');

  const alerts = async (ruleId: string, who = w.people.analystE1): Promise<Alert[]> => {
    const r = await w.request(who, 'GET', `/api/v1/alerts?ruleId=${ruleId}&limit=200`);
    expect(r.statusCode, r.body).toBe(200);
    return (r.json() as { items: Alert[] }).items;
  };

  beforeAll(async () => {
    w = await createWorld('pglite');
    for (const f of ['csaf/OT/2024/icsa-24-284-01.json', 'csaf/OT/2024/icsa-24-102-01.json', 'csaf/OT/2024/icsa-24-074-05.json', 'csaf/OT/2024/icsa-24-074-11.json', 'kev/known_exploited_vulnerabilities.json']) await w.services.knowledge.importFrom(op, `${data}${f}`);
  });
  afterAll(async () => {
    await w.close();
  });

  it('raises an advisory alert when an asset becomes affected, once', async () => {
    const cpu = await w.services.assets.create(op, { name: 'plc-1516', vendor: 'Siemens', model: 'SIMATIC S7-1500 CPU 1516-3 PN/DP', firmwareVersion: 'V2.9.4', orgId: w.orgs.E1, tlp: 'green', sharedUpward: true, criticality: 'high' });
    await w.services.knowledge.recomputeAssets([cpu.id]);
    const raised = (await alerts('knowledge:advisory')).filter((a) => a.assetIds.includes(cpu.id));
    expect(raised.length).toBeGreaterThan(0);
    expect(raised[0]).toMatchObject({ entity: `asset:${cpu.id}`, orgId: w.orgs.E1, count: 1, tlp: 'green', sharedUpward: true });
    expect(raised[0]?.selections.some((s) => s.startsWith('vulnerability:'))).toBe(true);
    expect(raised[0]?.selections.some((s) => s.startsWith('advisory:'))).toBe(true);
    expect(raised[0]?.ruleTitle).toContain('plc-1516');

    // Recomputed again, and after the alert is resolved: not raised a second time.
    await w.services.knowledge.recomputeAssets([cpu.id]);
    const r = await w.request(w.people.analystE1, 'PATCH', `/api/v1/alerts/${raised[0]?.id}`, { status: 'resolved' });
    expect(r.statusCode, r.body).toBe(200);
    await w.services.knowledge.recomputeAssets([cpu.id]);
    const again = (await alerts('knowledge:advisory')).filter((a) => a.assetIds.includes(cpu.id));
    expect(again.map((a) => [a.id, a.count])).toEqual(raised.map((a) => [a.id, 1]));
    // A sibling organisation sees none of it.
    expect((await alerts('knowledge:advisory', w.people.analystE2)).filter((a) => a.assetIds.includes(cpu.id))).toEqual([]);
  });

  it('raises a KEV alert only for critical assets', async () => {
    const make = async (name: string, criticality: 'critical' | 'medium') => (await w.services.assets.create(op, { name, vendor: 'Siemens', model: 'RUGGEDCOM APE1808', firmwareVersion: null, orgId: w.orgs.E1, tlp: 'amber', sharedUpward: false, criticality })).id;
    const critical = await make('ape-critical', 'critical');
    const plain = await make('ape-plain', 'medium');
    await w.services.knowledge.recomputeAssets([critical, plain]);
    const exposures = await w.services.knowledge.exposures.forAsset(op, critical, { kev: true, limit: 200 });
    const expected = exposures.items.filter((e) => e.kev && e.verdict === 'affected').map((e) => `vulnerability:${e.vulnId}`).sort();
    expect(expected.length).toBeGreaterThan(0);
    const kev = await alerts('knowledge:kev');
    expect(kev.filter((a) => a.assetIds.includes(plain))).toEqual([]);
    const mine = kev.filter((a) => a.assetIds.includes(critical));
    // One per affected known-exploited vulnerability; an unknown verdict raises none.
    expect(mine.map((a) => a.selections[0]).sort()).toEqual(expected);
    expect(mine.every((a) => a.severity === 'critical' && a.level === 'critical')).toBe(true);
  });
});
