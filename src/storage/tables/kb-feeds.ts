import type { ColumnType } from 'kysely';
import type { CreatedAt, JsonDefault, NullableTimestamp } from './columns.js';

// Scheduled knowledge feeds (issue 11).
export interface KbFeedsTable {
  id: string;
  name: string;
  kind: string;
  url: string;
  auth: JsonDefault;
  options: JsonDefault;
  state: JsonDefault;
  interval_minutes: number | null;
  next_run_at: NullableTimestamp;
  last_run_at: NullableTimestamp;
  last_result: ColumnType<unknown, string | null | undefined, string | null>;
  last_error: string | null;
  running_since: NullableTimestamp;
  progress: ColumnType<unknown, string | null | undefined, string | null>;
  created_by: string;
  created_at: CreatedAt;
}
