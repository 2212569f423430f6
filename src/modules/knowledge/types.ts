import type { Tlp } from '../../platform/tlp.js';
import type { Alias, RemediationCategory } from './sources/types.js';

export const hazardGrades = ['critical', 'high', 'medium', 'low'] as const;
export type HazardGrade = (typeof hazardGrades)[number];

export const lifecycleStates = ['collected', 'verified', 'published', 'remediated', 'closed'] as const;
export type LifecycleState = (typeof lifecycleStates)[number];

export const reliabilities = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Reliability = (typeof reliabilities)[number];

export interface Source {
  readonly id: string;
  readonly name: string;
  readonly format: string;
  readonly reliability: Reliability;
}

/** One source's value for one field, with where and when it came from. */
export interface Claim {
  readonly field: string;
  readonly sourceId: string;
  readonly sourceName: string;
  readonly reliability: Reliability;
  readonly sourceRecordId: string;
  readonly value: unknown;
  readonly observedAt: string;
  /** True for the claim whose value is displayed. */
  readonly displayed: boolean;
}

export interface Conflict {
  readonly field: string;
  readonly values: readonly { readonly sourceId: string; readonly value: unknown }[];
}

export interface AffectedProduct {
  readonly id: string;
  readonly productId: string;
  readonly vendor: string;
  readonly product: string;
  readonly deviceType: string;
  readonly rangeText: string;
  /** False when the range text could not be understood: it matches as "unknown", never "not affected". */
  readonly parsed: boolean;
  readonly status: string;
  readonly sourceId: string;
  readonly group: string | null;
  readonly platformOnly: boolean;
}

export interface Remediation {
  readonly category: RemediationCategory;
  readonly details: string;
  readonly url: string | null;
  readonly sourceId: string;
  readonly productIds: readonly string[];
}

export interface VulnerabilitySummary {
  readonly id: string;
  readonly aliases: readonly Alias[];
  readonly title: string | null;
  readonly cvssScore: number | null;
  readonly cvssVersion: string | null;
  readonly grade: HazardGrade | null;
  readonly kev: boolean;
  readonly hasFix: boolean;
  readonly vendors: readonly string[];
  /** Products the record names (the first three in lists). */
  readonly products: readonly string[];
  readonly published: string | null;
  readonly lifecycle: LifecycleState;
}

export interface Vulnerability extends VulnerabilitySummary {
  readonly description: string | null;
  readonly modified: string | null;
  readonly cvssVector: string | null;
  readonly gbtGrade: string | null;
  readonly causeCategory: string | null;
  readonly cwes: readonly string[];
  readonly kevDateAdded: string | null;
  readonly kevDueDate: string | null;
  readonly kevRansomware: boolean | null;
  readonly products: readonly string[];
  readonly deviceTypes: readonly string[];
  readonly conflicts: readonly Conflict[];
  readonly claims: readonly Claim[];
  readonly affected: readonly AffectedProduct[];
  readonly remediations: readonly Remediation[];
  readonly references: readonly { readonly url: string; readonly summary: string | null; readonly sourceId: string }[];
  readonly advisories: readonly { readonly id: string; readonly title: string }[];
  readonly orgId: string | null;
  readonly tlp: Tlp;
}

export interface ImportStats {
  readonly files: number;
  readonly records: number;
  readonly vulnerabilities: number;
  readonly advisories: number;
  readonly threats: number;
  readonly relations: number;
  readonly unchanged: number;
  readonly errors: number;
  readonly warnings: number;
}
