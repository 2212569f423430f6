// Opens what a command talks to: a server's API with a token, or the configured database in-process,
// migrated and bootstrapped the way `serve` does it on first use.
import type { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { systemActor } from '../platform/access.js';
import { createApi } from '../platform/cli-kit/api.js';
import { globals, type Connection, type LocalConnection } from '../platform/cli-kit/context.js';
import type { Output } from '../platform/cli-kit/output.js';
import type { Services } from '../services.js';
import { migrateToLatest, openDatabase, type Database } from '../storage/index.js';

export interface ConnectOptions {
  readonly out: Output;
  readonly env: NodeJS.ProcessEnv;
  /** What an empty database gets: a root organisation and its admin, the demo content too, or nothing. */
  readonly bootstrap?: 'root' | 'demo' | 'none';
  /**
   * The process ends after a few queries: compile the embedded database's WebAssembly with the baseline
   * compiler only. Optimizing it costs more CPU than such a command ever gets back.
   */
  readonly shortLived?: boolean;
}

/** Enough for a few catalogue lookups and one result set. */
const SHORT_LIVED_POOL = '8MB';
/** Imports and analyses stream through COPY and ring buffers; a larger pool buys them little. */
const COMMAND_POOL = '32MB';

/** True when the database has never been bootstrapped and holds no organisation: one cheap query. */
async function isEmpty(database: Database): Promise<boolean> {
  const row = await database.db
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom('bulwark_meta').select('key').where('key', '=', 'bootstrapped')).as('marked'),
      eb.exists(eb.selectFrom('organisations').select('id')).as('orgs'),
    ])
    .executeTakeFirstOrThrow();
  return !row.marked && !row.orgs;
}

async function bootstrapEmpty(connection: LocalConnection, out: Output, demo: boolean): Promise<void> {
  if (!(await isEmpty(connection.database))) return;
  // Loaded only on first use: the bootstrap wires every module.
  const { bootstrap } = await import('../demo/bootstrap.js');
  const boot = await bootstrap(await connection.services(), { demo, adminPassword: connection.config.adminPassword });
  if (!boot.created) return;
  out.error(`first use of ${connection.database.location}: created the root organisation${boot.demo ? ' and the demo content' : ''}, and admin "${boot.adminUsername ?? 'admin'}"`);
  if (boot.generatedPassword !== undefined) out.error(`  its one-time console password: ${boot.generatedPassword} (not shown again)`);
}

export async function openLocal(options: ConnectOptions): Promise<LocalConnection> {
  const config = loadConfig(options.env);
  if (options.shortLived === true && config.databaseUrl === undefined) (await import('node:v8')).setFlagsFromString('--liftoff-only');
  // A command is not a server: a small buffer pool opens the embedded database in half the time.
  const bufferPool = options.shortLived === true ? SHORT_LIVED_POOL : COMMAND_POOL;
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, bufferPool });
  let services: Promise<Services> | undefined;
  const connection: LocalConnection = {
    mode: 'local',
    config,
    database,
    actor: systemActor(options.env['USER'] ?? 'operator'),
    services: () =>
      (services ??= import('../services.js').then(({ createServices }) => createServices(database, config))),
    close: () => database.close(),
  };
  try {
    await migrateToLatest(database);
    if ((options.bootstrap ?? 'root') !== 'none') await bootstrapEmpty(connection, options.out, options.bootstrap === 'demo');
    return connection;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** A server URL (with a token) means remote; otherwise the configured database, in-process. */
export async function connect(options: ConnectOptions, command: Command): Promise<Connection> {
  const g = globals(command);
  const server = g.server ?? options.env['BULWARK_SERVER'];
  if (server !== undefined && server !== '') {
    const token = g.token ?? options.env['BULWARK_TOKEN'];
    if (token === undefined || token === '') throw new Error('--server needs --token (or BULWARK_TOKEN)');
    return { mode: 'remote', api: createApi(server, token), close: () => Promise.resolve() };
  }
  return openLocal(options);
}
