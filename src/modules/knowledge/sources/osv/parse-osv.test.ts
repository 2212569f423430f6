import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImporterConformance } from '../conformance.case.js';
import type { VulnerabilityRecord } from '../types.js';
import { parseOsv } from './parse-osv.js';

// Project-authored OSV records (fictional packages and ids) in the shapes GHSA, PyPI and OSS-Fuzz publish.
const modbusGateway = {
  schema_version: '1.6.0',
  id: 'GHSA-9x4m-2w3v-8c7q',
  modified: '2025-03-04T12:00:00Z',
  published: '2025-03-01T09:30:00Z',
  aliases: ['CVE-2099-31001'],
  summary: 'Modbus gateway accepts unauthenticated write requests',
  details: 'The Modbus/TCP gateway forwards function code 6 and 16 writes from any client to the field bus.',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H' }],
  affected: [
    {
      package: { ecosystem: 'npm', name: '@example/modbus-gateway', purl: 'pkg:npm/%40example/modbus-gateway' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.4.2' }, { introduced: '2.0.0' }, { fixed: '2.1.1' }] }],
      database_specific: { source: 'https://github.com/advisories/GHSA-9x4m-2w3v-8c7q' },
    },
  ],
  references: [
    { type: 'ADVISORY', url: 'https://github.com/example/modbus-gateway/security/advisories/GHSA-9x4m-2w3v-8c7q' },
    { type: 'FIX', url: 'https://github.com/example/modbus-gateway/commit/0f1e2d3c' },
  ],
  database_specific: { cwe_ids: ['CWE-306'], severity: 'HIGH', github_reviewed: true },
};

const dnp3Outstation = {
  id: 'PYSEC-2099-17',
  modified: '2025-01-10T00:00:00Z',
  published: '2025-01-08T00:00:00Z',
  aliases: ['CVE-2099-31002', 'GHSA-3c5v-7p9q-m2xw'],
  summary: 'DNP3 outstation crashes on a malformed application fragment',
  details: 'A fragment with an object header count larger than the remaining payload makes the parser raise.',
  severity: [{ type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N' }],
  affected: [
    {
      package: { ecosystem: 'PyPI', name: 'dnp3-outstation', purl: 'pkg:pypi/dnp3-outstation' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0.9.0' }, { last_affected: '1.2.0' }] }],
      versions: ['0.9.0', '1.0.0', '1.2.0'],
    },
  ],
  references: [{ type: 'WEB', url: 'https://example.org/dnp3-outstation/advisory-17' }],
};

const iec104Fuzz = {
  id: 'OSV-2099-101',
  modified: '2025-02-02T00:00:00Z',
  published: '2025-02-01T00:00:00Z',
  summary: 'Heap-buffer-overflow in iec104_parse_asdu',
  details: 'Found by fuzzing the ASDU parser.',
  affected: [
    {
      ranges: [
        {
          type: 'GIT',
          repo: 'https://github.com/example/lib60870-lite',
          events: [{ introduced: '0' }, { fixed: '8d2c1f0b9a7e6d5c4b3a29180f7e6d5c4b3a2918' }],
        },
      ],
    },
  ],
  references: [{ type: 'REPORT', url: 'https://bugs.example.org/issue?id=101' }],
};

const dir = mkdtempSync(join(tmpdir(), 'bulwark-osv-'));
const listFile = join(dir, 'osv-list.json');
const singleFile = join(dir, 'GHSA-9x4m-2w3v-8c7q.json');
writeFileSync(listFile, JSON.stringify([modbusGateway, dnp3Outstation, iec104Fuzz], null, 2));
writeFileSync(singleFile, JSON.stringify(modbusGateway, null, 2));

runImporterConformance({
  name: 'OSV',
  parse: parseOsv,
  validFiles: [listFile, singleFile],
  corruptOneRecord: (input) => {
    const list = JSON.parse(input) as Record<string, unknown>[];
    list[0] = { ...list[0], id: 42 };
    return JSON.stringify(list);
  },
  corruptOneDate: (input) => {
    const list = JSON.parse(input) as Record<string, unknown>[];
    list[0] = { ...list[0], modified: '2026-13-45T00:00:00Z' };
    return JSON.stringify(list);
  },
});

const parseOne = (doc: unknown) => parseOsv(JSON.stringify(doc), 'osv.json');
const only = (r: ReturnType<typeof parseOsv>) => r.records[0] as VulnerabilityRecord;

describe('parseOsv mapping', () => {
  it('maps a GHSA npm record exactly', () => {
    const r = parseOne(modbusGateway);
    expect(r.issues).toEqual([]);
    const product = { vendor: 'npm', product: '@example/modbus-gateway', purl: 'pkg:npm/%40example/modbus-gateway' };
    const expected: VulnerabilityRecord = {
      kind: 'vulnerability',
      sourceRecordId: 'GHSA-9x4m-2w3v-8c7q',
      aliases: [
        { scheme: 'ghsa', value: 'GHSA-9x4m-2w3v-8c7q' },
        { scheme: 'cve', value: 'CVE-2099-31001' },
      ],
      title: 'Modbus gateway accepts unauthenticated write requests',
      description: 'The Modbus/TCP gateway forwards function code 6 and 16 writes from any client to the field bus.',
      cwes: [{ id: 'CWE-306' }],
      cvss: [{ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H' }],
      affected: [
        { product, range: { kind: 'bounds', scheme: 'semver', fixed: '1.4.2' }, status: 'affected' },
        { product, range: { kind: 'bounds', scheme: 'semver', introduced: '2.0.0', fixed: '2.1.1' }, status: 'affected' },
      ],
      remediations: [],
      references: [
        { url: 'https://github.com/example/modbus-gateway/security/advisories/GHSA-9x4m-2w3v-8c7q', tags: ['ADVISORY'] },
        { url: 'https://github.com/example/modbus-gateway/commit/0f1e2d3c', tags: ['FIX'] },
      ],
      published: '2025-03-01T09:30:00Z',
      modified: '2025-03-04T12:00:00Z',
    };
    expect(only(r)).toStrictEqual(expected);
  });

  it('maps ECOSYSTEM ranges with last_affected, listed versions, CVSS 4 and database ids', () => {
    const v = only(parseOne(dnp3Outstation));
    const product = { vendor: 'PyPI', product: 'dnp3-outstation', purl: 'pkg:pypi/dnp3-outstation' };
    expect(v.aliases).toEqual([
      { scheme: 'osv', value: 'PYSEC-2099-17' },
      { scheme: 'cve', value: 'CVE-2099-31002' },
      { scheme: 'ghsa', value: 'GHSA-3c5v-7p9q-m2xw' },
    ]);
    expect(v.cvss).toEqual([{ version: '4.0', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N' }]);
    expect(v.affected).toEqual([
      { product, range: { kind: 'bounds', scheme: 'ecosystem', introduced: '0.9.0', lastAffected: '1.2.0' }, status: 'affected' },
      { product, range: { kind: 'exact', version: '0.9.0' }, status: 'affected' },
      { product, range: { kind: 'exact', version: '1.0.0' }, status: 'affected' },
      { product, range: { kind: 'exact', version: '1.2.0' }, status: 'affected' },
    ]);
  });

  it('keeps GIT ranges as text and names a package-less entry by its repository', () => {
    const v = only(parseOne(iec104Fuzz));
    expect(v.affected).toEqual([
      {
        product: { vendor: '', product: 'https://github.com/example/lib60870-lite' },
        range: {
          kind: 'text',
          text: 'git https://github.com/example/lib60870-lite: introduced 0 (all earlier commits), fixed 8d2c1f0b9a7e6d5c4b3a29180f7e6d5c4b3a2918',
        },
        status: 'affected',
      },
    ]);
  });

  it('reads limit as an upper bound and an open introduced "0" as all versions', () => {
    const doc = {
      ...modbusGateway,
      affected: [
        { package: { ecosystem: 'Go', name: 'example.com/opcua' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { limit: '1.9.0' }] }] },
        { package: { ecosystem: 'Go', name: 'example.com/s7' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] },
      ],
    };
    expect(only(parseOne(doc)).affected.map((a) => a.range)).toEqual([
      { kind: 'bounds', scheme: 'semver', introduced: '1.0.0', fixed: '1.9.0' },
      { kind: 'all' },
    ]);
  });

  it('warns about non-CVSS severities and unknown range types', () => {
    const doc = {
      ...dnp3Outstation,
      severity: [{ type: 'Ubuntu', score: 'medium' }],
      affected: [{ package: { ecosystem: 'PyPI', name: 'x' }, ranges: [{ type: 'CALVER', events: [{ introduced: '2024.1' }] }] }],
    };
    const r = parseOne(doc);
    expect(r.issues.map((i) => [i.pointer, i.severity])).toEqual([
      ['/severity/0', 'warning'],
      ['/affected/0/ranges/0/type', 'warning'],
      ['/affected/0', 'warning'],
    ]);
    expect(only(r).cvss).toEqual([]);
  });

  it('skips withdrawn and duplicate records with warnings, and reads osv.dev query answers', () => {
    const r = parseOsv(JSON.stringify({ vulns: [modbusGateway, { ...iec104Fuzz, withdrawn: '2025-03-01T00:00:00Z' }, modbusGateway] }), 'query.json');
    expect(r.records.map((x) => x.sourceRecordId)).toEqual(['GHSA-9x4m-2w3v-8c7q']);
    expect(r.issues.map((i) => [i.pointer, i.severity])).toEqual([
      ['/vulns/1/withdrawn', 'warning'],
      ['/vulns/2/id', 'warning'],
    ]);
  });

  it('reports an event with two kinds at its pointer', () => {
    const doc = { ...modbusGateway, affected: [{ package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0', fixed: '1' }] }] }] };
    expect(parseOne(doc).issues).toMatchObject([{ pointer: '/affected/0/ranges/0/events/0', severity: 'error' }]);
  });
});
