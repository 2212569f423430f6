import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { scoId, scoIdInput } from './sco-id.js';
import { schemaRoot } from './validation/schema-oracle.case.js';
import { identifierUuidVersion } from './validation/formats.js';
import { validateBundle } from './validation/validate-bundle.js';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts members by UTF-16 code units at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: true }], a: 'x', A: null })).toBe('{"A":null,"a":"x","b":[3,{"a":true,"z":1}]}');
    // U+20AC sorts after U+00E9, and a surrogate pair (U+1F600) sorts by its first code unit (0xD83D) before U+FB33.
    expect(canonicalJson({ '\u20ac': 1, '\u00e9': 2, '\ufb33': 3, '\u{1f600}': 4 })).toBe('{"\u00e9":2,"\u20ac":1,"\u{1f600}":4,"\ufb33":3}');
  });

  it('writes numbers and strings the ECMAScript way', () => {
    expect(canonicalJson([1e21, 0.1, -0, 100, 'line\nbreak "quoted"'])).toBe('[1e+21,0.1,0,100,"line\\nbreak \\"quoted\\""]');
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
  });
});

describe('scoId', () => {
  // Known answers published in the STIX 2.1 specification's SCO examples.
  it.each([
    [{ type: 'ipv4-addr', value: '198.51.100.3' }, 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4'],
    [{ type: 'file', name: 'foo.dll', size: 25536, hashes: { 'SHA-256': 'fe90a7e910cb3a4739bed9180e807e93fa70c90f25a8915476f5e4bfbac681db' } }, 'file--949eb97a-da1e-5292-8959-03c4249dc9f3'],
    [{ type: 'user-account', user_id: '1001', account_login: 'jdoe', account_type: 'unix', display_name: 'John Doe', is_privileged: false }, 'user-account--f94d689e-707d-58c3-b803-c720bb6ed096'],
    [{ type: 'autonomous-system', number: 15139, name: 'Slime Industries', rir: 'ARIN' }, 'autonomous-system--3aa27478-50b5-5ab8-9da9-cdc12b657fff'],
  ])('matches the specification for %o', (object, expected) => {
    expect(scoId(object)).toBe(expected);
  });

  it('uses only the ID contributing properties, in any key order', () => {
    const a = scoId({ type: 'software', name: 'TIA Portal', vendor: 'Siemens', version: '18', languages: ['de'] });
    const b = scoId({ version: '18', vendor: 'Siemens', name: 'TIA Portal', type: 'software' });
    expect(a).toBe(b);
    expect(a).toMatch(/^software--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(scoId({ type: 'software', name: 'TIA Portal', vendor: 'Siemens', version: '19' })).not.toBe(a);
  });

  it('keeps one hash, preferring MD5, then SHA-1, SHA-256, SHA-512', () => {
    const md5 = 'd41d8cd98f00b204e9800998ecf8427e';
    const sha256 = 'e'.repeat(64);
    expect(scoIdInput({ type: 'file', name: 'relay.cfg', hashes: { 'SHA-256': sha256, MD5: md5 } })).toEqual({ name: 'relay.cfg', hashes: { MD5: md5 } });
    expect(scoId({ type: 'file', name: 'relay.cfg', hashes: { 'SHA-256': sha256, MD5: md5 } })).toBe(scoId({ type: 'file', name: 'relay.cfg', hashes: { MD5: md5 } }));
    expect(scoIdInput({ type: 'x509-certificate', hashes: { TLSH: 't', 'SHA3-256': 's' } })).toEqual({ hashes: { 'SHA3-256': 's' } });
  });

  it('includes references and nested structures as they are', () => {
    const message = { type: 'email-message', is_multipart: false, from_ref: 'email-addr--6deb37bd-12b7-54ae-805f-5f7146f3d171', subject: 'Relay settings' };
    expect(scoIdInput(message)).toEqual({ from_ref: message.from_ref, subject: 'Relay settings' });
    const key = { type: 'windows-registry-key', key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Grid', values: [{ name: 'Mode', data: '1' }, { name: 'Site', data: 'North' }] };
    expect(scoId(key)).not.toBe(scoId({ ...key, values: [key.values[0]] }));
  });

  it('is null when the spec asks for a UUIDv4 instead', () => {
    expect(scoId({ type: 'process', pid: 4 })).toBeNull();
    expect(scoId({ type: 'user-account', display_name: 'nobody' })).toBeNull();
    expect(scoId({ type: 'x-grid-asset', name: 'PLC-7' })).toBeNull();
    expect(scoId({ type: 'indicator', name: 'not an SCO' })).toBeNull();
  });

  it('cross-checks the OASIS examples: their SCOs carry UUIDv4 ids, which validation accepts', () => {
    const bundle = JSON.parse(readFileSync(join(schemaRoot, 'examples', 'infrastructure.json'), 'utf8')) as { objects: { id: string; type: string }[] };
    const scos = bundle.objects.filter((o) => ['ipv4-addr', 'domain-name'].includes(o.type));
    expect(scos.length).toBe(2);
    for (const o of scos) {
      expect(identifierUuidVersion(o.id)).toBe(4);
      expect(scoId(o)).not.toBe(o.id);
    }
    expect(validateBundle(bundle).issues.filter((i) => i.code === 'sco-id')).toEqual([]);
  });
});
