import { describe, expect, it } from 'vitest';
import { tlpLevels } from '../../../../platform/tlp.js';
import {
  effectiveTlp, legacyTlpMarkingIds, markingIdForTlp, mostRestrictiveTlp, TLP_EXTENSION_DEFINITION_ID, tlpFromMarkingId,
  tlpMarkingDefinitions, tlpMarkingIds, tlpOfMarkingDefinition,
} from './tlp.js';

describe('TLP markings', () => {
  it('maps every Bulwark level to its TLP 2.0 marking definition and back', () => {
    for (const level of tlpLevels) {
      const id = markingIdForTlp(level);
      expect(tlpFromMarkingId(id)).toBe(level);
      const md = tlpMarkingDefinitions[level];
      expect(md.id).toBe(id);
      expect(md.name).toBe(`TLP:${level.toUpperCase()}`);
      expect(md.extensions?.[TLP_EXTENSION_DEFINITION_ID]).toEqual({ extension_type: 'property-extension', tlp_2_0: level });
      expect(tlpOfMarkingDefinition(md)).toBe(level);
    }
    expect(new Set(Object.values(tlpMarkingIds)).size).toBe(5);
  });

  it('maps TLP 1.0 marking definitions to the nearest TLP 2.0 level', () => {
    expect(tlpFromMarkingId(legacyTlpMarkingIds.white)).toBe('clear');
    expect(tlpFromMarkingId(legacyTlpMarkingIds.green)).toBe('green');
    expect(tlpFromMarkingId(legacyTlpMarkingIds.amber)).toBe('amber');
    expect(tlpFromMarkingId(legacyTlpMarkingIds.red)).toBe('red');
    expect(tlpFromMarkingId('marking-definition--00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('reads the level from a marking definition by content when its id is not a standard one', () => {
    expect(tlpOfMarkingDefinition({ id: 'marking-definition--1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', definition_type: 'tlp', definition: { tlp: 'white' } })).toBe('clear');
    expect(tlpOfMarkingDefinition({ extensions: { [TLP_EXTENSION_DEFINITION_ID]: { tlp_2_0: 'amber+strict' } } })).toBe('amber+strict');
    expect(tlpOfMarkingDefinition({ definition_type: 'statement', definition: { statement: 'red' } })).toBeUndefined();
    expect(tlpOfMarkingDefinition(null)).toBeUndefined();
  });

  it('takes the most restrictive TLP among object markings', () => {
    expect(effectiveTlp({ object_marking_refs: [tlpMarkingIds.green, tlpMarkingIds['amber+strict'], tlpMarkingIds.amber] })).toBe('amber+strict');
    expect(effectiveTlp({ object_marking_refs: [legacyTlpMarkingIds.white, tlpMarkingIds.green] })).toBe('green');
    expect(effectiveTlp({ object_marking_refs: [legacyTlpMarkingIds.red, tlpMarkingIds.clear] })).toBe('red');
    expect(effectiveTlp({})).toBeUndefined();
    expect(effectiveTlp({ object_marking_refs: ['marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd'] })).toBeUndefined();
    expect(mostRestrictiveTlp([])).toBeUndefined();
  });

  it('resolves other marking definitions through a lookup', () => {
    const stored = 'marking-definition--1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
    const lookup = (id: string) => (id === stored ? { extensions: { [TLP_EXTENSION_DEFINITION_ID]: { tlp_2_0: 'red' } } } : undefined);
    expect(effectiveTlp({ object_marking_refs: [tlpMarkingIds.green, stored] }, lookup)).toBe('red');
    expect(effectiveTlp({ object_marking_refs: [tlpMarkingIds.green, stored] })).toBe('green');
  });
});
