import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runImporterConformance } from '../conformance.case.js';
import type { VulnerabilityRecord } from '../types.js';
import { KEV_UNSPECIFIED_RANGE, parseKev } from './parse-kev.js';

const kevFile = fileURLToPath(new URL('../../../../../../shared/data/kev/known_exploited_vulnerabilities.json', import.meta.url));
const catalogText = readFileSync(kevFile, 'utf8');

runImporterConformance({
  name: 'CISA KEV',
  parse: parseKev,
  validFiles: [kevFile],
  corruptOneRecord: (input) => {
    const catalog = JSON.parse(input) as { vulnerabilities: Record<string, unknown>[] };
    catalog.vulnerabilities[0] = { ...catalog.vulnerabilities[0], cveID: 42 };
    return JSON.stringify(catalog);
  },
  corruptOneDate: (input) => {
    const catalog = JSON.parse(input) as { vulnerabilities: Record<string, unknown>[] };
    catalog.vulnerabilities[0] = { ...catalog.vulnerabilities[0], dateAdded: '2026-02-30' };
    return JSON.stringify(catalog);
  },
});

describe('parseKev on the real catalog', () => {
  const result = parseKev(catalogText, kevFile);

  it('reads every entry without issues', () => {
    expect(result.issues).toEqual([]);
    expect(result.records).toHaveLength(1404);
    const kev = result.records.map((r) => (r as VulnerabilityRecord).kev);
    expect(kev.filter((k) => k?.knownRansomwareCampaignUse === 'Known')).toHaveLength(293);
  });

  it('maps CVE-2021-44228 (Log4Shell) exactly', () => {
    const expected: VulnerabilityRecord = {
      kind: 'vulnerability',
      sourceRecordId: 'CVE-2021-44228',
      aliases: [{ scheme: 'cve', value: 'CVE-2021-44228' }],
      title: 'Apache Log4j2 Remote Code Execution Vulnerability',
      description:
        'Apache Log4j2 contains a vulnerability where JNDI features do not protect against attacker-controlled JNDI-related endpoints, allowing for remote code execution.',
      cwes: [{ id: 'CWE-20' }, { id: 'CWE-400' }, { id: 'CWE-502' }],
      cvss: [],
      affected: [{ product: { vendor: 'Apache', product: 'Log4j2' }, range: { kind: 'text', text: KEV_UNSPECIFIED_RANGE }, status: 'affected' }],
      remediations: [],
      references: [{ url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228' }],
      kev: {
        dateAdded: '2021-12-10',
        dueDate: '2021-12-24',
        knownRansomwareCampaignUse: 'Known',
        requiredAction:
          'For all affected software assets for which updates exist, the only acceptable remediation actions are: 1) Apply updates; OR 2) remove affected assets from agency networks. Temporary mitigations using one of the measures provided at https://www.cisa.gov/uscert/ed-22-02-apache-log4j-recommended-mitigation-measures are only acceptable until updates are available.',
        notes: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228',
      },
      published: '2021-12-10',
    };
    expect(result.records.find((r) => r.sourceRecordId === 'CVE-2021-44228')).toStrictEqual(expected);
  });

  it('splits multi-URL notes into references', () => {
    const git = result.records.find((r) => r.sourceRecordId === 'CVE-2025-48384') as VulnerabilityRecord;
    expect(git.references.map((r) => r.url)).toEqual([
      'https://github.com/git/git/security/advisories/GHSA-vwqx-4fm8-6qc9',
      'https://access.redhat.com/errata/RHSA-2025:13933',
      'https://alas.aws.amazon.com/AL2/ALAS2-2025-2941.html',
      'https://linux.oracle.com/errata/ELSA-2025-11534.html',
      'https://msrc.microsoft.com/update-guide/vulnerability/CVE-2025-48384',
      'https://nvd.nist.gov/vuln/detail/CVE-2025-48384',
    ]);
  });
});

describe('parseKev on project-authored catalogs', () => {
  const entry = {
    cveID: 'CVE-2099-0001',
    vendorProject: 'Example',
    product: 'EX-PLC',
    vulnerabilityName: 'Example PLC Missing Authentication',
    dateAdded: '2024-05-01',
    shortDescription: 'Example PLC lacks authentication.',
    requiredAction: 'Apply mitigations per vendor instructions.',
    dueDate: '2024-05-22',
    knownRansomwareCampaignUse: 'unknown',
    notes: '',
  };
  const catalog = (vulnerabilities: unknown[], count = vulnerabilities.length) =>
    JSON.stringify({ title: 'KEV', catalogVersion: '2024.05.01', dateReleased: '2024-05-01T00:00:00Z', count, vulnerabilities });

  it('warns about a duplicate CVE and a wrong count, and keeps the first entry', () => {
    const r = parseKev(catalog([entry, { ...entry, product: 'other' }], 3), 'kev.json');
    expect(r.records).toHaveLength(1);
    expect(r.issues.map((i) => [i.pointer, i.severity])).toEqual([
      ['/vulnerabilities/1/cveID', 'warning'],
      ['/count', 'warning'],
    ]);
    const v = r.records[0] as VulnerabilityRecord;
    expect(v.kev).toEqual({ dateAdded: '2024-05-01', dueDate: '2024-05-22', knownRansomwareCampaignUse: 'Unknown', requiredAction: 'Apply mitigations per vendor instructions.' });
    expect(v.cwes).toEqual([]);
    expect(v.references).toEqual([]);
  });

  it('reports an entry with a bad date at its pointer', () => {
    const r = parseKev(catalog([{ ...entry, dateAdded: '05/01/2024' }, { ...entry, cveID: 'CVE-2099-0002' }]), 'kev.json');
    expect(r.records.map((x) => x.sourceRecordId)).toEqual(['CVE-2099-0002']);
    expect(r.issues).toMatchObject([{ pointer: '/vulnerabilities/0/dateAdded', severity: 'error' }]);
  });

  it('reports a catalog without vulnerabilities', () => {
    expect(parseKev('{"title": "KEV"}', 'kev.json').issues).toMatchObject([{ pointer: '/vulnerabilities', severity: 'error' }]);
  });
});
