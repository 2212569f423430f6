import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, UpdatedAt, Json, Timestamp, NullableTimestamp, TextArray, JsonDefault } from './columns.js';

// Knowledge base (issue 3).
export interface KbSourcesTable {
  id: string;
  name: string;
  format: string;
  reliability: string;
  created_at: CreatedAt;
}

export interface KbVulnerabilitiesTable {
  id: string;
  title: string | null;
  description: string | null;
  published: NullableTimestamp;
  modified: NullableTimestamp;
  cvss_version: string | null;
  cvss_vector: string | null;
  cvss_score: number | null;
  grade: string | null;
  gbt_grade: string | null;
  cause_category: string | null;
  cwes: TextArray;
  kev: Generated<boolean>;
  kev_date_added: NullableTimestamp;
  kev_due_date: NullableTimestamp;
  kev_ransomware: boolean | null;
  has_fix: Generated<boolean>;
  vendors: TextArray;
  products: TextArray;
  device_types: TextArray;
  conflicts: JsonDefault;
  lifecycle: Generated<string>;
  org_id: string | null;
  tlp: Generated<string>;
  shared_upward: Generated<boolean>;
  search: ColumnType<string | null, never, never>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface KbAliasesTable {
  scheme: string;
  value: string;
  vuln_id: string;
}

export interface KbClaimsTable {
  vuln_id: string;
  field: string;
  source_id: string;
  source_record_id: string;
  value: Json;
  observed_at: Timestamp;
}

export interface KbVendorsTable {
  id: string;
  name: string;
  aliases: TextArray;
}

export interface KbProductsTable {
  id: string;
  vendor_id: string;
  name: string;
  device_type: Generated<string>;
  cpe: string | null;
  purl: string | null;
  /** Order numbers and other variants folded into this product family. */
  variants: TextArray;
}

export interface KbAffectedTable {
  id: Generated<string>;
  vuln_id: string;
  source_id: string;
  source_record_id: string;
  product_id: string;
  range_text: string;
  range: Json;
  parsed: boolean;
  status: string;
  grp: string | null;
  platform_only: Generated<boolean>;
  negate: Generated<boolean>;
  /** The product as the source wrote it (with its order number), when the product is its family. */
  product_text: string | null;
}

export interface KbRemediationsTable {
  id: Generated<string>;
  vuln_id: string;
  source_id: string;
  source_record_id: string;
  category: string;
  details: string;
  url: string | null;
  product_ids: TextArray;
}

export interface KbReferencesTable {
  vuln_id: string;
  url: string;
  source_id: string;
  source_record_id: string;
  summary: string | null;
}

export interface KbAdvisoriesTable {
  id: string;
  source_id: string;
  title: string;
  publisher: string;
  published: NullableTimestamp;
  modified: NullableTimestamp;
  tlp: string | null;
  summary: string | null;
  url: string | null;
  vuln_ids: TextArray;
  product_ids: TextArray;
}

export interface KbThreatsTable {
  id: string;
  stix_type: string;
  external_id: string | null;
  name: string;
  description: string | null;
  url: string | null;
  deprecated: boolean;
  tactics: TextArray;
  short_name: string | null;
  platforms: TextArray;
  modified: NullableTimestamp;
}

export interface KbThreatRelationsTable {
  id: string;
  source_ref: string;
  target_ref: string;
  type: string;
  description: string | null;
}

export interface KbWeaknessesTable {
  id: string;
  name: string | null;
}

export interface KbSourceRecordsTable {
  source_id: string;
  record_id: string;
  content_hash: string;
  imported_at: UpdatedAt;
}

export interface KbImportRunsTable {
  id: string;
  format: string;
  location: string;
  started_at: CreatedAt;
  finished_at: NullableTimestamp;
  status: string;
  stats: JsonDefault;
  issues: JsonDefault;
  actor: string;
  /** The organisation whose member started the run; null for the local operator. */
  org_id: string | null;
}

export interface KbLifecycleEventsTable {
  id: Generated<string>;
  vuln_id: string;
  from_state: string | null;
  to_state: string;
  actor: string;
  org_id: string | null;
  note: string | null;
  at: CreatedAt;
}

export interface KbExposuresTable {
  asset_id: string;
  vuln_id: string;
  verdict: string;
  reasons: Json;
  /** The surest reason's confidence, 0..1. */
  confidence: Generated<number>;
  computed_at: UpdatedAt;
}

/** A person's decision on one exposure of one asset; kept across recorrelation. */
export interface KbExposureDecisionsTable {
  asset_id: string;
  vuln_id: string;
  org_id: string;
  decision: string;
  comment: string;
  decided_by: string;
  decided_at: UpdatedAt;
}
