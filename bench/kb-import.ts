import { join } from 'node:path';
import type { Services } from '../src/services.js';
import type { Actor } from '../src/platform/access.js';
import { peakRssMb } from './kb-support.js';
import { progress, report, round } from './support.js';

const BENCH = 'kb-import';

/** The public data sets, in the order an operator would load them: advisories first, then enrichment. */
export const knowledgeSources = ['csaf', 'kev', 'attack', 'cve5', 'nvd2'] as const;
export type KnowledgeSource = (typeof knowledgeSources)[number];

interface SourceRun {
  readonly source: KnowledgeSource;
  readonly ms: number;
  readonly files: number;
  readonly records: number;
  readonly unchanged: number;
  readonly errors: number;
  readonly warnings: number;
}

/** Imports each source directory once through the knowledge service, as `kb import <dir>` does. */
async function importAll(services: Services, operator: Actor, dataRoot: string, pass: string): Promise<SourceRun[]> {
  const runs: SourceRun[] = [];
  for (const source of knowledgeSources) {
    const started = performance.now();
    const result = await services.knowledge.importFrom(operator, join(dataRoot, source));
    const ms = performance.now() - started;
    const { files, records, unchanged, errors, warnings } = result.stats;
    runs.push({ source, ms, files, records, unchanged, errors, warnings });
    progress(`${BENCH} ${pass} ${source}: ${records} records from ${files} files in ${Math.round(ms)} ms (${unchanged} unchanged, ${errors} errors, ${warnings} warnings)`);
    // Issues explain a low record count; the first few per source are enough to see why.
    for (const issue of result.issues.filter((i) => i.severity === 'error').slice(0, 5)) {
      progress(`  ${issue.file}${issue.pointer === '' ? '' : ` ${issue.pointer}`}: ${issue.message}`);
    }
  }
  return runs;
}

const sum = (runs: readonly SourceRun[], pick: (r: SourceRun) => number) => runs.reduce((s, r) => s + pick(r), 0);

/**
 * Every source from empty storage, then everything again: the second pass must find every
 * record unchanged, and its time is the cost of idempotency (hashing, lookups, no writes).
 * Returns the problems found (a non-idempotent re-import), so the other phases still run.
 */
export async function benchImport(services: Services, operator: Actor, dataRoot: string, backend: string): Promise<string[]> {
  const first = await importAll(services, operator, dataRoot, 'first pass');
  for (const r of first) {
    const labels = { bench: BENCH, backend, source: r.source, n: 1, files: r.files, records: r.records };
    report({ ...labels, metric: 'import_ms', value: Math.round(r.ms), unit: 'ms' });
    report({ ...labels, metric: 'records_per_s', value: round(r.records / (r.ms / 1000)), unit: 'records/s' });
  }
  const records = sum(first, (r) => r.records);
  const ms = sum(first, (r) => r.ms);
  const all = { bench: BENCH, backend, source: 'all', n: 1, files: sum(first, (r) => r.files), records };
  report({ ...all, metric: 'import_ms', value: Math.round(ms), unit: 'ms' });
  report({ ...all, metric: 'records_per_s', value: round(records / (ms / 1000)), unit: 'records/s' });
  report({ ...all, metric: 'import_errors', value: sum(first, (r) => r.errors), unit: 'issues' });
  report({ ...all, metric: 'import_warnings', value: sum(first, (r) => r.warnings), unit: 'issues' });
  // The high-water mark so far: opening, migrating and the first import, not what follows.
  report({ bench: BENCH, backend, metric: 'peak_rss_mb', value: round(await peakRssMb()), unit: 'MB', n: 1 });
  progress(`${BENCH} first pass: ${records} records in ${Math.round(ms)} ms`);

  const second = await importAll(services, operator, dataRoot, 'second pass');
  for (const r of second) {
    report({ bench: BENCH, backend, source: r.source, n: 1, records: r.records, metric: 'reimport_ms', value: Math.round(r.ms), unit: 'ms' });
  }
  const again = { bench: BENCH, backend, source: 'all', n: 1, records: sum(second, (r) => r.records) };
  report({ ...again, metric: 'reimport_ms', value: Math.round(sum(second, (r) => r.ms)), unit: 'ms' });
  report({ ...again, metric: 'reimport_unchanged', value: sum(second, (r) => r.unchanged), unit: 'records' });
  return second
    .filter((r) => r.unchanged !== r.records)
    .map((r) => `re-import is not idempotent: ${r.source} has ${r.records - r.unchanged} of ${r.records} records changed`);
}
