import { sql, type RawBuilder } from 'kysely';
import type { Db } from './database.js';

/** Column name and its PostgreSQL type, as jsonb_to_recordset needs it. */
export type BulkColumns = readonly (readonly [name: string, type: string])[];

const IDENT = /^[a-z_][a-z0-9_]*$/;
const TYPE = /^[a-z0-9_ ]+(\[\])?$/;

/**
 * Inserts many rows as one JSON parameter (insert ... select from jsonb_to_recordset): one
 * round trip and no per-value placeholders to build, on PostgreSQL and PGlite alike.
 * jsonb columns take the value as is; arrays map to PostgreSQL arrays.
 */
export async function bulkInsert(
  db: Db,
  table: string,
  columns: BulkColumns,
  rows: readonly Record<string, unknown>[],
  onConflict?: RawBuilder<unknown>,
  chunkSize = 5000,
): Promise<void> {
  if (!IDENT.test(table) || columns.some(([n, t]) => !IDENT.test(n) || !TYPE.test(t))) {
    throw new Error(`bulkInsert: unsafe identifier in ${table}`);
  }
  const names = sql.raw(columns.map(([n]) => n).join(', '));
  const defs = sql.raw(columns.map(([n, t]) => `${n} ${t}`).join(', '));
  for (let i = 0; i < rows.length; i += chunkSize) {
    const chunk = rows.slice(i, i + chunkSize);
    await sql`insert into ${sql.table(table)} (${names})
      select ${names} from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as d(${defs})
      ${onConflict ?? sql``}`.execute(db);
  }
}
