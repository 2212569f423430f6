export { createIntelService, type IntelService, type IntelServiceOptions, type RequestDetail, type RequestRecord } from './intel.service.js';
export type * from './types.js';
export { intelRoutes } from './routes.js';
export type { FeedQuery, FeedRow, FeedScope, VersionMatch } from './feed.store.js';
export type { Outcome, OutcomeStatus, IngestStats } from './importer.js';
export { microsToTimestamp, timestampToMicros, type StixObject } from './stix-facts.js';
export { reliabilities } from './types.js';
export type { IndicatorChange } from './indicator-feed.store.js';
