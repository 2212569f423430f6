import type { Migration, MigrationProvider } from 'kysely';
import * as kernel from './2026-11-23-0001-kernel.js';
import * as assetListIndexes from './2026-11-23-0002-asset-list-indexes.js';
import * as knowledge from './2026-11-23-0003-knowledge.js';
import * as knowledgeLookupIndexes from './2026-11-23-0004-knowledge-lookup-indexes.js';
import * as capture from './2026-11-23-0005-capture.js';
import * as intel from './2026-11-23-0006-intel.js';
import * as knowledgeScoping from './2026-11-23-0007-knowledge-scoping.js';
import * as captureUploadDigest from './2026-11-23-0008-capture-upload-digest.js';
import * as kbFeeds from './2026-12-07-0001-kb-feeds.js';
import * as assetSourcesAndSavedFilters from './2026-12-07-0101-asset-sources-and-saved-filters.js';
import * as kbExposureDecisions from './2026-12-07-0201-kb-exposure-decisions.js';
import * as events from './2026-12-07-0301-events.js';
import * as eventRetention from './2026-12-07-0302-event-retention.js';
import * as captureEventsThrough from './2026-12-07-0303-capture-events-through.js';
import * as sensors from './2026-12-07-0501-sensors.js';
import * as eventSources from './2026-12-07-0401-event-sources.js';
import * as eventImports from './2026-12-07-0601-event-imports.js';
import * as eventRollups from './2026-12-07-0701-event-rollups.js';
import * as eventAddressIndexes from './2026-12-07-0702-event-address-indexes.js';
import * as detection from './2026-12-07-0801-detection.js';
import * as baselines from './2026-12-07-0802-baselines.js';
import * as alertNotifications from './2026-12-07-0803-alert-notifications.js';
import * as alertViews from './2026-12-07-0804-alert-views.js';
import * as playbooks from './2026-12-07-0901-playbooks.js';
import * as orgSectorRegion from './2026-12-07-1001-org-sector-region.js';
import * as captureKeptFiles from './2026-12-07-1002-capture-kept-files.js';

// A static list, so the built output needs no directory scanning. Append only, in name order (the order they apply in).
const migrations: Record<string, Migration> = {
  '2026-11-23-0001-kernel': kernel,
  '2026-11-23-0002-asset-list-indexes': assetListIndexes,
  '2026-11-23-0003-knowledge': knowledge,
  '2026-11-23-0004-knowledge-lookup-indexes': knowledgeLookupIndexes,
  '2026-11-23-0005-capture': capture,
  '2026-11-23-0006-intel': intel,
  '2026-11-23-0007-knowledge-scoping': knowledgeScoping,
  '2026-11-23-0008-capture-upload-digest': captureUploadDigest,
  '2026-12-07-0001-kb-feeds': kbFeeds,
  '2026-12-07-0101-asset-sources-and-saved-filters': assetSourcesAndSavedFilters,
  '2026-12-07-0201-kb-exposure-decisions': kbExposureDecisions,
  '2026-12-07-0301-events': events,
  '2026-12-07-0302-event-retention': eventRetention,
  '2026-12-07-0303-capture-events-through': captureEventsThrough,
  '2026-12-07-0401-event-sources': eventSources,
  '2026-12-07-0501-sensors': sensors,
  '2026-12-07-0601-event-imports': eventImports,
  '2026-12-07-0701-event-rollups': eventRollups,
  '2026-12-07-0702-event-address-indexes': eventAddressIndexes,
  '2026-12-07-0801-detection': detection,
  '2026-12-07-0802-baselines': baselines,
  '2026-12-07-0803-alert-notifications': alertNotifications,
  '2026-12-07-0804-alert-views': alertViews,
  '2026-12-07-0901-playbooks': playbooks,
  '2026-12-07-1001-org-sector-region': orgSectorRegion,
  '2026-12-07-1002-capture-kept-files': captureKeptFiles,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
