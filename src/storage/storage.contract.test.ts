import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { bootstrap } from '../demo/bootstrap.js';
import { systemActor } from '../platform/access.js';
import { createServices } from '../services.js';
import { migrateToLatest } from './migrate.js';
import { migrationProvider } from './migrations/index.js';
import { openPglite } from './pglite.js';
import { backends, createTestDatabase, testDatabaseUrl, type TestDatabase } from './test-backends.js';

// One body, every backend: PGlite (embedded) and the PostgreSQL server behave the same.
describe.each(backends)('storage contract on %s', (backend) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.dispose();
    database = undefined;
  });

  it('migrates an empty database, and a second run applies nothing', async () => {
    database = await createTestDatabase(backend, { migrate: false });
    const first = await migrateToLatest(database);
    expect(first.applied).toEqual(Object.keys(await migrationProvider.getMigrations()));
    expect(first.applied[0]).toBe('2026-11-23-0001-kernel');
    const second = await migrateToLatest(database);
    expect(second.applied).toEqual([]);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = current_schema() order by table_name`.execute(
      database.db,
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['api_tokens', 'assets', 'audit_log', 'bulwark_meta', 'organisations', 'sessions', 'users']),
    );
  });

  it('keeps the audit log append-only: updates, deletes and truncation fail', async () => {
    database = await createTestDatabase(backend);
    const services = createServices(database);
    await services.orgs.create(systemActor(), { name: 'Root', level: 'national', parentId: null });
    const { db } = database;
    const before = await db.selectFrom('audit_log').select('id').execute();
    expect(before).toHaveLength(1);
    await expect(db.updateTable('audit_log').set({ action: 'tampered' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect(await db.selectFrom('audit_log').select('action').execute()).toEqual([{ action: 'organisation.create' }]);
  });

  it('enforces constraints: unique names, valid levels, roles, TLP and criticality', async () => {
    database = await createTestDatabase(backend);
    const { db } = database;
    await db.insertInto('organisations').values({ id: 'o1', name: 'A', level: 'national', parent_id: null, path: '/o1/' }).execute();
    await expect(
      db.insertInto('organisations').values({ id: 'o2', name: 'A', level: 'national', parent_id: null, path: '/o2/' }).execute(),
    ).rejects.toThrow();
    await expect(
      db.insertInto('organisations').values({ id: 'o3', name: 'B', level: 'galactic', parent_id: null, path: '/o3/' }).execute(),
    ).rejects.toThrow();
    await expect(
      db.insertInto('users').values({ id: 'u1', org_id: 'o1', username: 'x', display_name: 'x', role: 'root', password_hash: null }).execute(),
    ).rejects.toThrow();
    const asset = {
      id: 'a1', org_id: 'o1', name: 'PLC', zone: null, ip: null, mac: null, vendor: null, model: null, firmware_version: null,
      criticality: 'high', tlp: 'amber', shared_upward: false, created_by: 't', updated_by: 't',
    };
    await db.insertInto('assets').values(asset).execute();
    await expect(db.insertInto('assets').values({ ...asset, id: 'a2' }).execute()).rejects.toThrow();
    await expect(db.insertInto('assets').values({ ...asset, id: 'a3', name: 'P2', tlp: 'white' }).execute()).rejects.toThrow();
    await expect(db.insertInto('assets').values({ ...asset, id: 'a4', name: 'P3', criticality: 'meh' }).execute()).rejects.toThrow();
  });

  it('rolls a failed transaction back completely', async () => {
    database = await createTestDatabase(backend);
    const { db } = database;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('bulwark_meta').values({ key: 'k', value: 'v' }).execute();
        await trx.insertInto('bulwark_meta').values({ key: 'k', value: 'again' }).execute();
      }),
    ).rejects.toThrow();
    expect(await db.selectFrom('bulwark_meta').selectAll().execute()).toEqual([]);
  });

  it('serializes concurrent transactions without interleaving', async () => {
    database = await createTestDatabase(backend);
    const { db } = database;
    await db.insertInto('bulwark_meta').values({ key: 'counter', value: '0' }).execute();
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction().execute(async (trx) => {
          await sql`select pg_advisory_xact_lock(42)`.execute(trx);
          const row = await trx.selectFrom('bulwark_meta').select('value').where('key', '=', 'counter').executeTakeFirstOrThrow();
          await trx.updateTable('bulwark_meta').set({ value: String(Number(row.value) + 1) }).where('key', '=', 'counter').execute();
        }),
      ),
    );
    const row = await db.selectFrom('bulwark_meta').select('value').where('key', '=', 'counter').executeTakeFirstOrThrow();
    expect(row.value).toBe('20');
  });

  it('upserts assets by organisation and name, counting new rows, and pages by keyset', async () => {
    database = await createTestDatabase(backend);
    const services = createServices(database);
    const op = systemActor();
    const org = await services.orgs.create(op, { name: 'Plant', level: 'national', parentId: null });
    const csv = ['name,ip,criticality', ...Array.from({ length: 120 }, (_, i) => `asset-${String(i).padStart(3, '0')},10.0.0.${i},high`)].join('\n');
    const first = await services.assets.importCsv(op, csv, { orgId: org.id });
    expect(first).toEqual({ rows: 120, created: 120, updated: 0, dryRun: false });
    const again = await services.assets.importCsv(op, csv, { orgId: org.id });
    expect(again).toEqual({ rows: 120, created: 0, updated: 120, dryRun: false });
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await services.assets.list(op, { limit: 50, cursor });
      names.push(...page.items.map((a) => a.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(names).toHaveLength(120);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(120);
  });

  it('pages a parent analyst through own and shared-upward assets in one order, without gaps or repeats', async () => {
    database = await createTestDatabase(backend);
    const services = createServices(database);
    const op = systemActor();
    const parent = await services.orgs.create(op, { name: 'Province', level: 'provincial', parentId: null });
    const childA = await services.orgs.create(op, { name: 'Plant A', level: 'enterprise', parentId: parent.id });
    const childB = await services.orgs.create(op, { name: 'Plant B', level: 'enterprise', parentId: parent.id });
    const rows = (prefix: string, n: number, tlp: string, shared: string) =>
      ['name,tlp,shared_upward', ...Array.from({ length: n }, (_, i) => `${prefix}-${String(i * 7 % n).padStart(3, '0')},${tlp},${shared}`)].join('\n');
    await services.assets.importCsv(op, rows('m', 40, 'amber', 'no'), { orgId: parent.id });
    await services.assets.importCsv(op, rows('a', 30, 'green', 'yes'), { orgId: childA.id });
    await services.assets.importCsv(op, rows('b', 25, 'amber', 'yes'), { orgId: childB.id });
    await services.assets.importCsv(op, rows('r', 10, 'red', 'yes'), { orgId: childB.id });
    await services.assets.importCsv(op, rows('u', 10, 'amber', 'no'), { orgId: childB.id });
    const analyst = await services.users.create(op, { username: 'prov.analyst', orgId: parent.id, role: 'analyst' });
    const actor = { kind: 'user' as const, userId: analyst.id, username: 'prov.analyst', orgId: parent.id, orgPath: parent.path, role: 'analyst' as const };
    const all = async (filter: { orgId?: string }) => {
      const names: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await services.assets.list(actor, { ...filter, limit: 17, cursor });
        expect(page.items.length).toBeLessThanOrEqual(17);
        names.push(...page.items.map((a) => a.name));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      return names;
    };
    const names = await all({});
    expect(names).toHaveLength(40 + 30 + 25);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => n.startsWith('r-') || n.startsWith('u-'))).toEqual([]);
    expect(await all({ orgId: childA.id })).toHaveLength(30);
    expect(await all({ orgId: parent.id })).toHaveLength(40);
    const viewer = { ...actor, role: 'viewer' as const };
    expect((await services.assets.list(viewer, { limit: 500 })).items).toHaveLength(40);
    const child = { ...actor, orgId: childB.id, orgPath: `${parent.path}${childB.id}/` };
    expect((await services.assets.list(child, { limit: 500 })).items).toHaveLength(45);
  });

  it('bootstraps an empty database once, even when two starts race', async () => {
    database = await createTestDatabase(backend);
    const a = createServices(database);
    const other = database.openAnother === undefined ? database : await database.openAnother();
    try {
      const b = createServices(other);
      const results = await Promise.all([
        bootstrap(a, { demo: true, adminPassword: 'correct horse battery' }),
        bootstrap(b, { demo: true, adminPassword: 'correct horse battery' }),
      ]);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const admins = await database.db.selectFrom('users').select('username').where('role', '=', 'admin').execute();
      expect(admins).toEqual([{ username: 'admin' }]);
      expect(await database.db.selectFrom('organisations').select('id').execute()).toHaveLength(4);
      const third = await bootstrap(a, { demo: true });
      expect(third.created).toBe(false);
    } finally {
      if (other !== database) await other.close();
    }
  });
});

describe('migrations when two processes start at once', () => {
  it('PostgreSQL: two connections migrating concurrently apply each migration once', async () => {
    const first = await createTestDatabase('postgres', { migrate: false });
    const open = first.openAnother;
    if (open === undefined) throw new Error('postgres test database must offer openAnother');
    const second = await open();
    try {
      const [a, b] = await Promise.all([migrateToLatest(first), migrateToLatest(second)]);
      const all = Object.keys(await migrationProvider.getMigrations());
      expect([...a.applied, ...b.applied].sort()).toEqual(all);
      const rows = await first.db.selectFrom('kysely_migration' as never).select('name' as never).execute();
      expect(rows).toHaveLength(all.length);
    } finally {
      await second.close();
      await first.dispose();
    }
  });

  it('PostgreSQL: schemas dropped by others during the run do not fail it', async () => {
    const database = await createTestDatabase('postgres', { migrate: false });
    const churners = await Promise.all([1, 2, 3].map(async () => {
      const client = new pg.Client({ connectionString: testDatabaseUrl });
      await client.connect();
      return client;
    }));
    let stop = false;
    // Other tenants of the server creating and dropping schemas in tight loops.
    const churning = churners.map(async (client, n) => {
      for (let i = 0; !stop; i += 1) {
        const name = `churn_${process.pid}_${n}_${i}`;
        await client.query(`create schema ${name}; create table ${name}.t (a int, b int, c int)`);
        await client.query(`drop schema ${name} cascade`);
      }
    });
    try {
      const report = await migrateToLatest(database);
      expect(report.applied).toEqual(Object.keys(await migrationProvider.getMigrations()));
      // Each later run lists every schema again.
      for (let run = 0; run < 30; run += 1) expect((await migrateToLatest(database)).applied).toEqual([]);
    } finally {
      stop = true;
      await Promise.all(churning);
      await Promise.all(churners.map((client) => client.end()));
      await database.dispose();
    }
  });

  it('PGlite: a second process on the same data directory is refused, not allowed to corrupt it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bulwark-lock-'));
    const first = await openPglite({ dataDir: dir });
    try {
      await migrateToLatest(first);
      // Simulate another live process holding the lock: our own pid counts as "this process",
      // so point the lock at the parent process, which is alive.
      const { writeFile } = await import('node:fs/promises');
      await writeFile(join(dir, 'bulwark.lock'), String(process.ppid));
      await expect(openPglite({ dataDir: dir })).rejects.toThrow(/in use by process/);
    } finally {
      await first.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('PGlite: a lock left by a dead process is taken over, and data survives a reopen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bulwark-lock-'));
    try {
      const first = await openPglite({ dataDir: dir });
      await migrateToLatest(first);
      await first.db.insertInto('bulwark_meta').values({ key: 'k', value: 'kept' }).execute();
      await first.close();
      const { writeFile } = await import('node:fs/promises');
      await writeFile(join(dir, 'bulwark.lock'), '999999999');
      const second = await openPglite({ dataDir: dir });
      try {
        expect((await migrateToLatest(second)).applied).toEqual([]);
        expect(await second.db.selectFrom('bulwark_meta').select('value').execute()).toEqual([{ value: 'kept' }]);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
