export { parseCsaf } from './parse-csaf.js';
export { changedEntries, csafFileName, entryRelativePath, parseRolieFeed } from './parse-rolie.js';
export type { RolieEntry, RolieFeed, RolieFeedResult } from './parse-rolie.js';
export { parseProviderMetadata } from './parse-provider-metadata.js';
export type { ProviderFeed, ProviderMetadata, ProviderMetadataResult } from './parse-provider-metadata.js';
