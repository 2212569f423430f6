// Intelligence API answers: the server's own resource types where it has them, the rest from the route schemas.
import type { Tlp } from './types';

export {
  reliabilities as intelReliabilities,
  type ImportIssue,
  type ImportReport as IntelImportReport,
  type IntelConflict,
  type IntelObjectDetail,
  type IntelObjectPage,
  type IntelObjectSummary,
  type IntelRelationship,
  type IntelVersion,
  type Reliability as IntelReliability,
} from '../../../src/modules/intel/types.js';

import type { ImportIssue, Reliability } from '../../../src/modules/intel/types.js';

/** A STIX object as JSON: every property is optional to the console, which checks before it shows. */
export type StixObject = Readonly<Record<string, unknown>>;

/** Filters of GET /intel/objects and /intel/facets; `type` and `label` are lists, sent comma-separated. */
export interface IntelQuery {
  readonly type?: readonly string[];
  readonly label?: readonly string[];
  readonly tlp?: Tlp | '';
  readonly orgId?: string;
  /** true: only revoked objects; false: none of them; left out: both. */
  readonly revoked?: boolean;
  readonly q?: string;
}

export interface FacetCount {
  readonly value: string;
  readonly count: number;
}

export interface IntelFacets {
  readonly types: readonly FacetCount[];
  readonly tlp: readonly FacetCount[];
  readonly labels: readonly FacetCount[];
}

/** POST /intel/validate: every problem with the object's position in the bundle and the JSON path in it. */
export interface BundleValidation {
  readonly valid: boolean;
  readonly objects: number;
  readonly issues: readonly ImportIssue[];
  readonly issuesTruncated: boolean;
}

/** The query string of POST /intel/imports; the bundle is the raw body. */
export interface BundleImportOptions {
  readonly name?: string;
  readonly tlp?: Tlp;
  readonly source?: string;
  readonly reliability?: Reliability;
  readonly confidence?: number;
  readonly sharedUpward?: boolean;
}

export const reportKinds = ['text', 'html', 'pdf'] as const;
export type ReportKind = (typeof reportKinds)[number];

/** POST /intel/extract: a draft bundle for review; nothing is stored. */
export interface ExtractResult {
  readonly bundle: { readonly type: 'bundle'; readonly id: string; readonly objects: readonly StixObject[] };
  readonly findings: number;
  readonly warnings: readonly { readonly path: string; readonly code: string; readonly message: string }[];
  readonly truncated: boolean;
}

export interface PatternError {
  readonly message: string;
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly expected: readonly string[];
}

export interface PatternMatch {
  readonly matched: boolean;
  /** For each binding, the positions of the observations that satisfied it. */
  readonly bindings: readonly (readonly number[])[];
  readonly observations: readonly number[];
  readonly truncated: boolean;
  readonly skipped: readonly { readonly index: number; readonly reason: string }[];
}

/** POST /intel/pattern. */
export interface PatternCheck {
  readonly valid: boolean;
  readonly normalized: string | null;
  readonly error: PatternError | null;
  readonly objectPaths: readonly string[];
  readonly match: PatternMatch | null;
}

/** TLP marking-definition ids (2.0, and 1.0 as STIX 2.1 lists them), to name markings an object carries. */
export { legacyTlpMarkingIds, legacyToTlp, tlpMarkingIds } from '../../../src/modules/intel/stix/markings/tlp.js';
