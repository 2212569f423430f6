import type { Actor } from '../../../platform/access.js';
import type { TaxiiClient } from './client-port.js';
import type { TaxiiService } from './taxii.service.js';

/** The taxii commands on the database in-process, as the local operator. */
export function localTaxiiClient(taxii: TaxiiService, actor: Actor): TaxiiClient {
  return {
    taxiiRemoteCollections: (url, auth) => taxii.feeds.remoteCollections(actor, url, auth),
    taxiiSaveFeed: (input) => taxii.feeds.save(actor, input),
    taxiiFeeds: (orgId) => taxii.feeds.list(actor, orgId),
    taxiiDeleteFeed: (name, orgId) => taxii.feeds.remove(actor, name, orgId),
    taxiiRunFeed: (name, options) => taxii.feeds.run(actor, name, options),
  };
}
