import type { Generated } from 'kysely';
import type { CreatedAt, UpdatedAt, Json } from './columns.js';

// Platform kernel: organisations, users, credentials, audit, assets, meta.
export interface OrganisationsTable {
  id: string;
  name: string;
  level: string;
  parent_id: string | null;
  path: string;
  created_at: CreatedAt;
  /** Division code of platform/orgs/sectors.ts. */
  industry: string | null;
  /** Administrative division code, six digits. */
  region: string | null;
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
