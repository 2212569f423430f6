import autocannon from 'autocannon';
import { createToken, importAssetsCsv, listAssets, loginAdmin } from './api-client.js';
import { assetInventoryCsv } from './asset-inventory.js';
import { startServer } from './server-process.js';
import type { StorageBackend } from './storage-backends.js';
import { progress, report, round, rssMb, type BenchCase } from './support.js';

const BENCH = 'assets-list';
const ASSET_COUNT = 10_000;
const PAGE_LIMIT = 100;
/** The deep page is the one reached after following nextCursor this many times. */
const DEEP_PAGE_HOPS = 50;
const CONNECTIONS = 10;
const DURATION_S = 10;
const WARMUP_S = 2;

/** Counts every asset the caller can see, paging at the API's maximum. */
async function countVisible(baseUrl: string, token: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page = await listAssets(baseUrl, token, { limit: '500', ...(cursor === null ? {} : { cursor }) });
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor !== null);
  return count;
}

/** The query string of the page after `hops` pages of PAGE_LIMIT. */
async function deepPageQuery(baseUrl: string, token: string, hops: number): Promise<string> {
  let cursor: string | null = null;
  for (let i = 0; i < hops; i++) {
    const page = await listAssets(baseUrl, token, { limit: String(PAGE_LIMIT), ...(cursor === null ? {} : { cursor }) });
    if (page.nextCursor === null) throw new Error(`only ${i + 1} pages of ${PAGE_LIMIT}; expected more than ${hops}`);
    cursor = page.nextCursor;
  }
  return new URLSearchParams({ limit: String(PAGE_LIMIT), ...(cursor === null ? {} : { cursor }) }).toString();
}

async function load(baseUrl: string, query: string, token: string, labels: { backend: string; page: number }): Promise<void> {
  const url = `${baseUrl}/api/v1/assets?${query}`;
  const check = await listAssets(baseUrl, token, Object.fromEntries(new URLSearchParams(query)));
  if (check.items.length !== PAGE_LIMIT) throw new Error(`page ${labels.page} has ${check.items.length} items, expected ${PAGE_LIMIT}`);

  progress(`${BENCH} ${labels.backend} page ${labels.page}: ${WARMUP_S} s warm-up, ${DURATION_S} s measured, ${CONNECTIONS} connections`);
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { authorization: `Bearer ${token}` },
    warmup: { connections: CONNECTIONS, duration: WARMUP_S },
  });
  const requests = result.requests.total ?? 0;
  const common = { bench: BENCH, ...labels, limit: PAGE_LIMIT, connections: CONNECTIONS };
  report({ ...common, metric: 'requests_per_s', value: round(result.requests.average), unit: 'req/s', n: requests });
  report({ ...common, metric: 'latency_p50_ms', value: result.latency.p50, unit: 'ms', n: requests });
  report({ ...common, metric: 'latency_p99_ms', value: result.latency.p99, unit: 'ms', n: requests });
  report({ ...common, metric: 'non2xx', value: result.non2xx, unit: 'responses', n: requests });
  if (result.non2xx > 0 || result.errors > 0 || requests === 0) {
    throw new Error(
      `GET ${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors (${result.timeouts} timeouts) of ${requests}; status codes ${JSON.stringify(result.statusCodeStats)}`,
    );
  }
}

/**
 * GET /api/v1/assets?limit=100 under load with 10,000 assets loaded by CSV import: the first page,
 * and a page 50 hops deep to show that keyset paging does not slow down with depth.
 */
export function assetsList(backend: StorageBackend): BenchCase {
  return {
    id: `${BENCH}/${backend.name}`,
    async run() {
      const storage = await backend.provision();
      try {
        const server = await startServer(storage);
        try {
          const token = await createToken(server.baseUrl, await loginAdmin(server.baseUrl));

          const csv = assetInventoryCsv(ASSET_COUNT);
          const importStarted = performance.now();
          const imported = await importAssetsCsv(server.baseUrl, token, csv);
          const importMs = performance.now() - importStarted;
          if (imported.created !== ASSET_COUNT) {
            throw new Error(`import created ${imported.created} of ${ASSET_COUNT} assets (${JSON.stringify(imported)})`);
          }
          report({ bench: BENCH, backend: backend.name, metric: 'import_10k_ms', value: Math.round(importMs), unit: 'ms', n: 1 });

          const visible = await countVisible(server.baseUrl, token);
          if (visible < ASSET_COUNT) throw new Error(`admin sees ${visible} assets after importing ${ASSET_COUNT}`);
          progress(`${BENCH} ${backend.name}: imported ${ASSET_COUNT} in ${Math.round(importMs)} ms; ${visible} visible`);

          await load(server.baseUrl, `limit=${PAGE_LIMIT}`, token, { backend: backend.name, page: 1 });
          const deep = await deepPageQuery(server.baseUrl, token, DEEP_PAGE_HOPS);
          await load(server.baseUrl, deep, token, { backend: backend.name, page: DEEP_PAGE_HOPS + 1 });

          report({ bench: BENCH, backend: backend.name, metric: 'rss_after_load_mb', value: round(await rssMb(server.pid)), unit: 'MB', n: 1 });
        } finally {
          await server.stop();
        }
      } finally {
        await storage.dispose();
      }
    },
  };
}
