// What every importer produces: source records in one normalized shape, before merging.
// Importers are pure parsers (bytes in, records and issues out); the ingest merges and stores.

export const sourceFormats = ['csaf', 'cve5', 'nvd2', 'osv', 'kev', 'attack', 'cnvd'] as const;
export type SourceFormat = (typeof sourceFormats)[number];

/** Identifier schemes a vulnerability can be known by. */
export const aliasSchemes = ['cve', 'icsa', 'cnvd', 'cnnvd', 'ghsa', 'osv', 'vendor', 'bulwark'] as const;
export type AliasScheme = (typeof aliasSchemes)[number];

export interface Alias {
  readonly scheme: AliasScheme;
  /** Canonical spelling: CVE-2024-1234, ICSA-24-004-01, CNVD-2024-01234, GHSA-xxxx-xxxx-xxxx. */
  readonly value: string;
}

export const remediationCategories = ['vendor_fix', 'mitigation', 'workaround', 'none_available', 'no_fix_planned'] as const;
export type RemediationCategory = (typeof remediationCategories)[number];

export interface CvssClaim {
  readonly version: '2.0' | '3.0' | '3.1' | '4.0';
  readonly vector: string;
  /** The score the source printed, if any; Bulwark recomputes from the vector and keeps both. */
  readonly baseScore?: number | undefined;
  readonly severity?: string | undefined;
}

/**
 * A version range as the source wrote it. `kind` says which grammar `expression` follows;
 * the range parser (versions/) turns it into something matchable, or "unknown".
 */
export type RangeClaim =
  | { readonly kind: 'vers'; readonly expression: string } // CSAF / purl-spec vers: URI, e.g. vers:generic/<4.1.3
  | { readonly kind: 'exact'; readonly version: string } // one version: "V2.9.4"
  | { readonly kind: 'text'; readonly text: string } // vendor free text: "All versions", "V2.0 SP1 and prior"
  | {
      // NVD cpeMatch bounds, CVE 5 version/lessThan, OSV events reduced to bounds
      readonly kind: 'bounds';
      readonly scheme: 'semver' | 'generic' | 'ecosystem';
      readonly introduced?: string | undefined; // inclusive lower bound
      readonly fixed?: string | undefined; // exclusive upper bound
      readonly lastAffected?: string | undefined; // inclusive upper bound
      readonly excludedStart?: string | undefined; // exclusive lower bound (NVD versionStartExcluding)
    }
  | { readonly kind: 'all' };

export interface ProductRef {
  /** Vendor name as written in the source (normalization happens later). */
  readonly vendor: string;
  readonly product: string;
  readonly cpe?: string | undefined; // CPE 2.3 formatted string
  readonly purl?: string | undefined;
}

export interface AffectedClaim {
  readonly product: ProductRef;
  readonly range: RangeClaim;
  readonly status: 'affected' | 'not_affected' | 'fixed' | 'unknown';
  /**
   * NVD configurations: all entries with the same non-null group must hold together (AND),
   * e.g. vulnerable firmware running on a given device. Null: stands alone (OR).
   */
  readonly group?: string | null | undefined;
  /** Within an AND group: a platform requirement ("running on"), not itself vulnerable. */
  readonly platformOnly?: boolean | undefined;
  readonly negate?: boolean | undefined;
}

export interface RemediationClaim {
  readonly category: RemediationCategory;
  readonly details: string;
  readonly url?: string | undefined;
  /** Products it applies to (same vendor/product names as in `affected`); empty: all. */
  readonly products?: readonly ProductRef[] | undefined;
}

export interface ReferenceClaim {
  readonly url: string;
  readonly summary?: string | undefined;
  readonly tags?: readonly string[] | undefined;
}

export interface KevClaim {
  readonly dateAdded: string; // YYYY-MM-DD
  readonly dueDate?: string | undefined;
  readonly knownRansomwareCampaignUse: 'Known' | 'Unknown';
  readonly requiredAction?: string | undefined;
  readonly notes?: string | undefined;
}

/** One source's statement about one vulnerability. */
export interface VulnerabilityRecord {
  readonly kind: 'vulnerability';
  /** Stable id of this record within its source (e.g. "ICSA-24-004-01#CVE-2023-38545", "CVE-2024-1234"). */
  readonly sourceRecordId: string;
  readonly aliases: readonly Alias[];
  readonly title?: string | undefined;
  readonly description?: string | undefined;
  readonly cwes: readonly { readonly id: string; readonly name?: string | undefined }[]; // id "CWE-787"
  /** CNVD/CNNVD cause type as written, for the GB/T 30279 cause mapping. */
  readonly causeType?: string | undefined;
  readonly cvss: readonly CvssClaim[];
  readonly affected: readonly AffectedClaim[];
  readonly remediations: readonly RemediationClaim[];
  readonly references: readonly ReferenceClaim[];
  readonly kev?: KevClaim | undefined;
  readonly published?: string | undefined; // ISO 8601
  readonly modified?: string | undefined;
  /** The advisory this record came from (CSAF tracking id), if any. */
  readonly advisoryId?: string | undefined;
}

/** A security advisory document (e.g. one CISA ICSA), linking vulnerabilities and products. */
export interface AdvisoryRecord {
  readonly kind: 'advisory';
  readonly sourceRecordId: string;
  readonly id: string; // "ICSA-24-004-01"
  readonly title: string;
  readonly publisher: string;
  readonly published?: string | undefined;
  readonly modified?: string | undefined;
  readonly tlp?: string | undefined;
  readonly summary?: string | undefined;
  readonly url?: string | undefined;
  readonly vulnerabilityAliases: readonly Alias[];
  readonly products: readonly ProductRef[];
}

/** An ATT&CK for ICS object (technique, tactic, mitigation, group, software, asset, data source...). */
export interface ThreatRecord {
  readonly kind: 'threat';
  readonly sourceRecordId: string; // STIX id
  readonly stixType: string; // attack-pattern, x-mitre-tactic, course-of-action, intrusion-set, malware, tool, x-mitre-asset, ...
  readonly externalId?: string | undefined; // T0800, TA0108, M0801, G0034, S0603, A0001
  readonly name: string;
  readonly description?: string | undefined;
  readonly url?: string | undefined;
  readonly deprecated: boolean;
  /** For techniques: tactic short names (kill chain phases), e.g. "inhibit-response-function". */
  readonly tactics?: readonly string[] | undefined;
  readonly shortName?: string | undefined; // tactics: x_mitre_shortname
  readonly platforms?: readonly string[] | undefined;
  readonly modified?: string | undefined;
}

export interface ThreatRelationRecord {
  readonly kind: 'threat-relation';
  readonly sourceRecordId: string; // STIX relationship id
  readonly sourceRef: string;
  readonly targetRef: string;
  readonly relationshipType: string; // uses, mitigates, targets, subtechnique-of, detects
  readonly description?: string | undefined;
}

export type SourceRecord = VulnerabilityRecord | AdvisoryRecord | ThreatRecord | ThreatRelationRecord;

/** A problem in the input, located precisely; the importer skips what it reports and goes on. */
export interface ImportIssue {
  readonly file: string;
  /** JSON pointer (RFC 6901) for JSON inputs, or "line N" for text/XML. */
  readonly pointer: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export interface ParseResult {
  readonly records: readonly SourceRecord[];
  readonly issues: readonly ImportIssue[];
}

/** Every importer: parse one input document (already read; `file` is for messages). Never throws. */
export type SourceParser = (input: string, file: string) => ParseResult;
