// What CACAO validation reports: every problem with a JSON Pointer (RFC 6901, as the intel module's
// STIX validator does), a stable code and a message. Validation never throws.

export type CacaoIssueSeverity = 'error' | 'warning';

export const cacaoIssueCodes = [
  'not-object', // the value is not a JSON object
  'missing-property', // a required property is absent
  'type', // a property has the wrong JSON type
  'range', // a number outside its allowed range
  'empty', // a list or dictionary that must have entries has none
  'enumeration', // a value outside a closed enumeration
  'vocabulary', // a value outside an open vocabulary (a warning: the specification allows it)
  'identifier', // not `type--uuid`, or the wrong object type for this place
  'id-mismatch', // a dictionary key that differs from its object's type or id
  'timestamp', // not an RFC 3339 UTC timestamp, or an impossible date
  'timestamp-precision', // created and modified are given to the millisecond
  'timestamp-order', // modified before created, valid_until not after valid_from
  'unknown-property', // a property the object type does not define
  'conflict', // properties that may not appear together
  'dependency', // a property that needs another one
  'format', // a string that breaks its format (base64, address, ...)
  'variable-name', // a variable name without the `__name__` syntax
  'variable-value', // a variable value that does not fit its type
  'undeclared-variable', // a command, condition or argument uses a variable nobody declared
  'unresolved-reference', // an on_* / next_steps / case / definition reference that does not resolve
  'start', // no start step, more than one, or workflow_start not naming it
  'no-end', // no end step is reachable from the start
  'dead-end', // a step that is not an end and leads nowhere
  'orphan-step', // a step nothing leads to
  'cycle', // a loop that does not pass through a while-condition
  'unknown-playbook', // a playbook-action names a playbook the store does not know
  'signature', // a malformed signature, or one that does not verify
] as const;

export type CacaoIssueCode = (typeof cacaoIssueCodes)[number];

export interface CacaoIssue {
  /** JSON Pointer into the validated value, e.g. `/workflow/action--…/commands/0/type`; `""` for the value itself. */
  readonly path: string;
  readonly code: CacaoIssueCode;
  readonly severity: CacaoIssueSeverity;
  readonly message: string;
}

/** A result at a parse boundary: on success `issues` holds only warnings. */
export type CacaoValidation<T> =
  | { readonly success: true; readonly data: T; readonly issues: readonly CacaoIssue[] }
  | { readonly success: false; readonly issues: readonly CacaoIssue[] };

/** Escapes one JSON Pointer segment (RFC 6901). */
export function pointerSegment(key: string | number): string {
  const text = String(key);
  return text.includes('~') || text.includes('/') ? text.replaceAll('~', '~0').replaceAll('/', '~1') : text;
}

/** Appends segments to a pointer. */
export function pointer(base: string, ...segments: readonly (string | number)[]): string {
  return segments.reduce<string>((path, segment) => `${path}/${pointerSegment(segment)}`, base);
}
