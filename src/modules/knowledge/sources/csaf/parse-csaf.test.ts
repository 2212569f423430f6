import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runImporterConformance } from '../conformance.case.js';
import type { AdvisoryRecord, VulnerabilityRecord } from '../types.js';
import { parseCsaf } from './parse-csaf.js';

const csafDir = fileURLToPath(new URL('../../../../../../shared/data/csaf/', import.meta.url));
const file = (rel: string) => `${csafDir}${rel}`;
const read = (rel: string) => readFileSync(file(rel), 'utf8');

runImporterConformance({
  name: 'CSAF 2.0',
  parse: parseCsaf,
  validFiles: [
    file('OT/2024/icsa-24-004-01.json'), // two vulnerabilities: one can be broken, one survives
    file('OT/2024/icsa-24-235-03.json'), // relationships (installed_on), fixed and not-affected lists
    file('OT/2017/icsa-17-124-01.json'),
    file('IT/2024/va-24-201-01.json'), // CSAF VEX, product_version branches
  ],
  corruptOneRecord: (input) => {
    const doc = JSON.parse(input) as { vulnerabilities: Record<string, unknown>[] };
    doc.vulnerabilities[0] = { ...doc.vulnerabilities[0], cve: 42 };
    return JSON.stringify(doc);
  },
  corruptOneDate: (input) => {
    const doc = JSON.parse(input) as { vulnerabilities: Record<string, unknown>[] };
    doc.vulnerabilities[0] = { ...doc.vulnerabilities[0], release_date: '2026-13-45T00:00:00Z' };
    return JSON.stringify(doc);
  },
});

describe('parseCsaf on ICSA-24-004-01 (golden)', () => {
  const result = parseCsaf(read('OT/2024/icsa-24-004-01.json'), 'icsa-24-004-01.json');
  const rockwell = { vendor: 'Rockwell Automation', product: 'Factory Talk Activation Manager' };

  it('yields the advisory and its two vulnerabilities without issues', () => {
    expect(result.issues).toEqual([]);
    expect(result.records.map((r) => r.sourceRecordId)).toEqual(['ICSA-24-004-01', 'ICSA-24-004-01#CVE-2023-38545', 'ICSA-24-004-01#CVE-2023-3935']);
  });

  it('maps the advisory', () => {
    const advisory: AdvisoryRecord = {
      kind: 'advisory',
      sourceRecordId: 'ICSA-24-004-01',
      id: 'ICSA-24-004-01',
      title: 'Rockwell Automation FactoryTalk Activation',
      publisher: 'CISA',
      published: '2024-01-04T07:00:00.000000Z',
      modified: '2024-01-04T07:00:00.000000Z',
      tlp: 'WHITE',
      summary:
        'Successful exploitation of these vulnerabilities could result in a buffer overflow and allow the attacker to gain full access to the system.',
      url: 'https://raw.githubusercontent.com/cisagov/CSAF/develop/csaf_files/OT/white/2024/icsa-24-004-01.json',
      vulnerabilityAliases: [
        { scheme: 'cve', value: 'CVE-2023-38545' },
        { scheme: 'cve', value: 'CVE-2023-3935' },
      ],
      products: [rockwell],
    };
    expect(result.records[0]).toStrictEqual(advisory);
  });

  it('maps CVE-2023-38545 exactly', () => {
    const forRockwell = { products: [rockwell] };
    const expected: VulnerabilityRecord = {
      kind: 'vulnerability',
      sourceRecordId: 'ICSA-24-004-01#CVE-2023-38545',
      aliases: [
        { scheme: 'cve', value: 'CVE-2023-38545' },
        { scheme: 'icsa', value: 'ICSA-24-004-01' },
      ],
      // The advisory gives no title of its own for the vulnerability: the advisory's, with the weakness.
      title: 'Rockwell Automation FactoryTalk Activation: Out-of-bounds Write',
      description:
        "Rockwell Automation FactoryTalk Activation Manager and Studio 5000 Logix Designer uses the affected Wibu-Systems' products which internally use a version of libcurl that is vulnerable to a buffer overflow attack if curl is configured to redirect traffic through a SOCKS5 proxy. A malicious proxy can exploit a bug in the implemented handshake to cause a buffer overflow. If no SOCKS5 proxy has been configured, there is no attack surface.",
      cwes: [{ id: 'CWE-787', name: 'Out-of-bounds Write' }],
      cvss: [{ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8, severity: 'CRITICAL' }],
      affected: [{ product: rockwell, range: { kind: 'text', text: '<V4.00_Utilizes_Wibu-Systems_CodeMeter_7.60c' }, status: 'affected' }],
      remediations: [
        { category: 'mitigation', details: 'Users of the affected software are encouraged to apply the risk mitigations, if possible:', ...forRockwell },
        { category: 'mitigation', details: 'Upgrade to FactoryTalk Activation Manager 5.01 which has been patched to mitigate these issues.', ...forRockwell },
        {
          category: 'mitigation',
          details: 'For information on how to mitigate security risks on industrial automation control systems see our suggested security best practices.',
          url: 'https://rockwellautomation.custhelp.com/app/answers/answer_view/a_id/1085012/loc/en_US#__highlight',
          ...forRockwell,
        },
        {
          category: 'mitigation',
          details: 'Rockwell Automation encourages users to implement their suggested security best practices to minimize risk of the vulnerability.',
          ...forRockwell,
        },
        {
          category: 'mitigation',
          details: 'For more information, please see the security advisory from Rockwell Automation',
          url: 'https://www.rockwellautomation.com/en-us/company/about-us/sustainability/trust-security/security-advisories.html?sort=pubAsc',
          ...forRockwell,
        },
      ],
      references: [
        { url: 'http://web.nvd.nist.gov/view/vuln/detail?vulnId=CVE-2023-38545', summary: 'web.nvd.nist.gov', tags: ['external'] },
        { url: 'https://www.first.org/cvss/calculator/3.1#CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', summary: 'www.first.org', tags: ['external'] },
      ],
      published: '2024-01-04T07:00:00.000000Z',
      modified: '2024-01-04T07:00:00.000000Z',
      advisoryId: 'ICSA-24-004-01',
    };
    expect(result.records[1]).toStrictEqual(expected);
  });
});

describe('parseCsaf on other real advisories', () => {
  it('turns "installed on" relationships into AND groups with a platform-only device', () => {
    const result = parseCsaf(read('OT/2024/icsa-24-235-03.json'), 'icsa-24-235-03.json');
    const v = result.records.find((r): r is VulnerabilityRecord => r.kind === 'vulnerability');
    expect(result.issues).toEqual([]);
    const group = v?.affected.filter((a) => a.group === 'CSAFPID-0309');
    expect(group).toEqual([
      { product: { vendor: 'Mobotix', product: 'P3 Firmware' }, range: { kind: 'exact', version: 'MX-V4.1.4.11' }, status: 'affected', group: 'CSAFPID-0309' },
      { product: { vendor: 'Mobotix', product: 'P3 D24M' }, range: { kind: 'all' }, status: 'affected', group: 'CSAFPID-0309', platformOnly: true },
    ]);
    expect(new Set(v?.affected.map((a) => a.status))).toEqual(new Set(['affected', 'not_affected', 'fixed']));
  });

  it('reads product_version branches as exact versions and the fixed list as fixed (VA-24-201-01)', () => {
    const result = parseCsaf(read('IT/2024/va-24-201-01.json'), 'va-24-201-01.json');
    const v = result.records.find((r): r is VulnerabilityRecord => r.sourceRecordId === 'VA-24-201-01#CVE-2023-45195');
    expect(v?.aliases).toEqual([
      { scheme: 'cve', value: 'CVE-2023-45195' },
      { scheme: 'vendor', value: 'VA-24-201-01' },
    ]);
    expect(v?.affected).toContainEqual({ product: { vendor: 'AdminerEvo', product: 'AdminerEvo' }, range: { kind: 'exact', version: '4.8.4' }, status: 'fixed' });
    expect(v?.affected).toContainEqual({ product: { vendor: 'Adminer', product: 'Adminer' }, range: { kind: 'text', text: 'all versions' }, status: 'affected' });
    expect(v?.remediations.map((r) => r.category)).toEqual(['none_available', 'vendor_fix']);
  });
});
