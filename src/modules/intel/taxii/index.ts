export { createTaxiiService, type TaxiiService, type TaxiiStatus, type TaxiiQuery } from './taxii.service.js';
export { taxiiRoutes, sendTaxiiError, API_ROOT } from './routes.js';
export { taxiiAdminRoutes } from './admin-routes.js';
export { TAXII_MEDIA_TYPE, STIX_MEDIA_TYPE } from './media.js';
export type * from './types.js';
export { createFeedService, type FeedInput, type FeedRemotes, type FeedService } from './feeds.service.js';
export { createFeedScheduler, type FeedScheduler } from './feed-scheduler.js';
export { createRemoteTaxii, RemoteTaxiiError, type RemoteAuth, type RemoteCollection, type RemoteTaxii } from './remote.js';
