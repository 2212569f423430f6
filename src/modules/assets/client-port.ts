// What the CLI's `bulwark asset ...` commands need, locally (in-process) or from a server.
import type { Asset, AssetFilter, AssetImportReport, AssetInput, AssetPage, AssetPatch } from './types.js';

export interface AssetClient {
  listAssets(filter: AssetFilter): Promise<AssetPage>;
  getAsset(id: string): Promise<Asset>;
  createAsset(input: AssetInput & { orgId?: string | undefined }): Promise<Asset>;
  updateAsset(id: string, patch: AssetPatch): Promise<Asset>;
  deleteAsset(id: string): Promise<void>;
  importAssets(csv: string, options: { orgId?: string | undefined; dryRun?: boolean | undefined }): Promise<AssetImportReport>;
}
