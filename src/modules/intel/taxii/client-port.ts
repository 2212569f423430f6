// What the CLI's `bulwark taxii ...` commands need, locally (in-process) or from a server.
import type { FeedInput } from './feeds.service.js';
import type { Feed, FeedRunReport } from './types.js';
import type { RemoteAuth, RemoteCollection } from './remote.js';

export interface TaxiiClient {
  taxiiRemoteCollections(url: string, auth: RemoteAuth): Promise<RemoteCollection[]>;
  /** Creates or changes a feed by name. */
  taxiiSaveFeed(input: FeedInput): Promise<Feed>;
  taxiiFeeds(orgId?: string): Promise<Feed[]>;
  taxiiDeleteFeed(name: string, orgId?: string): Promise<void>;
  taxiiRunFeed(name: string, options: { orgId?: string | undefined; maxPages?: number | undefined }): Promise<FeedRunReport>;
}
