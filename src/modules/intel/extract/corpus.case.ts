// The labelled corpus (corpus/NN-name.{txt,html} + NN-name.expected.json) and its scoring, shared
// by the corpus test and the benchmark. Entries of kind "pdf" are text rendered into a PDF here.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minimalPdf } from './minimal-pdf.js';
import { indicatorTypes, type ExtractContext, type Finding, type IndicatorType, type InputKind } from './types.js';

export const corpusDir = join(dirname(fileURLToPath(import.meta.url)), 'corpus');

export interface LabelledFinding {
  readonly type: IndicatorType;
  readonly value: string;
  readonly documentation?: boolean;
}

export interface CorpusEntry {
  readonly name: string;
  readonly kind: InputKind;
  readonly bytes: Uint8Array;
  readonly expected: readonly LabelledFinding[];
  readonly context: ExtractContext;
}

interface ExpectedFile {
  readonly kind: InputKind;
  readonly findings: readonly LabelledFinding[];
}

export async function loadCorpus(dir: string = corpusDir): Promise<CorpusEntry[]> {
  const files = (await readdir(dir)).sort();
  const context = JSON.parse(await readFile(join(dir, 'context.json'), 'utf8')) as ExtractContext;
  const entries: CorpusEntry[] = [];
  for (const file of files.filter((f) => f.endsWith('.expected.json'))) {
    const name = file.slice(0, -'.expected.json'.length);
    const expected = JSON.parse(await readFile(join(dir, file), 'utf8')) as ExpectedFile;
    const sourceFile = files.find((f) => f === `${name}.txt` || f === `${name}.html`);
    if (sourceFile === undefined) throw new Error(`${file}: no ${name}.txt or ${name}.html beside it`);
    for (const f of expected.findings) {
      if (!(indicatorTypes as readonly string[]).includes(f.type)) throw new Error(`${file}: unknown type ${f.type}`);
    }
    const source = await readFile(join(dir, sourceFile));
    const bytes = expected.kind === 'pdf' ? minimalPdf(source.toString('utf8')) : new Uint8Array(source);
    entries.push({ name, kind: expected.kind, bytes, expected: expected.findings, context });
  }
  return entries;
}

export interface Score {
  readonly type: IndicatorType | 'overall';
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
}

export interface Miss {
  readonly entry: string;
  readonly kind: 'false-positive' | 'false-negative';
  readonly type: IndicatorType;
  readonly value: string;
}

export interface Evaluation {
  readonly overall: Score;
  readonly perType: readonly Score[];
  readonly misses: readonly Miss[];
}

/** Micro-averaged precision and recall over (type, value) pairs, each counted once per document. */
export function evaluate(results: readonly { entry: string; expected: readonly LabelledFinding[]; found: readonly Finding[] }[]): Evaluation {
  const counts = new Map<IndicatorType, { tp: number; fp: number; fn: number }>();
  const misses: Miss[] = [];
  const bump = (type: IndicatorType, key: 'tp' | 'fp' | 'fn') => {
    const c = counts.get(type) ?? { tp: 0, fp: 0, fn: 0 };
    c[key]++;
    counts.set(type, c);
  };
  for (const r of results) {
    const expected = new Set(r.expected.map((f) => `${f.type}\u0000${f.value}`));
    const found = new Set(r.found.map((f) => `${f.type}\u0000${f.value}`));
    for (const key of found) {
      const [type, value] = key.split('\u0000') as [IndicatorType, string];
      if (expected.has(key)) bump(type, 'tp');
      else {
        bump(type, 'fp');
        misses.push({ entry: r.entry, kind: 'false-positive', type, value });
      }
    }
    for (const key of expected) {
      if (found.has(key)) continue;
      const [type, value] = key.split('\u0000') as [IndicatorType, string];
      bump(type, 'fn');
      misses.push({ entry: r.entry, kind: 'false-negative', type, value });
    }
  }
  const perType = indicatorTypes.filter((t) => counts.has(t)).map((t) => scoreOf(t, counts.get(t) ?? { tp: 0, fp: 0, fn: 0 }));
  const total = [...counts.values()].reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  return { overall: scoreOf('overall', total), perType, misses };
}

function scoreOf(type: IndicatorType | 'overall', c: { tp: number; fp: number; fn: number }): Score {
  return {
    type,
    truePositives: c.tp,
    falsePositives: c.fp,
    falseNegatives: c.fn,
    precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp),
    recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn),
  };
}
