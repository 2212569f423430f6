import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { systemActor } from '../src/platform/access.js';
import { createServices } from '../src/services.js';
import { createTestDatabase } from '../src/storage/test-backends.js';
import { progress, repoRoot, report, round, type BenchCase } from './support.js';

// Match precision on the project's labelled set (bench/data/kb-precision-labels.json): assets and
// asset–vulnerability pairs a person judged, against the shared CSAF advisories they name. The
// advisories are imported, the assets created (which correlates them), and every labelled pair is
// read back as the exposure list shows it. Runs on PGlite; the same code backs the threshold test.

const BENCH = 'kb-precision';
export const sharedData = process.env['BULWARK_BENCH_KB_DATA'] || join(repoRoot, '..', 'shared', 'data');
export const labelFile = join(repoRoot, 'bench', 'data', 'kb-precision-labels.json');

export interface LabelledAsset {
  readonly vendor: string;
  readonly model: string;
  readonly firmwareVersion: string | null;
}

export interface LabelledPair {
  readonly asset: string;
  /** Below ../shared/data. */
  readonly advisory: string;
  readonly cve: string;
  readonly productIds: readonly string[];
  /** Would a person accept this exposure: the asset's product, and a version in (or not ruled out of) the range. */
  readonly match: boolean;
  readonly why: string;
}

export interface LabelSet {
  readonly assets: Readonly<Record<string, LabelledAsset>>;
  readonly pairs: readonly LabelledPair[];
}

export type Predicted = 'affected' | 'unknown' | 'none';

export interface PairResult extends LabelledPair {
  readonly predicted: Predicted;
  readonly confidence: number | null;
}

export interface Scores {
  readonly pairs: number;
  readonly positives: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
}

export async function loadLabels(): Promise<LabelSet> {
  return JSON.parse(await readFile(labelFile, 'utf8')) as LabelSet;
}

/** Precision and recall when `positive` says which predictions count as a claimed match. */
export function score(results: readonly PairResult[], positive: (r: PairResult) => boolean): Scores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const r of results) {
    const claimed = positive(r);
    if (claimed && r.match) tp++;
    else if (claimed) fp++;
    else if (r.match) fn++;
  }
  return {
    pairs: results.length,
    positives: results.filter((r) => r.match).length,
    tp,
    fp,
    fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
  };
}

/** Imports the labelled advisories, creates the labelled assets and reads each pair's exposure. */
export async function evaluateLabels(labels: LabelSet): Promise<PairResult[]> {
  const database = await createTestDatabase('pglite');
  try {
    const services = createServices(database);
    const op = systemActor('kb-precision');
    const org = await services.orgs.create(op, { name: 'Precision', level: 'enterprise', parentId: null });
    for (const advisory of [...new Set(labels.pairs.map((p) => p.advisory))].sort()) {
      const run = await services.knowledge.importFrom(op, join(sharedData, advisory));
      if (run.stats.errors > 0) throw new Error(`${advisory}: ${run.stats.errors} import errors`);
    }
    const exposures = new Map<string, Map<string, { verdict: Predicted; confidence: number | null }>>();
    for (const [key, a] of Object.entries(labels.assets)) {
      const asset = await services.assets.create(op, { name: key, vendor: a.vendor, model: a.model, firmwareVersion: a.firmwareVersion, orgId: org.id });
      const byCve = new Map<string, { verdict: Predicted; confidence: number | null }>();
      // Read loosely: the exposure shape grows (confidence) while the before/after runs share this code.
      const list = (await services.knowledge.exposuresOf(op, asset.id)) as unknown as readonly { aliases: readonly unknown[]; verdict: string; confidence?: number }[];
      for (const e of list) {
        for (const alias of e.aliases) {
          const value = typeof alias === 'string' ? alias : (alias as { value?: string }).value;
          if (value?.startsWith('CVE-') === true) byCve.set(value, { verdict: e.verdict === 'affected' ? 'affected' : 'unknown', confidence: e.confidence ?? null });
        }
      }
      exposures.set(key, byCve);
    }
    return labels.pairs.map((p) => {
      const hit = exposures.get(p.asset)?.get(p.cve);
      return { ...p, predicted: hit?.verdict ?? 'none', confidence: hit?.confidence ?? null };
    });
  } finally {
    await database.dispose();
  }
}

export const kbPrecision: BenchCase = {
  id: `${BENCH}/pglite`,
  async run() {
    const labels = await loadLabels();
    const started = performance.now();
    const results = await evaluateLabels(labels);
    const ms = performance.now() - started;
    const exposed = score(results, (r) => r.predicted !== 'none');
    const affected = score(results, (r) => r.predicted === 'affected');
    for (const [kind, s] of [['exposed', exposed], ['affected', affected]] as const) {
      report({ bench: BENCH, metric: 'precision', value: round(s.precision, 3), unit: 'ratio', n: s.tp + s.fp, backend: 'pglite', claim: kind });
      report({ bench: BENCH, metric: 'recall', value: round(s.recall, 3), unit: 'ratio', n: s.positives, backend: 'pglite', claim: kind });
      report({ bench: BENCH, metric: 'false_positives', value: s.fp, unit: 'pairs', n: s.pairs, backend: 'pglite', claim: kind });
      report({ bench: BENCH, metric: 'false_negatives', value: s.fn, unit: 'pairs', n: s.pairs, backend: 'pglite', claim: kind });
    }
    report({ bench: BENCH, metric: 'run_ms', value: Math.round(ms), unit: 'ms', n: results.length, backend: 'pglite' });
    for (const r of results) {
      const wrong = (r.predicted !== 'none') !== r.match;
      if (wrong) progress(`${BENCH}: ${r.match ? 'missed' : 'false'} ${r.asset} ${r.cve} (${r.predicted}) — ${r.why}`);
    }
  },
};
