// Reports into intelligence: precision and recall per indicator type on the labelled corpus, and
// throughput of text extraction (plain, HTML, PDF), indicator extraction and STIX drafting.
import { evaluate, loadCorpus, type CorpusEntry } from '../src/modules/intel/extract/corpus.case.js';
import { extractIndicators, extractText, toDraftReport } from '../src/modules/intel/extract/index.js';
import { minimalPdf } from '../src/modules/intel/extract/minimal-pdf.js';
import { median, progress, report, round, type BenchCase } from './support.js';

const runs = 5;
const targetBytes = 4 * 1024 * 1024;

async function textOf(entry: CorpusEntry): Promise<string> {
  const result = await extractText({ kind: entry.kind, bytes: entry.bytes });
  if (!result.success) throw new Error(`${entry.name}: ${JSON.stringify(result.issues)}`);
  return result.data;
}

/** Median throughput in KB/s of `work` over `bytes` bytes, after one warm-up run. */
async function kbPerSecond(bytes: number, work: () => unknown): Promise<number> {
  await work();
  const rates: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    rates.push(bytes / 1024 / ((performance.now() - started) / 1000));
  }
  return round(median(rates), 0);
}

function repeatTo(text: string, bytes: number): string {
  return text.repeat(Math.max(1, Math.ceil(bytes / Buffer.byteLength(text))));
}

export const intelExtract: BenchCase = {
  id: 'intel/extract',
  async run() {
    const entries = await loadCorpus();
    const texts = await Promise.all(entries.map(textOf));
    const results = entries.map((entry, i) => ({
      entry: entry.name,
      expected: entry.expected,
      found: extractIndicators(texts[i] as string, entry.context).findings,
    }));
    const quality = evaluate(results);
    for (const s of [...quality.perType, quality.overall]) {
      const common = { bench: 'intel-extract', type: s.type, n: s.truePositives + s.falseNegatives };
      report({ ...common, metric: 'precision', value: round(s.precision, 3), unit: 'ratio' });
      report({ ...common, metric: 'recall', value: round(s.recall, 3), unit: 'ratio' });
    }
    progress(`intel/extract: ${entries.length} labelled reports, ${quality.misses.length} misses`);

    const context = entries[0]?.context ?? {};
    // The whole corpus as one long report (indicator-dense), and prose with few indicators.
    const dense = repeatTo(texts.join('\n\n'), targetBytes);
    const prose = repeatTo(
      'Operators reviewed the historian trends and found no anomalies in the dosing loop during the night shift. ',
      targetBytes,
    );
    for (const [name, text] of [['dense', dense], ['prose', prose]] as const) {
      const bytes = Buffer.byteLength(text);
      const value = await kbPerSecond(bytes, () => extractIndicators(text, context));
      report({ bench: 'intel-extract', metric: 'indicators_throughput', value, unit: 'KB/s', n: runs, text: name, bytes });
    }

    const html = new TextEncoder().encode(
      repeatTo(entries.filter((e) => e.kind === 'html').map((e) => new TextDecoder().decode(e.bytes)).join('\n'), targetBytes),
    );
    report({
      bench: 'intel-extract',
      metric: 'html_text_throughput',
      value: await kbPerSecond(html.length, () => extractText({ kind: 'html', bytes: html })),
      unit: 'KB/s',
      n: runs,
      bytes: html.length,
    });

    // A 100-page PDF made of the corpus texts (Latin-1 only, as the minimal writer supports).
    const pdfText = repeatTo(texts.join('\n').replace(/[^\n\t\x20-\xff]/g, '?'), 200 * 1024).split('\n').slice(0, 5000).join('\n');
    const pdf = minimalPdf(pdfText);
    report({
      bench: 'intel-extract',
      metric: 'pdf_text_throughput',
      value: await kbPerSecond(pdf.length, () => extractText({ kind: 'pdf', bytes: pdf })),
      unit: 'KB/s',
      n: runs,
      bytes: pdf.length,
      pages: Math.ceil(5000 / 50),
    });

    const extraction = extractIndicators(texts.join('\n\n'), context);
    const started = performance.now();
    let objects = 0;
    for (let i = 0; i < 50; i++) objects += toDraftReport(extraction, { name: 'Benchmark report' }).objects.length;
    const seconds = (performance.now() - started) / 1000;
    report({ bench: 'intel-extract', metric: 'draft_objects_per_s', value: round(objects / seconds, 0), unit: 'objects/s', n: 50 });
  },
};
