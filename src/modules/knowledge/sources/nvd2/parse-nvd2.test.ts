import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runImporterConformance } from '../conformance.case.js';
import type { VulnerabilityRecord } from '../types.js';
import { parseNvd2 } from './parse-nvd2.js';

const dataDir = fileURLToPath(new URL('../../../../../../shared/data/nvd2/', import.meta.url));
const realFiles = readdirSync(dataDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => join(dataDir, f));
const read = (name: string) => readFileSync(join(dataDir, name), 'utf8');
const cve = (name: string) => JSON.parse(read(name)) as Record<string, unknown>;
const page = (cves: readonly unknown[]) => ({
  resultsPerPage: cves.length,
  startIndex: 0,
  totalResults: cves.length,
  format: 'NVD_CVE',
  version: '2.0',
  vulnerabilities: cves.map((c) => ({ cve: c })),
});

// The fixtures hold one `cve` each; the isolation test needs several records, as an API page has.
const pageFile = join(mkdtempSync(join(tmpdir(), 'bulwark-nvd2-')), 'nvd2-page.json');
writeFileSync(pageFile, JSON.stringify(page(['CVE-2021-44228.json', 'CVE-2018-7841.json', 'CVE-2016-8562.json'].map(cve))));

runImporterConformance({
  name: 'NVD API 2.0',
  parse: parseNvd2,
  validFiles: [pageFile, ...realFiles],
  corruptOneRecord: (input) => {
    const p = JSON.parse(input) as { vulnerabilities: { cve: Record<string, unknown> }[] };
    const second = p.vulnerabilities[1];
    if (second !== undefined) second.cve.id = 42;
    return JSON.stringify(p);
  },
  corruptOneDate: (input) => {
    const p = JSON.parse(input) as { vulnerabilities: { cve: Record<string, unknown> }[] };
    const second = p.vulnerabilities[1];
    if (second !== undefined) second.cve.published = '2026-13-45T00:00:00.000';
    return JSON.stringify(p);
  },
});

function only(file: string): VulnerabilityRecord {
  const result = parseNvd2(read(file), file);
  expect(result.issues).toEqual([]);
  const [record] = result.records;
  if (record?.kind !== 'vulnerability') throw new Error(`${file}: no vulnerability record`);
  return record;
}

describe('parseNvd2 on real records', () => {
  it('finds the shared data directory from the test file', () => {
    expect(existsSync(join(dataDir, 'CVE-2021-44228.json'))).toBe(true);
    expect(realFiles).toHaveLength(16);
  });

  it('reads Log4Shell (CVE-2021-44228): CWEs, Primary CVSS first, KEV, dates in UTC', () => {
    const r = only('CVE-2021-44228.json');
    expect(r.cwes).toEqual([{ id: 'CWE-20' }, { id: 'CWE-400' }, { id: 'CWE-502' }, { id: 'CWE-917' }]);
    expect(r.cvss).toEqual([
      { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', baseScore: 10, severity: 'CRITICAL' },
      { version: '2.0', vector: 'AV:N/AC:M/Au:N/C:C/I:C/A:C', baseScore: 9.3, severity: 'HIGH' },
    ]);
    expect(r.kev).toMatchObject({ dateAdded: '2021-12-10', dueDate: '2021-12-24', knownRansomwareCampaignUse: 'Unknown' });
    expect(r.title).toBe('Apache Log4j2 Remote Code Execution Vulnerability');
    expect(r.published).toMatch(/^2021-12-10T.*Z$/);
    expect(r.affected).toHaveLength(408);
  });

  it('keeps an AND configuration together: the vulnerable firmware and the device it runs on share a group', () => {
    const group0 = only('CVE-2021-44228.json').affected.filter((a) => a.group === '0');
    expect(group0).toEqual([
      {
        product: { vendor: 'siemens', product: '6bk1602-0aa12-0tp0 firmware', cpe: 'cpe:2.3:o:siemens:6bk1602-0aa12-0tp0_firmware:*:*:*:*:*:*:*:*' },
        range: { kind: 'bounds', scheme: 'generic', fixed: '2.7.0' },
        status: 'affected',
        group: '0',
      },
      {
        product: { vendor: 'siemens', product: '6bk1602-0aa12-0tp0', cpe: 'cpe:2.3:h:siemens:6bk1602-0aa12-0tp0:-:*:*:*:*:*:*:*' },
        range: { kind: 'all' },
        status: 'not_affected',
        group: '0',
        platformOnly: true,
      },
    ]);
  });

  it('reads OR configurations as stand-alone claims with NVD bounds and CPE versions', () => {
    const r = only('CVE-2021-44228.json');
    const log4j = r.affected.filter((a) => a.product.vendor === 'apache' && a.product.product === 'log4j');
    expect(log4j.every((a) => a.group === null)).toBe(true);
    expect(log4j.map((a) => a.range)).toContainEqual({ kind: 'bounds', scheme: 'generic', introduced: '2.13.0', fixed: '2.15.0' });
    expect(r.affected).toContainEqual({
      product: { vendor: 'siemens', product: 'capital', cpe: 'cpe:2.3:a:siemens:capital:2019.1:sp1912:*:*:*:*:*:*' },
      range: { kind: 'exact', version: '2019.1' },
      status: 'affected',
      group: null,
    });
  });

  it('reads CVE-2018-7841 (Schneider Electric U.motion Builder): one exact version, CWE-89, dedup of references', () => {
    const r = only('CVE-2018-7841.json');
    expect(r.cwes).toEqual([{ id: 'CWE-89' }]);
    expect(r.affected).toEqual([
      {
        product: { vendor: 'schneider-electric', product: 'u.motion builder', cpe: 'cpe:2.3:a:schneider-electric:u.motion_builder:1.3.4:*:*:*:*:*:*:*' },
        range: { kind: 'exact', version: '1.3.4' },
        status: 'affected',
        group: null,
      },
    ]);
    expect(r.references).toHaveLength(3);
    expect(r.kev?.requiredAction).toMatch(/end-of-life/);
  });

  it('drops NVD-CWE-noinfo and takes no affected claims from a record awaiting analysis', () => {
    expect(only('CVE-2016-8562.json').cwes).toEqual([]);
    expect(only('CVE-2024-3400.json')).toMatchObject({ affected: [], cvss: [expect.objectContaining({ version: '3.1' })] });
  });
});

describe('parseNvd2 on pages and damaged input', () => {
  it('reads an API page with one record per entry and pointers below /vulnerabilities/<i>/cve', () => {
    const bad = cve('CVE-2018-7841.json') as { configurations: { nodes: { cpeMatch: Record<string, unknown>[] }[] }[] };
    const match = bad.configurations[0]?.nodes[0]?.cpeMatch[0];
    if (match) match.criteria = 'cpe:/a:schneider-electric:u.motion_builder:1.3.4';
    const result = parseNvd2(JSON.stringify(page([cve('CVE-2016-8562.json'), bad])), 'page.json');
    expect(result.records.map((r) => r.sourceRecordId)).toEqual(['CVE-2016-8562', 'CVE-2018-7841']);
    expect(result.issues).toEqual([
      {
        file: 'page.json',
        pointer: '/vulnerabilities/1/cve/configurations/0/nodes/0/cpeMatch/0/criteria',
        message: expect.stringContaining('not a CPE 2.3 formatted string'),
        severity: 'error',
      },
    ]);
    expect(result.records[1]).toMatchObject({ affected: [], cwes: [{ id: 'CWE-89' }] });
  });

  it('accepts a single vulnerabilities entry ({cve})', () => {
    expect(parseNvd2(JSON.stringify({ cve: cve('CVE-2018-7841.json') }), 'x').records).toHaveLength(1);
  });

  it('skips a Rejected record with a warning', () => {
    const rejected = { ...cve('CVE-2018-7841.json'), vulnStatus: 'Rejected' };
    const result = parseNvd2(JSON.stringify(page([rejected, cve('CVE-2016-8562.json')])), 'x');
    expect(result.records.map((r) => r.sourceRecordId)).toEqual(['CVE-2016-8562']);
    expect(result.issues).toEqual([expect.objectContaining({ pointer: '/vulnerabilities/0/cve/vulnStatus', severity: 'warning' })]);
  });

  it('skips a bad CVSS metric and keeps the others', () => {
    const doc = cve('CVE-2016-8562.json') as { metrics: { cvssMetricV31: Record<string, unknown>[] } };
    const first = doc.metrics.cvssMetricV31[0];
    if (first) first.cvssData = { baseScore: 7.5 };
    const result = parseNvd2(JSON.stringify(doc), 'x');
    expect(result.issues.map((i) => i.pointer)).toEqual(['/metrics/cvssMetricV31/0/cvssData/vectorString']);
    expect(result.records[0]).toMatchObject({ cvss: [{ version: '3.1', baseScore: 7.5 }, { version: '2.0' }] });
  });

  it('carries negate, and groups a configuration whose single node is AND', () => {
    const doc = {
      id: 'CVE-2099-0001',
      configurations: [
        {
          nodes: [
            {
              operator: 'AND',
              negate: true,
              cpeMatch: [{ vulnerable: true, criteria: 'cpe:2.3:a:at\\&t:some_app:*:*:*:*:*:*:*:*', versionStartExcluding: '1.0', versionEndIncluding: '2.0' }],
            },
          ],
        },
      ],
    };
    expect(parseNvd2(JSON.stringify(doc), 'x').records[0]).toMatchObject({
      affected: [
        {
          product: { vendor: 'at&t', product: 'some app' },
          range: { kind: 'bounds', scheme: 'generic', excludedStart: '1.0', lastAffected: '2.0' },
          group: '0',
          negate: true,
        },
      ],
    });
  });

  it('refuses JSON that is not an NVD object', () => {
    expect(parseNvd2('[1,2]', 'x').issues[0]).toMatchObject({ pointer: '', severity: 'error' });
    expect(parseNvd2('{"vulnerabilities": 3}', 'x').issues[0]).toMatchObject({ pointer: '/vulnerabilities', severity: 'error' });
  });
});
