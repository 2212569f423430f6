import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestDatabase, type TestDatabase } from '../../storage/test-backends.js';
import type { Exposure, ExposureReason } from './correlate.js';
import { digestOf, reasonsText } from './exposure-engine.js';
import { jsonbText } from './jsonb-text.js';

const reason: ExposureReason = {
  affectedId: '17',
  sourceId: 'csaf',
  productId: 'siemens/simatic s7-1500 cpu',
  product: 'SIMATIC S7-1500 CPU',
  rangeText: '<V2.9.7 "quoted" \\ back\tslash',
  version: 'V2.9.2',
  verdict: 'affected',
  why: 'version V2.9.2 is in "<V2.9.7"',
  parsed: true,
  basis: 'model s7-1500 agrees',
  confidence: 0.85,
};

const samples: readonly unknown[] = [
  [reason, { ...reason, version: null, verdict: 'unknown', parsed: false, why: 'the asset has no firmware version', confidence: 0.5 }],
  { b: 1, a: 2, aa: [true, false, null], ab: { z: 'ü', y: 'ÿ', é: 'e', e: '\u0001\u001f\n\r\b\f' } },
  { 'éé': 1, zz: 2, 'ß': [], '': {}, long_key_name: [1, 2.5, -3, 0] },
  'emoji 😀 and \u2028',
  [],
  {},
  null,
];

describe('jsonbText', () => {
  it('writes keys in jsonb order with jsonb separators', () => {
    expect(jsonbText({ bb: 1, a: [true, null], c: 'x' })).toBe('{"a": [true, null], "c": "x", "bb": 1}');
    expect(jsonbText('tab\there "q"')).toBe('"tab\\there \\"q\\""');
    expect(jsonbText({ u: undefined, v: 1 })).toBe('{"v": 1}');
  });

  it('writes exposure reasons as the generic form does', () => {
    expect(reasonsText([reason, { ...reason, version: null }])).toBe(jsonbText([reason, { ...reason, version: null }]));
    expect(reasonsText([])).toBe('[]');
  });
});

// The digests correlation compares are only useful if this side prints what the database prints.
describe.each(backends)('jsonbText against %s', (backend) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(backend, { migrate: false });
  });

  afterAll(async () => {
    await database.dispose();
  });

  it('equals value::text and its md5 for every sample', async () => {
    for (const value of samples) {
      const { rows } = await sql<{ text: string; digest: string }>`select (${JSON.stringify(value)}::jsonb)::text as text, md5((${JSON.stringify(value)}::jsonb)::text) as digest`.execute(database.db);
      expect(jsonbText(value)).toBe(rows[0]?.text);
      expect(createHash('md5').update(jsonbText(value)).digest('hex')).toBe(rows[0]?.digest);
    }
  });

  it('digests an asset\'s exposures as the database does over the stored rows', async () => {
    const exposures: Exposure[] = [
      { assetId: 'a', vulnId: 'BW-0000002', verdict: 'unknown', confidence: 0.51, reasons: [{ ...reason, version: null, verdict: 'unknown' }] },
      { assetId: 'a', vulnId: 'BW-0000001', verdict: 'affected', confidence: 0.85, reasons: [reason, { ...reason, affectedId: '18', why: 'ü "x"' }] },
      { assetId: 'a', vulnId: 'bw-0000003', verdict: 'affected', confidence: 1, reasons: [] },
    ];
    const { rows } = await sql<{ digest: string }>`
      select md5(string_agg(to_json(vuln_id)::text || ',' || to_json(verdict)::text || ',' || reasons::text, E'\n' order by vuln_id collate "C")) as digest
      from jsonb_to_recordset(${JSON.stringify(exposures.map((e) => ({ vuln_id: e.vulnId, verdict: e.verdict, reasons: e.reasons })))}::jsonb) as d(vuln_id text, verdict text, reasons jsonb)`.execute(database.db);
    expect(digestOf(exposures)).toBe(rows[0]?.digest);
    expect(digestOf(exposures.slice(1))).not.toBe(rows[0]?.digest);
  });
});
