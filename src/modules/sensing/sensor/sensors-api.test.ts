// The sensors registry over the API, and what a sensor token may do: event ingest for its own
// organisation, nothing else (ADR 016). On both backends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../../../storage/test-backends.js';
import { createWorld, errorOf, type Person, type World } from '../../../../test/support/fixture.js';
import type { IssuedSensor, Sensor } from './types.js';

describe.each(backends)('sensors on %s', (backend) => {
  let w: World;
  let sensor: IssuedSensor;
  let asSensor: Person;
  beforeAll(async () => {
    w = await createWorld(backend);
    const r = await w.request(w.people.adminE1, 'POST', '/api/v1/sensors', { name: 'line-1' });
    expect(r.statusCode, r.body).toBe(201);
    sensor = r.json() as IssuedSensor;
    asSensor = { id: sensor.id, username: `sensor:${sensor.name}`, orgId: w.orgs.E1, token: sensor.token };
  });
  afterAll(async () => {
    await w.close();
  });

  it('registers a sensor for the admin organisation and shows its token once', async () => {
    expect(sensor).toMatchObject({ name: 'line-1', orgId: w.orgs.E1, orgName: 'E1', revokedAt: null, lastContactAt: null, eventsReceived: 0 });
    expect(sensor.token).toMatch(/^bwsn_[\w-]{40,}$/);
    const listed = (await w.request(w.people.viewerE1, 'GET', '/api/v1/sensors')).json() as { items: Array<Sensor & { token?: string }> };
    expect(listed.items.map((s) => s.name)).toEqual(['line-1']);
    expect(listed.items[0]?.token).toBeUndefined();
    expect(JSON.stringify(listed)).not.toContain(sensor.token);
  });

  it('lets only admins of the organisation register, shows sensors to its members and the admins above it', async () => {
    expect((await w.request(w.people.analystE1, 'POST', '/api/v1/sensors', { name: 'x' })).statusCode).toBe(403);
    expect((await w.request(w.people.adminE2, 'POST', '/api/v1/sensors', { name: 'x', orgId: w.orgs.E1 })).statusCode).toBe(404);
    // a parent's admin sees a child's sensors but does not capture its network
    expect((await w.request(w.people.adminP, 'POST', '/api/v1/sensors', { name: 'x', orgId: w.orgs.E1 })).statusCode).toBe(403);
    expect((await w.request(w.people.adminP, 'DELETE', `/api/v1/sensors/${sensor.id}`)).statusCode).toBe(403);
    const dup = await w.request(w.people.adminE1, 'POST', '/api/v1/sensors', { name: 'line-1' });
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup).details[0]?.path).toBe('name');
    expect((await w.request(w.people.adminE2, 'GET', `/api/v1/sensors/${sensor.id}`)).statusCode).toBe(404);
    expect((await w.request(w.people.analystP, 'GET', `/api/v1/sensors/${sensor.id}`)).statusCode).toBe(404);
    expect((await w.request(w.people.adminN, 'GET', `/api/v1/sensors/${sensor.id}`)).statusCode).toBe(200);
    expect(((await w.request(w.people.analystE2, 'GET', '/api/v1/sensors')).json() as { items: Sensor[] }).items).toEqual([]);
    expect(((await w.request(w.people.analystP, 'GET', '/api/v1/sensors')).json() as { items: Sensor[] }).items).toEqual([]);
    expect(((await w.request(w.people.adminP, 'GET', '/api/v1/sensors')).json() as { items: Sensor[] }).items.map((s) => s.name)).toEqual(['line-1']);
    const bad = await w.request(w.people.adminE1, 'POST', '/api/v1/sensors', { name: 'has space' });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses a sensor token everywhere but event ingest', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/assets'],
      ['GET', '/api/v1/sensors'],
      ['GET', `/api/v1/sensors/${sensor.id}`],
      ['GET', '/api/v1/auth/me'],
      ['GET', '/api/health'],
    ] as const) {
      const r = await w.request(asSensor, method, url);
      expect(r.statusCode, `${method} ${url}`).toBe(403);
    }
    const create = await w.request(asSensor, 'POST', '/api/v1/sensors', { name: 'rogue' });
    expect(create.statusCode).toBe(403);
    expect(errorOf(create).message).toContain('only send events');
    // Not a user token either: TAXII, which authenticates on its own, does not know it.
    expect((await w.request(asSensor, 'GET', '/taxii2/')).statusCode).toBe(401);
  });

  it('refuses an unknown or revoked sensor token with 401', async () => {
    expect((await w.request({ ...asSensor, token: 'bwsn_unknown' }, 'GET', '/api/v1/assets')).statusCode).toBe(401);
    const other = (await w.request(w.people.adminE1, 'POST', '/api/v1/sensors', { name: 'line-2' })).json() as IssuedSensor;
    expect((await w.request(w.people.viewerE1, 'DELETE', `/api/v1/sensors/${other.id}`)).statusCode).toBe(403);
    expect((await w.request(w.people.adminE1, 'DELETE', `/api/v1/sensors/${other.id}`)).statusCode).toBe(204);
    expect((await w.request({ ...asSensor, token: other.token }, 'GET', '/api/v1/assets')).statusCode).toBe(401);
    const listed = ((await w.request(w.people.adminE1, 'GET', '/api/v1/sensors')).json() as { items: Sensor[] }).items;
    expect(listed.find((s) => s.id === other.id)?.revokedAt).not.toBeNull();
    // a revoked sensor frees its name
    expect((await w.request(w.people.adminE1, 'POST', '/api/v1/sensors', { name: 'line-2' })).statusCode).toBe(201);
  });
});
