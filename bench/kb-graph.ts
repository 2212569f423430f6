// The knowledge graph's 3-hop neighbourhood on the shared data (CSAF OT advisories, KEV, ATT&CK for
// ICS): nodes, edges and time of the unbounded walk (explore.neighbourhood) against the bounded one the
// API serves (kb graph: capped per relation with "N more" nodes, batched queries).
// Run: npx tsx bench/kb-graph.ts [dataDir]   (the first run imports the data, later runs reuse it)
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { systemActor } from '../src/platform/access.js';
import { boundedNeighbourhood } from '../src/modules/knowledge/graph/bounded-graph.js';
import { createServices } from '../src/services.js';
import { migrateToLatest, openDatabase } from '../src/storage/index.js';

const shared = (p: string) => fileURLToPath(new URL(`../../shared/data/${p}`, import.meta.url));
const dataDir = process.argv[2] ?? '/tmp/bulwark-bench-kb-graph';

async function main() {
  const database = await openDatabase({ dataDir });
  await migrateToLatest(database);
  const services = createServices(database, { sessionTtlMs: 1, loginMaxAttempts: 5, loginWindowMs: 1, captureLimit: 1, dataDir });
  const op = systemActor('bench');
  const have = await database.db.selectFrom('kb_vulnerabilities').select(database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(have.n) === 0) {
    for (const p of ['csaf/OT', 'kev/known_exploited_vulnerabilities.json', 'attack/ics-attack.json']) {
      const t = performance.now();
      const r = await services.knowledge.importFrom(op, shared(p));
      console.log(`imported ${p}: ${r.stats.records} records in ${Math.round(performance.now() - t)} ms`);
    }
  }
  const vendor = await database.db
    .selectFrom('kb_products as p')
    .innerJoin('kb_vendors as v', 'v.id', 'p.vendor_id')
    .select(['v.id', 'v.name', database.db.fn.countAll<number>().as('n')])
    .groupBy(['v.id', 'v.name'])
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const vuln = await database.db.selectFrom('kb_vulnerabilities').select('id').where('kev', '=', true).where(sql<boolean>`${vendor.name} = any(vendors)`).limit(1).executeTakeFirst();
  const starts = [`vendor:${vendor.id}`, ...(vuln === undefined ? [] : [`vulnerability:${vuln.id}`])];
  const explore = services.knowledge.explore;
  for (const start of starts) {
    for (const [name, run] of [
      ['unbounded (before)', () => explore.neighbourhood(op, start, 3)],
      ['bounded (after)', () => boundedNeighbourhood(explore, op, start, 3)],
    ] as const) {
      await run(); // warm
      const times: number[] = [];
      let size = { nodes: 0, edges: 0 };
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        const g = await run();
        times.push(performance.now() - t);
        size = { nodes: g.nodes.length, edges: g.edges.length };
      }
      times.sort((a, b) => a - b);
      console.log(`${start} (${start.startsWith('vendor') ? vendor.name : ''}) depth 3, ${name}: ${size.nodes} nodes, ${size.edges} edges, median ${Math.round(times[1] ?? 0)} ms`);
    }
  }
  await database.close();
}

await main();
