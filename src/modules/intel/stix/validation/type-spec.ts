// How one object type is validated: its property checks (common ones merged in), required
// properties, cross-property rules and predefined extensions.
import type { StixCategory } from '../model/index.js';
import { extensionTypes } from '../model/index.js';
import { checkNested, describeValue, enumeration, isRecord, type Check, type NestedSpec, type Rule } from './checks.js';
import { applicableCommon, commonChecks, commonRules } from './common-specs.js';
import { identifierType, isCustomExtensionKey, isValidPropertyName } from './formats.js';
import { pointerSegment } from './issues.js';

export interface TypeSpec {
  readonly type: string;
  /** Undefined for custom object types. */
  readonly category: StixCategory | undefined;
  readonly props: ReadonlyMap<string, Check>;
  /** Common properties this family does not use; still type-checked when present. */
  readonly notApplicable: ReadonlyMap<string, Check>;
  readonly required: readonly string[];
  readonly rules: readonly Rule[];
  readonly deprecated: ReadonlySet<string>;
  readonly reserved: ReadonlySet<string>;
}

export interface TypeDefinition {
  readonly type: string;
  readonly category: StixCategory;
  /** Which row of the common-property table applies; defaults to the category. */
  readonly common?: keyof typeof applicableCommon;
  readonly props: Record<string, Check>;
  readonly required?: readonly string[];
  readonly rules?: readonly Rule[];
  readonly extensions?: Record<string, NestedSpec>;
  readonly deprecated?: readonly string[];
  readonly reserved?: readonly string[];
  /** Extension definitions may not carry `extensions` themselves. */
  readonly withoutExtensions?: boolean;
}

const requiredCommon: Readonly<Record<keyof typeof applicableCommon, readonly string[]>> = {
  sdo: ['spec_version', 'created', 'modified'],
  sro: ['spec_version', 'created', 'modified'],
  sco: [],
  meta: ['spec_version', 'created', 'modified'],
  'marking-definition': ['spec_version', 'created'],
  'extension-definition': ['spec_version', 'created', 'modified', 'created_by_ref'],
  'language-content': ['spec_version', 'created', 'modified'],
};

/** Predefined extension names of every SCO type, to tell a misplaced one from a custom one. */
const predefinedExtensionNames = new Set<string>();

const extensionType = enumeration('extension-type-enum', extensionTypes);

function namedProperties(x: Readonly<Record<string, unknown>>, path: string, ctx: Parameters<Check>[2], skip?: string): void {
  for (const key of Object.keys(x)) {
    if (key === skip) continue;
    const child = `${path}/${pointerSegment(key)}`;
    if (x[key] === null) ctx.error(child, 'null-value', 'null is not a STIX value');
    if (!isValidPropertyName(key)) ctx.error(child, 'custom-property-name', `extension property "${key}" may only use a-z, 0-9 and "_" (3 to 250, starting with a letter)`);
  }
}

/** Checks the `extensions` dictionary of one type. */
export function extensionsCheck(type: string, category: StixCategory | undefined, predefined: ReadonlyMap<string, NestedSpec>): Check {
  return (v, path, ctx) => {
    if (!isRecord(v)) return ctx.error(path, 'type', `expected an extensions dictionary, found ${describeValue(v)}`);
    const keys = Object.keys(v);
    if (keys.length === 0) ctx.error(path, 'empty-dictionary', 'extensions must not be empty (omit the property instead)');
    for (const key of keys) {
      const x = v[key];
      const child = `${path}/${pointerSegment(key)}`;
      if (!isRecord(x)) {
        ctx.error(child, 'type', `expected an extension object, found ${describeValue(x)}`);
        continue;
      }
      if (key.startsWith('extension-definition--')) {
        if (identifierType(key) !== 'extension-definition') ctx.error(child, 'identifier', `"${key}" is not a valid extension-definition identifier`);
        if (x.extension_type === undefined) ctx.error(`${child}/extension_type`, 'missing-property', 'an extension defined by an extension-definition requires extension_type');
        else extensionType(x.extension_type, `${child}/extension_type`, ctx);
        namedProperties(x, child, ctx, 'extension_type');
        continue;
      }
      const spec = predefined.get(key);
      if (spec !== undefined) {
        checkNested(x, spec, child, ctx);
        continue;
      }
      if (predefinedExtensionNames.has(key)) {
        ctx.error(child, 'extension', `"${key}" is not an extension of ${type}`);
      } else if (isCustomExtensionKey(key)) {
        ctx.warn(child, 'deprecated', `custom extension "${key}" is deprecated: define it with an extension-definition`);
        if (category !== 'sco' && category !== undefined) ctx.warn(child, 'extension', 'custom "-ext" extensions are defined for SCOs only');
        if (Object.keys(x).length === 0) ctx.error(child, 'at-least-one', 'a custom extension must have at least one property');
        namedProperties(x, child, ctx);
      } else {
        ctx.error(child, 'extension', `"${key}" is neither an extension-definition id nor a predefined extension of ${type}`);
      }
    }
  };
}

export function defineType(d: TypeDefinition): TypeSpec {
  const row = d.common ?? d.category;
  const props = new Map<string, Check>();
  for (const name of applicableCommon[row]) props.set(name, commonChecks.get(name) as Check);
  const predefined = new Map(Object.entries(d.extensions ?? {}));
  for (const name of predefined.keys()) predefinedExtensionNames.add(name);
  const extensions = extensionsCheck(d.type, d.category, predefined);
  if (d.withoutExtensions !== true) props.set('extensions', extensions);
  for (const [name, check] of Object.entries(d.props)) props.set(name, check);
  const notApplicable = new Map<string, Check>();
  for (const [name, check] of commonChecks) if (!props.has(name)) notApplicable.set(name, check);
  if (d.withoutExtensions === true) notApplicable.set('extensions', extensions);
  return {
    type: d.type,
    category: d.category,
    props,
    notApplicable,
    required: [...requiredCommon[row], ...(d.required ?? [])],
    rules: [...commonRules, ...(d.rules ?? [])],
    deprecated: new Set(d.deprecated ?? []),
    reserved: new Set(d.reserved ?? []),
  };
}

/** Custom object types: every common property is checked, none is required, custom names need no prefix. */
export const customTypeSpec: TypeSpec = {
  type: '',
  category: undefined,
  props: new Map<string, Check>([...commonChecks, ['extensions', extensionsCheck('a custom object', undefined, new Map())]]),
  notApplicable: new Map(),
  required: [],
  rules: commonRules,
  deprecated: new Set(),
  reserved: new Set(),
};
