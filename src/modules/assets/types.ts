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
}

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
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
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
