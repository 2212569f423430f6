// One backend's knowledge-base benchmark in a process of its own (started by kb.ts), so that its
// peak memory is that backend's alone. Storage comes from the environment, as for the server:
// BULWARK_DATABASE_URL for PostgreSQL, else PGlite in BULWARK_DATA_DIR. Figures go to stdout.
import { join } from 'node:path';
import { destination, pino } from 'pino';
import { createServices } from '../src/services.js';
import { systemActor, type Actor } from '../src/platform/access.js';
import { migrateToLatest, openDatabase } from '../src/storage/index.js';
import { benchCorrelate } from './kb-correlate.js';
import { benchImport } from './kb-import.js';
import { benchSearch } from './kb-search.js';
import { peakRssMb } from './kb-support.js';
import { progress, repoRoot, report, round, rssMb } from './support.js';

const BENCH = 'kb';

async function main(): Promise<number> {
  const dataDir = process.env['BULWARK_DATA_DIR'];
  if (dataDir === undefined || dataDir === '') throw new Error('BULWARK_DATA_DIR is not set');
  const dataRoot = process.env['BULWARK_BENCH_KB_DATA'] || join(repoRoot, '..', 'shared', 'data');

  // What the harness itself holds (Node, tsx's loader thread, the modules) before storage opens.
  const atStart = await rssMb(process.pid);
  const started = performance.now();
  const database = await openDatabase({ databaseUrl: process.env['BULWARK_DATABASE_URL'], dataDir });
  const backend = database.backend;
  try {
    report({ bench: BENCH, backend, metric: 'rss_at_start_mb', value: round(atStart), unit: 'MB', n: 1 });
    await migrateToLatest(database);
    report({ bench: BENCH, backend, metric: 'open_migrate_ms', value: Math.round(performance.now() - started), unit: 'ms', n: 1 });
    // Warnings (a failed exposure recomputation) go to stderr: stdout carries only figures.
    const logger = pino({ level: 'warn', base: { service: 'bulwark-bench' } }, destination(2));
    const services = createServices(database, undefined, logger);
    const operator = systemActor('bench');
    const national = await services.orgs.create(operator, { name: 'Bench national CERT', level: 'national', parentId: null });
    const plant = await services.orgs.create(operator, { name: 'Bench plant operator', level: 'enterprise', parentId: national.id });
    const csvPlant = await services.orgs.create(operator, { name: 'Bench plant operator (CSV)', level: 'enterprise', parentId: national.id });
    const analyst: Actor = { kind: 'user', userId: 'bench', username: 'bench', orgId: national.id, orgPath: national.path, role: 'analyst' };

    const problems = [
      ...(await benchImport(services, operator, dataRoot, backend)),
      ...(await benchCorrelate(services, operator, { primary: plant.id, csv: csvPlant.id }, backend)),
      ...(await benchSearch(services, analyst, backend)),
    ];
    report({ bench: BENCH, backend, metric: 'peak_rss_end_mb', value: round(await peakRssMb()), unit: 'MB', n: 1 });
    for (const p of problems) progress(`kb ${backend}: ${p}`);
    return problems.length === 0 ? 0 : 1;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
