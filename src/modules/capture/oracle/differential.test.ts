// Every shared capture through our pipeline and through tshark; every compared field must agree
// unless the protocol's OracleSpec excuses it with a reason.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { oracleSpecs } from '../dissectors/index.js';
import type { ProtocolId } from '../dissectors/types.js';
import { compareFields, ourFields, tsharkFields, type ProtocolAgreement } from './differential.js';

const pcapRoot = fileURLToPath(new URL('../../../../../shared/data/pcaps/', import.meta.url));

function listCaptures(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? listCaptures(path) : /\.pcap(ng)?(\.gz)?$/.test(name) ? [path] : [];
    })
    .sort();
}

const captures = listCaptures(pcapRoot);
const results: ProtocolAgreement[] = [];

describe('dissectors agree with tshark', () => {
  it('finds the shared captures and at least one registered protocol', () => {
    expect(captures.length).toBeGreaterThan(50);
    expect(oracleSpecs.length).toBeGreaterThan(0);
  });

  it.each(captures.map((path) => [path.slice(pcapRoot.length), path]))('%s', async (_name, path) => {
    const [theirs, ours] = await Promise.all([tsharkFields(path, oracleSpecs), ourFields(path, oracleSpecs)]);
    const unexcused: string[] = [];
    for (const spec of oracleSpecs) {
      const agreement = compareFields(path, spec, ours.get(spec.protocol) ?? new Map(), theirs.get(spec.protocol) ?? new Map());
      if (agreement.compared > 0) results.push(agreement);
      for (const d of agreement.disagreements) {
        if (d.excusedBy === undefined && unexcused.length < 20) {
          unexcused.push(`frame ${d.frame} ${d.field}: ours [${d.ours.join(', ')}] tshark [${d.tshark.join(', ')}]`);
        }
      }
    }
    expect(unexcused).toEqual([]);
  });

  afterAll(() => {
    const byProtocol = new Map<ProtocolId, { compared: number; agreed: number; excused: number }>();
    for (const r of results) {
      const total = byProtocol.get(r.protocol) ?? { compared: 0, agreed: 0, excused: 0 };
      total.compared += r.compared;
      total.agreed += r.agreed;
      total.excused += r.excused;
      byProtocol.set(r.protocol, total);
    }
    for (const [protocol, t] of byProtocol) {
      const rate = t.compared === 0 ? 1 : t.agreed / t.compared;
      process.stdout.write(
        `oracle ${protocol}: ${t.agreed}/${t.compared} field values agree (${(rate * 100).toFixed(2)} %), ${t.excused} excused\n`,
      );
    }
  });
});
