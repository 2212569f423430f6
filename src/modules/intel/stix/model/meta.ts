// STIX Relationship Objects (section 5), meta objects (section 7) and the bundle (section 8).
import type { Dictionary, Extensions, ExtensionType, ExternalReference, Identifier, SdoBase, StixBase, Timestamp } from './common.js';

export interface Relationship extends SdoBase {
  readonly type: 'relationship';
  readonly relationship_type: string;
  readonly description?: string;
  readonly source_ref: Identifier;
  readonly target_ref: Identifier;
  readonly start_time?: Timestamp;
  readonly stop_time?: Timestamp;
}

export interface Sighting extends SdoBase {
  readonly type: 'sighting';
  readonly description?: string;
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  readonly count?: number;
  readonly sighting_of_ref: Identifier;
  readonly observed_data_refs?: readonly Identifier[];
  readonly where_sighted_refs?: readonly Identifier[];
  readonly summary?: boolean;
}

export type StixRelationshipObject = Relationship | Sighting;

export interface StatementMarking {
  readonly statement: string;
}

/** TLP 1.0 form (`definition_type: "tlp"`); TLP 2.0 uses the extension definition instead. */
export interface TlpMarking {
  readonly tlp: string;
}

/** TLP 2.0 marking, carried in `extensions[extension-definition--60a3c5c5-…]`. */
export interface Tlp2MarkingExtension {
  readonly extension_type: 'property-extension';
  readonly tlp_2_0: string;
}

/** Not versioned: no `modified`. Either `definition_type` with `definition`, or `extensions`. */
export interface MarkingDefinition extends StixBase {
  readonly type: 'marking-definition';
  readonly spec_version: '2.1';
  readonly created_by_ref?: Identifier;
  readonly created: Timestamp;
  readonly external_references?: readonly ExternalReference[];
  readonly name?: string;
  readonly definition_type?: string;
  readonly definition?: StatementMarking | TlpMarking | Dictionary;
}

export interface ExtensionDefinition extends StixBase {
  readonly type: 'extension-definition';
  readonly spec_version: '2.1';
  readonly created_by_ref: Identifier;
  readonly created: Timestamp;
  readonly modified: Timestamp;
  readonly revoked?: boolean;
  readonly labels?: readonly string[];
  readonly external_references?: readonly ExternalReference[];
  readonly name: string;
  readonly description?: string;
  readonly schema: string;
  readonly version: string;
  readonly extension_types: readonly ExtensionType[];
  readonly extension_properties?: readonly string[];
}

export interface LanguageContent extends StixBase {
  readonly type: 'language-content';
  readonly spec_version: '2.1';
  readonly created_by_ref?: Identifier;
  readonly created: Timestamp;
  readonly modified: Timestamp;
  readonly revoked?: boolean;
  readonly labels?: readonly string[];
  readonly confidence?: number;
  readonly external_references?: readonly ExternalReference[];
  readonly object_ref: Identifier;
  readonly object_modified?: Timestamp;
  /** Language code → translated properties mirroring the target object. */
  readonly contents: Readonly<Record<string, Dictionary>>;
}

export type StixMetaObject = MarkingDefinition | ExtensionDefinition | LanguageContent;

/**
 * A custom object (deprecated `x-` types or a new-sdo/new-sco/new-sro extension): any properties,
 * kept as they are.
 */
export interface StixCustomObject extends StixBase {
  readonly [property: string]: unknown;
  readonly type: string;
  readonly id: Identifier;
  readonly extensions?: Extensions;
}
