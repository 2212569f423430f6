import type { BigIntColumn, CreatedAt, JsonDefault, NullableTimestamp } from './columns.js';

// Capture sensors and their tokens (issue 12); see migrations/2026-12-07-0501-sensors.ts.
export interface SensorsTable {
  id: string;
  org_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_by: string;
  created_at: CreatedAt;
  revoked_at: NullableTimestamp;
  last_contact_at: NullableTimestamp;
  last_address: string | null;
  batches_received: BigIntColumn;
  events_received: BigIntColumn;
  reported: JsonDefault;
}
