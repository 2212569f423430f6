// Bad values for the generated input suite, derived from a route's JSON Schema: what is surely
// wrong for a field (wrong JSON type, out of range, NUL, lone surrogate, impossible date) and what
// may be acceptable (random JSON), each marked so the suite knows whether a 2xx is allowed.
import fc from 'fast-check';
import type { JsonSchema } from './openapi-routes.js';

export const NUL = 'fuzz\u0000nul';
export const SURROGATE = 'fuzz\ud800lone';
export const HUGE_STRING = 'x'.repeat(1024 * 1024);
export const HUGE_ARRAY_LENGTH = 10_000;
export const DEEP = 10_000;
export const outOfRangeNumbers = ['99999999999999999999999', '-1', 'NaN', '1e308'] as const;
export const impossibleDates = ['2026-13-45', '2026-02-30T25:61:00Z'] as const;
/** Path ids that are no id: too long, NUL, malformed percent-encoding, traversal, a lone surrogate in UTF-8. */
/** Dot segments: the URL is resolved before routing, so they name another resource (which may exist). */
export const dotSegments: ReadonlySet<string> = new Set(['..', '%2e%2e']);
export const badPathIds = ['x'.repeat(5000), '%00', 'a%00b', '%FF', '%E0%A4%A', '..', '%2e%2e', '..%2F..%2Fetc%2Fpasswd', '%ED%A0%80', '-1', '99999999999999999999999'] as const;

/** `depth` nested objects, written as text: building and stringifying them would recurse as deep. */
export const deepObjectJson = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
export const deepArrayJson = (depth: number): string => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

/** A value to put somewhere, and whether any correct server must refuse it there. */
export interface BadValue {
  readonly label: string;
  readonly value: unknown;
  readonly mustFail: boolean;
}

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null';
const examples: Record<Exclude<JsonType, 'integer'>, unknown> = { string: 'fuzz-text', number: 12.5, boolean: true, array: [1], object: { fuzz: 1 }, null: null };

/** The JSON types a schema admits; undefined when it admits anything. */
export function allowedTypes(schema: JsonSchema): Set<JsonType> | undefined {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives !== undefined) {
    const all = new Set<JsonType>();
    for (const alternative of alternatives) {
      const types = allowedTypes(alternative);
      if (types === undefined) return undefined;
      for (const t of types) all.add(t);
    }
    return all;
  }
  if (schema.allOf !== undefined && schema.allOf[0] !== undefined) return allowedTypes(schema.allOf[0]);
  const values = schema.enum ?? (schema.const === undefined ? undefined : [schema.const]);
  const types = new Set<JsonType>();
  if (values !== undefined) {
    for (const v of values) types.add(v === null ? 'null' : Array.isArray(v) ? 'array' : (typeof v as JsonType));
  } else if (schema.type !== undefined) {
    for (const t of typeof schema.type === 'string' ? [schema.type] : schema.type) types.add(t as JsonType);
  } else if (schema.properties !== undefined) {
    types.add('object');
  } else {
    return undefined;
  }
  if (types.has('integer')) types.add('number');
  if (schema.nullable === true) types.add('null');
  return types;
}

/** A JSON value of a type the schema does not admit, for each such type. */
export function wrongTypes(schema: JsonSchema): BadValue[] {
  const types = allowedTypes(schema);
  if (types === undefined) return [];
  const wrong: BadValue[] = Object.entries(examples)
    .filter(([t]) => !types.has(t as JsonType))
    .map(([t, value]) => ({ label: `wrong type ${t}`, value, mustFail: true }));
  if (types.has('integer') && !types.has('string')) wrong.push({ label: 'fraction for integer', value: 1.5, mustFail: true });
  return wrong;
}

/** Whether `value` breaks the schema's own bounds (so a correct route refuses it). */
export function violates(schema: JsonSchema, value: unknown): boolean {
  const types = allowedTypes(schema);
  if (types === undefined) return false;
  if (schema.enum !== undefined) return !schema.enum.includes(value);
  if (value === null) return !types.has('null');
  if (typeof value === 'number') {
    if (!types.has('number')) return true;
    if (!Number.isFinite(value)) return true;
    if (types.has('integer') && !types.has('string') && !Number.isInteger(value)) return true;
    return (schema.minimum !== undefined && value < schema.minimum) || (schema.maximum !== undefined && value > schema.maximum);
  }
  if (typeof value === 'string') {
    if (!types.has('string')) return true;
    if (schema.maxLength !== undefined && value.length > schema.maxLength) return true;
    if (schema.minLength !== undefined && value.length < schema.minLength) return true;
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) return true;
    return schema.format === 'date-time' || schema.format === 'date' || schema.format === 'uri';
  }
  if (Array.isArray(value)) {
    if (!types.has('array')) return true;
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return true;
    return schema.items !== undefined && value.length > 0 && violates(schema.items, value[0]);
  }
  if (typeof value === 'boolean') return !types.has('boolean');
  return !types.has('object');
}

/** Names that say a field holds a time; an impossible date there must be refused. */
export const isDateField = (name: string, schema: JsonSchema): boolean =>
  schema.format === 'date-time' || schema.format === 'date' || /(after|before|since|until|from|^to|date|time|At)$/.test(name);

// Candidates for strings with a pattern: the first that matches is used.
const patternCandidates = ['fuzz', 'fuzz-1', 'fuzzfeed', 'a', '00:1b:1b:00:00:01', 'CWE-79', 'indicator--11111111-1111-4111-8111-111111111111', '1', 'x'];

/** A minimal value the schema accepts (semantics aside): the base that each case breaks in one place. */
export function sampleValid(schema: JsonSchema, name = ''): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum !== undefined) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const first = (schema.anyOf ?? schema.oneOf ?? schema.allOf)?.[0];
  if (first !== undefined) return sampleValid(first, name);
  const type = typeof schema.type === 'string' ? schema.type : schema.type?.[0] ?? (schema.properties ? 'object' : 'string');
  switch (type) {
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, Math.min(schema.maximum ?? 1, 1));
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleValid(schema.items ?? {}, name));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = sampleValid(schema.properties?.[key] ?? {}, key);
      return out;
    }
    default: {
      // Anything that names a place to fetch points at a closed local port: the suite never reaches out.
      if (schema.format === 'uri' || /url|location/i.test(name)) return 'http://127.0.0.1:9/fuzz/';
      if (schema.format === 'date-time' || schema.format === 'date') return '2025-01-01T00:00:00Z';
      const pattern = schema.pattern === undefined ? undefined : new RegExp(schema.pattern, 'u');
      const text = patternCandidates.find((c) => pattern === undefined || pattern.test(c)) ?? 'fuzz';
      return text.padEnd(schema.minLength ?? 0, 'z');
    }
  }
}

/** Where a value sits in a JSON body: property names and array indexes. */
export type BodyPath = readonly (string | number)[];

/** Every property of a body schema (nested objects and first array items included), with its schema. */
export function bodyPaths(schema: JsonSchema, prefix: BodyPath = [], depth = 0): Array<{ path: BodyPath; schema: JsonSchema }> {
  if (depth > 4) return [];
  const out: Array<{ path: BodyPath; schema: JsonSchema }> = [];
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const path = [...prefix, key];
    out.push({ path, schema: child });
    out.push(...bodyPaths(child, path, depth + 1));
    if (child.items !== undefined) {
      out.push({ path: [...path, 0], schema: child.items });
      out.push(...bodyPaths(child.items, [...path, 0], depth + 1));
    }
  }
  return out;
}

/** A copy of `body` with `value` at `path` (parents made as needed). */
export function setAt(body: unknown, path: BodyPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const list = Array.isArray(body) ? [...(body as unknown[])] : [];
    list[head] = setAt(list[head], rest, value);
    return list;
  }
  const object = typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...(body as Record<string, unknown>) } : {};
  object[head as string] = setAt(object[head as string], rest, value);
  return object;
}

/** Bad JSON values for a body field, each judged against the field's schema (fast-check tries the rest). */
export function badBodyValues(schema: JsonSchema, name: string): BadValue[] {
  const types = allowedTypes(schema);
  const values: BadValue[] = wrongTypes(schema).slice(0, 2);
  if (types === undefined || types.has('string')) {
    values.push({ label: 'NUL', value: NUL, mustFail: true }, { label: 'lone surrogate', value: SURROGATE, mustFail: true });
  }
  if (types?.has('number') === true) {
    for (const n of [Number('99999999999999999999999'), -1, 1e308, 0.5]) values.push({ label: `number ${n}`, value: n, mustFail: violates(schema, n) });
    values.push({ label: 'NaN as text', value: 'NaN', mustFail: violates(schema, 'NaN') });
  }
  if (isDateField(name, schema)) for (const d of impossibleDates) values.push({ label: `impossible date ${d}`, value: d, mustFail: true });
  if (types?.has('array') === true) {
    const item = sampleValid(schema.items ?? {}, name);
    const huge = Array.from({ length: HUGE_ARRAY_LENGTH }, () => item);
    values.push({ label: 'huge array', value: huge, mustFail: violates(schema, huge) });
  }
  return values;
}

/** Bad query-string values for a parameter (always strings on the wire). */
export function badQueryValues(schema: JsonSchema, name: string): BadValue[] {
  const types = allowedTypes(schema);
  const numeric = types !== undefined && types.has('number') && !types.has('string');
  const values: BadValue[] = [
    { label: 'NUL', value: NUL, mustFail: true },
    // On the wire a lone surrogate can only be bytes that are no UTF-8; the parser reads them as plain text.
    { label: 'lone surrogate', value: SURROGATE, mustFail: false },
  ];
  // A number where the schema wants a number is judged by the bounds; elsewhere by the schema as text.
  if (numeric) for (const n of outOfRangeNumbers) values.push({ label: `number ${n}`, value: n, mustFail: violates(schema, Number(n)) });
  if (schema.enum !== undefined || numeric || schema.pattern !== undefined) values.push({ label: 'not a member', value: 'fuzz-not-a-member', mustFail: true });
  if (isDateField(name, schema)) for (const d of impossibleDates) values.push({ label: `impossible date ${d}`, value: d, mustFail: true });
  return values;
}

/** A 1 MB query value: refused where the schema bounds it. */
export const hugeQueryValue = (schema: JsonSchema): BadValue => {
  const types = allowedTypes(schema);
  return { label: 'huge string', value: HUGE_STRING, mustFail: violates(schema, HUGE_STRING) || (types !== undefined && !types.has('string')) };
};

/** A string that carries NUL or a lone surrogate somewhere, around random text. */
export const poisonedString = (): fc.Arbitrary<string> =>
  fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom('\u0000', '\ud800', '\udfff', '\udbff'), fc.string({ maxLength: 20 })).map(([a, bad, b]) => `${a}${bad}${b}`);

/** Random bad values for a body field: the sure ones as constants, poisoned strings, and random JSON (2xx allowed). */
export function bodyValueArbitrary(schema: JsonSchema, name: string): fc.Arbitrary<BadValue> {
  const sure = badBodyValues(schema, name).filter((v) => v.label !== 'huge array');
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...sure) },
    { weight: 2, arbitrary: poisonedString().map((value) => ({ label: 'poisoned string', value, mustFail: true })) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ label: 'random JSON', value, mustFail: false })) },
  );
}

/** Random bad values for a query parameter. */
export function queryValueArbitrary(schema: JsonSchema, name: string): fc.Arbitrary<BadValue> {
  const sure = badQueryValues(schema, name);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...sure) },
    // A surrogate alone in a URL arrives as bytes that are no UTF-8, read as plain text; NUL must be refused.
    { weight: 2, arbitrary: poisonedString().map((value) => ({ label: 'poisoned string', value, mustFail: value.includes('\u0000') })) },
    { weight: 2, arbitrary: fc.string({ maxLength: 60 }).map((value) => ({ label: 'random text', value, mustFail: false })) },
  );
}
