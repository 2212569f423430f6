import { describe, expect, it } from 'vitest';
import { InputError } from '../../../platform/errors.js';
import { parsePattern } from '../pattern/index.js';
import { validateBundle } from '../stix/index.js';
import { loadSchemaOracle } from '../stix/validation/schema-oracle.case.js';
import { toDraftReport } from './draft-report.js';
import type { DraftAttackPattern, DraftBundle, DraftIndicator, DraftObject, DraftReport, DraftVulnerability } from './draft-types.js';
import { extractIndicators } from './extract-indicators.js';
import { stixPattern, stixString } from './stix-pattern.js';

const reportText = [
  'Actor infrastructure: 45.77.12.190, 2a01:4f8:c17:1b2a::2, grid-update[.]com and hxxps://grid-update[.]com/a?x=1.',
  'Sender ops[at]energy-notify.com; dropper ntdsupdate.exe with MD5 4358b5009c67d0e31d7fbf1663fcd3bf,',
  'SHA-1 fdb789ab4a195c0d33fd8d5c22d06720066fde40, SHA-256 92ab73533c7479ce77cf74fbb14d9ba6338794ac1fc53f1d25920979291db09e',
  'and SHA-512 ' + '9fcffe1acb716f176ca73cbb1cfea77b1b9c8d904171efa19b2471e293149194010fd3ca56a3b9374d19fbd441854dd92d06563b4d7a14a8a566fb76e359847f.',
  "A file named O'Brien\\payload.exe, documentation host 192.0.2.10, CVE-2022-2277 and cve-2023-3595.",
  'Techniques T0843 and T1059.001 over Modbus/TCP against Siemens SIMATIC S7-1500.',
].join('\n');
const context = { vendors: ['Siemens'], products: ['SIMATIC S7-1500'] };
const now = new Date('2024-05-01T12:00:00.000Z');
const uuidV4 = /^[a-z][a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function draft(): DraftBundle {
  return toDraftReport(extractIndicators(reportText, context), { name: 'Grid operator intrusion' }, { now });
}

const ofType = <T extends DraftObject>(bundle: DraftBundle, type: T['type']): T[] =>
  bundle.objects.filter((o): o is T => o.type === type);

describe('toDraftReport', () => {
  it('is valid for the OASIS STIX 2.1 schemas, object by object and as a bundle', () => {
    const bundle = draft();
    const oracle = loadSchemaOracle();
    expect(oracle.bundle(bundle).errors).toEqual([]);
    for (const object of bundle.objects) expect(oracle.object(object).errors, object.type).toEqual([]);
  });

  it("is valid for Bulwark's own STIX validator, without warnings", () => {
    const result = validateBundle(draft(), { patternParser: null });
    expect(result.issues).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('writes STIX patterns that the pattern parser accepts, one per observable', () => {
    const indicators = ofType<DraftIndicator>(draft(), 'indicator');
    expect(indicators.map((i) => i.pattern)).toEqual([
      "[ipv4-addr:value = '45.77.12.190']",
      "[ipv6-addr:value = '2a01:4f8:c17:1b2a::2']",
      "[domain-name:value = 'grid-update.com']",
      "[url:value = 'https://grid-update.com/a?x=1']",
      "[email-addr:value = 'ops@energy-notify.com']",
      "[file:name = 'ntdsupdate.exe']",
      "[file:hashes.MD5 = '4358b5009c67d0e31d7fbf1663fcd3bf']",
      "[file:hashes.'SHA-1' = 'fdb789ab4a195c0d33fd8d5c22d06720066fde40']",
      "[file:hashes.'SHA-256' = '92ab73533c7479ce77cf74fbb14d9ba6338794ac1fc53f1d25920979291db09e']",
      "[file:hashes.'SHA-512' = '9fcffe1acb716f176ca73cbb1cfea77b1b9c8d904171efa19b2471e293149194010fd3ca56a3b9374d19fbd441854dd92d06563b4d7a14a8a566fb76e359847f']",
      "[file:name = 'payload.exe']",
      "[ipv4-addr:value = '192.0.2.10']",
    ]);
    for (const i of indicators) expect(parsePattern(i.pattern).success, i.pattern).toBe(true);
  });

  it('escapes quotes and backslashes in pattern strings', () => {
    expect(stixString("O'Brien\\x")).toBe("'O\\'Brien\\\\x'");
    const pattern = stixPattern('file-name', "it's\\here.exe");
    expect(pattern).toBe("[file:name = 'it\\'s\\\\here.exe']");
    expect(parsePattern(pattern ?? '').success).toBe(true);
    expect(stixPattern('cve', 'CVE-2024-1')).toBeUndefined();
  });

  it('fills every common property and marks every object as a draft', () => {
    const bundle = draft();
    expect(bundle.type).toBe('bundle');
    expect(bundle.id).toMatch(/^bundle--/);
    expect(bundle.id).toMatch(uuidV4);
    const ids = new Set<string>();
    for (const o of bundle.objects) {
      expect(o.id).toMatch(uuidV4);
      expect(o.id.startsWith(`${o.type}--`)).toBe(true);
      expect(o.spec_version).toBe('2.1');
      expect(o.created).toBe('2024-05-01T12:00:00.000Z');
      expect(o.modified).toBe(o.created);
      expect(o.x_bulwark_draft).toBe(true);
      ids.add(o.id);
    }
    expect(ids.size).toBe(bundle.objects.length);
    for (const i of ofType<DraftIndicator>(bundle, 'indicator')) {
      expect(i.pattern_type).toBe('stix');
      expect(i.valid_from).toBe('2024-05-01T12:00:00.000Z');
      expect(i.confidence).toBeGreaterThan(0);
      expect(i.confidence).toBeLessThanOrEqual(100);
    }
  });

  it('makes a report that refers to every other object, with the industrial context', () => {
    const bundle = draft();
    const [report] = ofType<DraftReport>(bundle, 'report');
    expect(bundle.objects[0]).toBe(report);
    expect(report?.report_types).toEqual(['threat-report']);
    expect(report?.published).toBe('2024-05-01T12:00:00.000Z');
    expect(report?.object_refs).toEqual(bundle.objects.slice(1).map((o) => o.id));
    expect(report?.x_bulwark_context).toEqual({ vendors: ['Siemens'], products: ['SIMATIC S7-1500'], protocols: ['Modbus'] });
    expect(report?.labels).toEqual(['vendor:Siemens', 'product:SIMATIC S7-1500', 'protocol:Modbus']);
  });

  it('turns CVE IDs into vulnerabilities and technique IDs into attack patterns with external references', () => {
    const bundle = draft();
    expect(ofType<DraftVulnerability>(bundle, 'vulnerability').map((v) => [v.name, v.external_references])).toEqual([
      ['CVE-2022-2277', [{ source_name: 'cve', external_id: 'CVE-2022-2277' }]],
      ['CVE-2023-3595', [{ source_name: 'cve', external_id: 'CVE-2023-3595' }]],
    ]);
    expect(ofType<DraftAttackPattern>(bundle, 'attack-pattern').map((a) => a.external_references[0])).toEqual([
      { source_name: 'mitre-ics-attack', external_id: 'T0843', url: 'https://attack.mitre.org/techniques/T0843/' },
      { source_name: 'mitre-attack', external_id: 'T1059.001', url: 'https://attack.mitre.org/techniques/T1059/001/' },
    ]);
  });

  it('keeps where each object came from, and flags documentation addresses', () => {
    const indicators = ofType<DraftIndicator>(draft(), 'indicator');
    const domain = indicators.find((i) => i.name === 'Domain grid-update.com');
    expect(domain?.x_bulwark_extraction).toMatchObject({ finding_type: 'domain', original: 'grid-update[.]com', defanged: true, count: 1 });
    const [start, end] = domain?.x_bulwark_extraction.offsets[0] ?? [0, 0];
    expect(reportText.slice(start, end)).toBe('grid-update[.]com');
    const doc = indicators.find((i) => i.pattern.includes('192.0.2.10'));
    expect(doc?.labels).toEqual(['documentation-range']);
    expect(doc?.x_bulwark_extraction.documentation).toBe(true);
  });

  it('sets created_by_ref and published when given', () => {
    const createdBy = 'identity--8c6af861-7b20-41ef-9b59-6344fd872a8f';
    const bundle = toDraftReport(extractIndicators('45.1.2.3'), { name: 'x', createdBy, published: '2024-01-02T03:04:05Z' });
    for (const o of bundle.objects) expect(o.created_by_ref).toBe(createdBy);
    expect(ofType<DraftReport>(bundle, 'report')[0]?.published).toBe('2024-01-02T03:04:05Z');
    const fromDate = toDraftReport(extractIndicators('45.1.2.3'), { name: 'x', published: new Date('2024-01-02T03:04:05Z') });
    expect(ofType<DraftReport>(fromDate, 'report')[0]?.published).toBe('2024-01-02T03:04:05.000Z');
  });

  it('still makes a valid report when nothing was found', () => {
    const bundle = toDraftReport(extractIndicators('nothing here'), { name: 'Empty' });
    const [report, note] = bundle.objects;
    expect(note?.type).toBe('note');
    expect(report?.type === 'report' && report.object_refs).toEqual([note?.id]);
    expect(note?.type === 'note' && note.object_refs).toEqual([report?.id]);
    // Object by object: the OASIS bundle schema leaves note out of its list of types, and a note then
    // satisfies both branches of its oneOf for custom objects, so no bundle with a note passes it.
    const oracle = loadSchemaOracle();
    for (const object of bundle.objects) expect(oracle.object(object).errors, object.type).toEqual([]);
    expect(validateBundle(bundle, { patternParser: null }).issues).toEqual([]);
  });

  it('marks a report drafted from a truncated extraction', () => {
    const bundle = toDraftReport({ findings: [], examinedChars: 10, truncated: true }, { name: 'Cut' });
    expect(ofType<DraftReport>(bundle, 'report')[0]?.x_bulwark_extraction_truncated).toBe(true);
  });

  it('rejects a bad identity reference, a bad publication time and an empty name', () => {
    const extraction = extractIndicators('45.1.2.3');
    expect(() => toDraftReport(extraction, { name: 'x', createdBy: 'organization--1' })).toThrow(InputError);
    expect(() => toDraftReport(extraction, { name: 'x', createdBy: 'identity--not-a-uuid' })).toThrow(InputError);
    expect(() => toDraftReport(extraction, { name: 'x', published: '2024-01-02' })).toThrow(InputError);
    expect(() => toDraftReport(extraction, { name: 'x', published: new Date('nope') })).toThrow(InputError);
    expect(() => toDraftReport(extraction, { name: '  ' })).toThrow(InputError);
  });
});
