import type { ColumnType } from 'kysely';
import type { BigIntColumn, CreatedAt, JsonDefault, NullableTimestamp, TextArray, Timestamp, UpdatedAt } from './columns.js';

/** Counters the database starts at zero (bigint: a string from pg, a number from PGlite). */
type Counter = ColumnType<string | number, number | undefined, number>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

// Detection rules, alerts and suppressions (issue 13); see migrations/2026-12-07-0801-detection.ts.
export interface DetectionRulesTable {
  id: string;
  org_id: string | null;
  sigma_id: string;
  kind: string;
  title: string;
  level: string;
  status: string | null;
  tags: TextArray;
  techniques: TextArray;
  logsource: JsonDefault;
  source: string;
  enabled: boolean;
  version: Defaulted<number>;
  imported_by: string;
  created_at: CreatedAt;
  modified_at: UpdatedAt;
  hit_count: Counter;
  last_hit_at: NullableTimestamp;
}

export interface AlertsTable {
  id: string;
  org_id: string;
  org_path: string;
  rule_id: string;
  rule_title: string;
  entity: string;
  open_key: string | null;
  severity: string;
  level: string;
  status: Defaulted<string>;
  assignee: string | null;
  tlp: string;
  shared_upward: boolean;
  techniques: TextArray;
  asset_ids: TextArray;
  event_ids: TextArray;
  selections: TextArray;
  count: BigIntColumn;
  first_seen: Timestamp;
  last_seen: Timestamp;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AlertCommentsTable {
  id: string;
  alert_id: string;
  author: string;
  body: string;
  created_at: CreatedAt;
}

export interface AlertStatusHistoryTable {
  id: string;
  alert_id: string;
  from_status: string | null;
  to_status: string;
  assignee: string | null;
  actor: string;
  note: string | null;
  created_at: CreatedAt;
}

export interface AlertSuppressionsTable {
  id: string;
  org_id: string;
  rule_id: string | null;
  entity: string | null;
  asset_id: string | null;
  field: string | null;
  value: string | null;
  reason: string;
  expires_at: NullableTimestamp;
  created_by: string;
  created_at: CreatedAt;
  hit_count: Counter;
}
