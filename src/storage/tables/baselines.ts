import type { ColumnType } from 'kysely';
import type { CreatedAt, JsonDefault, NullableTimestamp, TextArray, Timestamp, UpdatedAt } from './columns.js';

// Baselines (issue 13, ADR 020); see migrations/2026-12-07-0802-baselines.ts.
type Counter = ColumnType<string | number, number | undefined, number>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface BaselinesTable {
  id: string;
  org_id: string;
  org_path: string;
  zone: Defaulted<string>;
  state: Defaulted<string>;
  learning_ms: ColumnType<string | number, number, number>;
  learn_start: NullableTimestamp;
  learned_through: NullableTimestamp;
  activated_at: NullableTimestamp;
  version: Defaulted<number>;
  tlp: Defaulted<string>;
  shared_upward: Defaulted<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface BaselineItemsTable {
  baseline_id: string;
  kind: string;
  key: string;
  origin: Defaulted<string>;
  version_added: Defaulted<number>;
  count: Counter;
  first_seen: Timestamp;
  last_seen: Timestamp;
  lo: ColumnType<number | null, number | null | undefined, number | null>;
  hi: ColumnType<number | null, number | null | undefined, number | null>;
  iv_n: Counter;
  iv_sum: Defaulted<number>;
  iv_sumsq: Defaulted<number>;
  iv_min: ColumnType<number | null, number | null | undefined, number | null>;
  iv_max: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface BaselineVersionsTable {
  baseline_id: string;
  version: number;
  change: string;
  actor: string;
  details: JsonDefault;
  items: Defaulted<number>;
  created_at: CreatedAt;
}

export interface BaselineDeviationsTable {
  id: string;
  baseline_id: string;
  org_id: string;
  kind: string;
  key: string;
  status: Defaulted<string>;
  expected: string;
  seen: string;
  techniques: TextArray;
  event_ids: TextArray;
  adds: JsonDefault;
  count: Counter;
  first_seen: Timestamp;
  last_seen: Timestamp;
  accepted_by: string | null;
  accepted_at: NullableTimestamp;
  accepted_version: number | null;
}

export interface BaselineSettingsTable {
  org_id: string;
  learning_ms: ColumnType<string | number, number, number>;
  updated_by: string;
  updated_at: UpdatedAt;
}
