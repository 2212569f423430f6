import type { Kysely } from 'kysely';
import type { Tables } from './schema.js';

export type Backend = 'pglite' | 'postgres';

/** The storage port: one Kysely handle in the PostgreSQL dialect, whatever runs behind it. */
export interface Database {
  readonly backend: Backend;
  readonly db: Kysely<Tables>;
  /** Where the data lives, for logs: a directory or a redacted URL. */
  readonly location: string;
  /** The schema tables live in ('public' unless a test isolates itself in its own). */
  readonly schema: string;
  /**
   * Loads rows given in COPY text format (see copy.ts) into a table with COPY. Not inside a Kysely
   * transaction: it runs on its own connection (PostgreSQL) or waits for the one connection (PGlite).
   */
  copyFrom(table: string, columns: readonly string[], text: string): Promise<void>;
  close(): Promise<void>;
}

export type Db = Kysely<Tables>;
