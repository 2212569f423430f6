import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access.js';
import { createServices, type Services } from '../../services.js';
import { backends, createTestDatabase, type TestDatabase } from '../../storage/test-backends.js';
import { plantHosts } from '../capture/simulator/plant.js';
import { rogueHost } from '../capture/simulator/scenarios.js';
import { simulatePlant } from '../capture/simulator/simulate.js';
import type { SensedEvent } from '../sensing/index.js';
import { createAssetEnricher, type EndpointAssetFields } from './enrich-assets.js';
import { installRulePack, readPack } from './pack/index.js';
import { captureEvents } from './pack/replay.js';

type WithAsset = { readonly asset?: EndpointAssetFields };
const sourceAsset = (e: SensedEvent) => (e.fields.source as WithAsset | undefined)?.asset;
const destinationAsset = (e: SensedEvent) => (e.fields.destination as WithAsset | undefined)?.asset;

// The asset-context enricher over a real inventory: the plant's routine capture analyzed as a capture
// job (assets created, roles inferred), then attack traffic enriched against it; one statement per
// batch once addresses are cached, new statements when the inventory changes. And the pack installed
// as platform rules raising alerts through the detector that createDetection wires.
describe.each(backends)('asset context and the rule pack on %s', (backend) => {
  let database: TestDatabase;
  let services: Services;
  let orgId: string;
  let dir: string;
  let statements = 0;
  const op = systemActor('test');
  const counting: KyselyPlugin = {
    transformQuery: (args) => {
      statements += 1;
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };

  async function orgEvents(scenario: 'stop-start-unknown-host' | 'address-takeover'): Promise<SensedEvent[]> {
    const r = await captureEvents(simulatePlant({ minutes: 0.5, scenarios: [scenario] }));
    return r.events.map((e) => ({ ...e, orgId }));
  }

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    services = createServices(database);
    orgId = (await services.orgs.create(op, { name: 'Riverside', level: 'enterprise', parentId: null })).id;
    dir = await mkdtemp(join(tmpdir(), 'bulwark-enrich-'));
    const routine = join(dir, 'routine.pcap');
    await writeFile(routine, simulatePlant({ minutes: 0.5 }));
    const job = await services.captures.analyzeFile(op, routine, { name: 'routine', orgId });
    expect(job.status).toBe('finished');
  });
  afterAll(async () => {
    await services.detection.stop();
    await database.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('marks known and unknown hosts with the roles the inventory holds, in one lookup per batch', async () => {
    const enricher = createAssetEnricher(database.db.withPlugin(counting));
    const events = await orgEvents('stop-start-unknown-host');
    statements = 0;
    const enriched = await enricher.enrich(events);
    expect(statements).toBe(2);
    const stops = enriched.filter((e) => e.fields.ics?.operation === 'stop');
    const rogueStop = stops.find((e) => e.fields.source?.ip === rogueHost.ip);
    expect(sourceAsset(rogueStop!)).toEqual({ known: false });
    expect(destinationAsset(rogueStop!)).toMatchObject({ known: true, role: 'plc', criticality: expect.any(String) });
    const ewsStop = stops.find((e) => e.fields.source?.ip === plantHosts.ews.ip);
    expect(sourceAsset(ewsStop!)).toMatchObject({ known: true, role: 'engineering-workstation' });
    // cached: the next batch over the same addresses only checks the inventory's version
    statements = 0;
    await enricher.enrich(events);
    expect(statements).toBe(1);
  });

  it('sees an inventory change at the next batch', async () => {
    const enricher = createAssetEnricher(database.db);
    const events = await orgEvents('stop-start-unknown-host');
    const before = await enricher.enrich(events);
    const plcEvent = before.find((e) => e.fields.destination?.ip === plantHosts.dosingPlc.ip)!;
    const id = destinationAsset(plcEvent)?.id as string;
    await services.assets.update(op, id, { zone: 'chemical-dosing', criticality: 'critical' });
    const after = await enricher.enrich(events);
    expect(destinationAsset(after.find((e) => e.fields.destination?.ip === plantHosts.dosingPlc.ip)!)).toMatchObject({ id, zone: 'chemical-dosing', criticality: 'critical' });
  });

  it('flags a known IP behind another MAC', async () => {
    const enriched = await createAssetEnricher(database.db).enrich(await orgEvents('address-takeover'));
    const takeover = enriched.filter((e) => e.fields.source?.ip === plantHosts.hmi.ip && e.fields.source.mac === rogueHost.mac);
    expect(takeover.length).toBeGreaterThan(0);
    for (const e of takeover) expect(sourceAsset(e)).toMatchObject({ known: true, mac_mismatch: true });
  });

  it('installs the pack as platform rules idempotently, and the detector raises its alerts on attack traffic', async () => {
    const first = await installRulePack(database, services.detection.rules);
    const files = await readPack();
    expect(first).toMatchObject({ files: files.length, unchanged: 0 });
    expect(first.created).toBe(first.rules);
    const again = await installRulePack(database, services.detection.rules);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: first.rules });
    const platform = (await services.detection.rules.list(op)).filter((r) => r.orgId === null);
    expect(platform.length).toBe(first.rules);

    // an upgraded file becomes a new version of its rules, the rest is untouched
    const upgraded = join(dir, 'pack');
    await rm(upgraded, { recursive: true, force: true });
    await mkdir(upgraded);
    for (const f of files) await writeFile(join(upgraded, f.file), f.file === files[0]!.file ? f.text.replace(/^level: \w+$/m, 'level: critical') : f.text);
    const upgrade = await installRulePack(database, services.detection.rules, op, `${upgraded}/`);
    expect(upgrade).toMatchObject({ created: 0, updated: 1, unchanged: first.rules - 1 });

    services.detection.detector.invalidate();
    const events = await orgEvents('stop-start-unknown-host');
    await services.detection.detector.process(events);
    const alerts = (await services.detection.alerts.list(op, {})).items.filter((a) => a.orgId === orgId);
    const techniques = new Set(alerts.flatMap((a) => a.techniques));
    for (const t of ['T0858', 'T0881', 'T0864']) expect(techniques).toContain(t);
    // the engineer's own stop and start in the routine traffic raise nothing: every stop linked is the laptop's
    const byId = new Map(events.map((e) => [e.id, e]));
    const stops = alerts.filter((a) => a.ruleTitle.startsWith('Controller stopped'));
    expect(stops.length).toBeGreaterThan(0);
    for (const a of stops) for (const id of a.eventIds) expect(byId.get(id)?.fields.source?.ip).toBe(rogueHost.ip);
  });
});
