// Validates one STIX object against the rule table of its type.
import type { AnyStixObject } from '../model/index.js';
import { scoId } from '../sco-id.js';
import { anyValue, binary, describeValue, hex, isRecord } from './checks.js';
import { ValidationContext, type StixValidationOptions } from './context.js';
import { identifierType, identifierUuidVersion, isValidPropertyName, isValidTypeName } from './formats.js';
import { pointerSegment, type StixValidation } from './issues.js';
import { metaSpecs } from './meta-specs.js';
import { scoSpecs } from './sco-specs.js';
import { sdoSpecs } from './sdo-specs.js';
import { customTypeSpec, type TypeSpec } from './type-spec.js';

const registry: ReadonlyMap<string, TypeSpec> = new Map([...sdoSpecs, ...metaSpecs, ...scoSpecs].map((s) => [s.type, s]));

/** Reserved on every object (section 3.8); they must not appear in any STIX content. */
const reservedProperties = new Set(['severity', 'username', 'phone_number', 'action']);
const reservedTypes = new Set(['action']);

/** The rule table of a spec-defined type. */
export function typeSpec(type: string): TypeSpec | undefined {
  return registry.get(type);
}

/** Property names of an object that no rule of its type defines (custom or extension-defined). */
export function customPropertyNames(object: Readonly<Record<string, unknown>>): string[] {
  const spec = typeof object.type === 'string' ? registry.get(object.type) : undefined;
  return Object.keys(object).filter((k) => k !== 'type' && k !== 'id' && !spec?.props.has(k) && !spec?.notApplicable.has(k));
}

interface ExtensionScan {
  readonly toplevel: boolean;
  readonly newObject: boolean;
}

function scanExtensions(object: Readonly<Record<string, unknown>>): ExtensionScan {
  const ext = object.extensions;
  let toplevel = false;
  let newObject = false;
  if (isRecord(ext)) {
    for (const key in ext) {
      const entry = ext[key];
      if (!isRecord(entry)) continue;
      const kind = entry.extension_type;
      if (kind === 'toplevel-property-extension') toplevel = true;
      else if (kind === 'new-sdo' || kind === 'new-sco' || kind === 'new-sro') newObject = true;
    }
  }
  return { toplevel, newObject };
}

function checkCustomProperty(key: string, v: unknown, path: string, spec: TypeSpec, custom: boolean, ctx: ValidationContext): void {
  if (reservedProperties.has(key) || spec.reserved.has(key)) {
    return ctx.error(path, 'reserved-name', `"${key}" is a reserved property name and must not be used`);
  }
  if (!isValidPropertyName(key)) {
    ctx.error(path, 'custom-property-name', `custom property "${key}" may only use a-z, 0-9 and "_" (3 to 250, starting with a letter)`);
  } else if (!custom && !ctx.toplevelExtension && !key.startsWith('x_')) {
    ctx.warn(path, 'custom-property-prefix', `"${key}" is not a property of ${spec.type}; custom properties start with "x_" or come from a toplevel-property-extension`);
  }
  if (key.endsWith('_hex')) hex(v, path, ctx);
  else if (key.endsWith('_bin')) binary(v, path, ctx);
  else anyValue(v, path, ctx);
}

function checkIdentity(object: Readonly<Record<string, unknown>>, type: string, path: string, ctx: ValidationContext): void {
  const id = object.id;
  if (id === undefined) return ctx.error(`${path}/id`, 'missing-property', 'every STIX object requires an id');
  if (typeof id !== 'string') return ctx.error(`${path}/id`, 'type', `expected an identifier string, found ${describeValue(id)}`);
  const prefix = identifierType(id);
  if (prefix === null) ctx.error(`${path}/id`, 'identifier', `"${id}" is not an identifier of the form ${type}--UUID (RFC 4122)`);
  else if (prefix !== type) ctx.error(`${path}/id`, 'id-type-mismatch', `the id prefix "${prefix}" must equal the type "${type}"`);
}

/** UUIDv5 SCO ids should be the deterministic ones; another namespace or wrong inputs break deduplication. */
function checkScoId(object: Readonly<Record<string, unknown>>, path: string, ctx: ValidationContext): void {
  const id = object.id;
  if (typeof id !== 'string' || identifierType(id) === null || identifierUuidVersion(id) !== 5) return;
  const expected = scoId(object);
  if (expected !== null && expected !== id.toLowerCase()) {
    ctx.warn(`${path}/id`, 'sco-id', `the UUIDv5 id does not match the ID contributing properties (expected ${expected})`);
  }
}

/** Validates one object, adding its issues to the context. */
export function validateObjectInto(value: unknown, path: string, ctx: ValidationContext): void {
  if (!isRecord(value)) return ctx.error(path, 'not-object', `a STIX object is a JSON object, found ${describeValue(value)}`);
  const type = value.type;
  if (type === undefined) return ctx.error(`${path}/type`, 'missing-property', 'every STIX object requires a type');
  if (typeof type !== 'string') return ctx.error(`${path}/type`, 'type', `expected a type name, found ${describeValue(type)}`);
  let spec = registry.get(type);
  const custom = spec === undefined;
  const scan = scanExtensions(value);
  ctx.toplevelExtension = scan.toplevel;
  if (spec === undefined) {
    if (type === 'bundle') return ctx.error(`${path}/type`, 'type-name', 'a bundle is not a STIX object; bundles do not nest');
    if (reservedTypes.has(type)) ctx.error(`${path}/type`, 'reserved-name', `"${type}" is a reserved type name`);
    else if (!isValidTypeName(type)) ctx.error(`${path}/type`, 'type-name', `"${type}" is not a valid type name (a-z, 0-9, single "-", 3 to 250)`);
    else if (!type.startsWith('x-') && !scan.newObject) ctx.warn(`${path}/type`, 'custom-type-prefix', `custom type "${type}" should start with "x-" or be defined by a new-sdo/new-sco/new-sro extension`);
    spec = customTypeSpec;
  }
  checkIdentity(value, type, path, ctx);
  for (const key of Object.keys(value)) {
    if (key === 'type' || key === 'id') continue;
    const v = value[key];
    // Not JSON, but objects built in code may carry it: the same as an absent property.
    if (v === undefined) continue;
    const child = `${path}/${pointerSegment(key)}`;
    if (v === null) {
      ctx.error(child, 'null-value', 'null is not a STIX value (omit the property instead)');
      continue;
    }
    const check = spec.props.get(key);
    if (check !== undefined) {
      check(v, child, ctx);
      if (spec.deprecated.has(key)) ctx.warn(child, 'deprecated', `"${key}" is deprecated in STIX 2.1`);
      continue;
    }
    const notApplicable = spec.notApplicable.get(key);
    if (notApplicable !== undefined) {
      if (key === 'defanged') ctx.error(child, 'not-applicable', 'defanged must not be used on objects other than SCOs');
      else ctx.warn(child, 'not-applicable', `"${key}" is not used by ${type}`);
      notApplicable(v, child, ctx);
      continue;
    }
    checkCustomProperty(key, v, child, spec, custom, ctx);
  }
  for (const name of spec.required) {
    if (value[name] === undefined) ctx.error(`${path}/${name}`, 'missing-property', `${type} requires "${name}"`);
  }
  for (const rule of spec.rules) rule(value, path, ctx);
  if (spec.category === 'sco' && ctx.checkScoIds) checkScoId(value, path, ctx);
}

/** Validates one STIX 2.1 object (SDO, SRO, SCO, meta or custom); every problem comes back with its path. */
export function validateStixObject(value: unknown, options?: StixValidationOptions): StixValidation<AnyStixObject> {
  const ctx = new ValidationContext(options);
  validateObjectInto(value, options?.basePath ?? '', ctx);
  return ctx.errors === 0 ? { success: true, data: value as AnyStixObject, issues: ctx.issues } : { success: false, issues: ctx.issues };
}
