import { Kysely, PostgresDialect } from 'kysely';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { copyStatement } from './copy.js';
import type { Database } from './database.js';
import type { Tables } from './schema.js';

export interface PostgresOptions {
  readonly url: string;
  /** Run everything in this schema (tests isolate themselves this way). */
  readonly schema?: string | undefined;
  readonly poolSize?: number | undefined;
}

// Keep bigint counts as strings; timestamps stay Dates as pg parses them.
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}

export async function openPostgres(options: PostgresOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  // Fail fast with a clear error instead of on the first request.
  const probe = await pool.connect();
  probe.release();
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return {
    backend: 'postgres',
    db,
    location: redactUrl(options.url),
    schema: options.schema ?? 'public',
    async copyFrom(table, columns, text) {
      const client = await pool.connect();
      try {
        await pipeline(Readable.from([Buffer.from(text, 'utf8')]), client.query(copyFromStdin(copyStatement(table, columns, 'stdin'))));
        client.release();
      } catch (error) {
        // a connection that failed mid-COPY is not handed back to the pool
        client.release(error instanceof Error ? error : true);
        throw error;
      }
    },
    async close() {
      await db.destroy();
    },
  };
}
