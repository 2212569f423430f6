import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../src/storage/test-backends.js';
import { createWorld, errorOf, PASSWORD, type World } from './support/fixture.js';

// Access control end to end through the HTTP API, on both storage backends.
describe.each(backends)('API access control on %s', (backend) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(backend);
  });
  afterAll(async () => {
    await w.close();
  });

  const asset = (name: string, extra: Record<string, unknown> = {}) => ({ name, ip: '10.1.1.1', vendor: 'Siemens', ...extra });

  it('answers 401 without credentials on every route family, and with a wrong token', async () => {
    for (const url of ['/api/v1/assets', '/api/v1/organisations', '/api/v1/users', '/api/v1/tokens', '/api/v1/audit', '/api/v1/auth/me']) {
      const response = await w.request(null, 'GET', url);
      expect(response.statusCode, url).toBe(401);
      expect(errorOf(response).code).toBe('unauthenticated');
    }
    const wrong = await w.app.inject({ method: 'GET', url: '/api/v1/assets', headers: { authorization: 'Bearer bwt_nope' } });
    expect(wrong.statusCode).toBe(401);
    const write = await w.request(null, 'POST', '/api/v1/assets', asset('x'));
    expect(write.statusCode).toBe(401);
  });

  it('keeps sibling enterprises apart: no read, no write, no existence leak', async () => {
    const created = await w.request(w.people.analystE1, 'POST', '/api/v1/assets', asset('E1-PLC-1', { tlp: 'green', sharedUpward: true }));
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: string }).id;

    const read = await w.request(w.people.analystE2, 'GET', `/api/v1/assets/${id}`);
    expect(read.statusCode).toBe(404);
    const missing = await w.request(w.people.analystE2, 'GET', '/api/v1/assets/does-not-exist');
    expect(errorOf(read).message.replace(id, 'X')).toBe(errorOf(missing).message.replace('does-not-exist', 'X'));

    const list = await w.request(w.people.analystE2, 'GET', '/api/v1/assets?limit=500');
    expect((list.json() as { items: { name: string }[] }).items.map((a) => a.name)).not.toContain('E1-PLC-1');
    const byOrg = await w.request(w.people.analystE2, 'GET', `/api/v1/assets?orgId=${w.orgs.E1}`);
    expect((byOrg.json() as { items: unknown[] }).items).toEqual([]);

    expect((await w.request(w.people.analystE2, 'PATCH', `/api/v1/assets/${id}`, { zone: 'x' })).statusCode).toBe(404);
    expect((await w.request(w.people.analystE2, 'DELETE', `/api/v1/assets/${id}`)).statusCode).toBe(404);
    const intoSibling = await w.request(w.people.analystE2, 'POST', '/api/v1/assets', asset('sneaky', { orgId: w.orgs.E1 }));
    expect(intoSibling.statusCode).toBe(403);

    expect((await w.request(w.people.adminE2, 'GET', `/api/v1/organisations/${w.orgs.E1}`)).statusCode).toBe(404);
    expect((await w.request(w.people.adminE2, 'GET', `/api/v1/users/${w.people.analystE1.id}`)).statusCode).toBe(404);
    const users = await w.request(w.people.adminE2, 'GET', '/api/v1/users');
    expect((users.json() as { items: { username: string }[] }).items.map((u) => u.username).sort()).toEqual(['admin.e2', 'analyst.e2']);
    const orgs = await w.request(w.people.adminE2, 'GET', '/api/v1/organisations');
    expect((orgs.json() as { items: { name: string }[] }).items.map((o) => o.name)).toEqual(['E2']);
  });

  it('lets parent analysts read what children share upward, as TLP allows, and never write it', async () => {
    const make = async (name: string, tlp: string, sharedUpward: boolean) => {
      const r = await w.request(w.people.analystE1, 'POST', '/api/v1/assets', asset(name, { tlp, sharedUpward }));
      expect(r.statusCode).toBe(201);
      return (r.json() as { id: string }).id;
    };
    const shared = {
      clear: await make('T-clear', 'clear', true),
      green: await make('T-green', 'green', true),
      amber: await make('T-amber', 'amber', true),
      strict: await make('T-amber-strict', 'amber+strict', true),
      red: await make('T-red', 'red', true),
      unshared: await make('T-amber-unshared', 'amber', false),
    };
    const seen = async (who: World['people'][keyof World['people']]) => {
      const r = await w.request(who, 'GET', '/api/v1/assets?q=T-&limit=500');
      return (r.json() as { items: { name: string }[] }).items.map((a) => a.name).sort();
    };
    const upward = ['T-amber', 'T-clear', 'T-green'];
    expect(await seen(w.people.analystP)).toEqual(upward);
    expect(await seen(w.people.adminN)).toEqual(upward);
    expect(await seen(w.people.responderP)).toEqual(upward);
    expect(await seen(w.people.viewerP)).toEqual([]);
    expect(await seen(w.people.analystE2)).toEqual([]);
    expect(await seen(w.people.viewerE1)).toEqual(['T-amber', 'T-amber-strict', 'T-amber-unshared', 'T-clear', 'T-green', 'T-red']);

    // TLP:RED stays inside the owning organisation, even for the parent's admin.
    expect((await w.request(w.people.adminN, 'GET', `/api/v1/assets/${shared.red}`)).statusCode).toBe(404);
    expect((await w.request(w.people.analystP, 'GET', `/api/v1/assets/${shared.strict}`)).statusCode).toBe(404);
    expect((await w.request(w.people.analystP, 'GET', `/api/v1/assets/${shared.unshared}`)).statusCode).toBe(404);
    expect((await w.request(w.people.analystP, 'GET', `/api/v1/assets/${shared.amber}`)).statusCode).toBe(200);
    // Visible is not writable.
    const patch = await w.request(w.people.analystP, 'PATCH', `/api/v1/assets/${shared.amber}`, { zone: 'changed upstairs' });
    expect(patch.statusCode).toBe(403);
    expect(errorOf(patch).code).toBe('forbidden');
  });

  it('stops viewers and responders from writing assets', async () => {
    for (const who of [w.people.viewerE1, w.people.responderP, w.people.viewerP]) {
      const r = await w.request(who, 'POST', '/api/v1/assets', asset(`by-${who.username}`));
      expect(r.statusCode, who.username).toBe(403);
    }
    const own = await w.request(w.people.analystE1, 'POST', '/api/v1/assets', asset('viewer-target'));
    const id = (own.json() as { id: string }).id;
    expect((await w.request(w.people.viewerE1, 'GET', `/api/v1/assets/${id}`)).statusCode).toBe(200);
    expect((await w.request(w.people.viewerE1, 'PATCH', `/api/v1/assets/${id}`, { zone: 'z' })).statusCode).toBe(403);
    expect((await w.request(w.people.viewerE1, 'DELETE', `/api/v1/assets/${id}`)).statusCode).toBe(403);
    const csv = await w.request(w.people.viewerE1, 'POST', '/api/v1/assets/import', 'name\nx', { 'content-type': 'text/csv' });
    expect(csv.statusCode).toBe(403);
  });

  it('restricts administration to admins, within their own subtree', async () => {
    expect((await w.request(w.people.analystP, 'GET', '/api/v1/users')).statusCode).toBe(403);
    expect((await w.request(w.people.analystP, 'GET', '/api/v1/audit')).statusCode).toBe(403);
    const noOrg = await w.request(w.people.analystP, 'POST', '/api/v1/organisations', { name: 'Xorg', level: 'enterprise', parentId: w.orgs.P });
    expect(noOrg.statusCode).toBe(403);
    const userInSibling = await w.request(w.people.adminE2, 'POST', '/api/v1/users', {
      username: 'intruder', orgId: w.orgs.E1, role: 'admin', password: PASSWORD,
    });
    expect(userInSibling.statusCode).toBe(404);
    const child = await w.request(w.people.adminP, 'POST', '/api/v1/organisations', { name: 'E3', level: 'enterprise', parentId: w.orgs.P });
    expect(child.statusCode).toBe(201);
    const upward = await w.request(w.people.adminP, 'POST', '/api/v1/organisations', { name: 'Up', level: 'national', parentId: w.orgs.P });
    expect(upward.statusCode).toBe(400);
    expect(errorOf(upward).details[0]?.path).toBe('level');
    const selfDemote = await w.request(w.people.adminP, 'PATCH', `/api/v1/users/${w.people.adminP.id}`, { role: 'viewer' });
    expect(selfDemote.statusCode).toBe(400);
    const roleChange = await w.request(w.people.analystP, 'PATCH', `/api/v1/users/${w.people.analystP.id}`, { role: 'admin' });
    expect(roleChange.statusCode).toBe(403);
  });

  it('records every write in the audit log, readable by admins of the organisation or above', async () => {
    const r = await w.request(w.people.analystE1, 'POST', '/api/v1/assets', asset('audited-asset'));
    const id = (r.json() as { id: string }).id;
    await w.request(w.people.analystE1, 'PATCH', `/api/v1/assets/${id}`, { zone: 'Level 2' });
    await w.request(w.people.analystE1, 'DELETE', `/api/v1/assets/${id}`);
    const log = await w.request(w.people.adminP, 'GET', '/api/v1/audit?targetType=asset&limit=1000');
    expect(log.statusCode).toBe(200);
    const entries = (log.json() as { items: { action: string; targetId: string | null; actorName: string; orgId: string }[] }).items;
    const mine = entries.filter((e) => e.targetId === id);
    expect(mine.map((e) => e.action)).toEqual(['asset.delete', 'asset.update', 'asset.create']);
    expect(mine.every((e) => e.actorName === 'analyst.e1' && e.orgId === w.orgs.E1)).toBe(true);
    const sibling = await w.request(w.people.adminE2, 'GET', '/api/v1/audit?limit=1000');
    const siblingEntries = (sibling.json() as { items: { targetId: string | null }[] }).items;
    expect(siblingEntries.some((e) => e.targetId === id)).toBe(false);
  });

  it('issues tokens shown once and stored hashed; revoked tokens and disabled users stop working', async () => {
    const issued = await w.request(w.people.analystE1, 'POST', '/api/v1/tokens', { name: 'script' });
    expect(issued.statusCode).toBe(201);
    const { token, id } = issued.json() as { token: string; id: string };
    expect(token).toMatch(/^bwt_/);
    const listed = await w.request(w.people.analystE1, 'GET', '/api/v1/tokens');
    expect(listed.body).not.toContain(token);
    const stored = await w.database.db.selectFrom('api_tokens').select('token_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token.slice(4));
    const holder = { ...w.people.analystE1, token };
    expect((await w.request(holder, 'GET', '/api/v1/assets')).statusCode).toBe(200);
    expect((await w.request(w.people.analystE2, 'DELETE', `/api/v1/tokens/${id}`)).statusCode).toBe(404);
    expect((await w.request(w.people.analystE1, 'DELETE', `/api/v1/tokens/${id}`)).statusCode).toBe(204);
    expect((await w.request(holder, 'GET', '/api/v1/assets')).statusCode).toBe(401);

    const disable = await w.request(w.people.adminE2, 'PATCH', `/api/v1/users/${w.people.analystE2.id}`, { disabled: true });
    expect(disable.statusCode).toBe(200);
    expect((await w.request(w.people.analystE2, 'GET', '/api/v1/assets')).statusCode).toBe(401);
    await w.request(w.people.adminE2, 'PATCH', `/api/v1/users/${w.people.analystE2.id}`, { disabled: false });
    expect((await w.request(w.people.analystE2, 'GET', '/api/v1/assets')).statusCode).toBe(200);
  });

  it('logs in with a password into an HTTP-only session cookie, and logs out', async () => {
    const login = await w.request(null, 'POST', '/api/v1/auth/login', { username: 'viewer.e1', password: PASSWORD });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((c) => c.name === 'bulwark_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    const headers = { cookie: `bulwark_session=${cookie?.value ?? ''}` };
    const me = await w.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
    expect(me.json()).toMatchObject({ role: 'viewer', organisation: { name: 'E1' } });
    const out = await w.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers });
    expect(out.statusCode).toBe(204);
    expect((await w.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
    const wrong = await w.request(null, 'POST', '/api/v1/auth/login', { username: 'viewer.e1', password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    const unknown = await w.request(null, 'POST', '/api/v1/auth/login', { username: 'nobody', password: 'whatever it is' });
    expect(errorOf(unknown).message).toBe(errorOf(wrong).message);
  });

  it('rate-limits failed logins per user and address', async () => {
    const attempt = (username: string, password: string, ip: string) =>
      w.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { username, password } });
    for (let i = 0; i < 5; i++) expect((await attempt('analyst.p', 'wrong password!', '10.9.9.9')).statusCode).toBe(401);
    const locked = await attempt('analyst.p', PASSWORD, '10.9.9.9');
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(errorOf(locked).code).toBe('rate_limited');
    // Another address, or another user from the same address, is not locked out by it.
    expect((await attempt('analyst.p', PASSWORD, '10.9.9.10')).statusCode).toBe(200);
    expect((await attempt('viewer.p', PASSWORD, '10.9.9.9')).statusCode).toBe(200);
  });
});
