import { apiUrl, request, requestNoContent } from './client';
import type { IntelReliability } from './intel-types';
import type { Items, Role, Tlp } from './types';

export type {
  Collection as TaxiiCollectionDefinition,
  CollectionFilter as TaxiiCollectionFilter,
  CollectionGrant as TaxiiGrant,
  Feed,
  FeedOptions,
  FeedRunReport,
  FeedRunResult,
} from '../../../src/modules/intel/taxii/types.js';

import type { Collection, CollectionFilter, CollectionGrant, Feed, FeedRunReport } from '../../../src/modules/intel/taxii/types.js';

/** GET /taxii/collections: a collection with where TAXII clients find it and what the reader may do. */
export type TaxiiCollection = Collection & { readonly url: string; readonly canRead: boolean; readonly canWrite: boolean };

/** POST /taxii/collections (admins). */
export interface CollectionInput {
  readonly title: string;
  readonly description?: string;
  readonly alias?: string;
  readonly filter?: CollectionFilter;
  readonly readers?: readonly CollectionGrant[];
  readonly writers?: readonly CollectionGrant[];
}


/** Credentials are write-only: the server never sends them back, and leaving them out keeps the stored ones. */
export interface FeedAuth {
  readonly username?: string;
  readonly password?: string;
  readonly token?: string;
}

/** PUT /taxii/feeds/:name. */
export interface FeedInput {
  readonly direction: 'pull' | 'push';
  readonly url: string;
  readonly auth?: FeedAuth;
  readonly tlp?: Tlp;
  readonly reliability?: IntelReliability;
  readonly sharedUpward?: boolean;
  readonly types?: readonly string[];
  readonly labels?: readonly string[];
  readonly tlpMax?: 'clear' | 'green' | 'amber';
  readonly pageSize?: number;
  readonly intervalMinutes?: number | null;
}

export interface RemoteCollection {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly can_read: boolean;
  readonly can_write: boolean;
  readonly url: string;
}

export const grantRoles: readonly Role[] = ['admin', 'analyst', 'responder', 'viewer'];
const withSignal = (signal?: AbortSignal) => (signal === undefined ? {} : { signal });
const feed = (name: string) => `/taxii/feeds/${encodeURIComponent(name)}`;

export function listTaxiiCollections(signal?: AbortSignal): Promise<Items<TaxiiCollection>> {
  return request<Items<TaxiiCollection>>(apiUrl('/taxii/collections'), withSignal(signal));
}

export function createTaxiiCollection(input: CollectionInput): Promise<Collection & { readonly url: string }> {
  return request<Collection & { readonly url: string }>(apiUrl('/taxii/collections'), { method: 'POST', json: input });
}

export function deleteTaxiiCollection(id: string): Promise<void> {
  return requestNoContent(apiUrl(`/taxii/collections/${encodeURIComponent(id)}`), { method: 'DELETE' });
}

export function listFeeds(signal?: AbortSignal): Promise<Items<Feed>> {
  return request<Items<Feed>>(apiUrl('/taxii/feeds'), withSignal(signal));
}

export function saveFeed(name: string, input: FeedInput): Promise<Feed> {
  return request<Feed>(apiUrl(feed(name)), { method: 'PUT', json: input });
}

export function deleteFeed(name: string): Promise<void> {
  return requestNoContent(apiUrl(feed(name)), { method: 'DELETE' });
}

export function runFeed(name: string): Promise<FeedRunReport> {
  return request<FeedRunReport>(apiUrl(`${feed(name)}/run`), { method: 'POST' });
}

export function listRemoteCollections(url: string, auth: FeedAuth | undefined): Promise<Items<RemoteCollection>> {
  return request<Items<RemoteCollection>>(apiUrl('/taxii/remote/collections'), { method: 'POST', json: auth === undefined ? { url } : { url, auth } });
}

/** Where TAXII clients of other tools reach a collection: absolute, so it can be pasted as is. */
export function taxiiCollectionUrl(collection: { readonly id: string; readonly url?: string }): string {
  return new URL(collection.url ?? `/taxii2/api1/collections/${collection.id}/`, window.location.origin).toString();
}
