import type { Database } from './database.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

export interface StorageConfig {
  readonly databaseUrl?: string | undefined;
  readonly dataDir: string;
}

/** Chooses the adapter: a PostgreSQL server when a URL is configured, else embedded PGlite. */
export async function openDatabase(config: StorageConfig): Promise<Database> {
  if (config.databaseUrl !== undefined && config.databaseUrl !== '') {
    return openPostgres({ url: config.databaseUrl });
  }
  return openPglite({ dataDir: config.dataDir });
}
