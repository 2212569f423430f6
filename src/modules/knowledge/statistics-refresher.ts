import { sql } from 'kysely';
import { refreshStatistics, type Database } from '../../storage/index.js';

/** The tables whose planner statistics an import changes. */
export const knowledgeTables = ['kb_vulnerabilities', 'kb_affected', 'kb_claims', 'kb_aliases', 'kb_products'] as const;

// Autovacuum's default rule (50 rows + 10 %): analyze costs 0.1–0.3 s per import on PostgreSQL,
// which dwarfs a small import, and a few rows do not change what the planner should choose.
const BASE_THRESHOLD = 50;
const SCALE_FACTOR = 0.1;

/**
 * Refreshes the knowledge tables' statistics once enough has changed since they were last
 * gathered: the vulnerabilities rewritten since then, or a row count that drifted from the
 * planner's. PGlite runs no autovacuum, so this is what keeps its plans right after bulk loads,
 * and there it vacuums the vulnerabilities too.
 */
export function createStatisticsRefresher(database: Database) {
  let changedSinceAnalyze = 0;

  return async function afterImport(changedVulnerabilities: number): Promise<boolean> {
    changedSinceAnalyze += changedVulnerabilities;
    if (changedSinceAnalyze === 0) return false;
    const { rows } = await sql<{ counted: number; estimated: number }>`
      select (select count(*) from kb_vulnerabilities)::float8 as counted,
             (select reltuples from pg_class where oid = 'kb_vulnerabilities'::regclass)::float8 as estimated`.execute(database.db);
    const counted = Number(rows[0]?.counted ?? 0);
    const estimated = Number(rows[0]?.estimated ?? -1);
    // reltuples is -1 until the table is first analyzed.
    const threshold = BASE_THRESHOLD + SCALE_FACTOR * Math.max(estimated, 0);
    const stale = estimated < 0 || changedSinceAnalyze > threshold || Math.abs(counted - estimated) > threshold;
    if (!stale) return false;
    if (database.backend === 'pglite') {
      // The refresh rewrites every new vulnerability row, and PGlite has no autovacuum to clear
      // the dead versions, set hint bits and merge the search index's pending list: left alone,
      // they made every search several times slower (50 ms instead of 9 for a full facet scan).
      await sql`vacuum (analyze) kb_vulnerabilities`.execute(database.db);
      await refreshStatistics(database, knowledgeTables.filter((t) => t !== 'kb_vulnerabilities'));
    } else {
      await refreshStatistics(database, knowledgeTables);
    }
    changedSinceAnalyze = 0;
    return true;
  };
}
