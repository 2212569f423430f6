// TAXII collections as Bulwark defines them: a view over one organisation's intelligence store.
import type { Role } from '../../../platform/access.js';
import type { Tlp } from '../../../platform/tlp.js';
import type { Reliability } from '../types.js';

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

// ---- feeds: remote collections an organisation pulls from or pushes to ----

export interface FeedOptions {
  /** pull: TLP for objects without a TLP marking. */
  readonly tlp?: Tlp | undefined;
  readonly reliability?: Reliability | undefined;
  readonly sharedUpward?: boolean | undefined;
  /** push: what is sent (never AMBER+STRICT or RED, which do not leave the organisation). */
  readonly types?: readonly string[] | undefined;
  readonly labels?: readonly string[] | undefined;
  readonly tlpMax?: Tlp | undefined;
  /** Objects per page or per push. */
  readonly pageSize?: number | undefined;
  /** Saved by the local operator: its URL may reach private addresses (an organisation's may not). */
  readonly operatorApproved?: boolean | undefined;
}

export interface FeedState {
  /** pull: the added_after to send; the newest date_added stored so far. */
  readonly addedAfter?: string | undefined;
  /** pull: the server's `next` while a walk through its pages is under way. */
  readonly next?: string | undefined;
  /** push: local date_added (microseconds) of the last object sent. */
  readonly pushedUs?: number | undefined;
}

export interface Feed {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly direction: 'pull' | 'push';
  readonly url: string;
  readonly options: FeedOptions;
  readonly state: FeedState;
  readonly lastRunAt: string | null;
  readonly lastError: string | null;
  readonly lastResult: FeedRunResult | null;
  readonly intervalMinutes: number | null;
  readonly nextRunAt: string | null;
}

export interface FeedRunResult {
  readonly pages: number;
  readonly objects: number;
  readonly stored: number;
  readonly duplicates: number;
  readonly failed: number;
  /** False when the run stopped early (page budget, or an error after some pages). */
  readonly complete: boolean;
  readonly error: string | null;
}

export interface FeedRunReport extends FeedRunResult {
  readonly feed: Feed;
}
