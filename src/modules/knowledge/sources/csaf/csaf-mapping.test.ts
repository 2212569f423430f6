import { describe, expect, it } from 'vitest';
import type { AdvisoryRecord, VulnerabilityRecord } from '../types.js';
import { parseCsaf } from './parse-csaf.js';

// Project-authored minimal CSAF documents for the cases the CISA corpus does not contain.

const meta = {
  category: 'csaf_security_advisory',
  csaf_version: '2.0',
  title: 'Example PLC',
  publisher: { category: 'vendor', name: 'Example PSIRT', namespace: 'https://psirt.example.com' },
  tracking: { id: 'EX-SA-2025-001', initial_release_date: '2025-01-02T00:00:00Z', current_release_date: '2025-02-03T00:00:00Z' },
};

const productTree = {
  branches: [
    {
      category: 'vendor',
      name: 'Example AG',
      branches: [
        {
          category: 'product_name',
          name: 'EX-PLC 1200',
          branches: [
            { category: 'product_version', name: 'V2.0', product: { name: 'EX-PLC 1200 V2.0', product_id: 'P-V2' } },
            {
              category: 'product_version_range',
              name: 'vers:generic/<2.9.4',
              product: {
                name: 'EX-PLC 1200 <2.9.4',
                product_id: 'P-VERS',
                product_identification_helper: { cpe: 'cpe:2.3:h:example:ex-plc_1200:*:*:*:*:*:*:*:*' },
              },
            },
          ],
        },
        { category: 'product_name', name: 'EX-HMI', product: { name: 'EX-HMI: All versions', product_id: 'P-HMI' } },
      ],
    },
  ],
  full_product_names: [{ name: 'Example Gateway', product_id: 'P-GW', product_identification_helper: { purl: 'pkg:generic/example/gateway' } }],
  product_groups: [{ group_id: 'G-ALL', product_ids: ['P-V2', 'P-GW'] }],
};

const parse = (vulnerabilities: unknown[]) =>
  parseCsaf(JSON.stringify({ document: meta, product_tree: productTree, vulnerabilities }), 'example.json');
const vulnerability = (r: ReturnType<typeof parse>, n = 0) => r.records.filter((x): x is VulnerabilityRecord => x.kind === 'vulnerability')[n];

const plc = { vendor: 'Example AG', product: 'EX-PLC 1200' };

describe('parseCsaf mapping', () => {
  it('maps vers ranges, "all versions" products, full product names, CPE and PURL', () => {
    const r = parse([{ cve: 'cve-2099-0001', product_status: { known_affected: ['P-VERS', 'P-HMI', 'P-GW'] } }]);
    expect(r.issues).toEqual([]);
    expect(vulnerability(r)?.affected).toEqual([
      { product: { ...plc, cpe: 'cpe:2.3:h:example:ex-plc_1200:*:*:*:*:*:*:*:*' }, range: { kind: 'vers', expression: 'vers:generic/<2.9.4' }, status: 'affected' },
      { product: { vendor: 'Example AG', product: 'EX-HMI' }, range: { kind: 'all' }, status: 'affected' },
      { product: { vendor: '', product: 'Example Gateway', purl: 'pkg:generic/example/gateway' }, range: { kind: 'text', text: 'Example Gateway' }, status: 'affected' },
    ]);
    expect(vulnerability(r)?.aliases[0]).toEqual({ scheme: 'cve', value: 'CVE-2099-0001' });
  });

  it('maps every product status list, and first_/last_ lists on exact versions to bounds', () => {
    const r = parse([
      {
        cve: 'CVE-2099-0002',
        product_status: { first_affected: ['P-V2'], last_affected: ['P-V2'], known_not_affected: ['P-HMI'], first_fixed: ['P-V2'], under_investigation: ['P-GW'] },
      },
    ]);
    const statuses = vulnerability(r)?.affected.map((a) => [a.status, a.range]);
    expect(statuses).toEqual([
      ['affected', { kind: 'bounds', scheme: 'generic', introduced: 'V2.0' }],
      ['affected', { kind: 'bounds', scheme: 'generic', lastAffected: 'V2.0' }],
      ['not_affected', { kind: 'all' }],
      ['fixed', { kind: 'bounds', scheme: 'generic', introduced: 'V2.0' }],
      ['unknown', { kind: 'text', text: 'Example Gateway' }],
    ]);
  });

  it('warns about unknown product ids and remediation categories, and keeps the record', () => {
    const r = parse([
      {
        cve: 'CVE-2099-0003',
        product_status: { known_affected: ['P-V2', 'P-NOPE'] },
        remediations: [
          { category: 'hotfix', details: 'not a CSAF 2.0 category' },
          { category: 'vendor_fix', details: 'Update to V3.0', url: 'https://example.com/fw', group_ids: ['G-ALL'] },
        ],
      },
    ]);
    expect(r.issues).toEqual([
      { file: 'example.json', pointer: '/vulnerabilities/0/product_status/known_affected/1', message: expect.stringContaining('P-NOPE'), severity: 'warning' },
      { file: 'example.json', pointer: '/vulnerabilities/0/remediations/0/category', message: expect.stringContaining('hotfix'), severity: 'warning' },
    ]);
    expect(vulnerability(r)?.remediations).toEqual([
      {
        category: 'vendor_fix',
        details: 'Update to V3.0',
        url: 'https://example.com/fw',
        products: [plc, { vendor: '', product: 'Example Gateway', purl: 'pkg:generic/example/gateway' }],
      },
    ]);
  });

  it('maps ids[] to alias schemes, prefers description notes, reads CVSS v2 and names CVE-less records by index', () => {
    const r = parse([
      {
        ids: [
          { system_name: 'CNVD', text: 'cnvd-2025-01234' },
          { system_name: 'GitHub', text: 'GHSA-JFH8-C2JP-5V3Q' },
          { system_name: 'Example PSIRT', text: 'EX-BUG-77' },
        ],
        notes: [
          { category: 'summary', text: 'short' },
          { category: 'description', text: 'Line one\r\nline two ' },
        ],
        scores: [
          { products: ['P-V2'], cvss_v2: { version: '2.0', vectorString: 'AV:N/AC:L/Au:N/C:P/I:P/A:P', baseScore: 7.5 } },
          { products: ['P-GW'], cvss_v2: { version: '2.0', vectorString: 'AV:N/AC:L/Au:N/C:P/I:P/A:P', baseScore: 7.5 } },
        ],
        release_date: '2024-12-24T00:00:00Z',
      },
    ]);
    const v = vulnerability(r);
    expect(v?.sourceRecordId).toBe('EX-SA-2025-001#0');
    expect(v?.aliases).toEqual([
      { scheme: 'vendor', value: 'EX-SA-2025-001' },
      { scheme: 'cnvd', value: 'CNVD-2025-01234' },
      { scheme: 'ghsa', value: 'GHSA-jfh8-c2jp-5v3q' },
      { scheme: 'vendor', value: 'EX-BUG-77' },
    ]);
    expect(v?.description).toBe('Line one\nline two');
    expect(v?.cvss).toEqual([{ version: '2.0', vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P', baseScore: 7.5 }]);
    expect(v?.published).toBe('2024-12-24T00:00:00Z');
  });

  it('reports a bad vulnerability at its pointer and keeps the advisory without its aliases', () => {
    const r = parse([{ cve: 'CVE-2099-0004' }, { cve: 'CVE-2099-0005', cwe: { id: 'not-a-cwe' } }]);
    expect(r.issues).toMatchObject([{ pointer: '/vulnerabilities/1/cwe/id', severity: 'error' }]);
    const advisory = r.records[0] as AdvisoryRecord;
    expect(advisory.vulnerabilityAliases).toEqual([{ scheme: 'cve', value: 'CVE-2099-0004' }]);
    expect(advisory.products).toHaveLength(4);
  });

  it('reports a document without tracking id as a whole-document error', () => {
    const r = parseCsaf(JSON.stringify({ document: { ...meta, tracking: {} }, vulnerabilities: [] }), 'x.json');
    expect(r.records).toEqual([]);
    expect(r.issues[0]).toMatchObject({ pointer: '/document/tracking/id', severity: 'error' });
  });

  it('reports a broken product tree and still reads the vulnerabilities, with warnings', () => {
    const r = parseCsaf(
      JSON.stringify({ document: meta, product_tree: { branches: [{ name: 'no category' }] }, vulnerabilities: [{ cve: 'CVE-2099-0006', product_status: { known_affected: ['P-V2'] } }] }),
      'x.json',
    );
    expect(r.issues.map((i) => [i.pointer, i.severity])).toEqual([
      ['/product_tree/branches/0/category', 'error'],
      ['/vulnerabilities/0/product_status/known_affected/0', 'warning'],
    ]);
    expect(r.records).toHaveLength(2);
  });
});
