import { describe, expect, it } from 'vitest';
import { displayName } from './intel.service.js';

describe('displayName', () => {
  it('uses the name or value, and a phrase for objects that have neither', () => {
    expect(displayName({ type: 'malware', name: 'TankSpy' })).toBe('TankSpy');
    expect(displayName({ type: 'ipv4-addr', value: '198.51.100.7' })).toBe('198.51.100.7');
    expect(displayName({ type: 'relationship', relationship_type: 'uses', source_ref: 'intrusion-set--1', target_ref: 'malware--2' })).toBe('intrusion-set uses malware');
    expect(displayName({ type: 'sighting', sighting_of_ref: 'indicator--1', count: 3 })).toBe('sighting of indicator (3×)');
    expect(displayName({ type: 'sighting', sighting_of_ref: 'indicator--1' })).toBe('sighting of indicator');
    expect(displayName({ type: 'note', abstract: 'Checked with the vendor' })).toBe('Checked with the vendor');
    expect(displayName({ type: 'opinion', opinion: 'agree' })).toBe('opinion: agree');
    expect(displayName({ type: 'observed-data', number_observed: 2 })).toBe('observed 2×');
    expect(displayName({ type: 'file', hashes: { 'SHA-256': 'ab12' } })).toBe('SHA-256 ab12');
    expect(displayName({ type: 'network-traffic', protocols: ['tcp'] })).toBeNull();
    expect(displayName({ type: 'relationship', source_ref: 42 })).toBe('object related-to object');
  });
});
