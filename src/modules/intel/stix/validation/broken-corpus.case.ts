// Test support: deliberately broken objects, each with the issue we must report and what the OASIS
// schemas do with it ("accepts" where the rule is beyond a JSON schema).
import { ids, valid, variant, type BrokenCase } from './fixtures.case.js';

const v = valid;
const later = '2024-03-05T00:00:00Z';
const earlier = '2024-02-01T00:00:00Z';

export const brokenCorpus: readonly BrokenCase[] = [
  // Required properties
  { name: 'indicator without pattern', value: variant(v.indicator, { pattern: undefined }), expect: { code: 'missing-property', path: '/pattern' }, schema: 'rejects' },
  { name: 'indicator without pattern_type', value: variant(v.indicator, { pattern_type: undefined }), expect: { code: 'missing-property', path: '/pattern_type' }, schema: 'rejects' },
  { name: 'indicator without valid_from', value: variant(v.indicator, { valid_from: undefined, valid_until: undefined }), expect: { code: 'missing-property', path: '/valid_from' }, schema: 'rejects' },
  { name: 'identity without spec_version', value: variant(v.identity, { spec_version: undefined }), expect: { code: 'missing-property', path: '/spec_version' }, schema: 'rejects' },
  { name: 'relationship without target_ref', value: variant(v.relationship, { target_ref: undefined }), expect: { code: 'missing-property', path: '/target_ref' }, schema: 'rejects' },
  { name: 'sighting without sighting_of_ref', value: variant(v.sighting, { sighting_of_ref: undefined }), expect: { code: 'missing-property', path: '/sighting_of_ref' }, schema: 'rejects' },
  { name: 'report without published', value: { type: 'report', id: 'report--d1c5e9a3-7b2f-4e60-9a8d-4c1f6b3e2a57', spec_version: '2.1', created: v.identity.created, modified: v.identity.created, name: 'Winter Relay', object_refs: [ids.campaign] }, expect: { code: 'missing-property', path: '/published' }, schema: 'rejects' },
  { name: 'malware family without name', value: variant(v.malware, { name: undefined }), expect: { code: 'dependency', path: '/name' }, schema: 'rejects' },
  { name: 'file with neither hashes nor name', value: variant(v.file, { name: undefined, hashes: undefined, size: 10 }), expect: { code: 'at-least-one', path: '' }, schema: 'rejects' },
  { name: 'network traffic with neither src_ref nor dst_ref', value: variant(v.networkTraffic, { src_ref: undefined }), expect: { code: 'at-least-one', path: '' }, schema: 'rejects' },
  { name: 'location with no place at all', value: variant(v.location, { region: undefined, latitude: undefined, longitude: undefined, city: 'Stockholm' }), expect: { code: 'at-least-one', path: '' }, schema: 'rejects' },
  // Property types
  { name: 'pattern given as a number', value: variant(v.indicator, { pattern: 42 }), expect: { code: 'type', path: '/pattern' }, schema: 'rejects' },
  { name: 'confidence as a word', value: variant(v.indicator, { confidence: 'high' }), expect: { code: 'type', path: '/confidence' }, schema: 'rejects' },
  { name: 'confidence above 100', value: variant(v.indicator, { confidence: 101 }), expect: { code: 'range', path: '/confidence' }, schema: 'rejects' },
  { name: 'is_family as a string', value: variant(v.malware, { is_family: 'yes' }), expect: { code: 'type', path: '/is_family' }, schema: 'rejects' },
  { name: 'description set to null', value: variant(v.malware, { description: null }), expect: { code: 'null-value', path: '/description' }, schema: 'rejects' },
  { name: 'empty labels list', value: variant(v.malware, { labels: [] }), expect: { code: 'empty-list', path: '/labels' }, schema: 'rejects' },
  { name: 'sighting count below zero', value: variant(v.sighting, { count: -1 }), expect: { code: 'range', path: '/count' }, schema: 'rejects' },
  { name: 'latitude beyond 90', value: variant(v.location, { latitude: 95 }), expect: { code: 'range', path: '/latitude' }, schema: 'rejects' },
  { name: 'observed data seen zero times', value: variant(v.observedData, { number_observed: 0 }), expect: { code: 'range', path: '/number_observed' }, schema: 'rejects' },
  { name: 'port above 65535', value: variant(v.networkTraffic, { dst_port: 70000 }), expect: { code: 'range', path: '/dst_port' }, schema: 'rejects' },
  // Timestamps
  { name: 'month 13', value: variant(v.indicator, { valid_from: '2024-13-01T00:00:00Z' }), expect: { code: 'timestamp', path: '/valid_from' }, schema: 'rejects' },
  { name: 'February 30th', value: variant(v.indicator, { valid_from: '2024-02-30T00:00:00Z' }), expect: { code: 'timestamp', path: '/valid_from' }, schema: 'accepts' },
  { name: 'offset instead of Z', value: variant(v.indicator, { valid_from: '2024-03-01T10:00:00+01:00' }), expect: { code: 'timestamp', path: '/valid_from' }, schema: 'rejects' },
  { name: 'created without milliseconds', value: variant(v.malware, { created: '2024-03-01T10:00:00Z' }), expect: { code: 'timestamp-precision', path: '/created' }, schema: 'rejects' },
  { name: 'modified before created', value: variant(v.malware, { modified: '2024-02-01T10:00:00.000Z' }), expect: { code: 'timestamp-order', path: '/modified' }, schema: 'accepts' },
  { name: 'valid_until equal to valid_from', value: variant(v.indicator, { valid_until: '2024-03-01T10:00:00.000Z' }), expect: { code: 'timestamp-order', path: '/valid_until' }, schema: 'accepts' },
  { name: 'campaign last seen before first seen', value: variant(v.campaign, { last_seen: '2023-12-31T00:00:00Z' }), expect: { code: 'timestamp-order', path: '/last_seen' }, schema: 'accepts' },
  { name: 'sighting last seen before first seen', value: variant(v.sighting, { first_seen: later }), expect: { code: 'timestamp-order', path: '/last_seen' }, schema: 'accepts' },
  { name: 'network traffic ending before it starts', value: variant(v.networkTraffic, { end: earlier }), expect: { code: 'timestamp-order', path: '/end' }, schema: 'accepts' },
  { name: 'relationship stopping when it starts', value: variant(v.relationship, { start_time: earlier, stop_time: earlier }), expect: { code: 'timestamp-order', path: '/stop_time' }, schema: 'accepts' },
  // Identifiers and references
  { name: 'id prefix differs from type', value: variant(v.indicator, { id: ids.malware.replace('malware', 'tool') }), expect: { code: 'id-type-mismatch', path: '/id' }, schema: 'rejects' },
  { name: 'id without a UUID', value: variant(v.indicator, { id: 'indicator--1234' }), expect: { code: 'identifier', path: '/id' }, schema: 'rejects' },
  { name: 'UUID of version 0', value: variant(v.indicator, { id: 'indicator--8f2c6a41-3d5e-0b7f-a019-6c4e2d8b1f57' }), expect: { code: 'identifier', path: '/id' }, schema: 'rejects' },
  { name: 'created_by_ref to a malware', value: variant(v.indicator, { created_by_ref: ids.malware }), expect: { code: 'identifier-type', path: '/created_by_ref' }, schema: 'accepts' },
  { name: 'object marking pointing at an indicator', value: variant(v.malware, { object_marking_refs: [ids.indicator] }), expect: { code: 'identifier-type', path: '/object_marking_refs/0' }, schema: 'accepts' },
  { name: 'relationship from a marking definition', value: variant(v.relationship, { source_ref: ids.marking }), expect: { code: 'identifier-type', path: '/source_ref' }, schema: 'rejects' },
  { name: 'relationship to another relationship', value: variant(v.relationship, { target_ref: ids.relationship.replace('3a8d', '4b9e') }), expect: { code: 'identifier-type', path: '/target_ref' }, schema: 'rejects' },
  { name: 'sighting of a relationship', value: variant(v.sighting, { sighting_of_ref: ids.relationship }), expect: { code: 'identifier-type', path: '/sighting_of_ref' }, schema: 'rejects' },
  { name: 'sighted where an indicator is', value: variant(v.sighting, { where_sighted_refs: [ids.indicator] }), expect: { code: 'identifier-type', path: '/where_sighted_refs/0' }, schema: 'rejects' },
  { name: 'observed data made of an indicator', value: variant(v.observedData, { object_refs: [ids.indicator] }), expect: { code: 'identifier-type', path: '/object_refs/0' }, schema: 'rejects' },
  { name: 'traffic source that is a file', value: variant(v.networkTraffic, { src_ref: ids.file }), expect: { code: 'identifier-type', path: '/src_ref' }, schema: 'accepts' },
  { name: 'STIX pattern that does not parse', value: variant(v.indicator, { pattern: "[ipv4-addr:value = '203.0.113.7'" }), expect: { code: 'pattern', path: '/pattern' }, schema: 'accepts' },
  { name: 'relationship_type in capitals', value: variant(v.relationship, { relationship_type: 'Indicates' }), expect: { code: 'format', path: '/relationship_type' }, schema: 'rejects' },
  // spec_version, names, reserved properties
  { name: 'spec_version 2.0', value: variant(v.malware, { spec_version: '2.0' }), expect: { code: 'spec-version', path: '/spec_version' }, schema: 'accepts' },
  { name: 'custom property with capitals', value: variant(v.malware, { x_Acme_score: 3 }), expect: { code: 'custom-property-name', path: '/x_Acme_score' }, schema: 'rejects' },
  { name: 'custom property of two characters', value: variant(v.malware, { xy: 3 }), expect: { code: 'custom-property-name', path: '/xy' }, schema: 'rejects' },
  { name: 'custom property with hyphens', value: variant(v.malware, { 'x-acme-score': 3 }), expect: { code: 'custom-property-name', path: '/x-acme-score' }, schema: 'rejects' },
  { name: 'reserved property severity', value: variant(v.malware, { severity: 'high' }), expect: { code: 'reserved-name', path: '/severity' }, schema: 'rejects' },
  { name: 'custom hex property of odd length', value: variant(v.malware, { x_acme_flags_hex: 'abc' }), expect: { code: 'format', path: '/x_acme_flags_hex' }, schema: 'rejects' },
  { name: 'defanged on an SDO', value: variant(v.malware, { defanged: true }), expect: { code: 'not-applicable', path: '/defanged' }, schema: 'accepts' },
  { name: 'custom type in capitals', value: { type: 'x-Acme-Plc', id: 'x-acme-plc--7e2a9c41-5b3d-4f86-8a1e-2d9c6b0f4e73', spec_version: '2.1', created: v.malware.created, modified: v.malware.created }, expect: { code: 'type-name', path: '/type' }, schema: 'rejects' },
  { name: 'language tag that is not one', value: variant(v.malware, { lang: 'english!' }), expect: { code: 'format', path: '/lang' }, schema: 'accepts' },
  // Vocabularies and enumerations (closed ones are errors)
  { name: 'opinion outside the enumeration', value: { type: 'opinion', id: 'opinion--b2e7c4a9-1d6f-4e38-9b05-7a3c8f1e6d24', spec_version: '2.1', created: v.malware.created, modified: v.malware.created, opinion: 'maybe', object_refs: [ids.indicator] }, expect: { code: 'enumeration', path: '/opinion' }, schema: 'rejects' },
  { name: 'registry value type outside the enumeration', value: { type: 'windows-registry-key', id: 'windows-registry-key--3c9e7a15-8b2d-4f40-a6c1-5e0b9d7f2a83', key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Relay', values: [{ name: 'Mode', data: '1', data_type: 'REG_FOO' }] }, expect: { code: 'enumeration', path: '/values/0/data_type' }, schema: 'rejects' },
  // Sub-objects
  { name: 'external reference with only a source name', value: variant(v.malware, { external_references: [{ source_name: 'grid-cert' }] }), expect: { code: 'at-least-one', path: '/external_references/0' }, schema: 'rejects' },
  { name: 'malformed CVE id', value: variant(v.malware, { external_references: [{ source_name: 'cve', external_id: 'CVE-24-1' }] }), expect: { code: 'format', path: '/external_references/0/external_id' }, schema: 'rejects' },
  { name: 'kill chain phase without phase_name', value: variant(v.indicator, { kill_chain_phases: [{ kill_chain_name: 'mitre-ics-attack' }] }), expect: { code: 'missing-property', path: '/kill_chain_phases/0/phase_name' }, schema: 'rejects' },
  { name: 'MD5 of the wrong length', value: variant(v.file, { hashes: { MD5: 'abc123' } }), expect: { code: 'hash', path: '/hashes/MD5' }, schema: 'rejects' },
  { name: 'IPv4 octet above 255', value: variant(v.ipv4, { value: '300.1.1.1' }), expect: { code: 'format', path: '/value' }, schema: 'rejects' },
  { name: 'MAC address in capitals', value: { type: 'mac-addr', id: 'mac-addr--1f8b3d6a-2c5e-4a97-8d40-6b2e9f1c7a35', value: '00:1A:2B:3C:4D:5E' }, expect: { code: 'format', path: '/value' }, schema: 'rejects' },
  { name: 'user account with no properties', value: { type: 'user-account', id: 'user-account--8a2d6f13-4b9c-4e75-b1a0-3d7c5e9f2b61' }, expect: { code: 'at-least-one', path: '' }, schema: 'rejects' },
  // Cross-property rules
  { name: 'observed data with objects and object_refs', value: variant(v.observedData, { objects: { 0: { type: 'ipv4-addr', value: '203.0.113.7' } } }), expect: { code: 'conflict', path: '/objects' }, schema: 'rejects' },
  { name: 'active traffic that has ended', value: variant(v.networkTraffic, { is_active: true }), expect: { code: 'conflict', path: '/is_active' }, schema: 'rejects' },
  { name: 'multipart e-mail with a plain body', value: { type: 'email-message', id: 'email-message--5d1a8e3c-9f2b-4c67-8e04-1b6d3a9c7f52', is_multipart: true, body: 'see attachment', body_multipart: [{ body: 'part' }] }, expect: { code: 'conflict', path: '/body' }, schema: 'rejects' },
  { name: 'artifact with payload and url', value: { type: 'artifact', id: 'artifact--6e3b9f2d-1a7c-4d58-9b0e-4f2c8a6d1e39', payload_bin: 'AAEC', url: 'https://example.org/a.bin', hashes: { 'SHA-256': 'b'.repeat(64) } }, expect: { code: 'conflict', path: '/url' }, schema: 'rejects' },
  // Markings and extensions
  { name: 'granular selector with an empty step', value: variant(v.indicator, { granular_markings: [{ marking_ref: ids.marking, selectors: ['description..x'] }] }), expect: { code: 'granular-marking', path: '/granular_markings/0/selectors/0' }, schema: 'rejects' },
  { name: 'granular selector on an absent property', value: variant(v.indicator, { granular_markings: [{ marking_ref: ids.marking, selectors: ['labels.[2]'] }] }), expect: { code: 'granular-marking', path: '/granular_markings/0/selectors/0' }, schema: 'accepts' },
  { name: 'granular marking with lang and marking_ref', value: variant(v.indicator, { granular_markings: [{ marking_ref: ids.marking, lang: 'de', selectors: ['description'] }] }), expect: { code: 'granular-marking', path: '/granular_markings/0' }, schema: 'accepts' },
  { name: 'TLP definition under a non-standard id', value: variant(v.tlpGreen, { id: 'marking-definition--0c1e7b5a-3f9d-4a62-8e17-5b2d9c4f6a08' }), expect: { code: 'marking-definition', path: '/id' }, schema: 'rejects' },
  { name: 'marking definition with neither definition nor extensions', value: variant(v.tlpGreen, { definition: undefined, definition_type: undefined }), expect: { code: 'missing-property', path: '/definition_type' }, schema: 'rejects' },
  { name: 'extensions key that is no extension', value: variant(v.malware, { extensions: { foo: { x_bar: 1 } } }), expect: { code: 'extension', path: '/extensions/foo' }, schema: 'rejects' },
  { name: 'extension without extension_type', value: variant(v.malware, { extensions: { 'extension-definition--4c7e2a9b-6d1f-4b35-9e80-2a5c7f3d1b64': { rank: 5 } } }), expect: { code: 'missing-property', path: '/extensions/extension-definition--4c7e2a9b-6d1f-4b35-9e80-2a5c7f3d1b64/extension_type' }, schema: 'rejects' },
  // Bundles
  { name: 'bundle with an empty object list', bundle: true, value: { type: 'bundle', id: ids.bundle, objects: [] }, expect: { code: 'empty-list', path: '/objects' }, schema: 'rejects' },
  { name: 'bundle id of another type', bundle: true, value: { type: 'bundle', id: ids.indicator, objects: [v.malware] }, expect: { code: 'identifier', path: '/id' }, schema: 'rejects' },
  { name: 'bundle with a broken object inside', bundle: true, value: { type: 'bundle', id: ids.bundle, objects: [v.identity, v.malware, variant(v.indicator, { valid_from: 'yesterday' })] }, expect: { code: 'timestamp', path: '/objects/2/valid_from' }, schema: 'rejects' },
];
