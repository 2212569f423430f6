import type { CreatedAt, Json } from './columns.js';

// Asset provenance and saved list filters (issue 11); the assets table itself is in kernel.ts.
export interface AssetFieldSourcesTable {
  asset_id: string;
  field: string;
  source: string;
  job_id: string | null;
  recorded_by: string;
  recorded_at: CreatedAt;
}

export interface AssetSavedFiltersTable {
  id: string;
  user_id: string;
  name: string;
  filter: Json;
  created_at: CreatedAt;
}
