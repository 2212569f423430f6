import type { CreatedAt, Json, Timestamp } from './columns.js';

/** One version of a CACAO playbook, owned by an organisation. */
export interface PlaybooksTable {
  row_id: string;
  org_id: string;
  playbook_id: string;
  /** The playbook's `modified` exactly as written: with `playbook_id`, the version's key. */
  modified: string;
  modified_at: Timestamp;
  name: string;
  description: string | null;
  /** The document with authentication secrets taken out. */
  content: Json;
  /** SecretBox-sealed JSON of the secrets taken out, by authentication_info id. */
  sealed_secrets: string | null;
  content_hash: string;
  signed: boolean;
  revoked: boolean;
  step_count: number;
  tlp: string;
  shared_upward: boolean;
  imported_by: string | null;
  imported_at: CreatedAt;
}
