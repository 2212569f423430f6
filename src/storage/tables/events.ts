import type { ColumnType } from 'kysely';
import type { Json } from './columns.js';

// Normalized events (issue 12); see migrations/2026-12-07-0301-events.ts for the partitioning.
export interface EventsTable {
  org_id: string;
  org_path: string;
  id: string;
  time: ColumnType<Date, Date | string, Date | string>;
  received_at: ColumnType<Date, Date | string, Date | string>;
  tlp: string;
  shared_upward: boolean;
  source_type: string;
  source_id: string;
  source_name: string;
  kind: string;
  /** Index into eventSeverities (0 info ... 4 critical), so "at least medium" is a range. */
  severity: number;
  message: string;
  fields: Json;
  source_ip: string | null;
  source_port: number | null;
  destination_ip: string | null;
  destination_port: number | null;
  protocol: string | null;
  action: string | null;
  source_asset_id: string | null;
  destination_asset_id: string | null;
  raw: string | null;
  raw_truncated: boolean;
  origin: Json;
}

/** An organisation's own event retention (absent: BULWARK_EVENT_RETENTION_DAYS). */
export interface EventRetentionTable {
  org_id: string;
  days: number;
}
