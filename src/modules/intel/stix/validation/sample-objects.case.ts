// Test and benchmark support: a deterministic mix of valid objects shaped like an indicator feed
// (indicators, observables, relationships, sightings), generated without randomness.
import { scoId } from '../sco-id.js';

const uuid = (n: number, salt: number) => {
  const hex = (n * 2654435761 + salt * 40503).toString(16).padStart(12, '0').slice(-12);
  return `${(salt * 7919 + 4096).toString(16).padStart(8, '0').slice(-8)}-4a1b-4c2d-8e3f-${hex}`;
};
const stamp = '2024-03-01T10:00:00.000Z';
const identity = `identity--${uuid(0, 1)}`;
const green = 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb';

export function typicalIndicator(i: number): Record<string, unknown> {
  return {
    type: 'indicator', spec_version: '2.1', id: `indicator--${uuid(i, 2)}`, created: stamp, modified: stamp, created_by_ref: identity,
    name: `Modbus scanner ${i}`, indicator_types: ['malicious-activity'], pattern: `[ipv4-addr:value = '10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}']`,
    pattern_type: 'stix', valid_from: '2024-03-01T10:00:00Z', confidence: 70, labels: ['ot', 'scanner'], object_marking_refs: [green],
    kill_chain_phases: [{ kill_chain_name: 'mitre-ics-attack', phase_name: 'discovery-ics' }],
  };
}

function observable(i: number): Record<string, unknown> {
  const kind = i % 4;
  const base =
    kind === 0 ? { type: 'ipv4-addr', value: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }
    : kind === 1 ? { type: 'domain-name', value: `host${i}.grid.example` }
    : kind === 2 ? { type: 'url', value: `https://host${i}.grid.example/fw/${i}.bin` }
    : { type: 'file', name: `payload${i}.bin`, hashes: { 'SHA-256': i.toString(16).padStart(64, 'a') }, size: 1024 + i };
  return { ...base, spec_version: '2.1', id: scoId(base) };
}

/** `n` valid objects: 40 % indicators, 25 % observables, 20 % relationships, 15 % sightings. */
export function sampleObjects(n: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [
    { type: 'identity', spec_version: '2.1', id: identity, created: stamp, modified: stamp, name: 'Grid CERT', identity_class: 'organization' },
  ];
  for (let i = 1; out.length < n; i++) {
    const slot = i % 20;
    if (slot < 8) out.push(typicalIndicator(i));
    else if (slot < 13) out.push(observable(i));
    else if (slot < 17) {
      out.push({
        type: 'relationship', spec_version: '2.1', id: `relationship--${uuid(i, 3)}`, created: stamp, modified: stamp, relationship_type: 'indicates',
        source_ref: `indicator--${uuid(i - slot, 2)}`, target_ref: `malware--${uuid(i % 97, 4)}`, object_marking_refs: [green],
      });
    } else {
      out.push({
        type: 'sighting', spec_version: '2.1', id: `sighting--${uuid(i, 5)}`, created: stamp, modified: stamp, sighting_of_ref: `indicator--${uuid(i - slot, 2)}`,
        count: 1 + (i % 9), first_seen: '2024-03-02T00:00:00Z', last_seen: '2024-03-02T06:00:00Z', where_sighted_refs: [identity],
      });
    }
  }
  return out;
}
