export type { Backend, Database, Db } from './database.js';
export type { Tables } from './schema.js';
export { openDatabase, type StorageConfig } from './open.js';
export { migrateToLatest, type MigrationReport } from './migrate.js';
export { refreshStatistics } from './maintenance.js';
export { bulkInsert, type BulkColumns } from './bulk-insert.js';
export { copyField, copyRows, copyText, escapeCopyText, type CopyColumns, type CopyKind, type CopyValue } from './copy.js';
