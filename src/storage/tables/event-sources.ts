import type { CreatedAt, Json, JsonDefault, UpdatedAt } from './columns.js';

// Event sources (issue 12); see migrations/2026-12-07-0401-event-sources.ts.
export interface EventSourcesTable {
  id: string;
  org_id: string;
  type: string;
  name: string;
  config: Json;
  enabled: boolean;
  tlp: string;
  shared_upward: boolean;
  created_by: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  last_error: string | null;
  counters: JsonDefault;
}
