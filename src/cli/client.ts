import type { Asset, AssetFilter, AssetImportReport, AssetInput, AssetPage, AssetPatch } from '../modules/assets/index.js';
import type { ApiToken, IssuedToken } from '../platform/auth/auth.service.js';
import type { AuditEntry, AuditListOptions } from '../platform/audit/audit.service.js';
import type { NewOrganisation, Organisation } from '../platform/orgs/org.service.js';
import type { NewUser, User, UserPatch } from '../platform/users/user.service.js';
import type { CorrelationReport } from '../modules/knowledge/exposure-engine.js';
import type { ImportReport } from '../modules/knowledge/importer.js';
import type { SearchResult } from '../modules/knowledge/knowledge.service.js';
import type { SourceFormat } from '../modules/knowledge/sources/types.js';
import type { Source, Vulnerability } from '../modules/knowledge/types.js';
import type { SearchFilter } from '../modules/knowledge/vulnerability.store.js';
import type { CaptureJobInput, OperationQuery } from '../modules/capture/capture.service.js';
import type { FingerprintRule } from '../modules/capture/fingerprints/rules.js';
import type { CaptureCommunication, CaptureHost, CaptureJob, CaptureOperationPage } from '../modules/capture/resources.js';
import type { IntelClient } from '../modules/intel/client-port.js';
import type { TaxiiClient } from '../modules/intel/taxii/client-port.js';

/**
 * What the CLI can do, whether it runs on the database in-process (local operator)
 * or against a server's API with a token. Commands are written once, against this port.
 */
export interface BulwarkClient extends IntelClient, TaxiiClient {
  readonly mode: 'local' | 'remote';
  listOrgs(): Promise<Organisation[]>;
  createOrg(input: NewOrganisation): Promise<Organisation>;
  listUsers(orgId?: string): Promise<User[]>;
  createUser(input: NewUser): Promise<User>;
  updateUser(id: string, patch: UserPatch): Promise<User>;
  listTokens(userId?: string): Promise<ApiToken[]>;
  createToken(input: { name: string; userId?: string | undefined; expiresInDays?: number | undefined }): Promise<IssuedToken>;
  revokeToken(id: string): Promise<void>;
  listAudit(options: AuditListOptions): Promise<AuditEntry[]>;
  listAssets(filter: AssetFilter): Promise<AssetPage>;
  getAsset(id: string): Promise<Asset>;
  createAsset(input: AssetInput & { orgId?: string | undefined }): Promise<Asset>;
  updateAsset(id: string, patch: AssetPatch): Promise<Asset>;
  deleteAsset(id: string): Promise<void>;
  importAssets(csv: string, options: { orgId?: string | undefined; dryRun?: boolean | undefined }): Promise<AssetImportReport>;
  kbImport(location: string, format?: SourceFormat): Promise<ImportReport>;
  kbSearch(filter: SearchFilter, options: { limit?: number | undefined; sort?: 'relevance' | 'published' | 'score' | undefined }): Promise<SearchResult>;
  kbShow(id: string): Promise<Vulnerability>;
  kbCorrelate(assetIds?: readonly string[]): Promise<CorrelationReport>;
  kbSources(): Promise<Source[]>;
  kbSetReliability(sourceId: string, reliability: Source['reliability']): Promise<Source>;
  /** Analyzes a capture file and resolves when the job has finished (or failed). */
  captureAnalyze(path: string, input: CaptureJobInput): Promise<CaptureJob>;
  captureList(): Promise<CaptureJob[]>;
  captureGet(id: string): Promise<CaptureJob>;
  captureHosts(id: string): Promise<CaptureHost[]>;
  captureCommunications(id: string): Promise<CaptureCommunication[]>;
  captureOperations(id: string, query: OperationQuery): Promise<CaptureOperationPage>;
  captureRules(): Promise<Array<FingerprintRule & { builtin: boolean }>>;
  captureAddRule(rule: unknown): Promise<FingerprintRule>;
  close(): Promise<void>;
}

/** Finds an organisation by id or exact name among those the client may see. */
export async function resolveOrg(client: BulwarkClient, idOrName: string): Promise<Organisation> {
  const orgs = await client.listOrgs();
  const found = orgs.find((o) => o.id === idOrName) ?? orgs.find((o) => o.name.toLowerCase() === idOrName.toLowerCase());
  if (found === undefined) throw new Error(`organisation "${idOrName}" not found`);
  return found;
}

export async function resolveUser(client: BulwarkClient, idOrName: string): Promise<User> {
  const users = await client.listUsers();
  const found = users.find((u) => u.id === idOrName || u.username === idOrName.toLowerCase());
  if (found === undefined) throw new Error(`user "${idOrName}" not found`);
  return found;
}
