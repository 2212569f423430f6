// Comparison expressions compiled to closures that test one root SCO of one observation. The spec's
// rules: a missing property makes a comparison false whatever its operator; `[*]` means any element;
// `_ref`/`_refs` properties are followed when the path goes on; `_hex`/`_bin` properties are bytes.
import { compileStixRegex, likeTester, MAX_MATCH_SUBJECT } from './regex.js';
import type { ComparisonExpression, Constant, PathStep, PropertyComparison, Sco } from './types.js';
import {
  blockContains,
  bytesToLatin1,
  compareBytes,
  compareStrings,
  decodeBase64,
  decodeHex,
  parseIpBlock,
  parseStixTimestamp,
  stringToBytes,
} from './values.js';

export type Resolver = (ref: string) => Sco | undefined;
/** True when `root` (with references resolved through `resolve`) satisfies the expression. */
export type RootTest = (root: Sco, resolve: Resolver) => boolean;
type ValueTest = (value: unknown, property: string | undefined) => boolean;

export function isRefName(name: string | undefined): boolean {
  return name !== undefined && (name.endsWith('_ref') || name.endsWith('_refs'));
}

function isBinaryName(name: string | undefined): boolean {
  return name !== undefined && (name.endsWith('_hex') || name.endsWith('_bin'));
}

function binaryValue(value: unknown, property: string | undefined): Uint8Array | undefined {
  if (typeof value !== 'string') return undefined;
  if (property?.endsWith('_hex')) return decodeHex(value);
  if (property?.endsWith('_bin')) return decodeBase64(value);
  return stringToBytes(value);
}

function isPlainObject(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether any value reached by `steps` from `node` passes `test`. */
export function someValue(node: unknown, steps: readonly PathStep[], i: number, property: string | undefined, resolve: Resolver, test: ValueTest): boolean {
  if (i === steps.length) return node !== undefined && node !== null && test(node, property);
  let here = node;
  if (typeof here === 'string' && isRefName(property)) {
    here = resolve(here);
    if (here === undefined) return false;
  }
  const step = steps[i] as PathStep;
  if (step.kind === 'property') {
    if (!isPlainObject(here) || !Object.hasOwn(here, step.name)) return false;
    return someValue(here[step.name], steps, i + 1, step.name, resolve, test);
  }
  if (!Array.isArray(here)) return false;
  if (step.kind === 'index') {
    const at = step.index < 0 ? here.length + step.index : step.index;
    return at >= 0 && at < here.length && someValue(here[at], steps, i + 1, property, resolve, test);
  }
  for (const element of here) {
    if (someValue(element, steps, i + 1, property, resolve, test)) return true;
  }
  return false;
}

/** Equality as the spec types it; values of other types are simply unequal. */
function equalsConstant(value: unknown, property: string | undefined, c: Constant): boolean {
  switch (c.type) {
    case 'string':
      if (isBinaryName(property)) {
        const bytes = binaryValue(value, property);
        const wanted = stringToBytes(c.value);
        return bytes !== undefined && wanted !== undefined && compareBytes(bytes, wanted) === 0;
      }
      return value === c.value;
    case 'integer':
    case 'float':
    case 'boolean':
      return value === c.value;
    case 'binary': {
      const bytes = binaryValue(value, property);
      return bytes !== undefined && compareBytes(bytes, c.value) === 0;
    }
    case 'timestamp':
      return typeof value === 'string' && parseStixTimestamp(value)?.key === c.key;
  }
}

/** Order of `value` relative to `c`, or undefined when the two cannot be ordered. */
function compareToConstant(value: unknown, property: string | undefined, c: Constant): number | undefined {
  switch (c.type) {
    case 'string': {
      if (isBinaryName(property)) {
        const bytes = binaryValue(value, property);
        const other = stringToBytes(c.value);
        return bytes === undefined || other === undefined ? undefined : compareBytes(bytes, other);
      }
      return typeof value === 'string' ? compareStrings(value, c.value) : undefined;
    }
    case 'integer':
    case 'float':
      return typeof value === 'number' ? value - c.value : undefined;
    case 'binary': {
      const bytes = binaryValue(value, property);
      return bytes === undefined ? undefined : compareBytes(bytes, c.value);
    }
    case 'timestamp': {
      const key = typeof value === 'string' ? parseStixTimestamp(value)?.key : undefined;
      return key === undefined ? undefined : compareStrings(key, c.key);
    }
    case 'boolean':
      return undefined;
  }
}

function inTest(values: readonly Constant[]): ValueTest {
  // Plain strings, numbers and booleans go through a Set; bytes and timestamps need the typed equality.
  const simple = new Set<unknown>();
  const typed: Constant[] = [];
  for (const c of values) {
    if (c.type === 'string' || c.type === 'integer' || c.type === 'float' || c.type === 'boolean') simple.add(c.value);
    if (c.type === 'binary' || c.type === 'timestamp' || c.type === 'string') typed.push(c);
  }
  return (value, property) => {
    if (!isBinaryName(property) && simple.has(value)) return true;
    if (typeof value !== 'string') return false;
    for (const c of typed) {
      if (c.type === 'string' && !isBinaryName(property)) continue;
      if (equalsConstant(value, property, c)) return true;
    }
    return false;
  };
}

function stringSubject(value: unknown, property: string | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (!isBinaryName(property)) return value;
  const bytes = binaryValue(value, property);
  return bytes === undefined ? undefined : bytesToLatin1(bytes);
}

function operatorTest(e: PropertyComparison): ValueTest {
  const v = e.value;
  if (v.type === 'set') return inTest(v.values);
  switch (e.operator) {
    case '=':
      return (value, property) => equalsConstant(value, property, v);
    case '!=':
      return (value, property) => !equalsConstant(value, property, v);
    case '<':
      return (value, property) => (compareToConstant(value, property, v) ?? 0) < 0;
    case '<=': {
      return (value, property) => {
        const c = compareToConstant(value, property, v);
        return c !== undefined && c <= 0;
      };
    }
    case '>':
      return (value, property) => (compareToConstant(value, property, v) ?? 0) > 0;
    case '>=': {
      return (value, property) => {
        const c = compareToConstant(value, property, v);
        return c !== undefined && c >= 0;
      };
    }
    case 'LIKE': {
      if (v.type !== 'string') return () => false;
      const like = likeTester(v.value);
      return (value, property) => {
        const s = stringSubject(value, property);
        return s !== undefined && like(s);
      };
    }
    case 'MATCHES': {
      const compiled = v.type === 'string' ? compileStixRegex(v.value) : undefined;
      if (compiled === undefined || !compiled.ok) return () => false;
      const regex = compiled.regex;
      return (value, property) => {
        const s = stringSubject(value, property);
        return s !== undefined && s.length <= MAX_MATCH_SUBJECT && regex.test(s);
      };
    }
    case 'ISSUBSET':
    case 'ISSUPERSET': {
      const block = v.type === 'string' ? parseIpBlock(v.value) : undefined;
      if (block === undefined) return () => false;
      const subset = e.operator === 'ISSUBSET';
      return (value) => {
        const other = typeof value === 'string' ? parseIpBlock(value) : undefined;
        return other !== undefined && (subset ? blockContains(block, other) : blockContains(other, block));
      };
    }
    case 'IN':
      return () => false;
  }
}

const compiled = new WeakMap<ComparisonExpression, RootTest>();

/** Compiles once per expression object; the closures are reused by every evaluation. */
export function compileComparison(e: ComparisonExpression): RootTest {
  const hit = compiled.get(e);
  if (hit !== undefined) return hit;
  const test = build(e);
  compiled.set(e, test);
  return test;
}

function build(e: ComparisonExpression): RootTest {
  switch (e.type) {
    case 'comparison': {
      const { objectType, steps } = e.path;
      const base = operatorTest(e);
      // NOT negates each value's test; a missing property still fails (it has no value to negate).
      const test: ValueTest = e.negated ? (value, property) => !base(value, property) : base;
      return (root, resolve) => root.type === objectType && someValue(root, steps, 0, undefined, resolve, test);
    }
    case 'exists': {
      const { objectType, steps } = e.path;
      return (root, resolve) => root.type === objectType && someValue(root, steps, 0, undefined, resolve, () => true);
    }
    case 'comparison-and': {
      const tests = e.operands.map(compileComparison);
      return (root, resolve) => {
        for (const t of tests) if (!t(root, resolve)) return false;
        return true;
      };
    }
    case 'comparison-or': {
      const tests = e.operands.map(compileComparison);
      return (root, resolve) => {
        for (const t of tests) if (t(root, resolve)) return true;
        return false;
      };
    }
  }
}

/**
 * Object types a root must have to satisfy the expression: AND needs one root to pass every operand
 * (so the intersection), OR any operand (the union). An empty set means it can never match.
 */
export function rootTypes(e: ComparisonExpression): ReadonlySet<string> {
  switch (e.type) {
    case 'comparison':
    case 'exists':
      return new Set([e.path.objectType]);
    case 'comparison-or': {
      const out = new Set<string>();
      for (const o of e.operands) for (const t of rootTypes(o)) out.add(t);
      return out;
    }
    case 'comparison-and': {
      let out: Set<string> | undefined;
      for (const o of e.operands) {
        const types = rootTypes(o);
        out = out === undefined ? new Set(types) : new Set([...out].filter((t) => types.has(t)));
      }
      return out ?? new Set();
    }
  }
}
