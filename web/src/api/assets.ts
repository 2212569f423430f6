import { apiUrl, request, requestNoContent } from './client';
import type { Asset, AssetFilter, AssetImportReport, AssetPage, AssetWrite } from './types';

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
