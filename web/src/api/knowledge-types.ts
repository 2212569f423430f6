// Knowledge API answers that have no pure server type to re-export (they are built in service files).
import type { HazardGrade, ImportStats, LifecycleState, RemediationCategory, Tlp, VulnerabilitySummary } from './types';

// In sidebar order: the short yes/no and grade facets first, the long lists after.
export const facetNames = ['grade', 'kev', 'hasFix', 'vendor', 'deviceType', 'cwe', 'cause'] as const;
export type FacetName = (typeof facetNames)[number];

export interface FacetValue {
  readonly value: string;
  readonly count: number;
}

export interface VulnerabilitySearch {
  readonly total: number;
  readonly facets: Readonly<Partial<Record<FacetName, readonly FacetValue[]>>>;
  readonly items: readonly VulnerabilitySummary[];
}

export const searchSorts = ['relevance', 'published', 'score'] as const;
export type SearchSort = (typeof searchSorts)[number];

/** The query of GET /kb/vulnerabilities; empty strings are left out of the URL. */
export interface VulnerabilityQuery {
  readonly q?: string;
  readonly vendor?: string;
  readonly product?: string;
  readonly deviceType?: string;
  readonly cwe?: string;
  readonly cause?: string;
  readonly grade?: HazardGrade | '';
  readonly kev?: 'true' | 'false' | '';
  readonly hasFix?: 'true' | 'false' | '';
  readonly lifecycle?: LifecycleState | '';
  readonly from?: string;
  readonly to?: string;
  readonly sort?: SearchSort;
  readonly limit?: number;
  readonly offset?: number;
}

export interface LifecycleEvent {
  readonly from: LifecycleState | null;
  readonly to: LifecycleState;
  readonly actor: string;
  readonly orgId: string | null;
  readonly note: string | null;
  readonly at: string;
}

export interface VulnerabilitySubmission {
  title: string;
  description: string;
  cve?: string;
  vendor: string;
  product: string;
  versions: string;
  cvssVector?: string;
  cwe?: string;
  tlp?: Tlp;
}

export interface VendorSummary {
  readonly id: string;
  readonly name: string;
  readonly products: number;
  readonly vulnerabilities: number;
}

export interface VendorProduct {
  readonly id: string;
  readonly name: string;
  readonly device_type: string;
  readonly cpe: string | null;
  /** Order numbers folded into this product family. */
  readonly variants?: readonly string[];
  readonly vulnerabilities: number;
}

export interface VendorDetail {
  readonly id: string;
  readonly name: string;
  readonly products: readonly VendorProduct[];
}

export interface ProductVulnerability {
  readonly id: string;
  readonly title: string | null;
  readonly grade: HazardGrade | null;
  readonly cvss_score: number | null;
  readonly kev: boolean;
  readonly range_text: string;
  /** The product as the source wrote it, when it named an order number of the family. */
  readonly product_text?: string | null;
  readonly status: string;
  readonly source_id: string;
}

export interface ProductDetail {
  readonly id: string;
  readonly name: string;
  readonly device_type: string;
  readonly cpe: string | null;
  readonly purl: string | null;
  readonly vendor_id: string;
  readonly vendor: string;
  /** Order numbers folded into this product family. */
  readonly variants?: readonly string[];
  readonly vulnerabilities: readonly ProductVulnerability[];
}

export interface AttackTechnique {
  readonly id: string;
  readonly externalId: string | null;
  readonly name: string;
  readonly mitigations: number;
  readonly usedBy: number;
  readonly targets: readonly string[];
  readonly relevant: boolean;
}

export interface AttackTactic {
  readonly id: string;
  readonly externalId: string | null;
  readonly name: string;
  readonly shortName: string | null;
  readonly techniques: readonly AttackTechnique[];
}

export interface AttackMatrix {
  readonly tactics: readonly AttackTactic[];
  readonly coverage: { readonly techniques: number; readonly withMitigations: number; readonly relevantToInventory: number };
}

export const graphNodeKinds = ['vulnerability', 'product', 'vendor', 'weakness', 'advisory', 'attack', 'asset'] as const;
export type GraphNodeKind = (typeof graphNodeKinds)[number];

export interface GraphNode {
  /** `<kind>:<key>`, e.g. `vendor:siemens`. */
  readonly id: string;
  readonly kind: GraphNodeKind;
  readonly label: string;
  readonly detail?: string;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly type: string;
}

export interface KnowledgeGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly truncated: boolean;
}

export interface ImportIssue {
  readonly file: string;
  readonly pointer: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export interface ImportRun {
  readonly id: string;
  readonly format: string;
  readonly location: string;
  readonly status: string;
  readonly actor: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly stats: ImportStats;
  readonly issues: readonly ImportIssue[];
}

export interface ImportReport {
  readonly runId: string;
  readonly stats: ImportStats;
  readonly issues: readonly ImportIssue[];
  readonly touched?: readonly string[];
}

export interface ExposureReason {
  readonly affectedId: string;
  readonly sourceId: string;
  readonly productId: string;
  readonly product: string;
  readonly rangeText: string;
  readonly version: string | null;
  readonly verdict: 'affected' | 'unknown';
  readonly why: string;
  readonly parsed: boolean;
}

export interface AssetExposure {
  readonly vulnId: string;
  readonly title: string | null;
  /** Plain identifiers here ("CVE-2024-1234"), unlike the `{scheme, value}` aliases of vulnerabilities. */
  readonly aliases: readonly string[];
  readonly grade: HazardGrade | null;
  readonly cvssScore: number | null;
  readonly kev: boolean;
  readonly verdict: 'affected' | 'unknown';
  readonly reasons: readonly ExposureReason[];
  readonly remediations: readonly { readonly category: RemediationCategory; readonly details: string; readonly url: string | null; readonly sourceId: string }[];
  readonly computedAt: string;
}
