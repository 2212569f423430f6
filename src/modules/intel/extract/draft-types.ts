// The draft STIX 2.1 bundle made from an extraction: plain JSON objects, every one marked
// x_bulwark_draft so that nothing is published before an analyst has reviewed it.

export interface DraftMeta {
  /** The report's name (title of the source document). */
  readonly name: string;
  /** When the source was published (STIX timestamp or Date); defaults to the time of drafting. */
  readonly published?: string | Date;
  /** STIX identity id of the organisation drafting the report ("identity--<uuid>"). */
  readonly createdBy?: string;
  readonly description?: string;
}

export interface DraftOptions {
  /** Time written to created, modified and valid_from; defaults to now. */
  readonly now?: Date;
}

export interface ExternalReference {
  readonly source_name: string;
  readonly external_id?: string;
  readonly url?: string;
  readonly description?: string;
}

/** Where the object came from in the report text, for the analyst. */
export interface ExtractionTrace {
  readonly finding_type: string;
  readonly value: string;
  readonly original: string;
  readonly offsets: readonly (readonly [number, number])[];
  readonly count: number;
  readonly defanged: boolean;
  readonly documentation?: true;
}

interface DraftCommon {
  readonly spec_version: '2.1';
  readonly id: string;
  readonly created: string;
  readonly modified: string;
  readonly created_by_ref?: string;
  readonly x_bulwark_draft: true;
}

export interface DraftIndicator extends DraftCommon {
  readonly type: 'indicator';
  readonly name: string;
  readonly description: string;
  readonly indicator_types: readonly string[];
  readonly pattern: string;
  readonly pattern_type: 'stix';
  readonly pattern_version: '2.1';
  readonly valid_from: string;
  readonly confidence: number;
  readonly labels?: readonly string[];
  readonly x_bulwark_extraction: ExtractionTrace;
}

export interface DraftVulnerability extends DraftCommon {
  readonly type: 'vulnerability';
  readonly name: string;
  readonly external_references: readonly ExternalReference[];
  readonly confidence: number;
  readonly x_bulwark_extraction: ExtractionTrace;
}

export interface DraftAttackPattern extends DraftCommon {
  readonly type: 'attack-pattern';
  readonly name: string;
  readonly external_references: readonly ExternalReference[];
  readonly confidence: number;
  readonly x_bulwark_extraction: ExtractionTrace;
}

export interface DraftNote extends DraftCommon {
  readonly type: 'note';
  readonly abstract: string;
  readonly content: string;
  readonly object_refs: readonly string[];
}

export interface IndustrialContext {
  readonly vendors: readonly string[];
  readonly products: readonly string[];
  readonly protocols: readonly string[];
}

export interface DraftReport extends DraftCommon {
  readonly type: 'report';
  readonly name: string;
  readonly description: string;
  readonly report_types: readonly ['threat-report'];
  readonly published: string;
  readonly object_refs: readonly string[];
  readonly labels?: readonly string[];
  readonly x_bulwark_context: IndustrialContext;
  readonly x_bulwark_extraction_truncated?: true;
}

export type DraftObject = DraftReport | DraftIndicator | DraftVulnerability | DraftAttackPattern | DraftNote;

export interface DraftBundle {
  readonly type: 'bundle';
  readonly id: string;
  readonly objects: readonly DraftObject[];
}
