import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runImporterConformance } from '../conformance.case.js';
import type { VulnerabilityRecord } from '../types.js';
import { parseCve5 } from './parse-cve5.js';

const dataDir = fileURLToPath(new URL('../../../../../../shared/data/cve5/', import.meta.url));
const realFiles = readdirSync(dataDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => join(dataDir, f));
const read = (name: string) => readFileSync(join(dataDir, name), 'utf8');

// CVE 5 files hold one record each; the isolation test needs several, so build a bulk array from real ones.
const bulkFile = join(mkdtempSync(join(tmpdir(), 'bulwark-cve5-')), 'cve5-bulk.json');
writeFileSync(bulkFile, JSON.stringify(['CVE-2021-44228.json', 'CVE-2018-7841.json', 'CVE-2024-3400.json'].map((f) => JSON.parse(read(f)) as unknown)));

runImporterConformance({
  name: 'CVE JSON 5',
  parse: parseCve5,
  validFiles: [bulkFile, ...realFiles],
  corruptOneRecord: (input) => {
    const records = JSON.parse(input) as Record<string, unknown>[];
    const second = records[1];
    if (second !== undefined) second.cveMetadata = 42;
    return JSON.stringify(records);
  },
  corruptOneDate: (input) => {
    const records = JSON.parse(input) as { cveMetadata: Record<string, unknown> }[];
    const second = records[1];
    if (second !== undefined) second.cveMetadata.datePublished = 'not-a-date';
    return JSON.stringify(records);
  },
});

function only(file: string, input = read(file)): VulnerabilityRecord {
  const result = parseCve5(input, file);
  expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  const [record] = result.records;
  if (record?.kind !== 'vulnerability') throw new Error(`${file}: no vulnerability record`);
  return record;
}

describe('parseCve5 on real records', () => {
  it('finds the shared data directory from the test file', () => {
    expect(existsSync(join(dataDir, 'CVE-2021-44228.json'))).toBe(true);
    expect(realFiles).toHaveLength(16);
  });

  it('reads Log4Shell (CVE-2021-44228): CWE names, the CISA ADP score and KEV date, ranges split at status changes', () => {
    const r = only('CVE-2021-44228.json');
    expect(r).toMatchObject({
      sourceRecordId: 'CVE-2021-44228',
      aliases: [{ scheme: 'cve', value: 'CVE-2021-44228' }],
      title: 'Apache Log4j2 JNDI features do not protect against attacker controlled LDAP and other JNDI related endpoints',
      published: '2021-12-10T00:00:00.000Z',
      modified: '2025-07-28T19:48:17.130Z',
      kev: { dateAdded: '2021-12-10', knownRansomwareCampaignUse: 'Unknown' },
    });
    expect(r.cwes).toEqual([
      { id: 'CWE-502', name: 'Deserialization of Untrusted Data' },
      { id: 'CWE-400', name: 'Uncontrolled Resource Consumption' },
      { id: 'CWE-20', name: 'Improper Input Validation' },
    ]);
    expect(r.cvss).toEqual([{ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', baseScore: 10, severity: 'CRITICAL' }]);
    const product = { vendor: 'Apache Software Foundation', product: 'Apache Log4j2' };
    const affected = r.affected.filter((a) => a.status === 'affected');
    expect(affected).toEqual([
      { product, status: 'affected', range: { kind: 'bounds', scheme: 'generic', introduced: '2.0-beta9', fixed: '2.3.1' } },
      { product, status: 'affected', range: { kind: 'bounds', scheme: 'generic', introduced: '2.4', fixed: '2.12.2' } },
      { product, status: 'affected', range: { kind: 'bounds', scheme: 'generic', introduced: '2.13.0', fixed: '2.15.0' } },
    ]);
    expect(r.affected.filter((a) => a.status === 'not_affected').map((a) => a.range)).toContainEqual({
      kind: 'bounds',
      scheme: 'generic',
      introduced: '2.3.1',
      fixed: '2.4',
    });
    // The CVE Program container repeats the CNA's references: one per URL.
    expect(new Set(r.references.map((x) => x.url)).size).toBe(r.references.length);
  });

  it('reads CVE-2018-7841 (Schneider Electric U.motion Builder): prose versions stay text, no CWE from a text problem type', () => {
    const r = only('CVE-2018-7841.json');
    expect(r.cwes).toEqual([]);
    expect(r.description).toContain('SQL Injection (CWE-89)');
    expect(r.published).toBe('2019-05-22T19:20:54Z');
    expect(r.affected).toEqual([
      {
        product: { vendor: 'U.motion', product: 'U.motion Builder software version 1.3.4' },
        range: { kind: 'text', text: 'U.motion Builder software version 1.3.4' },
        status: 'affected',
      },
    ]);
    expect(r.references).toContainEqual({
      url: 'http://seclists.org/fulldisclosure/2019/May/26',
      summary: '20190514 [CVE-2018-7841] Schneider Electric U.Motion Builder <= 1.3.4 track_import_export.php object_id Unauthenticated Command Injection',
      tags: ['mailing-list', 'x_refsource_FULLDISC', 'x_transferred'],
    });
    expect(r.kev).toBeUndefined();
  });

  it('maps lessThanOrEqual to lastAffected and drops "unspecified" / "0" lower bounds', () => {
    expect(only('CVE-2021-38406.json').affected).toEqual([
      {
        product: { vendor: 'Delta Electronics', product: 'DOPSoft 2' },
        range: { kind: 'bounds', scheme: 'generic', lastAffected: '2.00.07' },
        status: 'affected',
      },
    ]);
    expect(only('CVE-2023-46604.json').affected[3]).toEqual({
      product: { vendor: 'Apache Software Foundation', product: 'Apache ActiveMQ' },
      range: { kind: 'bounds', scheme: 'semver', fixed: '5.15.16' },
      status: 'affected',
    });
  });

  it('reads PAN-OS (CVE-2024-3400): exact unaffected versions, "All", CPE-named ADP products, solutions and workarounds', () => {
    const r = only('CVE-2024-3400.json');
    expect(r.affected).toContainEqual({
      product: { vendor: 'Palo Alto Networks', product: 'PAN-OS' },
      range: { kind: 'exact', version: '9.1.0' },
      status: 'not_affected',
    });
    expect(r.affected).toContainEqual({ product: { vendor: 'Palo Alto Networks', product: 'Cloud NGFW' }, range: { kind: 'all' }, status: 'not_affected' });
    // changes[] ending exactly at lessThan add no empty range
    expect(r.affected.filter((a) => a.product.product === 'PAN-OS' && a.range.kind === 'bounds')).toHaveLength(3);
    expect(r.affected).toContainEqual({
      product: { vendor: 'paloaltonetworks', product: 'pan-os', cpe: 'cpe:2.3:o:paloaltonetworks:pan-os:11.1.0:-:*:*:*:*:*:*' },
      range: { kind: 'bounds', scheme: 'generic', introduced: '11.1.0', fixed: '11.1.2-h3' },
      status: 'affected',
    });
    expect(r.remediations.map((x) => x.category)).toEqual(['vendor_fix', 'workaround']);
  });

  it('skips "n/a" placeholder products and takes CWE ids from ADP problem types', () => {
    const r = only('CVE-2019-7256.json');
    expect(r.cwes).toEqual([{ id: 'CWE-78', name: "Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')" }]);
    expect(r.affected.map((a) => a.product.product)).toEqual(['linear_emerge_essential_firmware', 'linear_emerge_elite_firmware']);
  });
});

describe('parseCve5 on damaged or unusual input', () => {
  const dopSoft = () => JSON.parse(read('CVE-2021-38406.json')) as { containers: { cna: { affected: Record<string, unknown>[] } }; cveMetadata: Record<string, unknown> };

  it('reports a bad affected entry at its pointer and still yields the record', () => {
    const doc = dopSoft();
    const first = doc.containers.cna.affected[0];
    if (first) first.versions = 42;
    const result = parseCve5(JSON.stringify(doc), 'x.json');
    expect(result.records).toHaveLength(1);
    expect(result.issues).toEqual([
      expect.objectContaining({ file: 'x.json', pointer: '/containers/cna/affected/0/versions', severity: 'error' }),
    ]);
    expect(result.records[0]).toMatchObject({ sourceRecordId: 'CVE-2021-38406', cvss: [expect.anything()], affected: [] });
  });

  it('skips one bad version but keeps the others of the same entry', () => {
    const doc = dopSoft();
    const first = doc.containers.cna.affected[0];
    if (first) first.versions = [{ version: '1.0' }, { version: '2.0', status: 'affected' }];
    const result = parseCve5(JSON.stringify(doc), 'x.json');
    expect(result.issues.map((i) => i.pointer)).toEqual(['/containers/cna/affected/0/versions/0/status']);
    expect(result.records[0]).toMatchObject({ affected: [{ range: { kind: 'exact', version: '2.0' }, status: 'affected' }] });
  });

  it('turns a REJECTED record into a warning and no record', () => {
    const doc = dopSoft();
    doc.cveMetadata.state = 'REJECTED';
    const result = parseCve5(JSON.stringify(doc), 'x.json');
    expect(result.records).toEqual([]);
    expect(result.issues).toEqual([expect.objectContaining({ pointer: '/cveMetadata/state', severity: 'warning' })]);
  });

  it('reads arrays of records and locates a broken one by index', () => {
    const result = parseCve5(JSON.stringify([dopSoft(), { cveMetadata: { cveId: 'CVE-X', state: 'PUBLISHED' } }]), 'bulk.json');
    expect(result.records).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ pointer: '/1/cveMetadata/cveId', severity: 'error' });
  });

  it('gives versions not listed the default status when it is "affected"', () => {
    const doc = dopSoft();
    doc.containers.cna.affected = [{ vendor: 'V', product: 'P', defaultStatus: 'affected', versions: [{ version: '3.0', lessThan: '*', status: 'unaffected', versionType: 'semver' }] }];
    expect(parseCve5(JSON.stringify(doc), 'x.json').records[0]).toMatchObject({
      affected: [
        { product: { vendor: 'V', product: 'P' }, range: { kind: 'bounds', scheme: 'semver', introduced: '3.0' }, status: 'not_affected' },
        { product: { vendor: 'V', product: 'P' }, range: { kind: 'all' }, status: 'affected' },
      ],
    });
  });
});
