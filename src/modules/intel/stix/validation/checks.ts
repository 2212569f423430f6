// Precompiled property checks: each builder returns a closure made once at module load and
// reused for every object.
import { stixCategory } from '../model/index.js';
import type { ValidationContext } from './context.js';
import {
  checkHex, hashFits, identifierType, isBase64, isLanguageTag, isValidDictionaryKey, isValidHashKey, isValidPropertyName, parseTimestamp,
} from './formats.js';
import { pointerSegment } from './issues.js';

export type Check = (value: unknown, path: string, ctx: ValidationContext) => void;
export type Rule = (object: Readonly<Record<string, unknown>>, path: string, ctx: ValidationContext) => void;

export interface NestedSpec {
  /** For messages, e.g. "external reference". */
  readonly name: string;
  readonly props: ReadonlyMap<string, Check>;
  readonly required?: readonly string[];
  readonly rules?: readonly Rule[];
  /** The spec demands at least one of the defined properties (most predefined extensions). */
  readonly atLeastOne?: boolean;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const string: Check = (v, path, ctx) => {
  if (typeof v !== 'string') ctx.error(path, 'type', `expected a string, found ${describeValue(v)}`);
};

export const boolean: Check = (v, path, ctx) => {
  if (typeof v !== 'boolean') ctx.error(path, 'type', `expected a boolean, found ${describeValue(v)}`);
};

const maxInteger = Number.MAX_SAFE_INTEGER;

export function integer(min = -maxInteger, max = maxInteger): Check {
  return (v, path, ctx) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) ctx.error(path, 'type', `expected an integer, found ${describeValue(v)}`);
    else if (v < min || v > max) ctx.error(path, 'range', `${v} is outside ${min}…${max}`);
  };
}

export function float(min = -Infinity, max = Infinity): Check {
  return (v, path, ctx) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) ctx.error(path, 'type', `expected a number, found ${describeValue(v)}`);
    else if (v < min || v > max) ctx.error(path, 'range', `${v} is outside ${min}…${max}`);
  };
}

/** `millis`: at least three fractional digits (created, modified); `seconds`: none. */
export function timestamp(precision?: 'millis' | 'seconds'): Check {
  return (v, path, ctx) => {
    if (typeof v !== 'string') return ctx.error(path, 'type', `expected a timestamp string, found ${describeValue(v)}`);
    const parsed = parseTimestamp(v);
    if (parsed === null) return ctx.error(path, 'timestamp', `"${v}" is not an RFC 3339 UTC timestamp (YYYY-MM-DDTHH:mm:ss[.s+]Z)`);
    if (precision === 'millis' && parsed.fractionDigits < 3) {
      ctx.error(path, 'timestamp-precision', `"${v}" must be precise to at least milliseconds (three fractional digits)`);
    } else if (precision === 'seconds' && parsed.fractionDigits > 0) {
      ctx.error(path, 'timestamp-precision', `"${v}" must be precise to the second, without a fraction`);
    }
  };
}

export interface RefTarget {
  readonly label: string;
  readonly accepts: (type: string) => boolean;
}

export function refTypes(...types: string[]): RefTarget {
  const set = new Set(types);
  return { label: types.join(' or '), accepts: (t) => set.has(t) };
}

/** Custom types may be of any family, so they pass the family tests below. */
export const refSdo: RefTarget = { label: 'an SDO', accepts: (t) => { const c = stixCategory(t); return c === 'sdo' || c === undefined; } };
export const refSco: RefTarget = { label: 'an SCO', accepts: (t) => { const c = stixCategory(t); return c === 'sco' || c === undefined; } };
export const refSdoOrSco: RefTarget = {
  label: 'an SDO or SCO',
  accepts: (t) => { const c = stixCategory(t); return c === 'sdo' || c === 'sco' || (c === undefined && t !== 'bundle'); },
};
export const refAnyObject: RefTarget = { label: 'a STIX object', accepts: (t) => t !== 'bundle' };

export function ref(target: RefTarget): Check {
  return (v, path, ctx) => {
    if (typeof v !== 'string') return ctx.error(path, 'type', `expected an identifier string, found ${describeValue(v)}`);
    const type = identifierType(v);
    if (type === null) return ctx.error(path, 'identifier', `"${v}" is not an identifier of the form type--UUID (RFC 4122)`);
    if (!target.accepts(type)) ctx.error(path, 'identifier-type', `"${v}" must refer to ${target.label}, not ${type}`);
  };
}

export function list(item: Check): Check {
  return (v, path, ctx) => {
    if (!Array.isArray(v)) return ctx.error(path, 'type', `expected a list, found ${describeValue(v)}`);
    if (v.length === 0) return ctx.error(path, 'empty-list', 'lists must not be empty (omit the property instead)');
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (x === null) ctx.error(`${path}/${i}`, 'null-value', 'null is not a STIX value');
      else item(x, `${path}/${i}`, ctx);
    }
  };
}

/** Open vocabulary: values outside the suggested list draw a warning only. */
export function vocab(name: string, values: readonly string[]): Check {
  const set = new Set(values);
  return (v, path, ctx) => {
    if (typeof v !== 'string') return ctx.error(path, 'type', `expected a string from ${name}, found ${describeValue(v)}`);
    if (!set.has(v)) ctx.warn(path, 'vocabulary', `"${v}" is not in the ${name} vocabulary`);
  };
}

export function enumeration(name: string, values: readonly string[]): Check {
  const set = new Set(values);
  return (v, path, ctx) => {
    if (typeof v !== 'string') return ctx.error(path, 'type', `expected a string from ${name}, found ${describeValue(v)}`);
    if (!set.has(v)) ctx.error(path, 'enumeration', `"${v}" is not one of ${name}: ${values.join(', ')}`);
  };
}

export const anyValue: Check = (v, path, ctx) => {
  if (Array.isArray(v) && v.length === 0) ctx.error(path, 'empty-list', 'lists must not be empty (omit the property instead)');
};

export function dictionary(value: Check = anyValue): Check {
  return (v, path, ctx) => {
    if (!isRecord(v)) return ctx.error(path, 'type', `expected a dictionary, found ${describeValue(v)}`);
    let keys = 0;
    for (const key of Object.keys(v)) {
      keys += 1;
      const child = `${path}/${pointerSegment(key)}`;
      if (!isValidDictionaryKey(key)) ctx.error(child, 'dictionary-key', `dictionary key "${key}" may only use a-z, A-Z, 0-9, "-" and "_" (at most 250)`);
      const x = v[key];
      if (x === null) ctx.error(child, 'null-value', 'null is not a STIX value');
      else value(x, child, ctx);
    }
    if (keys === 0) ctx.error(path, 'empty-dictionary', 'dictionaries must not be empty (omit the property instead)');
  };
}

const hexHashes = new Set(['MD5', 'SHA-1', 'SHA-256', 'SHA-512', 'SHA3-256', 'SHA3-512']);

export const hashes: Check = (v, path, ctx) => {
  if (!isRecord(v)) return ctx.error(path, 'type', `expected a hashes dictionary, found ${describeValue(v)}`);
  let keys = 0;
  for (const key of Object.keys(v)) {
    keys += 1;
    const child = `${path}/${pointerSegment(key)}`;
    const value = v[key];
    if (!isValidHashKey(key)) ctx.error(child, 'dictionary-key', `hash algorithm "${key}" may only use a-z, A-Z, 0-9, "-" and "_" (3 to 250)`);
    if (typeof value !== 'string') {
      ctx.error(child, 'type', `expected a hash string, found ${describeValue(value)}`);
      continue;
    }
    const fits = hashFits(key, value);
    if (fits === undefined) ctx.warn(child, 'vocabulary', `"${key}" is not in the hash-algorithm-ov vocabulary`);
    else if (!fits) {
      if (hexHashes.has(key)) ctx.error(child, 'hash', `"${value}" is not a ${key} value`);
      else ctx.warn(child, 'hash', `"${value}" does not look like a ${key} value`);
    }
  }
  if (keys === 0) ctx.error(path, 'empty-dictionary', 'hashes must not be empty (omit the property instead)');
};

export const hex: Check = (v, path, ctx) => {
  if (typeof v !== 'string') return ctx.error(path, 'type', `expected a hex string, found ${describeValue(v)}`);
  const h = checkHex(v);
  if (!h.valid) ctx.error(path, 'format', `"${v}" is not an even number of hexadecimal digits`);
  else if (!h.lowercase) ctx.warn(path, 'format', `"${v}": hex values use lower-case letters`);
};

export const binary: Check = (v, path, ctx) => {
  if (typeof v !== 'string') return ctx.error(path, 'type', `expected a base64 string, found ${describeValue(v)}`);
  if (!isBase64(v)) ctx.error(path, 'format', 'not a valid base64 (RFC 4648) string');
};

export const languageTag: Check = (v, path, ctx) => {
  if (typeof v !== 'string') return ctx.error(path, 'type', `expected a language code, found ${describeValue(v)}`);
  if (!isLanguageTag(v)) ctx.error(path, 'format', `"${v}" is not an RFC 5646 language code`);
};

/** A typed sub-object (external reference, kill chain phase, extension, ...). */
export function object(spec: NestedSpec): Check {
  return (v, path, ctx) => {
    if (!isRecord(v)) return ctx.error(path, 'type', `expected ${spec.name} object, found ${describeValue(v)}`);
    checkNested(v, spec, path, ctx);
  };
}

export function checkNested(v: Readonly<Record<string, unknown>>, spec: NestedSpec, path: string, ctx: ValidationContext): void {
  let known = 0;
  for (const key of Object.keys(v)) {
    const x = v[key];
    if (x === undefined) continue;
    const child = `${path}/${pointerSegment(key)}`;
    const check = spec.props.get(key);
    if (x === null) ctx.error(child, 'null-value', 'null is not a STIX value');
    else if (check !== undefined) {
      known += 1;
      check(x, child, ctx);
    } else if (!(key.startsWith('x_') && isValidPropertyName(key))) {
      // Custom x_ properties may sit in sub-objects too; anything else is likely a typo.
      ctx.warn(child, 'unknown-property', `"${key}" is not a property of ${spec.name}`);
    }
  }
  if (spec.required !== undefined) {
    for (const key of spec.required) {
      if (v[key] === undefined) ctx.error(`${path}/${key}`, 'missing-property', `${spec.name} requires "${key}"`);
    }
  }
  if (spec.atLeastOne === true && known === 0) ctx.error(path, 'at-least-one', `${spec.name} must contain at least one of its properties`);
  if (spec.rules !== undefined) for (const rule of spec.rules) rule(v, path, ctx);
}

export function props(entries: Record<string, Check>): ReadonlyMap<string, Check> {
  return new Map(Object.entries(entries));
}
