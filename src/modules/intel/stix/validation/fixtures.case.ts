// Test support: small valid objects of our own (an OT incident around a PLC wiper) to build on.
import type { StixIssueCode } from './issues.js';

export const ids = {
  identity: 'identity--5b1d3c2a-7f40-4e8a-9c61-2d7e4f0a9b13',
  indicator: 'indicator--8f2c6a41-3d5e-4b7f-a019-6c4e2d8b1f57',
  malware: 'malware--c47e9b20-1a6d-4f38-8e52-93b0d7a4c6e1',
  campaign: 'campaign--1e9a7c53-6b2f-4d84-b3a0-7f5c21e8d946',
  relationship: 'relationship--3a8d5f17-9c2e-4b60-8f4d-1e7b6a0c2d95',
  sighting: 'sighting--6f0b2e94-8d1c-4a73-95e6-4c3a7b1f8d20',
  observedData: 'observed-data--9d4e1b68-2f7a-4c35-a8b9-0e6d3f5c7a12',
  location: 'location--2c7f9a31-5e8b-4d06-b4c2-8a1e6f3d9b74',
  ipv4: 'ipv4-addr--7b3e5d92-1c4a-4f86-9a0d-5e2b8c6f1a37',
  file: 'file--4d8a2f61-7e3b-4c95-8b1a-2f6e9d0c5b48',
  networkTraffic: 'network-traffic--0e5c8b37-4a2d-4f19-9c6e-7b3a1d8f2e65',
  marking: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  bundle: 'bundle--a6c3e8f1-2b7d-4e59-8d04-3f1b9e7a5c26',
} as const;

const stamp = '2024-03-01T10:00:00.000Z';
const versioned = { spec_version: '2.1', created: stamp, modified: stamp } as const;

export const valid = {
  identity: { type: 'identity', id: ids.identity, ...versioned, name: 'Grid Operator CERT', identity_class: 'organization', sectors: ['energy'] },
  indicator: {
    type: 'indicator', id: ids.indicator, ...versioned, created_by_ref: ids.identity, name: 'Wiper C2 address',
    indicator_types: ['malicious-activity'], pattern: "[ipv4-addr:value = '203.0.113.7']", pattern_type: 'stix',
    valid_from: '2024-03-01T10:00:00Z', valid_until: '2024-09-01T00:00:00Z', object_marking_refs: [ids.marking],
    external_references: [{ source_name: 'grid-cert', external_id: 'GC-2024-17' }],
    kill_chain_phases: [{ kill_chain_name: 'mitre-ics-attack', phase_name: 'impair-process-control' }],
    granular_markings: [{ marking_ref: ids.marking, selectors: ['description'] }], description: 'Seen in substation traffic',
  },
  malware: { type: 'malware', id: ids.malware, ...versioned, name: 'RelayWipe', is_family: true, malware_types: ['wiper'] },
  campaign: { type: 'campaign', id: ids.campaign, ...versioned, name: 'Winter Relay', first_seen: '2024-01-10T00:00:00Z', last_seen: '2024-02-20T00:00:00Z' },
  relationship: { type: 'relationship', id: ids.relationship, ...versioned, relationship_type: 'indicates', source_ref: ids.indicator, target_ref: ids.malware },
  sighting: {
    type: 'sighting', id: ids.sighting, ...versioned, sighting_of_ref: ids.indicator, count: 3, first_seen: '2024-03-02T00:00:00Z',
    last_seen: '2024-03-03T00:00:00Z', where_sighted_refs: [ids.identity], observed_data_refs: [ids.observedData],
  },
  observedData: {
    type: 'observed-data', id: ids.observedData, ...versioned, first_observed: '2024-03-02T00:00:00Z', last_observed: '2024-03-02T01:00:00Z',
    number_observed: 4, object_refs: [ids.ipv4, ids.networkTraffic],
  },
  location: { type: 'location', id: ids.location, ...versioned, region: 'northern-europe', latitude: 59.33, longitude: 18.06 },
  ipv4: { type: 'ipv4-addr', spec_version: '2.1', id: ids.ipv4, value: '203.0.113.7' },
  file: { type: 'file', spec_version: '2.1', id: ids.file, name: 'relay.bin', hashes: { 'SHA-256': 'a'.repeat(64) } },
  networkTraffic: {
    type: 'network-traffic', spec_version: '2.1', id: ids.networkTraffic, src_ref: ids.ipv4, dst_port: 502, protocols: ['ipv4', 'tcp', 'modbus'],
    start: '2024-03-02T00:00:00Z', end: '2024-03-02T00:05:00Z', is_active: false,
  },
  tlpGreen: {
    type: 'marking-definition', spec_version: '2.1', id: ids.marking, created: '2017-01-20T00:00:00.000Z', definition_type: 'tlp', name: 'TLP:GREEN',
    definition: { tlp: 'green' },
  },
} as const;

export type Valid = typeof valid;
type Json = Record<string, unknown>;

/** A copy of a valid object with properties changed (undefined removes one). */
export function variant(base: Readonly<Json>, changes: Readonly<Json>): Json {
  const copy: Json = structuredClone(base) as Json;
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete copy[k];
    else copy[k] = v;
  }
  return copy;
}

export interface BrokenCase {
  readonly name: string;
  readonly value: unknown;
  /** Validate as a bundle rather than a single object. */
  readonly bundle?: boolean;
  /** The issue our validator must report. */
  readonly expect: { readonly code: StixIssueCode; readonly path: string };
  /** What the OASIS schemas do with it: some rules are beyond what a JSON schema can express. */
  readonly schema: 'rejects' | 'accepts';
}
