import { afterEach, describe, expect, it } from 'vitest';
import { legacyTlpMarkingDefinitions, tlpMarkingDefinitions } from '../markings/tlp.js';
import { scoId } from '../sco-id.js';
import { registerPatternParser, stixPatternParser } from './context.js';
import { ids, valid, variant } from './fixtures.case.js';
import { validateStixObject } from './validate-object.js';

const stamp = '2024-03-01T10:00:00.000Z';
const codes = (value: unknown) => validateStixObject(value).issues.map((i) => `${i.severity}:${i.code}:${i.path}`);

describe('validateStixObject', () => {
  it('rejects values that are not objects, and objects without type or id', () => {
    for (const bad of [null, 42, 'indicator', [valid.malware]]) {
      const r = validateStixObject(bad);
      expect(r.success).toBe(false);
      expect(r.issues[0]).toMatchObject({ code: 'not-object', path: '' });
    }
    expect(codes({ id: ids.malware })).toEqual(['error:missing-property:/type']);
    expect(codes(variant(valid.malware, { id: undefined }))).toContain('error:missing-property:/id');
  });

  it('returns the object itself as data, typed, with only warnings as issues', () => {
    const r = validateStixObject(valid.indicator);
    expect(r.success).toBe(true);
    if (r.success) expect(r.data).toBe(valid.indicator);
  });

  it('prefixes every path with basePath', () => {
    const r = validateStixObject(variant(valid.indicator, { valid_from: 'soon' }), { basePath: '/objects/7' });
    expect(r.issues).toContainEqual(expect.objectContaining({ path: '/objects/7/valid_from', code: 'timestamp' }));
  });

  it('reports every problem, not just the first', () => {
    const r = validateStixObject(variant(valid.indicator, { pattern: undefined, confidence: 300, labels: [] }));
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => i.path).sort()).toEqual(['/confidence', '/labels', '/pattern']);
  });

  it('warns on values outside open vocabularies and accepts them', () => {
    const r = validateStixObject(variant(valid.malware, { malware_types: ['wiper', 'plc-logic-bomb'] }));
    expect(r.success).toBe(true);
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'vocabulary', path: '/malware_types/1' })]);
  });

  it('can leave warnings out', () => {
    expect(validateStixObject(variant(valid.malware, { malware_types: ['plc-logic-bomb'] }), { warnings: false }).issues).toEqual([]);
  });

  it('carries x_ properties and custom extensions through, warning only on unprefixed names', () => {
    const withCustom = variant(valid.malware, { x_grid_cert_risk: { score: 9 }, risk_score: 3 });
    const r = validateStixObject(withCustom);
    expect(r.success).toBe(true);
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'custom-property-prefix', path: '/risk_score' })]);
    if (r.success) expect(r.data).toHaveProperty('x_grid_cert_risk', { score: 9 });
  });

  it('allows x_ properties in sub-objects and warns on other unknown ones', () => {
    const phases = [{ kill_chain_name: 'mitre-ics-attack', phase_name: 'inhibit-response-function', x_grid_stage: 2, stage: 2 }];
    expect(codes(variant(valid.indicator, { kill_chain_phases: phases }))).toEqual(['warning:unknown-property:/kill_chain_phases/0/stage']);
  });

  it('allows unprefixed properties added by a toplevel-property-extension', () => {
    const ext = 'extension-definition--71736db5-10db-43d3-b0e3-65cf81601fe1';
    const o = variant(valid.malware, { rank: 1, extensions: { [ext]: { extension_type: 'toplevel-property-extension' } } });
    expect(validateStixObject(o).issues).toEqual([]);
  });

  it('checks property-extension contents and extension types', () => {
    const ext = 'extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e';
    expect(validateStixObject(variant(valid.indicator, { extensions: { [ext]: { extension_type: 'property-extension', rank: 5 } } })).issues).toEqual([]);
    expect(codes(variant(valid.indicator, { extensions: { [ext]: { extension_type: 'sub-extension', Rank: 5 } } }))).toEqual([
      `error:enumeration:/extensions/${ext}/extension_type`,
      `error:custom-property-name:/extensions/${ext}/Rank`,
    ]);
  });

  it('accepts custom object types, warning when they lack the x- prefix and a new-sdo extension', () => {
    const asset = { type: 'x-grid-asset', id: 'x-grid-asset--0b6e2d9f-7c1a-4e53-8a4d-9f3c5b2e1a70', spec_version: '2.1', created: stamp, modified: stamp, plc_model: 'S7-1500' };
    expect(validateStixObject(asset).issues).toEqual([]);
    const unprefixed = { ...asset, type: 'grid-asset', id: asset.id.replace('x-grid-asset', 'grid-asset') };
    expect(codes(unprefixed)).toEqual(['warning:custom-type-prefix:/type']);
    const ext = 'extension-definition--9c59fd79-4215-4ba2-920d-3e4f320e1e62';
    expect(validateStixObject({ ...unprefixed, extensions: { [ext]: { extension_type: 'new-sdo' } } }).issues).toEqual([]);
  });

  it('rejects a bundle given as an object and the reserved action type', () => {
    expect(codes({ type: 'bundle', id: ids.bundle })).toContain('error:type-name:/type');
    expect(codes({ type: 'action', id: 'action--0b6e2d9f-7c1a-4e53-8a4d-9f3c5b2e1a70' })).toContain('error:reserved-name:/type');
  });

  it('rejects reserved course-of-action properties', () => {
    const coa = { type: 'course-of-action', id: 'course-of-action--4a1e8c5d-2b7f-4d39-9e60-1c8a3f5b7d24', spec_version: '2.1', created: stamp, modified: stamp, name: 'Isolate PLC' };
    expect(validateStixObject(coa).success).toBe(true);
    expect(codes({ ...coa, action_type: 'textual:text/plain' })).toEqual(['error:reserved-name:/action_type']);
  });

  it('warns on not-applicable common properties and deprecated ones', () => {
    expect(codes(variant(valid.ipv4, { labels: ['c2'] }))).toEqual(['warning:not-applicable:/labels']);
    expect(codes(variant(valid.ipv4, { resolves_to_refs: ['mac-addr--757b1725-9903-54f5-a855-1240691d7659'] }))).toEqual(['warning:deprecated:/resolves_to_refs']);
  });

  it('accepts a timestamp with more than millisecond precision and a leap second', () => {
    expect(validateStixObject(variant(valid.malware, { created: '2016-12-31T23:59:60.123456Z', modified: '2017-01-01T00:00:00.000001Z' })).issues).toEqual([]);
  });

  it('compares timestamps of different precision by value', () => {
    // 10:00:00Z and 10:00:00.000Z are the same instant: valid_until must be strictly later.
    expect(codes(variant(valid.indicator, { valid_from: '2024-03-01T10:00:00Z', valid_until: '2024-03-01T10:00:00.000Z' }))).toEqual(['error:timestamp-order:/valid_until']);
    expect(validateStixObject(variant(valid.indicator, { valid_from: '2024-03-01T10:00:00Z', valid_until: '2024-03-01T10:00:00.001Z' })).success).toBe(true);
  });

  it('warns when a spec-defined relationship type links types it is not defined for', () => {
    expect(codes(variant(valid.relationship, { relationship_type: 'indicates', target_ref: ids.identity }))).toEqual(['warning:relationship-type:/target_ref']);
    expect(codes(variant(valid.relationship, { relationship_type: 'variant-of' }))).toEqual(['warning:relationship-type:/relationship_type']);
    expect(codes(variant(valid.relationship, { relationship_type: 'derived-from' }))).toEqual(['warning:relationship-type:/relationship_type']);
    // User-defined names and related-to are free.
    expect(codes(variant(valid.relationship, { relationship_type: 'observed-near' }))).toEqual([]);
    expect(codes(variant(valid.relationship, { relationship_type: 'related-to', target_ref: ids.location }))).toEqual([]);
  });

  it('validates the standard TLP 2.0 and TLP 1.0 marking definitions', () => {
    for (const md of [...Object.values(tlpMarkingDefinitions), ...Object.values(legacyTlpMarkingDefinitions)]) {
      expect(validateStixObject(md).issues, md.id).toEqual([]);
    }
  });

  it('rejects a TLP 2.0 marking whose level does not fit its id, and a self-marking', () => {
    const green = tlpMarkingDefinitions.green;
    const mislabelled = { ...green, extensions: { ...green.extensions, 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': { extension_type: 'property-extension', tlp_2_0: 'red' } } };
    expect(codes(mislabelled)).toContain('error:marking-definition:/id');
    expect(codes({ ...green, object_marking_refs: [green.id] })).toContain('error:marking-definition:/object_marking_refs');
  });

  it('validates statement markings, extension definitions and language content', () => {
    const statement = { type: 'marking-definition', spec_version: '2.1', id: 'marking-definition--1d5c8f2a-6e3b-4a97-8c01-5f9e2b7d4a63', created: stamp, definition_type: 'statement', definition: { statement: 'Shared within the grid sector only' } };
    expect(validateStixObject(statement).issues).toEqual([]);
    expect(codes({ ...statement, definition: { text: 'x' } })).toContain('error:missing-property:/definition/statement');
    const extDef = {
      type: 'extension-definition', spec_version: '2.1', id: 'extension-definition--2e7a4c9b-5d1f-4b68-9a3e-6c0d8f2b1e57', created: stamp, modified: stamp,
      created_by_ref: ids.identity, name: 'Grid asset context', schema: 'https://bulwark.example/schemas/grid-asset.json', version: '1.0.0',
      extension_types: ['toplevel-property-extension'], extension_properties: ['substation', 'voltage_level'],
    };
    expect(validateStixObject(extDef).issues).toEqual([]);
    expect(codes({ ...extDef, created_by_ref: undefined, extension_types: ['property-extension'] })).toEqual([
      'error:missing-property:/created_by_ref',
      'error:dependency:/extension_properties',
    ]);
    const lc = { type: 'language-content', spec_version: '2.1', id: 'language-content--7f3b1d9e-4c2a-4e86-b5a0-2d8f6c1e9b34', created: stamp, modified: stamp, object_ref: ids.malware, object_modified: stamp, contents: { de: { name: 'Relaislöscher' } } };
    expect(validateStixObject(lc).issues).toEqual([]);
    expect(codes({ ...lc, contents: { 'not a tag': { name: 'x' } } })).toContain('error:format:/contents/not a tag');
  });

  it('checks predefined SCO extensions', () => {
    const pe = variant(valid.file, { extensions: { 'windows-pebinary-ext': { pe_type: 'exe', time_date_stamp: '2024-01-01T00:00:00.5Z' } } });
    expect(codes(pe)).toEqual(['error:timestamp-precision:/extensions/windows-pebinary-ext/time_date_stamp']);
    expect(codes(variant(valid.file, { extensions: { 'ntfs-ext': {} } }))).toEqual(['error:at-least-one:/extensions/ntfs-ext']);
    expect(codes(variant(valid.file, { extensions: { 'tcp-ext': { src_flags_hex: '02' } } }))).toEqual(['error:extension:/extensions/tcp-ext']);
    expect(codes(variant(valid.networkTraffic, { extensions: { 'tcp-ext': { src_flags_hex: '02' } } }))).toEqual([]);
    expect(codes(variant(valid.file, { extensions: { 'x-grid-firmware-ext': { image_crc: 'ab' } } }))).toEqual(['warning:deprecated:/extensions/x-grid-firmware-ext']);
  });

  it('accepts one valid instance of every SCO type', () => {
    const scos = [
      { type: 'artifact', mime_type: 'application/octet-stream', payload_bin: 'AAECAw==' },
      { type: 'autonomous-system', number: 64512, name: 'Grid backbone' },
      { type: 'directory', path: 'C:\\SCADA\\Projects' },
      { type: 'domain-name', value: 'historian.grid.example' },
      { type: 'email-addr', value: 'ops@grid.example', display_name: 'Grid Ops' },
      { type: 'email-message', is_multipart: false, subject: 'Relay settings', body: 'See the attached file' },
      { type: 'file', name: 'relay.cfg', hashes: { MD5: 'd41d8cd98f00b204e9800998ecf8427e' } },
      { type: 'ipv4-addr', value: '198.51.100.0/24' },
      { type: 'ipv6-addr', value: '2001:db8::7/128' },
      { type: 'mac-addr', value: '00:1b:1b:0a:2c:3d' },
      { type: 'mutex', name: 'Global\\RelayWipe' },
      { type: 'network-traffic', dst_ref: ids.ipv4, protocols: ['ipv4', 'tcp', 's7comm'], dst_port: 102 },
      { type: 'process', pid: 4242, command_line: 'relaywipe.exe --all', extensions: { 'windows-process-ext': { integrity_level: 'system' } } },
      { type: 'software', name: 'TIA Portal', vendor: 'Siemens', version: '18', languages: ['de', 'en-US'] },
      { type: 'url', value: 'https://updates.grid.example/firmware.bin' },
      { type: 'user-account', user_id: 'engineer', account_type: 'windows-local' },
      { type: 'windows-registry-key', key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Grid', values: [{ name: 'Mode', data: '1', data_type: 'REG_DWORD' }] },
      { type: 'x509-certificate', serial_number: '36:f7:d4:32:f4:ab:70:ea:d3:ce:98:6e:ea:99:93:49:32:0a:b7:06', issuer: 'CN=Grid CA' },
    ];
    for (const sco of scos) {
      const object = { ...sco, spec_version: '2.1' };
      const id = scoId(object) ?? `${sco.type}--5a2f8c1e-3b7d-4e96-8a04-6c1d9f3b2e75`;
      expect(validateStixObject({ ...object, id }).issues, sco.type).toEqual([]);
    }
  });

  it('warns when a UUIDv5 SCO id does not match its contributing properties', () => {
    const good = { type: 'ipv4-addr', value: '203.0.113.9' };
    const id = scoId(good) as string;
    expect(validateStixObject({ ...good, id }).issues).toEqual([]);
    expect(codes({ ...good, id, value: '203.0.113.10' })).toEqual(['warning:sco-id:/id']);
    expect(validateStixObject({ ...good, id, value: '203.0.113.10' }, { checkScoIds: false }).issues).toEqual([]);
    // A UUIDv4 id is allowed (SHOULD use v5) and not compared.
    expect(validateStixObject({ ...good, id: ids.ipv4 }).issues).toEqual([]);
  });
});

describe('pattern hook', () => {
  afterEach(() => registerPatternParser(stixPatternParser));

  it('reports the parser verdict on stix patterns only', () => {
    const parser = (p: string) => (p.startsWith('[') ? { success: true } : { success: false, issues: [{ message: 'expected "["', offset: 0 }] });
    expect(validateStixObject(valid.indicator, { patternParser: parser }).success).toBe(true);
    const bad = variant(valid.indicator, { pattern: "ipv4-addr:value = '1.2.3.4'" });
    expect(validateStixObject(bad, { patternParser: parser }).issues).toContainEqual(expect.objectContaining({ code: 'pattern', path: '/pattern', message: 'invalid STIX pattern at offset 0: expected "["' }));
    expect(validateStixObject(variant(bad, { pattern_type: 'snort' }), { patternParser: parser }).success).toBe(true);
  });

  it('checks patterns with the intel/pattern parser by default', () => {
    const r = validateStixObject(variant(valid.indicator, { pattern: "[ipv4-addr:value = '203.0.113.7'" }));
    expect(r.success).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'pattern', path: '/pattern', severity: 'error' }));
    expect(validateStixObject(variant(valid.indicator, { pattern: "[file:hashes.'SHA-256' = 'ab'] AND [process:pid = 4] WITHIN 300 SECONDS" })).success).toBe(true);
  });

  it('uses a registered parser instead and survives one that throws', () => {
    registerPatternParser(() => {
      throw new Error('boom');
    });
    expect(validateStixObject(valid.indicator).issues).toContainEqual(expect.objectContaining({ code: 'pattern', message: 'the pattern parser failed: boom' }));
    expect(validateStixObject(valid.indicator, { patternParser: null }).success).toBe(true);
  });
});
