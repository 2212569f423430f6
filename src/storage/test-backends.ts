import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Backend, Database } from './database.js';
import { migrateToLatest } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

// Test support: every storage-touching suite runs once per backend, with one body.

export const testDatabaseUrl =
  process.env['BULWARK_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export const backends: readonly Backend[] = ['pglite', 'postgres'];

export interface TestDatabase extends Database {
  /** Drops what the test created (the schema on PostgreSQL). */
  dispose(): Promise<void>;
  /** A second, independent handle on the same data, as a second process would have (PostgreSQL only). */
  openAnother?: () => Promise<Database>;
}

/** A fresh, migrated, isolated database: in-memory PGlite, or a new schema on the PostgreSQL server. */
export async function createTestDatabase(backend: Backend, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (backend === 'pglite') {
    const database = await openPglite({});
    if (migrate) await migrateToLatest(database);
    return { ...database, close: () => database.close(), dispose: () => database.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`create schema ${schema}`));
  const database = await openPostgres({ url: testDatabaseUrl, schema, poolSize: 4 });
  if (migrate) await migrateToLatest(database);
  return {
    ...database,
    close: () => database.close(),
    openAnother: () => openPostgres({ url: testDatabaseUrl, schema, poolSize: 2 }),
    async dispose() {
      await database.close();
      await withAdminClient((client) => client.query(`drop schema ${schema} cascade`));
    },
  };
}


async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    // CI must fail, never skip, when the server is missing.
    throw new Error(`PostgreSQL test server unreachable at ${testDatabaseUrl}: ${(error as Error).message}`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
