import { describe, expect, it } from 'vitest';
import { validateStixObject } from '../validation/validate-object.js';
import { markingsOf, redactGranular, redactGranularDetailed } from './granular.js';
import { parseSelector, resolveSelector } from './granular-selectors.js';
import { tlpMarkingIds } from './tlp.js';

const green = tlpMarkingIds.green;
const red = tlpMarkingIds.red;
const stamp = '2024-03-01T10:00:00.000Z';
const onlyGreen = (id: string) => id !== red;

const vulnerability = {
  type: 'vulnerability', spec_version: '2.1', id: 'vulnerability--6c2e9a41-3f7b-4d85-9e10-2b8d5a7c4f93', created: stamp, modified: stamp,
  name: 'Relay firmware auth bypass', description: 'Unauthenticated setting changes over the engineering port',
  labels: ['relay', 'auth', 'firmware'],
  external_references: [
    { source_name: 'vendor-advisory', url: 'https://vendor.example/psirt/17', external_id: 'PSIRT-17' },
    { source_name: 'grid-cert', description: 'internal case notes', url: 'https://cert.grid.example/case/88' },
  ],
  object_marking_refs: [green],
  granular_markings: [
    { marking_ref: red, selectors: ['description', 'labels.[0]', 'external_references.[1].url'] },
    { marking_ref: green, selectors: ['labels.[2]', 'external_references.[1].description'] },
    { lang: 'en', selectors: ['name'] },
  ],
};

describe('granular selectors', () => {
  it('parses property names, dictionary keys and list indexes', () => {
    expect(parseSelector('external_references.[0].hashes.SHA-256')).toEqual(['external_references', 0, 'hashes', 'SHA-256']);
    expect(parseSelector('id')).toEqual(['id']);
    for (const bad of ['', '[0]', 'labels.[01]', 'labels..x', 'Labels', 'labels.[a]', 'ab']) expect(parseSelector(bad), bad).toBeNull();
  });

  it('resolves against the object', () => {
    expect(resolveSelector(vulnerability, ['external_references', 1, 'url'])).toBe('https://cert.grid.example/case/88');
    expect(resolveSelector(vulnerability, ['labels', 3])).toBeUndefined();
    expect(resolveSelector(vulnerability, ['description', 0])).toBeUndefined();
    expect(resolveSelector(vulnerability, ['labels', 'name'])).toBeUndefined();
  });
});

describe('markingsOf', () => {
  it('lists object and granular markings', () => {
    const m = markingsOf(vulnerability);
    expect(m.objectMarkingRefs).toEqual([green]);
    expect(m.granular).toHaveLength(3);
    expect(m.granular[2]).toEqual({ lang: 'en', selectors: ['name'] });
    expect(m.markingIds).toEqual([green, red]);
    expect(markingsOf('nothing')).toEqual({ objectMarkingRefs: [], granular: [], markingIds: [] });
  });
});

describe('redactGranular', () => {
  it('removes what a receiver may not see and keeps the rest valid', () => {
    const r = redactGranularDetailed(vulnerability, onlyGreen);
    expect(r.complete).toBe(true);
    expect(r.removed).toEqual(['description', 'labels.[0]', 'external_references.[1].url']);
    const out = r.object as Record<string, unknown>;
    expect(out.description).toBeUndefined();
    expect(out.labels).toEqual(['auth', 'firmware']);
    expect(out.external_references).toEqual([vulnerability.external_references[0], { source_name: 'grid-cert', description: 'internal case notes' }]);
    // The red marking is gone; the green one follows its list item to its new index.
    expect(out.granular_markings).toEqual([
      { marking_ref: green, selectors: ['labels.[1]', 'external_references.[1].description'] },
      { lang: 'en', selectors: ['name'] },
    ]);
    expect(validateStixObject(out).issues).toEqual([]);
    // The input is untouched.
    expect(vulnerability.labels).toHaveLength(3);
  });

  it('returns the object itself when everything may be seen', () => {
    expect(redactGranular(vulnerability, () => true)).toBe(vulnerability);
    const plain = { type: 'malware', name: 'x' };
    expect(redactGranular(plain, () => false)).toBe(plain);
  });

  it('drops lists that become empty and the markings that pointed into them', () => {
    const o = { ...vulnerability, granular_markings: [{ marking_ref: red, selectors: ['labels.[0]', 'labels.[1]', 'labels.[2]'] }, { marking_ref: green, selectors: ['labels.[1]', 'name'] }] };
    const out = redactGranular(o, onlyGreen) as Record<string, unknown>;
    expect(out.labels).toBeUndefined();
    expect(out.granular_markings).toEqual([{ marking_ref: green, selectors: ['name'] }]);
    expect(validateStixObject(out).issues).toEqual([]);
  });

  it('removes a whole list item before shifting markings that follow it', () => {
    const o = { ...vulnerability, granular_markings: [{ marking_ref: red, selectors: ['external_references.[0]'] }, { marking_ref: green, selectors: ['external_references.[1].url'] }] };
    const out = redactGranular(o, onlyGreen) as Record<string, unknown>;
    expect(out.external_references).toEqual([vulnerability.external_references[1]]);
    expect(out.granular_markings).toEqual([{ marking_ref: green, selectors: ['external_references.[0].url'] }]);
  });

  it('reports an incomplete object when a required property is withheld', () => {
    const o = { ...vulnerability, granular_markings: [{ marking_ref: red, selectors: ['name'] }] };
    const r = redactGranularDetailed(o, onlyGreen);
    expect(r.complete).toBe(false);
    expect((r.object as Record<string, unknown>).name).toBeUndefined();
    expect(validateStixObject(r.object).success).toBe(false);
  });
});
