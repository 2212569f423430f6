import { sql } from 'kysely';
import type { Database } from './database.js';

/**
 * Refreshes planner statistics. PGlite runs no autovacuum, so without this the planner
 * keeps its empty-table guesses and scans instead of using indexes; on a server it only
 * brings autovacuum's work forward after a bulk load.
 */
export async function refreshStatistics(database: Database, tables: readonly string[] = []): Promise<void> {
  if (tables.length === 0) {
    await sql`analyze`.execute(database.db);
    return;
  }
  for (const table of tables) await sql`analyze ${sql.table(table)}`.execute(database.db);
}
