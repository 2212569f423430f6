import type { BigIntColumn, CreatedAt, JsonDefault, NullableTimestamp } from './columns.js';

// Event import jobs (issue 12); see migrations/2026-12-07-0601-event-imports.ts.
export interface EventImportsTable {
  id: string;
  org_id: string;
  name: string;
  format: string;
  detected_format: string | null;
  status: string;
  tlp: string;
  shared_upward: boolean;
  size_bytes: BigIntColumn;
  bytes_read: BigIntColumn;
  lines: BigIntColumn;
  events_offered: BigIntColumn;
  events_stored: BigIntColumn;
  issues_count: BigIntColumn;
  issues: JsonDefault;
  error: string | null;
  created_by: string;
  created_at: CreatedAt;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
}
