import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, loadCorpus, type CorpusEntry } from './corpus.case.js';
import { extractIndicators } from './extract-indicators.js';
import { extractText } from './extract-text.js';
import type { Finding } from './types.js';

interface Run {
  readonly entry: CorpusEntry;
  readonly found: readonly Finding[];
}

let runs: Run[] = [];

beforeAll(async () => {
  const entries = await loadCorpus();
  runs = [];
  for (const entry of entries) {
    const text = await extractText({ kind: entry.kind, bytes: entry.bytes });
    if (!text.success) throw new Error(`${entry.name}: ${JSON.stringify(text.issues)}`);
    runs.push({ entry, found: extractIndicators(text.data, entry.context).findings });
  }
});

describe('labelled corpus', () => {
  it('has at least 25 reports, including HTML pages and PDFs', () => {
    expect(runs.length).toBeGreaterThanOrEqual(25);
    expect(runs.filter((r) => r.entry.kind === 'pdf').length).toBeGreaterThanOrEqual(2);
    expect(runs.filter((r) => r.entry.kind === 'html').length).toBeGreaterThanOrEqual(3);
  });

  it('reaches precision and recall of at least 0.95 overall', () => {
    const result = evaluate(runs.map((r) => ({ entry: r.entry.name, expected: r.entry.expected, found: r.found })));
    const line = (s: (typeof result.perType)[number]) =>
      `${s.type.padEnd(17)} precision ${s.precision.toFixed(3)} recall ${s.recall.toFixed(3)} (tp ${s.truePositives}, fp ${s.falsePositives}, fn ${s.falseNegatives})`;
    console.log(['indicator extraction on the labelled corpus:', ...result.perType.map(line), line(result.overall)].join('\n'));
    for (const miss of result.misses) console.log(`  ${miss.entry}: ${miss.kind} ${miss.type} ${miss.value}`);
    expect(result.overall.precision).toBeGreaterThanOrEqual(0.95);
    expect(result.overall.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('flags exactly the labelled documentation values', () => {
    const wrong: string[] = [];
    for (const { entry, found } of runs) {
      for (const label of entry.expected) {
        const f = found.find((x) => x.type === label.type && x.value === label.value);
        if (f !== undefined && (f.documentation === true) !== (label.documentation === true)) wrong.push(`${entry.name}: ${label.value}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('gives every occurrence offsets that point at its original text', () => {
    for (const { entry, found } of runs) {
      for (const f of found) {
        for (const o of f.occurrences) {
          expect(o.end, `${entry.name} ${f.value}`).toBeGreaterThan(o.start);
          expect(o.original.length).toBe(o.end - o.start);
        }
      }
    }
  });
});

describe('evaluate', () => {
  it('counts true and false positives and false negatives per type, once per document', () => {
    const found = (type: Finding['type'], value: string): Finding => ({ type, value, confidence: 1, count: 1, occurrences: [] });
    const result = evaluate([
      {
        entry: 'a',
        expected: [
          { type: 'ipv4', value: '1.1.1.1' },
          { type: 'domain', value: 'x.com' },
        ],
        found: [found('ipv4', '1.1.1.1'), found('ipv4', '2.2.2.2')],
      },
      { entry: 'b', expected: [{ type: 'ipv4', value: '1.1.1.1' }], found: [found('ipv4', '1.1.1.1')] },
    ]);
    expect(result.overall).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 1 });
    expect(result.overall.precision).toBeCloseTo(2 / 3);
    expect(result.perType.map((s) => [s.type, s.precision, s.recall])).toEqual([
      ['ipv4', 2 / 3, 1],
      ['domain', 1, 0],
    ]);
    expect(result.misses).toEqual([
      { entry: 'a', kind: 'false-positive', type: 'ipv4', value: '2.2.2.2' },
      { entry: 'a', kind: 'false-negative', type: 'domain', value: 'x.com' },
    ]);
  });
});
