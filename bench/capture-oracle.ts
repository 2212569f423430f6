// Agreement with tshark per protocol over every shared capture: the figure the differential test
// enforces, printed as JSON lines for the record.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { oracleSpecs } from '../src/modules/capture/dissectors/index.js';
import { compareFields, ourFields, tsharkFields } from '../src/modules/capture/oracle/differential.js';
import { progress, repoRoot, report, round, type BenchCase } from './support.js';

function listCaptures(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listCaptures(path) : /\.pcap(ng)?$/.test(name) ? [path] : [];
  });
}

export const captureOracle: BenchCase = {
  id: 'capture/oracle',
  async run() {
    const captures = listCaptures(join(repoRoot, '..', 'shared', 'data', 'pcaps'));
    const totals = new Map<string, { compared: number; agreed: number; excused: number; frames: Set<string> }>();
    for (const path of captures) {
      const [theirs, ours] = await Promise.all([tsharkFields(path, oracleSpecs), ourFields(path, oracleSpecs)]);
      for (const spec of oracleSpecs) {
        const t = ours.get(spec.protocol) ?? new Map();
        const r = compareFields(path, spec, t, theirs.get(spec.protocol) ?? new Map());
        const total = totals.get(spec.protocol) ?? { compared: 0, agreed: 0, excused: 0, frames: new Set<string>() };
        total.compared += r.compared;
        total.agreed += r.agreed;
        total.excused += r.excused;
        for (const frame of new Set([...t.keys(), ...(theirs.get(spec.protocol)?.keys() ?? [])])) total.frames.add(`${path}#${frame}`);
        totals.set(spec.protocol, total);
      }
    }
    progress(`capture/oracle: ${captures.length} captures`);
    for (const [protocol, t] of totals) {
      const common = { bench: 'capture-oracle', protocol, n: captures.length };
      report({ ...common, metric: 'agreement_pct', value: round(t.compared === 0 ? 100 : (t.agreed / t.compared) * 100, 2), unit: '%' });
      report({ ...common, metric: 'fields_compared', value: t.compared, unit: 'values' });
      report({ ...common, metric: 'excused', value: t.excused, unit: 'values' });
      report({ ...common, metric: 'frames', value: t.frames.size, unit: 'frames' });
    }
  },
};
