import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../src/storage/test-backends.js';
import { createWorld, errorOf, PASSWORD, type Person, type World } from './support/fixture.js';

// Credentials, rate limiting, audit and user-name privacy end to end, on both storage backends.
// Every test uses addresses of its own: the login limiter is shared by the whole world.
describe.each(backends)('API authentication security on %s', (backend) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(backend);
  });
  afterAll(async () => {
    await w.close();
  });

  const TAXII = 'application/taxii+json;version=2.1';
  const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const taxii = (authorization: string, ip: string) =>
    w.app.inject({ method: 'GET', url: '/taxii2/', remoteAddress: ip, headers: { accept: TAXII, authorization } });
  const login = (username: string, password: string, ip: string) =>
    w.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { username, password } });
  const sessionOf = (r: LightMyRequestResponse) => `bulwark_session=${r.cookies.find((c) => c.name === 'bulwark_session')?.value ?? ''}`;
  const me = (cookie: string) => w.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
  const taxiiStatus = (r: LightMyRequestResponse) => (JSON.parse(r.body) as { http_status: string }).http_status;

  interface Entry {
    action: string;
    actorName: string;
    orgId: string | null;
    targetId: string | null;
    details: Record<string, unknown>;
    ip: string | null;
  }
  async function audit(who: Person, query = ''): Promise<Entry[]> {
    const r = await w.request(who, 'GET', `/api/v1/audit?limit=1000${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return (r.json() as { items: Entry[] }).items;
  }

  async function newUser(admin: Person, username: string, orgId: string): Promise<string> {
    const r = await w.request(admin, 'POST', '/api/v1/users', { username, orgId, role: 'analyst', password: PASSWORD });
    expect(r.statusCode, r.body).toBe(201);
    return (r.json() as { id: string }).id;
  }

  it('refuses TAXII Basic, sessions and tokens at once when a user is disabled or changes password', async () => {
    const id = await newUser(w.people.adminE1, 'feed.reader', w.orgs.E1);
    const ip = '10.40.0.1';
    expect((await taxii(basic('feed.reader', PASSWORD), ip)).statusCode).toBe(200);
    const session = sessionOf(await login('feed.reader', PASSWORD, ip));
    expect((await me(session)).statusCode).toBe(200);
    const issued = await w.request(w.people.adminE1, 'POST', '/api/v1/tokens', { name: 'feed', userId: id });
    const token = (issued.json() as { token: string; id: string });

    expect((await w.request(w.people.adminE1, 'PATCH', `/api/v1/users/${id}`, { disabled: true })).statusCode).toBe(200);
    expect((await taxii(basic('feed.reader', PASSWORD), ip)).statusCode).toBe(401);
    expect((await taxii(`Bearer ${token.token}`, ip)).statusCode).toBe(401);
    expect((await me(session)).statusCode).toBe(401);

    expect((await w.request(w.people.adminE1, 'PATCH', `/api/v1/users/${id}`, { disabled: false })).statusCode).toBe(200);
    expect((await taxii(basic('feed.reader', PASSWORD), ip)).statusCode).toBe(200);
    const second = sessionOf(await login('feed.reader', PASSWORD, ip));
    expect((await me(second)).statusCode).toBe(200);

    const changed = 'another long password';
    expect((await w.request(w.people.adminE1, 'PATCH', `/api/v1/users/${id}`, { password: changed })).statusCode).toBe(200);
    expect((await taxii(basic('feed.reader', PASSWORD), ip)).statusCode).toBe(401);
    expect((await me(second)).statusCode).toBe(401);
    expect((await taxii(basic('feed.reader', changed), ip)).statusCode).toBe(200);

    expect((await taxii(`Bearer ${token.token}`, ip)).statusCode).toBe(200);
    expect((await w.request(w.people.adminE1, 'DELETE', `/api/v1/tokens/${token.id}`)).statusCode).toBe(204);
    expect((await taxii(`Bearer ${token.token}`, ip)).statusCode).toBe(401);
  });

  it('applies a role change to TAXII Basic callers at once', async () => {
    const id = await newUser(w.people.adminE1, 'feed.writer', w.orgs.E1);
    const created = await w.request(w.people.adminE1, 'POST', '/api/v1/taxii/collections', { title: 'E1 own indicators' });
    expect(created.statusCode, created.body).toBe(201);
    const collection = (created.json() as { id: string }).id;
    const canWrite = async () => {
      const r = await w.app.inject({ method: 'GET', url: `/taxii2/api1/collections/${collection}/`, remoteAddress: '10.40.0.2', headers: { accept: TAXII, authorization: basic('feed.writer', PASSWORD) } });
      expect(r.statusCode, r.body).toBe(200);
      return (JSON.parse(r.body) as { can_write: boolean }).can_write;
    };
    expect(await canWrite()).toBe(true);
    expect((await w.request(w.people.adminE1, 'PATCH', `/api/v1/users/${id}`, { role: 'viewer' })).statusCode).toBe(200);
    expect(await canWrite()).toBe(false);
  });

  it('counts console and TAXII Basic failures in one limiter', async () => {
    const ip = '10.41.0.1';
    for (let i = 0; i < 5; i++) expect((await login('viewer.e1', 'not the password', ip)).statusCode).toBe(401);
    const locked = await taxii(basic('viewer.e1', PASSWORD), ip);
    expect(locked.statusCode).toBe(429);
    expect(taxiiStatus(locked)).toBe('429');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);

    const other = '10.41.0.2';
    for (let i = 0; i < 5; i++) expect((await taxii(basic('viewer.p', 'not the password'), other)).statusCode).toBe(401);
    const consoleLocked = await login('viewer.p', PASSWORD, other);
    expect(consoleLocked.statusCode).toBe(429);
    expect(errorOf(consoleLocked).code).toBe('rate_limited');
  });

  it('verifies at most the limit of parallel wrong guesses', async () => {
    const consoleOnly = await Promise.all(Array.from({ length: 8 }, () => login('analyst.e1', 'not the password', '10.42.0.1')));
    const codes = consoleOnly.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 401).length + codes.filter((c) => c === 429).length).toBe(8);

    const mixed = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? login('analyst.p', 'not the password', '10.42.0.2') : taxii(basic('analyst.p', 'not the password'), '10.42.0.2'))),
    );
    const mixedCodes = mixed.map((r) => r.statusCode);
    expect(mixedCodes.filter((c) => c === 401).length).toBeLessThanOrEqual(5);
    expect(mixedCodes.filter((c) => c === 401).length + mixedCodes.filter((c) => c === 429).length).toBe(8);
  });

  it('audits failed logins, lockouts and TAXII Basic logins, never the password, scoped to who may see them', async () => {
    const ip = '10.43.0.1';
    const secret = 'a wrong password 4711';
    expect((await login('Admin.E1', secret, ip)).statusCode).toBe(401);
    expect((await login('no.such.person', secret, ip)).statusCode).toBe(401);
    expect((await taxii(basic('analyst.e1', PASSWORD), ip)).statusCode).toBe(200);
    expect((await taxii(basic('analyst.e1', secret), '10.43.0.2')).statusCode).toBe(401);

    const root = await audit(w.people.adminN);
    const failed = root.find((e) => e.action === 'session.login.failed' && e.ip === ip && e.targetId === w.people.adminE1.id);
    expect(failed).toMatchObject({ actorName: 'Admin.E1', orgId: w.orgs.E1, details: { via: 'console', reason: 'wrong-password' } });
    const unknown = root.find((e) => e.action === 'session.login.failed' && e.actorName === 'no.such.person');
    expect(unknown).toMatchObject({ orgId: null, targetId: null, ip, details: { reason: 'unknown-user' } });
    expect(root.find((e) => e.action === 'taxii.login' && e.ip === ip)).toMatchObject({ actorName: 'analyst.e1', targetId: w.people.analystE1.id, orgId: w.orgs.E1 });
    expect(root.find((e) => e.action === 'taxii.login.failed' && e.ip === '10.43.0.2')).toMatchObject({ actorName: 'analyst.e1', details: { via: 'taxii', reason: 'wrong-password' } });
    const raw = (await w.request(w.people.adminN, 'GET', '/api/v1/audit?limit=1000')).body;
    expect(raw).not.toContain(secret);

    // A known user's failures: that organisation's admins and above; an unknown name: root admins only.
    for (const who of [w.people.adminE1, w.people.adminP]) {
      const entries = await audit(who);
      expect(entries.some((e) => e.action === 'session.login.failed' && e.targetId === w.people.adminE1.id)).toBe(true);
      expect(entries.some((e) => e.actorName === 'no.such.person')).toBe(false);
    }
    const sibling = await audit(w.people.adminE2);
    expect(sibling.some((e) => e.action.includes('login') && e.ip?.startsWith('10.43.'))).toBe(false);
  });

  it('audits a lockout once, for the user’s organisation, and a spraying address for root admins', async () => {
    const ip = '10.44.0.1';
    for (let i = 0; i < 7; i++) await login('viewer.e1', 'not the password', ip);
    const entries = (await audit(w.people.adminE1)).filter((e) => e.ip === ip);
    expect(entries.filter((e) => e.action === 'session.login.failed')).toHaveLength(5);
    const locks = entries.filter((e) => e.action === 'login.locked');
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ actorName: 'viewer.e1', orgId: w.orgs.E1, targetId: w.people.viewerE1.id, details: { scope: 'user', via: 'console' } });

    const spray = '10.44.0.2';
    await Promise.all(Array.from({ length: 20 }, (_, i) => login(`sprayed.${i}`, 'not the password', spray)));
    expect((await login('viewer.e1', PASSWORD, spray)).statusCode).toBe(429);
    const root = (await audit(w.people.adminN)).filter((e) => e.ip === spray);
    expect(root.filter((e) => e.action === 'session.login.failed')).toHaveLength(20);
    expect(root.filter((e) => e.action === 'login.locked').map((e) => e.details['scope'])).toEqual(['address']);
    expect((await audit(w.people.adminP)).some((e) => e.ip === spray)).toBe(false);
  });

  it('bounds and cleans the typed username before it reaches the audit log', async () => {
    const ip = '10.45.0.1';
    const long = `x${'y'.repeat(500)}`;
    expect((await taxii(basic(long, 'whatever'), ip)).statusCode).toBe(401);
    expect((await taxii(basic('nul\u0000name', 'whatever'), ip)).statusCode).toBe(401);
    const entries = (await audit(w.people.adminN)).filter((e) => e.ip === ip);
    expect(entries.map((e) => e.actorName.length).every((n) => n <= 64)).toBe(true);
    expect(entries.map((e) => e.actorName)).toContain('nul?name');
  });

  it('answers a taken username without naming or confirming another organisation', async () => {
    const foreign = await w.request(w.people.adminE2, 'POST', '/api/v1/users', { username: 'analyst.e1', orgId: w.orgs.E2, role: 'viewer', password: PASSWORD });
    expect(foreign.statusCode).toBe(409);
    const own = await w.request(w.people.adminE2, 'POST', '/api/v1/users', { username: 'analyst.e2', orgId: w.orgs.E2, role: 'viewer', password: PASSWORD });
    expect(own.statusCode).toBe(409);
    expect(errorOf(foreign)).toEqual(errorOf(own));
    expect(errorOf(foreign).message).toBe('that username is not available');
    expect(foreign.body).not.toContain('analyst.e1');
  });

  it('hides users, tokens and audit entries of other organisations like things that do not exist', async () => {
    const target = w.people.analystE1;
    const admin = w.people.adminE2;
    const same = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', hiddenId: string, url: (id: string) => string, body?: (id: string) => unknown) => {
      const hidden = await w.request(admin, method, url(hiddenId), body?.(hiddenId));
      const missing = await w.request(admin, method, url('no-such-id'), body?.('no-such-id'));
      expect(hidden.statusCode, url(hiddenId)).toBe(404);
      expect(missing.statusCode).toBe(404);
      expect(errorOf(hidden).message.replace(hiddenId, 'X')).toBe(errorOf(missing).message.replace('no-such-id', 'X'));
    };
    await same('GET', target.id, (id) => `/api/v1/users/${id}`);
    await same('PATCH', target.id, (id) => `/api/v1/users/${id}`, () => ({ disabled: true }));
    await same('PATCH', target.id, (id) => `/api/v1/users/${id}`, () => ({ password: 'a new password for you' }));
    await same('POST', target.id, () => '/api/v1/tokens', (id) => ({ name: 'steal', userId: id }));
    await same('GET', target.id, (id) => `/api/v1/tokens?userId=${id}`);
    const tokens = await w.request(w.people.adminE1, 'GET', `/api/v1/tokens?userId=${target.id}`);
    const tokenId = (tokens.json() as { items: { id: string }[] }).items[0]?.id ?? '';
    await same('DELETE', tokenId, (id) => `/api/v1/tokens/${id}`);
    expect((await w.request(target, 'GET', '/api/v1/assets')).statusCode).toBe(200);

    for (const query of ['q=analyst.e1', 'q=e1', `orgId=${w.orgs.E1}`, `orgId=${w.orgs.P}`]) {
      const r = await w.request(admin, 'GET', `/api/v1/users?${query}`);
      expect(r.statusCode, query).toBe(200);
      expect((r.json() as { items: unknown[] }).items, query).toEqual([]);
    }
    const own = await w.request(admin, 'GET', '/api/v1/users?q=ANALYST');
    expect((own.json() as { items: { username: string }[] }).items.map((u) => u.username)).toEqual(['analyst.e2']);

    expect(await audit(admin, `&orgId=${w.orgs.E1}`)).toEqual([]);
    const e1 = await audit(w.people.adminP, `&orgId=${w.orgs.E1}`);
    expect(e1.length).toBeGreaterThan(0);
    expect(e1.every((e) => e.orgId === w.orgs.E1)).toBe(true);
  });
});
