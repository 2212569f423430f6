import type { ColumnType, Generated } from 'kysely';

// Table shapes as the database sees them. Domain types live in each module's types.ts.
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface OrganisationsTable {
  id: string;
  name: string;
  level: string;
  parent_id: string | null;
  path: string;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: string;
  org_id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string | null;
  disabled: Generated<boolean>;
  created_at: CreatedAt;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_at: CreatedAt;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Date;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: CreatedAt;
  actor_id: string | null;
  actor_name: string;
  org_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  details: Json;
  ip: string | null;
}

export interface AssetsTable {
  id: string;
  org_id: string;
  name: string;
  zone: string | null;
  ip: string | null;
  mac: string | null;
  vendor: string | null;
  model: string | null;
  firmware_version: string | null;
  criticality: string;
  tlp: string;
  shared_upward: boolean;
  created_by: string;
  updated_by: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MetaTable {
  key: string;
  value: string;
}

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type JsonDefault = ColumnType<unknown, string | undefined, string>;

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
  computed_at: UpdatedAt;
}

// bigint columns come back as strings from pg and as numbers from PGlite: read them through Number().
type BigIntColumn = ColumnType<string | number, number, number>;

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

export interface Tables {
  organisations: OrganisationsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  assets: AssetsTable;
  bulwark_meta: MetaTable;
  kb_sources: KbSourcesTable;
  kb_vulnerabilities: KbVulnerabilitiesTable;
  kb_aliases: KbAliasesTable;
  kb_claims: KbClaimsTable;
  kb_vendors: KbVendorsTable;
  kb_products: KbProductsTable;
  kb_affected: KbAffectedTable;
  kb_remediations: KbRemediationsTable;
  kb_references: KbReferencesTable;
  kb_advisories: KbAdvisoriesTable;
  kb_threats: KbThreatsTable;
  kb_threat_relations: KbThreatRelationsTable;
  kb_weaknesses: KbWeaknessesTable;
  kb_source_records: KbSourceRecordsTable;
  kb_import_runs: KbImportRunsTable;
  kb_lifecycle_events: KbLifecycleEventsTable;
  kb_exposures: KbExposuresTable;
  capture_jobs: CaptureJobsTable;
  capture_hosts: CaptureHostsTable;
  capture_communications: CaptureCommunicationsTable;
  capture_operations: CaptureOperationsTable;
  capture_malformed: CaptureMalformedTable;
  fingerprint_rules: FingerprintRulesTable;
  asset_discovery_conflicts: AssetDiscoveryConflictsTable;
  intel_clock: IntelClockTable;
  intel_objects: IntelObjectsTable;
  intel_provenance: IntelProvenanceTable;
  intel_conflicts: IntelConflictsTable;
  intel_imports: IntelImportsTable;
  taxii_collections: TaxiiCollectionsTable;
  taxii_feeds: TaxiiFeedsTable;
}
