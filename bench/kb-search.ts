import type { Services } from '../src/services.js';
import type { Actor } from '../src/platform/access.js';
import { percentile } from './kb-support.js';
import { progress, report, round } from './support.js';

const BENCH = 'kb-search';
const REPEATS = 20;
const WARMUP_ROUNDS = 2;
/** The page size the console and the API use by default. */
const LIMIT = 25;

type SearchFilter = Parameters<Services['knowledge']['search']>[1];

/** What analysts type and click: vendors, product lines, weakness words, identifiers and facet filters. */
export const searchQueries: readonly { readonly label: string; readonly filter: SearchFilter }[] = [
  { label: 'browse (no filter)', filter: {} },
  { label: 'q=Siemens', filter: { q: 'Siemens' } },
  { label: 'q=Schneider Electric', filter: { q: 'Schneider Electric' } },
  { label: 'q=Rockwell Automation', filter: { q: 'Rockwell Automation' } },
  { label: 'q=Mitsubishi Electric', filter: { q: 'Mitsubishi Electric' } },
  { label: 'q=SIMATIC', filter: { q: 'SIMATIC' } },
  { label: 'q=Modicon', filter: { q: 'Modicon' } },
  { label: 'q=FactoryTalk', filter: { q: 'FactoryTalk' } },
  { label: 'q=SCALANCE', filter: { q: 'SCALANCE' } },
  { label: 'q=SIMATIC S7-1500', filter: { q: 'SIMATIC S7-1500' } },
  { label: 'q=buffer overflow', filter: { q: 'buffer overflow' } },
  { label: 'q=hard-coded credentials', filter: { q: 'hard-coded credentials' } },
  { label: 'q=authentication bypass', filter: { q: 'authentication bypass' } },
  { label: 'q=path traversal', filter: { q: 'path traversal' } },
  { label: 'q=SQL injection', filter: { q: 'SQL injection' } },
  { label: 'q=cross-site scripting', filter: { q: 'cross-site scripting' } },
  { label: 'q=denial of service', filter: { q: 'denial of service' } },
  { label: 'q=remote code execution', filter: { q: 'remote code execution' } },
  { label: 'q="improper input validation"', filter: { q: '"improper input validation"' } },
  { label: 'q=CVE-2021-44228', filter: { q: 'CVE-2021-44228' } },
  { label: 'q=CVE-2017-0144', filter: { q: 'CVE-2017-0144' } },
  { label: 'q=CVE-2018-7841', filter: { q: 'CVE-2018-7841' } },
  { label: 'q=ICSA-24-004-01', filter: { q: 'ICSA-24-004-01' } },
  { label: 'cwe=CWE-787', filter: { cwe: 'CWE-787' } },
  { label: 'cwe=CWE-79 vendor=Siemens', filter: { cwe: 'CWE-79', vendor: 'Siemens' } },
  { label: 'kev=true', filter: { kev: true } },
  { label: 'kev=true q=remote code execution', filter: { kev: true, q: 'remote code execution' } },
  { label: 'grade=critical', filter: { grade: 'critical' } },
  { label: 'grade=critical vendor=Schneider Electric', filter: { grade: 'critical', vendor: 'Schneider Electric' } },
  { label: 'vendor=Siemens', filter: { vendor: 'Siemens' } },
  { label: 'vendor=Rockwell Automation q=FactoryTalk', filter: { vendor: 'Rockwell Automation', q: 'FactoryTalk' } },
  { label: 'hasFix=false kev=true', filter: { hasFix: false, kev: true } },
];

/**
 * `knowledge.search` (page and facets) as an analyst of a national organisation: each query
 * WARMUP_ROUNDS times unmeasured, then the whole list REPEATS times, one call at a time.
 */
export async function benchSearch(services: Services, analyst: Actor, backend: string): Promise<string[]> {
  const problems: string[] = [];
  for (let pass = 0; pass < WARMUP_ROUNDS; pass++) {
    for (const { label, filter } of searchQueries) {
      const result = await services.knowledge.search(analyst, filter, { limit: LIMIT });
      if (pass > 0) continue;
      progress(`${BENCH} ${label}: ${result.total} results`);
      // A query that finds nothing measures an empty result, not search: the list must stay realistic.
      if (result.total === 0) problems.push(`search "${label}" found nothing`);
    }
  }
  const samples = new Map<string, number[]>(searchQueries.map((q) => [q.label, []]));
  for (let i = 0; i < REPEATS; i++) {
    for (const { label, filter } of searchQueries) {
      const started = performance.now();
      await services.knowledge.search(analyst, filter, { limit: LIMIT });
      samples.get(label)?.push(performance.now() - started);
    }
  }
  const all = [...samples.values()].flat();
  const common = { bench: BENCH, backend, n: all.length, queries: searchQueries.length, limit: LIMIT };
  report({ ...common, metric: 'p50_ms', value: round(percentile(all, 50)), unit: 'ms' });
  report({ ...common, metric: 'p95_ms', value: round(percentile(all, 95)), unit: 'ms' });
  report({ ...common, metric: 'p99_ms', value: round(percentile(all, 99)), unit: 'ms' });

  const perQuery = [...samples.entries()].map(([label, values]) => ({ label, p50: percentile(values, 50), p95: percentile(values, 95) })).sort((a, b) => b.p95 - a.p95);
  for (const q of perQuery) progress(`${BENCH} ${backend} p50 ${q.p50.toFixed(1).padStart(7)} ms  p95 ${q.p95.toFixed(1).padStart(7)} ms  ${q.label}`);
  const slowest = perQuery[0];
  if (slowest !== undefined) report({ bench: BENCH, backend, n: REPEATS, metric: 'slowest_query_p95_ms', value: round(slowest.p95), unit: 'ms', query: slowest.label });
  return problems;
}
