// TAXII collections as Bulwark defines them: a view over one organisation's intelligence store.
import type { Role } from '../../../platform/access.js';
import type { Tlp } from '../../../platform/tlp.js';

/** Who may read or write a collection besides its own organisation. */
export interface CollectionGrant {
  readonly orgId: string;
  readonly roles: readonly Role[];
  /** Also the organisations below `orgId`. */
  readonly descendants: boolean;
}

/** Which of the organisation's objects the collection serves (and accepts). */
export interface CollectionFilter {
  readonly types?: readonly string[] | undefined;
  /** Objects carrying any of these labels. */
  readonly labels?: readonly string[] | undefined;
  /** Most permissive TLP served, e.g. green: clear and green only. */
  readonly tlpMax?: Tlp | undefined;
  readonly minConfidence?: number | undefined;
  readonly excludeRevoked?: boolean | undefined;
}

export interface Collection {
  readonly id: string;
  readonly orgId: string;
  readonly orgName: string;
  readonly title: string;
  readonly description: string | null;
  readonly alias: string | null;
  readonly filter: CollectionFilter;
  readonly readers: readonly CollectionGrant[];
  readonly writers: readonly CollectionGrant[];
  readonly createdBy: string;
  readonly createdAt: string;
}

export interface CollectionInput {
  readonly title: string;
  readonly description?: string | undefined;
  readonly alias?: string | undefined;
  readonly filter?: CollectionFilter | undefined;
  readonly readers?: readonly CollectionGrant[] | undefined;
  readonly writers?: readonly CollectionGrant[] | undefined;
  /** The local operator names the owning organisation. */
  readonly orgId?: string | undefined;
}

/** A collection as the caller may use it. */
export interface CollectionAccess {
  readonly collection: Collection;
  readonly canRead: boolean;
  readonly canWrite: boolean;
  /** TLP levels this caller may receive from it. */
  readonly tlp: readonly Tlp[];
}
