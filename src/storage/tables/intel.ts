import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, NullableTimestamp, TextArray, JsonDefault, BigIntColumn } from './columns.js';

// Threat intelligence and TAXII (issue 5).
export interface IntelClockTable {
  id: number;
  last_us: BigIntColumn;
}

export interface IntelObjectsTable {
  org_id: string;
  id: string;
  type: string;
  version: string;
  version_us: BigIntColumn;
  added_us: BigIntColumn;
  spec_version: string;
  tlp: string;
  shared_upward: boolean;
  confidence: number | null;
  source: string;
  reliability: string;
  revoked: boolean;
  latest: boolean;
  labels: TextArray;
  pattern_key: string | null;
  source_ref: string | null;
  target_ref: string | null;
  refs: TextArray;
  content_hash: string;
  object: Json;
  created_by: string;
}

export interface IntelProvenanceTable {
  org_id: string;
  id: string;
  version_us: BigIntColumn;
  source: string;
  reliability: string;
  confidence: number | null;
  first_seen: CreatedAt;
}

export interface IntelConflictsTable {
  seq: Generated<string>;
  kind: string;
  object_id: string;
  version: string;
  org_id: string;
  source: string;
  other_org_id: string;
  other_source: string;
  detail: string;
  detected_at: CreatedAt;
}

export interface IntelImportsTable {
  id: string;
  org_id: string;
  kind: string;
  collection_id: string | null;
  name: string;
  status: string;
  total: ColumnType<number, number | undefined, number>;
  successes: JsonDefault;
  failures: JsonDefault;
  report: ColumnType<unknown, string | null | undefined, string | null>;
  error: string | null;
  created_by: string;
  created_at: CreatedAt;
  finished_at: NullableTimestamp;
}

export interface TaxiiCollectionsTable {
  id: string;
  org_id: string;
  title: string;
  description: string | null;
  alias: string | null;
  filter: JsonDefault;
  readers: JsonDefault;
  writers: JsonDefault;
  created_by: string;
  created_at: CreatedAt;
}

export interface TaxiiFeedsTable {
  id: string;
  org_id: string;
  name: string;
  direction: string;
  url: string;
  auth: JsonDefault;
  options: JsonDefault;
  state: JsonDefault;
  last_run_at: NullableTimestamp;
  last_error: string | null;
  last_result: ColumnType<unknown, string | null | undefined, string | null>;
  interval_minutes: number | null;
  next_run_at: NullableTimestamp;
  created_by: string;
  created_at: CreatedAt;
}
