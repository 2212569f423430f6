import type { OrgLevel } from '../access.js';

export interface Organisation {
  readonly id: string;
  readonly name: string;
  readonly level: OrgLevel;
  readonly parentId: string | null;
  readonly path: string;
  readonly createdAt: string;
  /** Industry division code (platform/orgs/sectors.ts), set by the parent's admins. */
  readonly industry: string | null;
  /** Administrative division code (six digits), set by the parent's admins. */
  readonly region: string | null;
}

export interface NewOrganisation {
  readonly name: string;
  readonly level: OrgLevel;
  readonly parentId?: string | null | undefined;
  readonly industry?: string | null | undefined;
  readonly region?: string | null | undefined;
}

/** What the parent's admins change: null clears. */
export interface OrganisationPlacement {
  readonly industry?: string | null | undefined;
  readonly region?: string | null | undefined;
}
