import type { Database } from './database.js';

export interface StorageConfig {
  readonly databaseUrl?: string | undefined;
  readonly dataDir: string;
  /** The embedded database's buffer pool for a short-lived process (see pglite-module.ts). */
  readonly bufferPool?: string | undefined;
}

/** Chooses the adapter: a PostgreSQL server when a URL is configured, else embedded PGlite. */
export async function openDatabase(config: StorageConfig): Promise<Database> {
  if (config.databaseUrl !== undefined && config.databaseUrl !== '') {
    // Only the adapter in use is loaded: PGlite's WASM module is large.
    const { openPostgres } = await import('./postgres.js');
    return openPostgres({ url: config.databaseUrl });
  }
  const { openPglite } = await import('./pglite.js');
  return openPglite({ dataDir: config.dataDir, bufferPool: config.bufferPool });
}
