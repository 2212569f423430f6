import type { Tlp } from '../../platform/tlp.js';

export const criticalities = ['low', 'medium', 'high', 'critical'] as const;
export type Criticality = (typeof criticalities)[number];

/** A device or system in a plant network: the unit that discovery fills and correlation scores. */
export interface Asset {
  readonly id: string;
  readonly orgId: string;
  readonly orgName: string;
  readonly name: string;
  /** Network zone or Purdue level, free text ("Level 1 - Control", "DMZ"). */
  readonly zone: string | null;
  readonly ip: string | null;
  readonly mac: string | null;
  readonly vendor: string | null;
  readonly model: string | null;
  readonly firmwareVersion: string | null;
  readonly criticality: Criticality;
  readonly tlp: Tlp;
  /** Whether analysts of parent organisations may read it (subject to TLP). */
  readonly sharedUpward: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly createdBy: string;
  readonly updatedBy: string;
  /** What correlation found for it, counted over the vulnerabilities the reader may see. */
  readonly exposure: AssetExposureStats;
}

/** Hazard grades, highest first (the knowledge module grades; the inventory only ranks them). */
export const exposureGrades = ['critical', 'high', 'medium', 'low'] as const;
export type ExposureGrade = (typeof exposureGrades)[number];

export interface AssetExposureStats {
  /** Vulnerabilities whose affected range includes the asset's version. */
  readonly affected: number;
  /** Product matches whose version could not be decided: kept apart, never counted as affected. */
  readonly unknown: number;
  /** Affected vulnerabilities in the known-exploited catalogue. */
  readonly kev: number;
  /** The highest hazard grade among the affected ones. */
  readonly highestGrade: ExposureGrade | null;
}

export const assetSortKeys = ['name', 'organisation', 'zone', 'ip', 'vendor', 'model', 'criticality', 'tlp', 'updated', 'exposures', 'kev', 'grade'] as const;
export type AssetSortKey = (typeof assetSortKeys)[number];

export interface AssetInput {
  readonly name: string;
  readonly zone?: string | null | undefined;
  readonly ip?: string | null | undefined;
  readonly mac?: string | null | undefined;
  readonly vendor?: string | null | undefined;
  readonly model?: string | null | undefined;
  readonly firmwareVersion?: string | null | undefined;
  readonly criticality?: Criticality | undefined;
  readonly tlp?: Tlp | undefined;
  readonly sharedUpward?: boolean | undefined;
}

export type AssetPatch = { readonly [K in keyof AssetInput]?: AssetInput[K] | undefined };

export interface AssetFilter {
  readonly q?: string | undefined;
  readonly orgId?: string | undefined;
  readonly zone?: string | undefined;
  readonly vendor?: string | undefined;
  readonly criticality?: Criticality | undefined;
  readonly tlp?: Tlp | undefined;
  /** Only assets with (true) or without (false) an affected vulnerability. */
  readonly exposed?: boolean | undefined;
  /** Only assets with (true) or without (false) a known-exploited one. */
  readonly kev?: boolean | undefined;
  /** Only assets whose highest grade is this one or above. */
  readonly minGrade?: ExposureGrade | undefined;
  readonly sort?: AssetSortKey | undefined;
  readonly order?: 'asc' | 'desc' | undefined;
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
}

/** The list's filters without paging: what a saved filter keeps and an export selects. */
export type AssetSelection = Omit<AssetFilter, 'limit' | 'cursor'>;

/** The fields a bulk edit may set on many assets at once. */
export interface AssetBulkPatch {
  readonly criticality?: Criticality | undefined;
  readonly zone?: string | null | undefined;
  readonly tlp?: Tlp | undefined;
  readonly sharedUpward?: boolean | undefined;
}

export interface AssetBulkResult {
  readonly count: number;
  readonly ids: string[];
}

export interface SavedAssetFilter {
  readonly id: string;
  readonly name: string;
  readonly filter: AssetSelection;
  readonly createdAt: string;
}

export const assetFactSources = ['person', 'discovery', 'import'] as const;
export type AssetFactSource = (typeof assetFactSources)[number];

/** Who or what last set one field of an asset. */
export interface AssetFieldSource {
  readonly field: string;
  readonly source: AssetFactSource;
  /** The capture job, for discovery. */
  readonly jobId: string | null;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface AssetPage {
  readonly items: Asset[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

export interface AssetImportReport {
  readonly rows: number;
  readonly created: number;
  readonly updated: number;
  readonly dryRun: boolean;
}
