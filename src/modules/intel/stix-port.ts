// The few STIX services the store needs (validation, TLP of an object, redaction of granular
// markings), in one place so the rest of the module does not depend on how stix/ spells them.
import type { Tlp } from '../../platform/tlp.js';
import { parsePattern } from './pattern/index.js';
import type { StixObject } from './stix-facts.js';
import { effectiveTlp, redactGranular, tlpFromMarkingId, validateStixObject, type PatternParser } from './stix/index.js';

export interface ObjectIssue {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

export type ObjectCheck = { readonly success: true; readonly data: StixObject } | { readonly success: false; readonly issues: readonly ObjectIssue[] };

/** Indicators with pattern_type stix must have a pattern that parses. */
const patternParser: PatternParser = (pattern) => {
  const r = parsePattern(pattern);
  return r.success ? { success: true } : { success: false, issues: [{ message: r.error.message, offset: r.error.offset, column: r.error.column }] };
};

/** JSON Pointer (`/granular_markings/0/selectors`) to the dotted paths the rest of Bulwark reports. */
export function pointerToPath(pointer: string): string {
  if (pointer === '') return '';
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

/** Validates one STIX object; only errors count (warnings such as open-vocabulary misses do not refuse it). */
export function checkObject(value: unknown): ObjectCheck {
  const result = validateStixObject(value, { patternParser, warnings: false });
  if (result.success) return { success: true, data: result.data as unknown as StixObject };
  return {
    success: false,
    issues: result.issues.filter((i) => i.severity === 'error').map((i) => ({ path: pointerToPath(i.path), code: i.code, message: i.message })),
  };
}

/** The most restrictive TLP among the object's object-level markings (TLP 2.0 or the STIX 2.1 built-in 1.0 ones). */
export function tlpOf(object: StixObject): Tlp | undefined {
  return effectiveTlp(object as { object_marking_refs?: readonly string[] });
}

/** The object without the parts under granular TLP markings the receiver may not see; other markings pass. */
export function redactFor(object: StixObject, allowed: readonly Tlp[]): StixObject {
  if (!Array.isArray(object['granular_markings'])) return object;
  return redactGranular(object, (markingId) => {
    const level = tlpFromMarkingId(markingId);
    return level === undefined || allowed.includes(level);
  });
}
