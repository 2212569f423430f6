import type { OrganisationsTable, UsersTable, ApiTokensTable, SessionsTable, AuditLogTable, AssetsTable, MetaTable } from './tables/kernel.js';
import type { KbSourcesTable, KbVulnerabilitiesTable, KbAliasesTable, KbClaimsTable, KbVendorsTable, KbProductsTable, KbAffectedTable, KbRemediationsTable, KbReferencesTable, KbAdvisoriesTable, KbThreatsTable, KbThreatRelationsTable, KbWeaknessesTable, KbSourceRecordsTable, KbImportRunsTable, KbLifecycleEventsTable, KbExposuresTable } from './tables/knowledge.js';
import type { CaptureJobsTable, CaptureHostsTable, CaptureCommunicationsTable, CaptureOperationsTable, CaptureMalformedTable, FingerprintRulesTable, AssetDiscoveryConflictsTable } from './tables/capture.js';
import type { AssetFieldSourcesTable, AssetSavedFiltersTable } from './tables/assets.js';
import type { IntelClockTable, IntelObjectsTable, IntelProvenanceTable, IntelConflictsTable, IntelImportsTable, TaxiiCollectionsTable, TaxiiFeedsTable } from './tables/intel.js';

// Table shapes as the database sees them, one file per area under tables/. Domain types live in each module's types.ts.
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
  asset_field_sources: AssetFieldSourcesTable;
  asset_saved_filters: AssetSavedFiltersTable;
  intel_clock: IntelClockTable;
  intel_objects: IntelObjectsTable;
  intel_provenance: IntelProvenanceTable;
  intel_conflicts: IntelConflictsTable;
  intel_imports: IntelImportsTable;
  taxii_collections: TaxiiCollectionsTable;
  taxii_feeds: TaxiiFeedsTable;
}
