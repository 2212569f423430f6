import { sql, type Kysely, type Migration } from 'kysely';
import type { Database } from './database.js';
import { migrationProvider } from './migrations/index.js';

export interface MigrationReport {
  readonly applied: readonly string[];
}

/** Arbitrary key of the transaction advisory lock that serialises migration runs on one server. */
const migrationLock = 0x6275_6c6b;

/**
 * Brings the schema up to date in one transaction, under an advisory lock, so two processes starting
 * at once apply each migration exactly once. The bookkeeping table keeps Kysely's name and columns.
 *
 * Why not Kysely's Migrator: it lists the tables of every schema on the server and checks each schema's
 * privileges by name, so a schema that anyone drops meanwhile fails the run (3F000); on a shared
 * server (and in our tests, one schema per suite) that happens.
 */
export async function migrateToLatest(database: Database): Promise<MigrationReport> {
  const migrations = await migrationProvider.getMigrations();
  const names = Object.keys(migrations).sort();
  return database.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${migrationLock})`.execute(trx);
    const table = sql.table(`${database.schema}.kysely_migration`);
    await sql`create table if not exists ${table} (name varchar(255) not null primary key, timestamp varchar(255) not null)`.execute(trx);
    const done = new Set((await sql<{ name: string }>`select name from ${table}`.execute(trx)).rows.map((r) => r.name));
    const unknown = [...done].filter((name) => migrations[name] === undefined);
    if (unknown.length > 0) throw new Error(`the database has migrations this version does not know: ${unknown.join(', ')}`);
    const applied: string[] = [];
    for (const name of names) {
      if (done.has(name)) continue;
      try {
        await (migrations[name] as Migration).up(trx as unknown as Kysely<unknown>);
      } catch (error) {
        const cause = error instanceof Error ? error : new Error(String(error));
        throw new Error(`migration ${name} failed: ${cause.message}`, { cause });
      }
      await sql`insert into ${table} (name, timestamp) values (${name}, ${new Date().toISOString()})`.execute(trx);
      applied.push(name);
    }
    return { applied };
  });
}
