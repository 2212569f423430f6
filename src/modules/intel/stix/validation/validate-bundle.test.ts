import { describe, expect, it } from 'vitest';
import { ids, valid, variant } from './fixtures.case.js';
import { validateBundle } from './validate-bundle.js';

const bundle = (objects: unknown[], extra: Record<string, unknown> = {}) => ({ type: 'bundle', id: ids.bundle, objects, ...extra });
const stamp = '2024-03-01T10:00:00.000Z';

describe('validateBundle', () => {
  it('accepts a bundle of valid objects, and one with no objects at all', () => {
    const r = validateBundle(bundle(Object.values(valid)));
    expect(r.issues).toEqual([]);
    expect(r.success).toBe(true);
    expect(validateBundle({ type: 'bundle', id: ids.bundle }).success).toBe(true);
  });

  it('reports the envelope', () => {
    expect(validateBundle([]).issues).toEqual([expect.objectContaining({ code: 'not-object', path: '' })]);
    const r = validateBundle({ type: 'collection', objects: {} });
    expect(r.issues.map((i) => `${i.code}:${i.path}`)).toEqual(['bundle:/type', 'missing-property:/id', 'type:/objects']);
    expect(validateBundle(bundle([valid.malware], { spec_version: '2.0' })).issues).toEqual([expect.objectContaining({ code: 'not-applicable', path: '/spec_version' })]);
  });

  it('reports problems of every object with its index', () => {
    const r = validateBundle(bundle([valid.identity, 'text', variant(valid.malware, { is_family: undefined }), valid.indicator]));
    expect(r.success).toBe(false);
    expect(r.issues.map((i) => `${i.code}:${i.path}`)).toEqual(['not-object:/objects/1', 'missing-property:/objects/2/is_family']);
  });

  it('warns on the same version twice with different content', () => {
    const r = validateBundle(bundle([valid.malware, valid.malware, variant(valid.malware, { description: 'changed' })]));
    expect(r.success).toBe(true);
    expect(r.issues.map((i) => `${i.code}:${i.path}:${i.message}`)).toEqual([
      `duplicate:/objects/1:repeats object 0 (${ids.malware})`,
      `duplicate:/objects/2:has the id and version of object 0 (${ids.malware}) with different content`,
    ]);
  });

  it('checks toplevel extension properties against their extension definition', () => {
    const extId = 'extension-definition--2e7a4c9b-5d1f-4b68-9a3e-6c0d8f2b1e57';
    const extDef = {
      type: 'extension-definition', spec_version: '2.1', id: extId, created: stamp, modified: stamp, created_by_ref: ids.identity,
      name: 'Grid asset context', schema: 'https://bulwark.example/schemas/grid-asset.json', version: '1.0.0',
      extension_types: ['toplevel-property-extension'], extension_properties: ['substation'],
    };
    const marked = variant(valid.malware, { substation: 'North-7', feeder: 'F2', extensions: { [extId]: { extension_type: 'toplevel-property-extension' } } });
    const r = validateBundle(bundle([extDef, marked]));
    expect(r.issues).toEqual([expect.objectContaining({ code: 'custom-property-prefix', path: '/objects/1/feeder', severity: 'warning' })]);
  });

  it('checks language content against the versions in the bundle', () => {
    const lc = {
      type: 'language-content', spec_version: '2.1', id: 'language-content--7f3b1d9e-4c2a-4e86-b5a0-2d8f6c1e9b34', created: stamp, modified: stamp,
      object_ref: ids.malware, object_modified: '2024-01-01T00:00:00.000Z', contents: { de: { name: 'Relaislöscher' } },
    };
    expect(validateBundle(bundle([valid.malware, lc])).issues).toEqual([expect.objectContaining({ code: 'timestamp-order', path: '/objects/1/object_modified' })]);
    expect(validateBundle(bundle([valid.malware, { ...lc, object_modified: stamp }])).issues).toEqual([]);
  });
});
