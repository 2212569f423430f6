// TAXII 2.1 server under load: a collection of 100,000 objects (the generated bundle of
// intel-import, uploaded through the API), walked page by page, then pages of 1,000 objects
// requested by concurrent clients on loopback.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import autocannon from 'autocannon';
import { createToken, loginAdmin } from './api-client.js';
import { GENERATED_OBJECTS, writeGeneratedBundle } from './intel-import.js';
import { startServer } from './server-process.js';
import type { StorageBackend } from './storage-backends.js';
import { progress, report, round, rssMb, sleep, type BenchCase } from './support.js';

const BENCH = 'taxii';
const TAXII = 'application/taxii+json;version=2.1';
const PAGE = 1000;
const DEEP_PAGE_HOPS = 50;
const CONNECTIONS = 8;
const DURATION_S = 10;
const WARMUP_S = 2;

async function json<T>(response: Response, what: string): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${text.slice(0, 1000)}`);
  return JSON.parse(text) as T;
}

async function upload(baseUrl: string, token: string, path: string, size: number): Promise<void> {
  const headers = { authorization: `Bearer ${token}` };
  let job = await json<{ id: string; status: string; stored: number; error: string | null }>(
    await fetch(`${baseUrl}/api/v1/intel/imports?name=bench.json&tlp=green&source=bench`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/stix+json;version=2.1', 'content-length': String(size) },
      body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
      duplex: 'half',
    } as RequestInit),
    'bundle upload',
  );
  while (job.status === 'pending') {
    await sleep(500);
    job = await json(await fetch(`${baseUrl}/api/v1/intel/imports/${job.id}`, { headers }), 'import status');
  }
  if (job.status !== 'complete' || job.stored < GENERATED_OBJECTS) throw new Error(`import ended ${job.status} with ${job.stored} stored: ${job.error ?? ''}`);
}

interface Envelope {
  more?: boolean;
  next?: string;
  objects?: { id: string }[];
}

async function page(url: string, token: string): Promise<Envelope> {
  return json<Envelope>(await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: TAXII } }), `GET ${url}`);
}

async function load(url: string, token: string, labels: { backend: string; page: number }): Promise<void> {
  progress(`${BENCH} ${labels.backend} page ${labels.page}: ${WARMUP_S} s warm-up, ${DURATION_S} s measured, ${CONNECTIONS} connections`);
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { authorization: `Bearer ${token}`, accept: TAXII },
    warmup: { connections: CONNECTIONS, duration: WARMUP_S },
  });
  const requests = result.requests.total ?? 0;
  const common = { bench: BENCH, ...labels, limit: PAGE, connections: CONNECTIONS };
  report({ ...common, metric: 'requests_per_s', value: round(result.requests.average), unit: 'req/s', n: requests });
  report({ ...common, metric: 'objects_per_s', value: round(result.requests.average * PAGE), unit: 'objects/s', n: requests });
  report({ ...common, metric: 'latency_p50_ms', value: result.latency.p50, unit: 'ms', n: requests });
  report({ ...common, metric: 'latency_p99_ms', value: result.latency.p99, unit: 'ms', n: requests });
  if (result.non2xx > 0 || result.errors > 0 || requests === 0) {
    throw new Error(`GET ${url}: ${result.non2xx} non-2xx, ${result.errors} errors of ${requests}; ${JSON.stringify(result.statusCodeStats)}`);
  }
}

export function taxiiServer(backend: StorageBackend): BenchCase {
  return {
    id: `${BENCH}/${backend.name}`,
    async run() {
      const dir = await mkdtemp(join(tmpdir(), 'bulwark-bench-taxii-'));
      const storage = await backend.provision();
      try {
        const bundle = join(dir, 'generated.json');
        const size = await writeGeneratedBundle(bundle, GENERATED_OBJECTS);
        const server = await startServer(storage);
        try {
          const token = await createToken(server.baseUrl, await loginAdmin(server.baseUrl));
          const collection = await json<{ id: string }>(
            await fetch(`${server.baseUrl}/api/v1/taxii/collections`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ title: 'Bench collection' }),
            }),
            'collection create',
          );
          const objects = `${server.baseUrl}/taxii2/api1/collections/${collection.id}/objects/`;
          // The demo's own intelligence is in the collection too.
          const before = (await page(`${objects}?limit=${PAGE}`, token)).objects?.length ?? 0;
          const started = performance.now();
          await upload(server.baseUrl, token, bundle, size);
          report({ bench: BENCH, backend: backend.name, metric: 'upload_import_ms', value: Math.round(performance.now() - started), unit: 'ms', n: GENERATED_OBJECTS });

          // One client walks the whole collection: every object once, in date_added order.
          const seen = new Set<string>();
          let next: string | undefined;
          let pages = 0;
          let deep: string | undefined;
          const walkStarted = performance.now();
          do {
            const env = await page(`${objects}?limit=${PAGE}${next === undefined ? '' : `&next=${next}`}`, token);
            for (const o of env.objects ?? []) {
              if (seen.has(o.id)) throw new Error(`object ${o.id} served twice`);
              seen.add(o.id);
            }
            next = env.next;
            pages++;
            if (pages === DEEP_PAGE_HOPS) deep = next;
          } while (next !== undefined);
          const walkMs = performance.now() - walkStarted;
          if (seen.size !== GENERATED_OBJECTS + before) throw new Error(`walked ${seen.size} objects, expected ${GENERATED_OBJECTS + before}`);
          report({ bench: BENCH, backend: backend.name, metric: 'walk_objects_per_s', value: Math.round((seen.size * 1000) / walkMs), unit: 'objects/s', n: pages, limit: PAGE });

          await load(`${objects}?limit=${PAGE}`, token, { backend: backend.name, page: 1 });
          if (deep === undefined) throw new Error('the collection has fewer pages than the deep page');
          await load(`${objects}?limit=${PAGE}&next=${deep}`, token, { backend: backend.name, page: DEEP_PAGE_HOPS + 1 });
          report({ bench: BENCH, backend: backend.name, metric: 'rss_after_load_mb', value: round(await rssMb(server.pid)), unit: 'MB', n: 1 });
        } finally {
          await server.stop();
        }
      } finally {
        await storage.dispose();
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
