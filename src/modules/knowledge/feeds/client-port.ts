// What `bulwark kb feeds ...` needs, locally (in-process, as the operator) or from a server.
import type { KbFeed, KbFeedInput, KbFeedRunResult } from './types.js';

export interface KbFeedClient {
  kbFeeds(): Promise<KbFeed[]>;
  kbFeed(name: string): Promise<KbFeed>;
  kbSaveFeed(name: string, input: KbFeedInput): Promise<KbFeed>;
  kbRunFeed(name: string): Promise<{ feed: KbFeed; result: KbFeedRunResult | null }>;
  kbRemoveFeed(name: string): Promise<void>;
}
