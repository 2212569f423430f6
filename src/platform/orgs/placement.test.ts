import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../../test/support/fixture.js';
import { runCli as cli } from '../../cli/cli-test-kit.js';
import { industries, regionAncestors, regionProblem } from './sectors.js';
import type { Organisation } from './types.js';

// Organisations carry an industry and a region, set by the admins above them (issue 14).
describe.each(['pglite', 'postgres'] as const)('organisation sector and region (%s)', (backend) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(backend);
  });
  afterAll(async () => {
    await w?.close();
  });

  const get = async (id: string) => (await w.request(w.people.adminP, 'GET', `/api/v1/organisations/${id}`)).json() as Organisation;

  it("the parent's admins place a child; the record and the audit log say so", async () => {
    const r = await w.request(w.people.adminP, 'PATCH', `/api/v1/organisations/${w.orgs.E1}`, { industry: 'D46', region: '320506' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ id: w.orgs.E1, industry: 'D46', region: '320506' });
    expect(await get(w.orgs.E1)).toMatchObject({ industry: 'D46', region: '320506' });
    // the grandparent's admins too; one field at a time; null clears
    expect((await w.request(w.people.adminN, 'PATCH', `/api/v1/organisations/${w.orgs.E1}`, { region: null })).json()).toMatchObject({ industry: 'D46', region: null });
    const audit = (await w.request(w.people.adminP, 'GET', '/api/v1/audit?action=organisation.place')).json() as { items: { targetId: string; details: unknown }[] };
    const mine = audit.items.filter((e) => e.targetId === w.orgs.E1);
    expect(mine.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(mine)).toContain('320506');
    // a new child may be placed at creation
    const child = await w.request(w.people.adminP, 'POST', '/api/v1/organisations', { name: `Placed ${backend}`, level: 'enterprise', parentId: w.orgs.P, industry: 'C26', region: '370100' });
    expect(child.statusCode, child.body).toBe(201);
    expect(child.json()).toMatchObject({ industry: 'C26', region: '370100' });
  });

  it('an organisation does not place itself; other roles and other branches may not place it', async () => {
    expect((await w.request(w.people.adminE1, 'PATCH', `/api/v1/organisations/${w.orgs.E1}`, { industry: 'D44' })).statusCode).toBe(403);
    expect((await w.request(w.people.analystP, 'PATCH', `/api/v1/organisations/${w.orgs.E1}`, { industry: 'D44' })).statusCode).toBe(403);
    // a sibling's admin does not see E1 at all
    expect((await w.request(w.people.adminE2, 'PATCH', `/api/v1/organisations/${w.orgs.E1}`, { industry: 'D44' })).statusCode).toBe(404);
    expect((await w.request(w.people.adminE1, 'PATCH', `/api/v1/organisations/${w.orgs.P}`, { industry: 'D44' })).statusCode).toBe(404);
    expect((await get(w.orgs.E1)).industry).not.toBe('D44');
  });

  it('refuses codes outside the lists, with the field named', async () => {
    const bad = async (body: unknown) => {
      const r = await w.request(w.people.adminP, 'PATCH', `/api/v1/organisations/${w.orgs.E2}`, body);
      expect(r.statusCode, r.body).toBe(400);
      const answer = r.json() as { error: { code: string; details: { path: string }[] } };
      // the route's schema names body fields as body.x, the service as x: either way, the field
      return { error: { ...answer.error, details: answer.error.details.map((d) => ({ path: d.path.replace(/^body\./, '') })) } };
    };
    expect((await bad({ industry: 'Z99' })).error.details.map((d) => d.path)).toEqual(['industry']);
    expect((await bad({ industry: 'water' })).error.details.map((d) => d.path)).toEqual(['industry']);
    expect((await bad({ region: '990000' })).error.details.map((d) => d.path)).toEqual(['region']);
    expect((await bad({ region: '3205' })).error.details.map((d) => d.path)).toEqual(['region']);
    expect((await bad({})).error.code).toBeDefined();
    expect((await bad({ industry: 'D46', name: 'renamed' })).error.code).toBeDefined();
    expect((await w.request(w.people.adminP, 'POST', '/api/v1/organisations', { name: 'Bad place', level: 'enterprise', parentId: w.orgs.P, region: '000000' })).statusCode).toBe(400);
  });

  it('lists the industry codes to everyone signed in', async () => {
    const r = await w.request(w.people.viewerE1, 'GET', '/api/v1/organisations/industries');
    expect(r.statusCode).toBe(200);
    const items = (r.json() as { items: { code: string }[] }).items;
    expect(items.map((i) => i.code)).toEqual(industries.map((i) => i.code));
    expect(items.map((i) => i.code)).toEqual(expect.arrayContaining(['D44', 'D46', 'C26', 'B07', 'G57']));
  });
});

describe('region codes', () => {
  it('checks shape and province, and names the divisions a code lies within', () => {
    expect(regionProblem('320506')).toBeUndefined();
    expect(regionProblem('110000')).toBeUndefined();
    expect(regionProblem('32050')).toMatch(/six-digit/);
    expect(regionProblem('990000')).toMatch(/not a province/);
    expect(regionAncestors('320506')).toEqual(['320000', '320500', '320506']);
    expect(regionAncestors('320000')).toEqual(['320000']);
    expect(new Set(industries.map((i) => i.code)).size).toBe(industries.length);
  });
});

describe('bulwark org place', { timeout: 240_000 }, () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-org-place-'));
    env = { BULWARK_DATA_DIR: join(dir, 'data'), BULWARK_LOG_LEVEL: 'silent' };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('places an organisation on the local database, names the flag of a bad code, and lists the codes', async () => {
    await cli(env, 'org', 'create', 'Water Works', '--level', 'enterprise', '--industry', 'D46', '--region', '320500');
    const placed = await cli(env, 'org', 'place', 'Water Works', '--region', '320506', '--industry', 'none');
    expect(placed.error, placed.stderr).toBeUndefined();
    expect(placed.stdout).toMatch(/Water Works: industry not set, region 320506/);
    const list = await cli(env, 'org', 'list', '--json');
    expect(JSON.parse(list.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Water Works', industry: null, region: '320506' })]));
    const bad = await cli(env, 'org', 'place', 'Water Works', '--industry', 'Q99');
    expect(bad.error?.message).toMatch(/Q99 is not an industry code/);
    // the problem names the flag, not the field
    expect((bad.error as unknown as { details: { path: string }[] }).details.map((d) => d.path)).toEqual(['--industry']);
    const codes = await cli(env, 'org', 'industries', '--json');
    expect((JSON.parse(codes.stdout) as { code: string }[]).length).toBe(industries.length);
  });
});
