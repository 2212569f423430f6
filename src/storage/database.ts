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
  close(): Promise<void>;
}

export type Db = Kysely<Tables>;
