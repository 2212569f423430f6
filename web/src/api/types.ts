// Shapes of the Bulwark API v1: the server's own domain types, so the console cannot drift from them.

export { orgLevels, roles, type OrgLevel, type Role } from '../../../src/platform/access.js';
export { isTlp, tlpLevels, type Tlp } from '../../../src/platform/tlp.js';
export {
  assetSortKeys,
  criticalities,
  exposureGrades,
  type Asset,
  type AssetBulkPatch,
  type AssetBulkResult,
  type AssetFieldSource,
  type AssetImportReport,
  type AssetSelection,
  type AssetSortKey,
  type Criticality,
  type ExposureGrade,
  type SavedAssetFilter,
} from '../../../src/modules/assets/types.js';
export type { AssetContext, SearchAnswer, SearchHit } from '../../../src/modules/search/types.js';
export type { Organisation } from '../../../src/platform/orgs/types.js';
export type { User } from '../../../src/platform/users/types.js';
export type { ApiToken as Token, IssuedToken, Me } from '../../../src/platform/auth/types.js';
export type { AuditEntry } from '../../../src/platform/audit/types.js';

import { criticalities, type Asset, type AssetSortKey, type Criticality, type ExposureGrade } from '../../../src/modules/assets/types.js';
import type { Tlp } from '../../../src/platform/tlp.js';

export function isCriticality(value: string): value is Criticality {
  return (criticalities as readonly string[]).includes(value);
}

/** The writable fields of an asset; null clears an optional text field. */
export interface AssetWrite {
  name?: string;
  zone?: string | null;
  ip?: string | null;
  mac?: string | null;
  vendor?: string | null;
  model?: string | null;
  firmwareVersion?: string | null;
  criticality?: Criticality;
  tlp?: Tlp;
  sharedUpward?: boolean;
}

export interface AssetFilter {
  readonly q?: string;
  readonly zone?: string;
  readonly vendor?: string;
  readonly criticality?: Criticality | '';
  readonly tlp?: Tlp | '';
  readonly exposed?: boolean;
  readonly kev?: boolean;
  readonly minGrade?: ExposureGrade | '';
  readonly sort?: AssetSortKey;
  readonly order?: 'asc' | 'desc';
}

export interface AssetPage {
  readonly items: readonly Asset[];
  readonly nextCursor: string | null;
}

export interface Items<T> {
  readonly items: readonly T[];
}

export {
  hazardGrades,
  lifecycleStates,
  reliabilities,
  type AffectedProduct,
  type Claim,
  type Conflict,
  type HazardGrade,
  type ImportStats,
  type LifecycleState,
  type Reliability,
  type Remediation,
  type Source,
  type Vulnerability,
  type VulnerabilitySummary,
} from '../../../src/modules/knowledge/types.js';
export { remediationCategories, sourceFormats, type Alias, type RemediationCategory, type SourceFormat } from '../../../src/modules/knowledge/sources/types.js';
export { causeTree, type CauseCategoryId } from '../../../src/modules/knowledge/grading/cause-tree.js';

import { hazardGrades, lifecycleStates, reliabilities, type HazardGrade, type LifecycleState, type Reliability } from '../../../src/modules/knowledge/types.js';

export function isHazardGrade(value: string): value is HazardGrade {
  return (hazardGrades as readonly string[]).includes(value);
}

export function isLifecycleState(value: string): value is LifecycleState {
  return (lifecycleStates as readonly string[]).includes(value);
}

export function isReliability(value: string): value is Reliability {
  return (reliabilities as readonly string[]).includes(value);
}

export {
  captureJobStatuses,
  type CaptureCommunication,
  type CaptureHost,
  type CaptureJob,
  type CaptureJobStatus,
  type CaptureJobSummary,
  type CaptureMalformed,
  type CaptureOperation,
  type CaptureOperationPage,
} from '../../../src/modules/capture/resources.js';
export { identityAttributes, operationClasses, protocolIds, type IdentityAttribute, type OperationClass, type ProtocolId } from '../../../src/modules/capture/dissectors/types.js';
export { deviceRoles, type DeviceRole, type Evidence, type HostIdentity, type IdentityFact, type RoleFact } from '../../../src/modules/capture/analysis/types.js';
export type { FingerprintRule } from '../../../src/modules/capture/fingerprints/rules.js';
export type { DiscoveryConflict } from '../../../src/modules/assets/discovery-merge.js';

import { operationClasses, protocolIds, type OperationClass, type ProtocolId } from '../../../src/modules/capture/dissectors/types.js';

export function isOperationClass(value: string): value is OperationClass {
  return (operationClasses as readonly string[]).includes(value);
}

export function isProtocolId(value: string): value is ProtocolId {
  return (protocolIds as readonly string[]).includes(value);
}
