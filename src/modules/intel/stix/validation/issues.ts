// What validation reports: every problem with a JSON Pointer, a stable code and a message.

export type StixIssueSeverity = 'error' | 'warning';

export const stixIssueCodes = [
  'not-object', // the value is not a JSON object
  'missing-property', // a required property is absent
  'type', // a property has the wrong JSON type
  'null-value', // JSON null, which STIX never uses
  'empty-list', // lists have at least one item
  'empty-dictionary', // dictionaries have at least one key
  'range', // a number outside its allowed range
  'timestamp', // not an RFC 3339 UTC timestamp
  'timestamp-precision', // fewer fractional digits than required, or more than allowed
  'timestamp-order', // e.g. modified before created, valid_until not after valid_from
  'identifier', // not `type--uuid` with an RFC 4122 UUID
  'identifier-type', // a reference points at an object type it may not point at
  'id-type-mismatch', // `id` prefix differs from `type`
  'spec-version', // spec_version is not "2.1"
  'type-name', // an object type name breaks the naming rules
  'reserved-name', // a reserved property or type name is used
  'custom-property-name', // a custom property name breaks the naming rules
  'custom-property-prefix', // a custom property without `x_` and without a toplevel-property-extension
  'custom-type-prefix', // a custom object type without `x-` and without a new-* extension
  'not-applicable', // a common property that this kind of object does not use
  'unknown-property', // a property no rule knows, inside a typed sub-object
  'vocabulary', // a value outside a suggested open vocabulary
  'enumeration', // a value outside a closed enumeration
  'format', // a string that breaks its format (hex, base64, address, language tag, ...)
  'hash', // a hash value that does not fit its algorithm
  'dictionary-key', // a dictionary key that breaks the key rules
  'conflict', // properties that may not appear together
  'dependency', // a property that needs another one
  'at-least-one', // none of a set of properties, one of which is required
  'extension', // a malformed extension instance
  'relationship-type', // a relationship_type not defined for its source and target types
  'granular-marking', // a malformed granular marking or a selector that does not resolve
  'marking-definition', // a malformed marking definition (including TLP definitions)
  'pattern', // a STIX pattern that does not parse
  'deprecated', // a deprecated property
  'sco-id', // an SCO UUIDv5 id that does not match its ID contributing properties
  'duplicate', // the same object version twice in a bundle with different content
  'bundle', // a malformed bundle envelope
] as const;

export type StixIssueCode = (typeof stixIssueCodes)[number];

export interface StixIssue {
  /** JSON Pointer into the validated value, e.g. `/objects/3/valid_from`; `""` for the value itself. */
  readonly path: string;
  readonly code: StixIssueCode;
  readonly severity: StixIssueSeverity;
  readonly message: string;
}

/** A result at a parse boundary: on success `issues` holds only warnings. */
export type StixValidation<T> =
  | { readonly success: true; readonly data: T; readonly issues: readonly StixIssue[] }
  | { readonly success: false; readonly issues: readonly StixIssue[] };

/** Escapes one JSON Pointer segment (RFC 6901). */
export function pointerSegment(key: string): string {
  return key.includes('~') || key.includes('/') ? key.replaceAll('~', '~0').replaceAll('/', '~1') : key;
}
