// The intelligence store's resources as the API, the CLI and the console see them.
import type { Tlp } from '../../platform/tlp.js';

/** Admiralty source reliability: A completely reliable .. E unreliable, F cannot be judged. */
export const reliabilities = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Reliability = (typeof reliabilities)[number];

export interface ImportOptions {
  /** Organisation that will hold the objects (the local operator must name one). */
  readonly orgId?: string | undefined;
  /** TLP for objects without a TLP marking (default amber). */
  readonly tlp?: Tlp | undefined;
  readonly sharedUpward?: boolean | undefined;
  /** Name of the feed or source; empty when the organisation itself is the source. */
  readonly source?: string | undefined;
  readonly reliability?: Reliability | undefined;
  /** Confidence (0-100) for objects that state none. */
  readonly confidence?: number | undefined;
  /** A name for the import job (file name). */
  readonly name?: string | undefined;
}

export interface ImportIssue {
  /** Position of the object in the bundle's `objects` (-1 for the bundle itself). */
  readonly index: number;
  readonly id?: string | undefined;
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

export interface ImportReport {
  readonly id: string;
  readonly status: 'pending' | 'complete' | 'failed';
  readonly name: string;
  readonly orgId: string;
  readonly bundleId: string | null;
  readonly objects: number;
  readonly stored: number;
  readonly duplicates: number;
  readonly invalid: number;
  readonly contradictions: number;
  /** Contradictions with other holders flagged for analysts (stored anyway). */
  readonly conflictsFlagged: number;
  readonly issues: readonly ImportIssue[];
  /** More issues than the report keeps. */
  readonly issuesTruncated: boolean;
  readonly elapsedMs: number;
  readonly objectsPerSecond: number;
  readonly error: string | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

export interface IntelObjectSummary {
  readonly id: string;
  readonly type: string;
  readonly name: string | null;
  readonly version: string;
  readonly orgId: string;
  readonly orgName: string;
  readonly tlp: Tlp;
  readonly sharedUpward: boolean;
  /** The object's own confidence (or the import's default). */
  readonly confidence: number | null;
  /** Confidence after corroboration by independent sources the reader can see (ADR 007). */
  readonly displayedConfidence: number;
  /** Independent sources (visible to the reader) holding the object or, for indicators, its pattern. */
  readonly sources: number;
  readonly source: string;
  readonly reliability: Reliability;
  readonly revoked: boolean;
  readonly labels: readonly string[];
  readonly dateAdded: string;
  /** Relationships: its source and target; sightings: what was sighted (source). Shown as names by the console. */
  readonly sourceRef: string | null;
  readonly targetRef: string | null;
  /** The identity that created the object, when it says. */
  readonly createdByRef: string | null;
}

export interface IntelObjectPage {
  readonly items: readonly IntelObjectSummary[];
  readonly nextCursor: string | null;
}

export interface IntelVersion {
  readonly version: string;
  readonly dateAdded: string;
  readonly orgId: string;
  readonly orgName: string;
  readonly source: string;
  readonly reliability: Reliability;
  readonly revoked: boolean;
  readonly object: Readonly<Record<string, unknown>>;
}

export interface IntelRelationship {
  readonly id: string;
  readonly type: string;
  readonly relationshipType: string | null;
  readonly sourceRef: string | null;
  readonly targetRef: string | null;
  readonly direction: 'outgoing' | 'incoming';
  readonly orgId: string;
  readonly revoked: boolean;
}

export interface IntelConflict {
  readonly kind: 'content' | 'revoked' | 'disputed';
  readonly version: string;
  readonly orgId: string;
  readonly source: string;
  readonly otherOrgId: string;
  readonly otherSource: string;
  readonly detail: string;
  readonly detectedAt: string;
}

export interface IntelObjectDetail {
  readonly summary: IntelObjectSummary;
  /** The newest visible version, with granular markings the reader may not see removed. */
  readonly object: Readonly<Record<string, unknown>>;
  readonly versions: readonly IntelVersion[];
  readonly relationships: readonly IntelRelationship[];
  readonly conflicts: readonly IntelConflict[];
}

export interface IntelListQuery {
  readonly type?: string | undefined;
  readonly id?: string | undefined;
  readonly label?: string | undefined;
  readonly tlp?: Tlp | undefined;
  readonly orgId?: string | undefined;
  readonly revoked?: boolean | undefined;
  readonly q?: string | undefined;
  readonly addedAfter?: string | undefined;
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
}

export interface ExportFilter {
  readonly types?: readonly string[] | undefined;
  readonly ids?: readonly string[] | undefined;
  readonly labels?: readonly string[] | undefined;
  readonly addedAfter?: string | undefined;
  /** Most permissive TLP to include (e.g. green: clear and green only). */
  readonly tlpMax?: Tlp | undefined;
  /** Every stored version, or only the newest of each id (default). */
  readonly versions?: 'last' | 'all' | undefined;
  /** Also export what the selected objects refer to (default true). */
  readonly dependencies?: boolean | undefined;
}
