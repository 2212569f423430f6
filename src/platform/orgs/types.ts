import type { OrgLevel } from '../access.js';

export interface Organisation {
  readonly id: string;
  readonly name: string;
  readonly level: OrgLevel;
  readonly parentId: string | null;
  readonly path: string;
  readonly createdAt: string;
}

export interface NewOrganisation {
  readonly name: string;
  readonly level: OrgLevel;
  readonly parentId?: string | null | undefined;
}
