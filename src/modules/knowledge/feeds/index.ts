export { createKbFeedService, type KbFeedService } from './feed.service.js';
export { kbFeedRoutes } from './routes.js';
export { kbFeedsCommand } from './cli.js';
export { archiveDocuments, archiveKind, defaultArchiveLimits } from './archive.js';
export { feedKinds, type FeedKind, type KbFeed, type KbFeedRunResult } from './types.js';
export { kbFeedSchedule } from './schedule.js';
