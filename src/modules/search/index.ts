export { createSearchService, type SearchService } from './search.service.js';
export { searchRoutes } from './routes.js';
export { recognise, type QueryShape } from './recognise.js';
export type { AssetSighting, AssetContext, SearchAnswer, SearchHit } from './types.js';
