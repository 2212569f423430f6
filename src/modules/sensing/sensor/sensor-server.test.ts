// A sensor against the real server (the API's event ingest, the sensor gate, the writer) on both
// backends: a live pipe read while the server is down, delivered when it comes up and across a restart,
// every event stored once under the sensor's organisation; and what a sensor token may not do.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../http/app.js';
import { backends } from '../../../storage/test-backends.js';
import { createWorld, errorOf, type Person, type World } from '../../../../test/support/fixture.js';
import { freePort, pipeToSensor } from './ingest-stub.js';
import type { IssuedSensor, Sensor } from './types.js';

const root = resolve(import.meta.dirname, '../../../..');
const pcap = resolve(root, '../shared/data/pcaps/modbus/ModbusTCP.pcap');
const ndjson = { 'content-type': 'application/x-ndjson' };
const line = (message: string) => `${JSON.stringify({ time: '2026-12-07T10:00:00Z', kind: 'log', severity: 'info', message, fields: {} })}\n`;

const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 60_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe.each(backends)('a sensor and the server on %s', (backend) => {
  let w: World;
  let sensor: IssuedSensor;
  let asSensor: Person;
  const spool = mkdtempSync(join(tmpdir(), 'bulwark-sensor-server-'));
  beforeAll(async () => {
    w = await createWorld(backend);
    sensor = (await w.request(w.people.adminE1, 'POST', '/api/v1/sensors', { name: 'plant-1' })).json() as IssuedSensor;
    asSensor = { id: sensor.id, username: 'sensor', orgId: w.orgs.E1, token: sensor.token };
  });
  afterAll(async () => {
    await w.close();
    rmSync(spool, { recursive: true, force: true });
  });

  const sensorEvents = async (): Promise<number> => {
    await w.services.sensing.ingest.flush();
    const r = await w.database.db.selectFrom('events').select((eb) => eb.fn.countAll<string>().as('n')).where('source_type', '=', 'sensor').executeTakeFirstOrThrow();
    return Number(r.n);
  };

  it('writes events for its own organisation only, and reads nothing', async () => {
    const own = await w.request(asSensor, 'POST', '/api/v1/events', gzipSync(line('hello from the plant')), { ...ndjson, 'content-encoding': 'gzip', 'x-bulwark-sensor-events': '1' });
    expect(own.statusCode, own.body).toBe(202);
    expect(await sensorEvents()).toBe(1);
    const stored = await w.database.db.selectFrom('events').select(['org_id', 'source_type', 'source_name']).where('message', '=', 'hello from the plant').executeTakeFirstOrThrow();
    expect(stored).toEqual({ org_id: w.orgs.E1, source_type: 'sensor', source_name: 'plant-1' });
    // another organisation's events: refused before the body is read
    for (const org of [w.orgs.E2, w.orgs.P]) {
      const r = await w.request(asSensor, 'POST', `/api/v1/events?orgId=${org}`, line('not mine'), ndjson);
      expect(r.statusCode).toBe(403);
      expect(errorOf(r).details[0]?.path).toBe('orgId');
    }
    expect(await sensorEvents()).toBe(1);
    // reading events, one event, counts, the tail: all refused
    for (const url of ['/api/v1/events', '/api/v1/events/count', `/api/v1/events/histogram`, '/api/v1/events/top?field=source.ip', '/api/v1/events/some-id']) {
      expect((await w.request(asSensor, 'GET', url)).statusCode, url).toBe(403);
    }
    // the same refusal as a user with the wrong organisation would get, and the users still read
    expect((await w.request(w.people.analystE1, 'GET', '/api/v1/events/count?from=2026-12-07T00:00:00Z&to=2026-12-08T00:00:00Z')).statusCode).toBe(200);
    // a heartbeat (an empty batch) is contact, with the figures the sensor reports, and no events
    const beat = await w.request(asSensor, 'POST', '/api/v1/events', gzipSync(''), { ...ndjson, 'content-encoding': 'gzip', 'x-bulwark-sensor-events': '0', 'x-bulwark-sensor-stats': JSON.stringify({ packets: 42, droppedEvents: 3 }) });
    expect(beat.statusCode, beat.body).toBe(202);
    const seen = (await w.request(w.people.adminE1, 'GET', `/api/v1/sensors/${sensor.id}`)).json() as Sensor;
    expect(seen).toMatchObject({ eventsReceived: 1, reported: { packets: 42, droppedEvents: 3 } });
    expect(seen.lastContactAt).not.toBeNull();
  });

  it('spools while the server is down and delivers every event once across a restart', async () => {
    const port = await freePort();
    const config = { bodyLimit: 64 * 1024, uploadLimit: 256 * 1024, secureCookies: false, webDir: undefined };
    let app: FastifyInstance | undefined;
    const up = async () => {
      app = await buildApp({ services: w.services, config, logger: false });
      await app.listen({ host: '127.0.0.1', port });
    };
    const before = await sensorEvents();
    const child = pipeToSensor(root, pcap, `http://127.0.0.1:${port}`, sensor.token, spool);
    try {
      await until('the sensor to spool', () => readdirSync(spool).filter((f) => f.endsWith('.gz')).length >= 8);
      await up();
      await until('a first delivery', async () => (await sensorEvents()) > before);
      await app?.close(); // restarted while delivering
      await new Promise((r) => setTimeout(r, 500));
      await up();
      expect(await child.exited, child.stderr()).toBe(0);
    } finally {
      child.kill();
      await app?.close();
    }
    const summary = JSON.parse(child.stdout()) as { frames: number; operations: number; events: number; shippedEvents: number; spooledEvents: number; droppedEvents: number };
    expect(summary).toMatchObject({ frames: 15_387, shippedEvents: summary.events, spooledEvents: 0, droppedEvents: 0 });
    expect((await sensorEvents()) - before).toBe(summary.events);
    const ops = await w.database.db.selectFrom('events').select((eb) => eb.fn.countAll<string>().as('n')).where('source_type', '=', 'sensor').where('kind', '=', 'operation').executeTakeFirstOrThrow();
    expect(Number(ops.n)).toBe(summary.operations);
    // the server lists the sensor with its last contact, what it received and what the sensor reported
    const listed = ((await w.request(w.people.adminE1, 'GET', '/api/v1/sensors')).json() as { items: Sensor[] }).items.find((s) => s.id === sensor.id);
    expect(listed?.lastContactAt).not.toBeNull();
    expect(listed?.eventsReceived).toBeGreaterThanOrEqual(summary.events);
    expect(listed?.reported).toMatchObject({ droppedEvents: 0 });
    expect(listed?.reported.packets).toBeGreaterThan(0);
  }, 120_000);
});
