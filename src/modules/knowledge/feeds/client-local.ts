import type { Actor } from '../../../platform/access.js';
import type { KbFeedClient } from './client-port.js';
import type { KbFeedService } from './feed.service.js';

/** The feed commands on the database in-process, as the local operator. */
export function localKbFeedClient(feeds: KbFeedService, actor: Actor): KbFeedClient {
  return {
    kbFeeds: () => feeds.list(actor),
    kbFeed: (name) => feeds.get(actor, name),
    kbSaveFeed: (name, input) => feeds.save(actor, name, input),
    kbRunFeed: (name) => feeds.run(actor, name, { wait: true }),
    kbRemoveFeed: (name) => feeds.remove(actor, name),
  };
}
