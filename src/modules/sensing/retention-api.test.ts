import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, errorOf, type World } from '../../../test/support/fixture.js';
import { systemActor } from '../../platform/access.js';
import { backends } from '../../storage/test-backends.js';
import { orgRetentions } from './retention.js';
import { createRetentionService, type EventRetention } from './retention.service.js';

// GET/PUT /api/v1/events/retention: members of the organisation and of those above see it; admins of
// the organisation and of those above set it; the retention run reads what they set. Every caller's
// answer for every relation is checked by the access matrix (event-retention.family.ts).
describe.each(backends)('event retention API on %s', (backend) => {
  let w: World;
  const url = '/api/v1/events/retention';
  beforeAll(async () => {
    w = await createWorld(backend);
  });
  afterAll(async () => {
    await w.close();
  });

  it('shows the server’s default until the organisation has its own, set from above or by its own admin, and cleared again', async () => {
    const defaultDays = w.services.sensing.retentionDays;
    const own = await w.request(w.people.viewerE1, 'GET', url);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual({ orgId: w.orgs.E1, days: defaultDays, ownDays: null, defaultDays });

    const fromAbove = await w.request(w.people.adminP, 'PUT', url, { orgId: w.orgs.E1, days: 30 });
    expect(fromAbove.statusCode).toBe(200);
    expect(fromAbove.json<EventRetention>()).toMatchObject({ orgId: w.orgs.E1, days: 30, ownDays: 30 });
    expect((await w.request(w.people.viewerE1, 'GET', url)).json<EventRetention>().days).toBe(30);
    expect((await orgRetentions(w.database)).get(w.orgs.E1)).toBe(30);
    // The parent's own organisation is untouched.
    expect((await w.request(w.people.adminP, 'GET', url)).json<EventRetention>()).toMatchObject({ orgId: w.orgs.P, ownDays: null });

    const ownAdmin = await w.request(w.people.adminE1, 'PUT', url, { days: 400 });
    expect(ownAdmin.json<EventRetention>()).toMatchObject({ orgId: w.orgs.E1, days: 400, ownDays: 400 });
    const cleared = await w.request(w.people.adminE1, 'PUT', url, { days: null });
    expect(cleared.json()).toEqual({ orgId: w.orgs.E1, days: defaultDays, ownDays: null, defaultDays });
    expect((await orgRetentions(w.database)).has(w.orgs.E1)).toBe(false);

    const audit = await w.database.db.selectFrom('audit_log').select(['action', 'actor_name', 'target_id']).where('action', '=', 'sensing.retention.set').execute();
    expect(audit.map((a) => [a.actor_name, a.target_id])).toEqual(
      expect.arrayContaining([
        ['admin.p', w.orgs.E1],
        ['admin.e1', w.orgs.E1],
      ]),
    );
  });

  it('refuses other roles (403) and hides organisations outside the caller’s (404)', async () => {
    expect((await w.request(w.people.analystE1, 'PUT', url, { days: 10 })).statusCode).toBe(403);
    expect((await w.request(w.people.viewerP, 'PUT', url, { orgId: w.orgs.E1, days: 10 })).statusCode).toBe(403);
    expect((await w.request(w.people.adminE2, 'PUT', url, { orgId: w.orgs.E1, days: 10 })).statusCode).toBe(404);
    expect((await w.request(w.people.analystE2, 'GET', `${url}?orgId=${w.orgs.E1}`)).statusCode).toBe(404);
    // An ancestor is not below: its retention is not the child's to see or set.
    expect((await w.request(w.people.adminE1, 'GET', `${url}?orgId=${w.orgs.P}`)).statusCode).toBe(404);
    expect((await w.request(w.people.adminE1, 'PUT', url, { orgId: w.orgs.P, days: 10 })).statusCode).toBe(404);
    expect((await w.request(null, 'GET', url)).statusCode).toBe(401);
    expect((await w.request(w.people.adminE1, 'GET', `${url}?orgId=no-such-org`)).statusCode).toBe(404);
    expect((await orgRetentions(w.database)).has(w.orgs.P)).toBe(false);
  });

  it('takes whole days from 1 to 3650, or null', async () => {
    for (const days of [0, -1, 1.5, 3651, '30']) {
      const r = await w.request(w.people.adminE1, 'PUT', url, { days });
      expect(r.statusCode, String(days)).toBe(400);
      expect(errorOf(r).details.map((d) => d.path)).toContain('body.days');
    }
    expect((await w.request(w.people.adminE1, 'PUT', url, {})).statusCode).toBe(400);
    expect((await w.request(w.people.adminE1, 'PUT', url, { days: 3650 })).json<EventRetention>().days).toBe(3650);
    expect((await w.request(w.people.adminE1, 'PUT', url, { days: 1 })).json<EventRetention>().days).toBe(1);
  });

  it('the local operator names the organisation; the service checks days itself', async () => {
    const service = createRetentionService(w.database, { defaultDays: 90 });
    const op = systemActor();
    await expect(service.get(op)).rejects.toThrow(/orgId is required/);
    await expect(service.get(op, 'no-such-org')).rejects.toThrow(/not found/);
    await expect(service.set(op, w.orgs.E2, 0)).rejects.toThrow(/whole number of days/);
    await expect(service.set(op, w.orgs.E2, 2.5)).rejects.toThrow(/whole number of days/);
    expect(await service.set(op, w.orgs.E2, 7)).toEqual({ orgId: w.orgs.E2, days: 7, ownDays: 7, defaultDays: 90 });
    await expect(service.get({ ...op, kind: 'sensor', orgId: w.orgs.E2, orgPath: '/' })).rejects.toThrow(/sensor/);
  });
});
