// What the CLI's `bulwark asset ...` commands need, locally (in-process) or from a server.
import type { Asset, AssetBulkPatch, AssetBulkResult, AssetFilter, AssetImportReport, AssetInput, AssetPage, AssetPatch, AssetSelection } from './types.js';

export interface AssetClient {
  listAssets(filter: AssetFilter): Promise<AssetPage>;
  getAsset(id: string): Promise<Asset>;
  createAsset(input: AssetInput & { orgId?: string | undefined }): Promise<Asset>;
  updateAsset(id: string, patch: AssetPatch): Promise<Asset>;
  deleteAsset(id: string): Promise<void>;
  importAssets(csv: string, options: { orgId?: string | undefined; dryRun?: boolean | undefined }): Promise<AssetImportReport>;
  bulkUpdateAssets(ids: readonly string[], set: AssetBulkPatch): Promise<AssetBulkResult>;
  bulkDeleteAssets(ids: readonly string[]): Promise<AssetBulkResult>;
  /** The whole filtered set as CSV text, in chunks. */
  exportAssets(selection: AssetSelection): AsyncIterable<string>;
}
