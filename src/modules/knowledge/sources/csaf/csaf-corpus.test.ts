import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { parseCsaf } from './parse-csaf.js';

// Every CISA advisory in ../shared/data (OT 2017-2019, 2024 and IT 2024): real data wins over the schema.
const csafDir = fileURLToPath(new URL('../../../../../../shared/data/csaf/', import.meta.url));

function advisoryFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? advisoryFiles(join(dir, e.name)) : e.name.endsWith('.json') && !e.name.startsWith('cisa-csaf-') ? [join(dir, e.name)] : []))
    .sort();
}

it('reads all 981 CISA CSAF advisories without errors', () => {
  const files = advisoryFiles(csafDir);
  expect(files).toHaveLength(981);
  const totals = { records: 0, advisories: 0, vulnerabilities: 0, affected: 0, errors: 0, warnings: 0 };
  const ranges: Record<string, number> = {};
  for (const f of files) {
    const r = parseCsaf(readFileSync(f, 'utf8'), f);
    totals.records += r.records.length;
    for (const rec of r.records) {
      if (rec.kind === 'advisory') totals.advisories++;
      if (rec.kind !== 'vulnerability') continue;
      totals.vulnerabilities++;
      totals.affected += rec.affected.length;
      for (const a of rec.affected) ranges[a.range.kind] = (ranges[a.range.kind] ?? 0) + 1;
    }
    const errors = r.issues.filter((i) => i.severity === 'error');
    expect(errors, f).toEqual([]);
    totals.warnings += r.issues.length;
  }
  expect(totals).toEqual({ records: 3910, advisories: 981, vulnerabilities: 2929, affected: 15414, errors: 0, warnings: 0 });
  expect(ranges).toEqual({ exact: 3054, text: 8159, vers: 2918, all: 1283 });
});
