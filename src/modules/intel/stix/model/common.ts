// STIX 2.1 common data types and the property sets shared by every object family.

/** `object-type--UUID`; kept as a plain string so that parsed input needs no casts. */
export type Identifier = string;
/** RFC 3339 in UTC with a `Z`, e.g. `2024-05-01T08:00:00.000Z`. */
export type Timestamp = string;

/** An open vocabulary: the listed values are suggested, any other string is allowed. */
export type OpenVocab<T extends string> = T | (string & Record<never, never>);

/**
 * Custom properties travel untouched. Typed only for the `x_` prefix; other names added by a
 * toplevel-property-extension are kept at run time as well.
 */
export interface CustomProperties {
  readonly [key: `x_${string}`]: unknown;
}

export type Hashes = Readonly<Record<string, string>>;
export type Dictionary = Readonly<Record<string, unknown>>;

export interface ExternalReference {
  readonly source_name: string;
  readonly description?: string;
  readonly url?: string;
  readonly hashes?: Hashes;
  readonly external_id?: string;
}

export interface KillChainPhase {
  readonly kill_chain_name: string;
  readonly phase_name: string;
}

/** Exactly one of `marking_ref` and `lang` is present. */
export interface GranularMarking {
  readonly selectors: readonly string[];
  readonly marking_ref?: Identifier;
  readonly lang?: string;
}

export const extensionTypes = ['new-sdo', 'new-sco', 'new-sro', 'property-extension', 'toplevel-property-extension'] as const;
export type ExtensionType = (typeof extensionTypes)[number];

/** An entry in `extensions` keyed by an extension-definition id. */
export interface ExtensionInstance {
  readonly extension_type?: ExtensionType;
  readonly [property: string]: unknown;
}

/** Keys are extension-definition ids or predefined extension names (`ntfs-ext`, ...). */
export type Extensions = Readonly<Record<string, ExtensionInstance>>;

/** Properties of every STIX object that has an identity. */
export interface StixBase extends CustomProperties {
  readonly type: string;
  readonly id: Identifier;
  readonly spec_version?: '2.1';
  readonly object_marking_refs?: readonly Identifier[];
  readonly granular_markings?: readonly GranularMarking[];
  readonly extensions?: Extensions;
}

/** Versioned objects: SDOs, SROs, language content, extension definitions. */
export interface VersionedBase extends StixBase {
  readonly spec_version: '2.1';
  readonly created_by_ref?: Identifier;
  readonly created: Timestamp;
  readonly modified: Timestamp;
  readonly revoked?: boolean;
  readonly labels?: readonly string[];
  readonly confidence?: number;
  readonly lang?: string;
  readonly external_references?: readonly ExternalReference[];
}

/** Common properties of STIX Domain Objects and Relationship Objects. */
export type SdoBase = VersionedBase;

/** Common properties of STIX Cyber-observable Objects (not versioned). */
export interface ScoBase extends StixBase {
  readonly defanged?: boolean;
}
