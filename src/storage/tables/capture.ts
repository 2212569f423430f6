import type { ColumnType } from 'kysely';
import type { CreatedAt, Json, BigIntColumn } from './columns.js';

// Capture analysis (issue 4).
export interface CaptureJobsTable {
  id: string;
  org_id: string;
  name: string;
  status: string;
  size_bytes: BigIntColumn;
  bytes_read: ColumnType<string | number, number | undefined, number>;
  frames: ColumnType<string | number, number | undefined, number>;
  summary: ColumnType<unknown, string | undefined, string>;
  error: string | null;
  tlp: string;
  shared_upward: boolean;
  merge_assets: boolean;
  created_by: string;
  created_at: CreatedAt;
  started_at: Date | null;
  finished_at: Date | null;
  /** SHA-256 of the file (hex); null while unknown (a job created before it was computed). */
  sha256: ColumnType<string | null, string | null | undefined, string | null>;
  /** Operation sequence number up to which (exclusive) the job's operations are stored as events. */
  events_through: ColumnType<string | number, number | undefined, number>;
  /** Where the file is kept for packet evidence (an upload moved into the captures folder, or the CLI's own file); null: not kept. */
  kept_path: string | null;
}

export interface CaptureHostsTable {
  job_id: string;
  host_key: string;
  asset_id: string | null;
  ip: string | null;
  mac: string | null;
  mac_vendor: string | null;
  first_seen_us: BigIntColumn;
  last_seen_us: BigIntColumn;
  packets: BigIntColumn;
  bytes: BigIntColumn;
  serves: string[];
  uses: string[];
  device_type: string | null;
  roles: Json;
  facts: Json;
  identity: Json;
}

export interface CaptureCommunicationsTable {
  job_id: string;
  seq: number;
  client: string;
  server: string;
  client_mac: string | null;
  server_mac: string | null;
  transport: string;
  port: number | null;
  protocol: string | null;
  conversations: number;
  packets: BigIntColumn;
  bytes: BigIntColumn;
  first_seen_us: BigIntColumn;
  last_seen_us: BigIntColumn;
}

export interface CaptureOperationsTable {
  job_id: string;
  seq: BigIntColumn;
  frame: BigIntColumn;
  last_frame: BigIntColumn;
  time_us: BigIntColumn;
  last_time_us: BigIntColumn;
  count: number;
  protocol: string;
  operation: string;
  name: string;
  code: number | null;
  target: string | null;
  op_values: string | null;
  unit: number | null;
  source: string;
  destination: string;
  result: string | null;
  detail: string | null;
}

export interface CaptureMalformedTable {
  job_id: string;
  seq: number;
  frame: BigIntColumn;
  layer: string;
  reason: string;
}

export interface FingerprintRulesTable {
  org_id: string;
  id: string;
  rule: Json;
  created_by: string;
  created_at: CreatedAt;
}

export interface AssetDiscoveryConflictsTable {
  asset_id: string;
  field: string;
  job_id: string;
  current_value: string;
  discovered_value: string;
  confidence: number;
  evidence: string;
  created_at: CreatedAt;
}
