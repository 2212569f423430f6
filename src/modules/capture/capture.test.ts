import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access.js';
import { createServices, type Services } from '../../services.js';
import { backends, createTestDatabase, type TestDatabase } from '../../storage/test-backends.js';

const pcaps = fileURLToPath(new URL('../../../../shared/data/pcaps/', import.meta.url));

// Capture jobs end to end on both backends: the stored results read back the same everywhere
// (bigint columns, arrays, jsonb), and discovered devices land in the inventory.
describe.each(backends)('capture analysis on %s', (backend) => {
  let database: TestDatabase;
  let services: Services;
  let orgId: string;
  const op = systemActor('test');

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    services = createServices(database);
    orgId = (await services.orgs.create(op, { name: 'Plant', level: 'enterprise', parentId: null })).id;
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('analyzes a local file, stores hosts, communications and operations, and creates assets', async () => {
    const job = await services.captures.analyzeFile(op, `${pcaps}modbus/modbus_test_data_part1.pcap`, { name: 'part1', orgId });
    expect(job.status).toBe('finished');
    expect(job.frames).toBe(118);
    expect(job.sizeBytes).toBe(10181);
    expect(job.summary?.firstTime).toMatch(/^2004-08-26T/);
    const hosts = await services.captures.hosts(op, job.id);
    expect(hosts.map((h) => h.ip)).toEqual(expect.arrayContaining(['10.0.0.3', '10.0.0.8']));
    const plc = hosts.find((h) => h.ip === '10.0.0.3');
    expect(typeof plc?.packets).toBe('number');
    expect(plc?.serves).toEqual(['modbus']);
    const comms = await services.captures.communications(op, job.id);
    expect(comms.reduce((n, c) => n + c.packets, 0)).toBeLessThanOrEqual(118);
    expect(comms.every((c) => typeof c.bytes === 'number')).toBe(true);
    const ops = await services.captures.operations(op, job.id, { limit: 1000 });
    expect(ops.items.length).toBe(job.summary?.operations);
    const total = Object.values(ops.counts.operation).reduce((a, b) => a + b, 0);
    expect(total).toBe(ops.items.reduce((n, o) => n + o.count, 0));
    const assets = await services.assets.list(op, { orgId, limit: 100 });
    expect(assets.items.find((a) => a.ip === '10.0.0.3')?.mac).toBe('00:02:b3:ce:70:51');
  });

  it('refuses a file it cannot read and lists jobs newest first with paging', async () => {
    await expect(services.captures.analyzeFile(op, '/nonexistent/file.pcap', { name: 'x', orgId })).rejects.toThrow(/cannot read/);
    await services.captures.analyzeFile(op, `${pcaps}modbus/modbus_test_data_part2.pcap`, { name: 'part2', orgId, mergeAssets: false });
    const first = await services.captures.list(op, { limit: 1 });
    expect(first.items[0]?.name).toBe('part2');
    expect(first.nextCursor).not.toBeNull();
    const second = await services.captures.list(op, { limit: 1, cursor: first.nextCursor ?? '' });
    expect(second.items[0]?.name).toBe('part1');
  });
});
