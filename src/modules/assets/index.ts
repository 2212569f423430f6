export { createAssetService, type AssetService } from './asset.service.js';
export { visibleTo as assetVisibleTo } from './asset.store.js';
export { parseAssetCsv } from './csv-import.js';
export { assetRoutes } from './routes.js';
export { assetSummaryRoutes } from './asset-summary.js';
export type { Asset, AssetFieldSource, AssetFilter, AssetImportReport, AssetInput, AssetPage, AssetPatch, Criticality } from './types.js';
export { assetFieldSourceSchema, assetSchema } from './schemas.js';
export { criticalities } from './types.js';
