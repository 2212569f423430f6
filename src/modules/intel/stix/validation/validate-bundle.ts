// Validates a bundle: the envelope, every object (paths /objects/N/...), and the rules that need
// several objects at once.
import { canonicalJson } from '../canonical-json.js';
import type { StixBundle } from '../model/index.js';
import { describeValue, isRecord } from './checks.js';
import { ValidationContext, type StixValidationOptions } from './context.js';
import { identifierType, isValidPropertyName } from './formats.js';
import { pointerSegment, type StixValidation } from './issues.js';
import { customPropertyNames, validateObjectInto } from './validate-object.js';

function checkEnvelope(bundle: Readonly<Record<string, unknown>>, base: string, ctx: ValidationContext): void {
  if (bundle.type !== 'bundle') ctx.error(`${base}/type`, 'bundle', `a bundle has type "bundle", found ${JSON.stringify(bundle.type) ?? 'nothing'}`);
  const id = bundle.id;
  if (id === undefined) ctx.error(`${base}/id`, 'missing-property', 'a bundle requires an id');
  else if (typeof id !== 'string' || identifierType(id) !== 'bundle') ctx.error(`${base}/id`, 'identifier', `a bundle id is bundle--UUID, found ${typeof id === 'string' ? `"${id}"` : describeValue(id)}`);
  for (const key of Object.keys(bundle)) {
    if (key === 'type' || key === 'id' || key === 'objects') continue;
    const path = `${base}/${pointerSegment(key)}`;
    if (key === 'spec_version') ctx.warn(path, 'not-applicable', 'STIX 2.1 bundles carry no spec_version (a STIX 2.0 bundle?)');
    else if (!isValidPropertyName(key)) ctx.error(path, 'custom-property-name', `"${key}" is not a valid property name`);
    else ctx.warn(path, 'unknown-property', `custom property "${key}" on a bundle may be dropped by consumers`);
  }
}

/** Same id and version twice with different content is ambiguous (section 3.6). */
function checkDuplicates(objects: readonly unknown[], base: string, ctx: ValidationContext): void {
  const seen = new Map<string, number>();
  objects.forEach((o, i) => {
    if (!isRecord(o) || typeof o.id !== 'string') return;
    const version = typeof o.modified === 'string' ? o.modified : typeof o.created === 'string' ? o.created : '';
    const key = `${o.id}|${version}`;
    const first = seen.get(key);
    if (first === undefined) return void seen.set(key, i);
    const same = canonicalJson(objects[first]) === canonicalJson(o);
    ctx.warn(`${base}/objects/${i}`, 'duplicate', same
      ? `repeats object ${first} (${o.id})`
      : `has the id and version of object ${first} (${o.id}) with different content`);
  });
}

/** Properties added at the top level must be ones their extension definition lists, when it is in the bundle. */
function checkToplevelExtensions(objects: readonly unknown[], base: string, ctx: ValidationContext): void {
  const declared = new Map<string, Set<string>>();
  for (const o of objects) {
    if (isRecord(o) && o.type === 'extension-definition' && typeof o.id === 'string' && Array.isArray(o.extension_properties)) {
      declared.set(o.id, new Set(o.extension_properties.filter((p): p is string => typeof p === 'string')));
    }
  }
  if (declared.size === 0) return;
  objects.forEach((o, i) => {
    if (!isRecord(o) || !isRecord(o.extensions)) return;
    const allowed: Set<string>[] = [];
    for (const [key, entry] of Object.entries(o.extensions)) {
      const names = declared.get(key);
      if (names !== undefined && isRecord(entry) && entry.extension_type === 'toplevel-property-extension') allowed.push(names);
    }
    if (allowed.length === 0) return;
    for (const name of customPropertyNames(o)) {
      if (!name.startsWith('x_') && !allowed.some((set) => set.has(name))) {
        ctx.warn(`${base}/objects/${i}/${pointerSegment(name)}`, 'custom-property-prefix', `"${name}" is not among the extension_properties of its toplevel-property-extension`);
      }
    }
  });
}

/** A language content's object_modified must be the modified time of a version of its target. */
function checkLanguageContent(objects: readonly unknown[], base: string, ctx: ValidationContext): void {
  const versions = new Map<string, Set<string>>();
  const contents: number[] = [];
  objects.forEach((o, i) => {
    if (!isRecord(o) || typeof o.id !== 'string') return;
    if (o.type === 'language-content') contents.push(i);
    if (typeof o.modified === 'string') {
      const set = versions.get(o.id) ?? new Set<string>();
      set.add(o.modified);
      versions.set(o.id, set);
    }
  });
  for (const i of contents) {
    const lc = objects[i] as Record<string, unknown>;
    const known = typeof lc.object_ref === 'string' ? versions.get(lc.object_ref) : undefined;
    if (known !== undefined && typeof lc.object_modified === 'string' && !known.has(lc.object_modified)) {
      ctx.warn(`${base}/objects/${i}/object_modified`, 'timestamp-order', `no version of ${String(lc.object_ref)} in this bundle was modified at ${lc.object_modified}`);
    }
  }
}

/** Validates a STIX 2.1 bundle and every object in it. */
export function validateBundle(value: unknown, options?: StixValidationOptions): StixValidation<StixBundle> {
  const ctx = new ValidationContext(options);
  const base = options?.basePath ?? '';
  if (!isRecord(value)) {
    ctx.error(base, 'not-object', `a bundle is a JSON object, found ${describeValue(value)}`);
    return { success: false, issues: ctx.issues };
  }
  checkEnvelope(value, base, ctx);
  const objects = value.objects;
  if (objects !== undefined) {
    if (!Array.isArray(objects)) ctx.error(`${base}/objects`, 'type', `objects is a list, found ${describeValue(objects)}`);
    else if (objects.length === 0) ctx.error(`${base}/objects`, 'empty-list', 'objects must not be empty (omit it instead)');
    else {
      for (let i = 0; i < objects.length; i++) validateObjectInto(objects[i], `${base}/objects/${i}`, ctx);
      checkDuplicates(objects, base, ctx);
      checkToplevelExtensions(objects, base, ctx);
      checkLanguageContent(objects, base, ctx);
    }
  }
  return ctx.errors === 0 ? { success: true, data: value as unknown as StixBundle, issues: ctx.issues } : { success: false, issues: ctx.issues };
}
