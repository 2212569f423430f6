import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { copyStatement } from './copy.js';
import type { Database } from './database.js';
import type { Tables } from './schema.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import { compilePgliteModule } from './pglite-module.js';

export interface PgliteOptions {
  /** A directory, or undefined for an in-memory database (tests, benchmarks). */
  readonly dataDir?: string | undefined;
  /**
   * PostgreSQL's shared buffer pool, e.g. `8MB`, for processes that run a few queries and end (see
   * pglite-module.ts); unset: PGlite's own 128 MB.
   */
  readonly bufferPool?: string | undefined;
}

export async function openPglite(options: PgliteOptions): Promise<Database> {
  let release: (() => Promise<void>) | undefined;
  if (options.dataDir !== undefined) {
    await mkdir(options.dataDir, { recursive: true });
    // PGlite is single-process: a second process on the same directory would corrupt it.
    release = await acquireDataDirLock(options.dataDir);
  }
  try {
    const wasmModule = options.bufferPool === undefined ? undefined : await compilePgliteModule(options.bufferPool);
    const settings = wasmModule === undefined ? {} : { wasmModule };
    const client = options.dataDir === undefined ? new PGlite(settings) : new PGlite(`${options.dataDir}/pgdata`, settings);
    await client.waitReady;
    const db = new Kysely<Tables>({ dialect: new PGliteDialect(client) });
    return {
      backend: 'pglite',
      db,
      location: options.dataDir ?? 'memory',
      schema: 'public',
      async copyFrom(table, columns, text) {
        // Holding Kysely's one connection keeps the COPY out of another caller's open transaction.
        await db.connection().execute(() => client.query(copyStatement(table, columns, 'blob'), [], { blob: new Blob([text]) }));
      },
      async close() {
        await db.destroy();
        await release?.();
      },
    };
  } catch (error) {
    await release?.();
    throw error;
  }
}
