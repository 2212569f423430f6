import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../platform/access.js';
import { createServices, type Services } from '../services.js';
import { backends, createTestDatabase, type TestDatabase } from '../storage/test-backends.js';
import { demoDrafts, demoSensors, seedDemoEvents, simulateDemoStream } from './demo-sensing.js';

describe('the demo stream', () => {
  it('spans the last 24 hours: routine polling all day, the engineering session twice', async () => {
    const stream = await simulateDemoStream();
    expect(stream.routine.length).toBeGreaterThan(10);
    expect(stream.session.map((e) => e.draft.fields.ics?.operation)).toEqual(expect.arrayContaining(['stop', 'program-download', 'start']));
    const now = Date.parse('2026-12-07T12:34:56Z');
    const plan = demoSensors[0]!;
    const drafts = demoDrafts(stream, plan, now);
    const times = drafts.map((d) => Date.parse(d.time));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(now - 24 * 3_600_000 - 60_000);
    expect(Math.max(...times)).toBeLessThan(now);
    expect(drafts.filter((d) => d.fields.ics?.operation === 'stop')).toHaveLength(2);
    // Every hour of the day has routine traffic.
    const hours = new Set(times.map((t) => Math.floor((now - t) / 3_600_000)));
    for (let h = 0; h < 24; h++) expect(hours.has(h), `hour ${h} ago`).toBe(true);
    expect(drafts.every((d) => d.fields.observer?.name === plan.sensor && d.id === undefined)).toBe(true);
    // The chemicals plant's sensor sees the same plant on its own addresses.
    const chem = demoDrafts(stream, demoSensors[1]!, now);
    expect(chem.every((d) => !JSON.stringify(d).includes('10.20.'))).toBe(true);
    expect(chem[0]?.fields.source?.ip).toMatch(/^172\.16\./);
  });
});

describe.each(backends)('demo events on %s', (backend) => {
  let database: TestDatabase;
  let services: Services;
  beforeAll(async () => {
    database = await createTestDatabase(backend);
    services = createServices(database);
  }, 60_000);
  afterAll(async () => {
    await services?.sensing.close();
    await database?.dispose();
  });

  it('are written once through the ingest, within seconds, and resolve to the plant assets', { timeout: 120_000 }, async () => {
    const actor = systemActor('test');
    const root = await services.orgs.create(actor, { name: 'Demo root', level: 'national', parentId: null });
    const water = await services.orgs.create(actor, { name: 'Water', level: 'enterprise', parentId: root.id });
    const chem = await services.orgs.create(actor, { name: 'Chem', level: 'enterprise', parentId: root.id });
    const plc = await services.assets.create(actor, { orgId: water.id, name: 'Dosing PLC', ip: '10.20.1.12' });
    const ids = new Map([
      ['water', water.id],
      ['chem', chem.id],
    ]);
    const started = performance.now();
    const written = await seedDemoEvents(services, actor, ids);
    const ms = performance.now() - started;
    expect(written).toBeGreaterThan(1000);
    // The budget of a first start; the figure goes to the report.
    expect(ms).toBeLessThan(15_000);
    console.info(JSON.stringify({ bench: 'demo-events', backend, metric: 'seed', value: Math.round(ms), unit: 'ms', n: written }));

    const db = database.db;
    const rows = await db.selectFrom('events').select(['org_id', 'source_type', db.fn.countAll<string>().as('n')]).groupBy(['org_id', 'source_type']).execute();
    expect(rows.map((r) => [r.org_id, r.source_type, Number(r.n)]).sort()).toEqual(
      [
        [water.id, 'sensor', expect.any(Number)],
        [chem.id, 'sensor', expect.any(Number)],
      ].sort(),
    );
    expect(rows.reduce((sum, r) => sum + Number(r.n), 0)).toBe(written);
    const toPlc = await db.selectFrom('events').select(db.fn.countAll<string>().as('n')).where('destination_asset_id', '=', plc.id).executeTakeFirstOrThrow();
    expect(Number(toPlc.n)).toBeGreaterThan(0);
    const sensors = await db.selectFrom('sensors').select(['name', 'events_received', 'last_contact_at']).orderBy('name').execute();
    expect(sensors.map((s) => s.name)).toEqual(['ngc-demo-sensor', 'wtp-demo-sensor']);
    expect(sensors.every((s) => s.last_contact_at !== null && Number(s.events_received) > 0)).toBe(true);

    expect(await seedDemoEvents(services, actor, ids)).toBe(0);
    const again = await db.selectFrom('events').select(db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(again.n)).toBe(written);
  });
});
