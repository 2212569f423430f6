import { apiUrl, request, requestNoContent } from './client';
import type { Asset, AssetBulkPatch, AssetBulkResult, AssetContext, AssetFilter, AssetImportReport, AssetPage, AssetSelection, AssetWrite, SavedAssetFilter, SearchAnswer } from './types';

export function listAssets(filter: AssetFilter, limit: number, cursor: string | null, signal?: AbortSignal): Promise<AssetPage> {
  return request<AssetPage>(apiUrl('/assets', { ...filter, limit, cursor }), signal === undefined ? {} : { signal });
}

export function createAsset(body: AssetWrite): Promise<Asset> {
  return request<Asset>(apiUrl('/assets'), { method: 'POST', json: body });
}

export function updateAsset(id: string, patch: AssetWrite): Promise<Asset> {
  return request<Asset>(apiUrl(`/assets/${encodeURIComponent(id)}`), { method: 'PATCH', json: patch });
}

export function deleteAsset(id: string): Promise<void> {
  return requestNoContent(apiUrl(`/assets/${encodeURIComponent(id)}`), { method: 'DELETE' });
}

export function importAssetsCsv(csv: string, dryRun: boolean): Promise<AssetImportReport> {
  return request<AssetImportReport>(apiUrl('/assets/import', { dryRun }), {
    method: 'POST',
    text: { body: csv, contentType: 'text/csv' },
  });
}

/** The export's address for the same filters (every matching asset, streamed by the server as CSV). */
export function assetExportUrl(filter: AssetFilter): string {
  return apiUrl('/assets/export', { ...filter });
}

export function bulkUpdateAssets(ids: readonly string[], set: AssetBulkPatch): Promise<AssetBulkResult> {
  return request<AssetBulkResult>(apiUrl('/assets/bulk-update'), { method: 'POST', json: { ids, set } });
}

export function bulkDeleteAssets(ids: readonly string[]): Promise<AssetBulkResult> {
  return request<AssetBulkResult>(apiUrl('/assets/bulk-delete'), { method: 'POST', json: { ids } });
}

export function listSavedFilters(signal?: AbortSignal): Promise<readonly SavedAssetFilter[]> {
  return request<readonly SavedAssetFilter[]>(apiUrl('/assets/saved-filters'), signal === undefined ? {} : { signal });
}

export function saveFilter(name: string, filter: AssetSelection): Promise<SavedAssetFilter> {
  return request<SavedAssetFilter>(apiUrl('/assets/saved-filters'), { method: 'POST', json: { name, filter } });
}

export function deleteSavedFilter(id: string): Promise<void> {
  return requestNoContent(apiUrl(`/assets/saved-filters/${encodeURIComponent(id)}`), { method: 'DELETE' });
}

export function getAssetContext(id: string, signal?: AbortSignal): Promise<AssetContext> {
  return request<AssetContext>(apiUrl(`/assets/${encodeURIComponent(id)}/context`), signal === undefined ? {} : { signal });
}

export function searchEverything(q: string, signal?: AbortSignal): Promise<SearchAnswer> {
  return request<SearchAnswer>(apiUrl('/search', { q }), signal === undefined ? {} : { signal });
}
