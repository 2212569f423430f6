import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createServices, type Services } from '../src/services.js';
import type { Actor } from '../src/platform/access.js';
import { refreshStatistics } from '../src/storage/index.js';
import { assetsCsv, generateAssets, type GeneratedAsset, type KnownProduct } from './kb-assets.js';
import { median, progress, report, round } from './support.js';

const BENCH = 'kb-correlate';
export const CORRELATED_ASSETS = 10_000;
const RUNS = 3;
/** Repeats stop once correlation has taken this long in all: a slow engine still gets its figure, once. */
const REPEAT_BUDGET_MS = 20_000;
const INSERT_CHUNK = 1000;

/** Every product with the distinct range texts sources state for it, in a stable order. */
async function knownProducts(services: Services): Promise<KnownProduct[]> {
  const rows = await services.database.db
    .selectFrom('kb_products as p')
    .innerJoin('kb_vendors as v', 'v.id', 'p.vendor_id')
    .leftJoin('kb_affected as a', 'a.product_id', 'p.id')
    .select(['p.id', 'v.name as vendor', 'p.name as product', sql<string[]>`coalesce(array_agg(distinct a.range_text) filter (where a.range_text is not null), '{}')`.as('ranges')])
    .groupBy(['p.id', 'v.name', 'p.name'])
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({ vendor: r.vendor, product: r.product, ranges: r.ranges }));
}

/** Inserts the assets without the asset service, so no exposure recomputation runs yet. */
async function insertAssets(services: Services, orgId: string, assets: readonly GeneratedAsset[]): Promise<void> {
  const rows = assets.map((a) => ({
    id: randomUUID(),
    org_id: orgId,
    name: a.name,
    zone: a.zone,
    ip: a.ip,
    vendor: a.vendor,
    model: a.model,
    firmware_version: a.firmwareVersion,
    criticality: a.criticality,
    tlp: 'amber',
    shared_upward: false,
    created_by: 'bench',
    updated_by: 'bench',
  }));
  await services.database.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await trx.insertInto('assets').values(rows.slice(i, i + INSERT_CHUNK)).execute();
  });
  // As the CSV import does after a bulk load: PGlite has no autovacuum to notice the new rows.
  await refreshStatistics(services.database, ['assets']);
}

/**
 * Correlation of 10,000 assets built from the imported products: the assets are inserted directly
 * (no hooks), then `knowledge.correlate` recomputes every asset's exposures, up to RUNS times. Then the
 * same inventory goes through the CSV import into a second organisation, which recomputes the
 * exposures of the imported assets itself, to show what an operator's import costs end to end.
 */
export async function benchCorrelate(services: Services, operator: Actor, orgIds: { readonly primary: string; readonly csv: string }, backend: string): Promise<string[]> {
  const products = await knownProducts(services);
  const assets = generateAssets(products, CORRELATED_ASSETS);
  const noVersion = assets.filter((a) => a.firmwareVersion === null).length;
  progress(`${BENCH}: ${assets.length} assets over ${new Set(assets.map((a) => `${a.vendor}|${a.model}`)).size} of ${products.length} products, ${noVersion} without firmware version`);
  await insertAssets(services, orgIds.primary, assets);

  const runs: number[] = [];
  let last: Awaited<ReturnType<Services['knowledge']['correlate']>> | undefined;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    last = await services.knowledge.correlate(operator);
    runs.push(performance.now() - started);
    progress(`${BENCH} run ${i + 1}/${RUNS}: ${last.assets} assets, ${last.exposures} exposures (${last.affected} affected, ${last.unknown} unknown) in ${Math.round(runs.at(-1) ?? 0)} ms`);
    if (runs.reduce((s, r) => s + r, 0) > REPEAT_BUDGET_MS && i + 1 < RUNS) {
      progress(`${BENCH}: over ${REPEAT_BUDGET_MS} ms in all; not repeating`);
      break;
    }
  }
  if (last === undefined) throw new Error('no correlation run');
  if (last.assets !== CORRELATED_ASSETS) throw new Error(`correlation saw ${last.assets} assets, expected ${CORRELATED_ASSETS}`);
  const ms = median(runs);
  const common = { bench: BENCH, backend, assets: last.assets };
  report({ ...common, metric: 'correlate_ms', value: Math.round(ms), unit: 'ms', n: runs.length });
  report({ ...common, metric: 'correlate_first_ms', value: Math.round(runs[0] ?? 0), unit: 'ms', n: 1 });
  report({ ...common, metric: 'assets_per_s', value: round(last.assets / (ms / 1000)), unit: 'assets/s', n: runs.length });
  report({ ...common, metric: 'exposures', value: last.exposures, unit: 'exposures', n: 1 });
  report({ ...common, metric: 'exposures_affected', value: last.affected, unit: 'exposures', n: 1 });
  report({ ...common, metric: 'exposures_unknown', value: last.unknown, unit: 'exposures', n: 1 });

  // The engine keeps the affected entries it loaded while the knowledge is unchanged, so runs 2 and
  // 3 are warm: a fresh service shows the same recomputation with nothing kept (cold).
  const fresh = createServices(services.database);
  const coldStarted = performance.now();
  const cold = await fresh.knowledge.correlate(operator);
  const coldMs = performance.now() - coldStarted;
  progress(`${BENCH}: fresh service, cold: ${cold.exposures} exposures in ${Math.round(coldMs)} ms`);
  report({ ...common, metric: 'correlate_cold_ms', value: Math.round(coldMs), unit: 'ms', n: 1 });

  const csv = assetsCsv(assets);
  const started = performance.now();
  const imported = await services.assets.importCsv(operator, csv, { orgId: orgIds.csv });
  const csvMs = performance.now() - started;
  if (imported.created !== CORRELATED_ASSETS) throw new Error(`CSV import created ${imported.created} of ${CORRELATED_ASSETS} assets`);
  progress(`${BENCH}: CSV import of ${imported.created} assets with exposure recomputation in ${Math.round(csvMs)} ms`);
  report({ ...common, metric: 'csv_import_with_exposures_ms', value: Math.round(csvMs), unit: 'ms', n: 1 });

  // The import's recomputation swallows its own errors (it must not undo the asset write): check its result.
  const found = await services.database.db
    .selectFrom('kb_exposures as e')
    .innerJoin('assets as a', 'a.id', 'e.asset_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('a.org_id', '=', orgIds.csv)
    .executeTakeFirstOrThrow();
  return Number(found.n) === last.exposures ? [] : [`the CSV import left ${found.n} exposures for the same inventory that correlate found ${last.exposures} for`];
}
