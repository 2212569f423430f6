import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access.js';
import { createServices, type Services } from '../../services.js';
import { backends, createTestDatabase, type TestDatabase } from '../../storage/test-backends.js';
import { emitAllPendingCaptureEvents, emitCaptureOperationEvents } from './index.js';
import { createOrgs } from './test-support.js';
import type { SensedEvent } from './types.js';

const pcaps = fileURLToPath(new URL('../../../../shared/data/pcaps/', import.meta.url));

// Every capture job emits its operations log as events, with the assets it discovered resolved.
describe.each(backends)('capture operations as events on %s', (backend) => {
  let database: TestDatabase;
  let services: Services;
  let orgId: string;
  const op = systemActor('capture-events');

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    [services, orgId] = [createServices(database), (await createOrgs(database)).child];
  });
  afterAll(async () => {
    await services.sensing.close();
    await database.dispose();
  });

  it('stores one operation event per record, once, with ICS fields, hot columns and assets', async () => {
    const job = await services.captures.analyzeFile(op, `${pcaps}modbus/modbus_test_data_part1.pcap`, { name: 'part1', orgId, tlp: 'green' });
    const ops = await services.captures.operations(op, job.id, { limit: 1000 });
    expect(ops.items.length).toBeGreaterThan(0);
    // the job does not wait for the events: they are stored after it, in chunks (here of 7)
    const stored = () => database.db.selectFrom('events').select((eb) => eb.fn.countAll<string>().as('n')).where('source_id', '=', job.id).executeTakeFirstOrThrow();
    expect(Number((await stored()).n)).toBe(0);
    // each committed chunk's new events go to the bus (detection subscribes there), once
    const published: SensedEvent[] = [];
    expect(await emitAllPendingCaptureEvents(database, 7, (batch) => published.push(...batch))).toBe(ops.items.length);
    const mark = await database.db.selectFrom('capture_jobs').select('events_through').where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(Number(mark.events_through)).toBe(ops.items.length);
    expect(await emitAllPendingCaptureEvents(database, 7, (batch) => published.push(...batch))).toBe(0);
    const events = await database.db.selectFrom('events').selectAll().where('source_id', '=', job.id).orderBy('time').orderBy('id').execute();
    expect(events.length).toBe(ops.items.length);
    expect(published.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
    expect(published.every((e) => e.orgId === orgId && e.kind === 'operation' && e.fields.ics?.protocol === 'modbus' && e.source.type === 'capture')).toBe(true);
    const first = events[0]!;
    expect(first).toMatchObject({ org_id: orgId, kind: 'operation', source_type: 'capture', source_name: 'part1', protocol: 'modbus', tlp: 'green' });
    expect(first.id).toMatch(new RegExp(`^capture:${job.id}:\\d+$`));
    const fields = first.fields as { ics: { protocol: string; operation: string; function: string }; source: { ip?: string } };
    expect(fields.ics.protocol).toBe('modbus');
    expect(fields.ics.function.length).toBeGreaterThan(0);
    expect(first.action).toBe(fields.ics.operation);
    expect((first.origin as { frame: number }).frame).toBeGreaterThan(0);
    // the time is the record's, to the microsecond
    const frame = (first.origin as { frame: number }).frame;
    const record = ops.items.find((o) => o.frame === frame);
    expect(new Date(first.time).toISOString()).toBe(record?.time.replace(/(\.\d{3})\d*Z$/, '$1Z'));
    // the PLC the capture discovered is an asset now, and its events point at it
    const assets = await services.assets.list(op, { orgId, limit: 100 });
    const plc = assets.items.find((a) => a.ip === '10.0.0.3');
    expect(plc).toBeDefined();
    expect(events.some((e) => e.destination_asset_id === plc?.id || e.source_asset_id === plc?.id)).toBe(true);
    expect(events.every((e) => e.source_ip === null || typeof e.source_ip === 'string')).toBe(true);
    // emitting again stores nothing twice
    expect(await emitCaptureOperationEvents(database, { id: job.id, orgId, tlp: 'green', sharedUpward: false })).toBe(0);
  });

  it('catches up in the background while the server runs, and resumes where it stopped', async () => {
    const job = await services.captures.analyzeFile(op, `${pcaps}modbus/ModbusTCP.pcap`, { name: 'background', orgId, tlp: 'green' });
    const total = job.summary?.operations ?? 0;
    expect(total).toBeGreaterThan(0);
    // a server stopped part-way: the first chunk is stored and marked
    await database.db.updateTable('capture_jobs').set({ events_through: 1 }).where('id', '=', job.id).execute();
    services.sensing.startCaptureEvents(50);
    const count = async () => Number((await database.db.selectFrom('events').select((eb) => eb.fn.countAll<string>().as('n')).where('source_id', '=', job.id).executeTakeFirstOrThrow()).n);
    for (let i = 0; i < 200 && (await count()) < total - 1; i++) await new Promise((r) => setTimeout(r, 50));
    // records before the mark count as stored: the loop started at the mark
    expect(await count()).toBe(total - 1);
    const mark = await database.db.selectFrom('capture_jobs').select('events_through').where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(Number(mark.events_through)).toBe(total);
  });
});
