// The response module's domain types as the API and the CLI see them (playbooks for now).
import type { Tlp } from '../../platform/tlp.js';
import type { CacaoIssue, Playbook } from './cacao/index.js';

/** One stored version of a playbook, without its content. */
export interface PlaybookSummary {
  readonly id: string;
  readonly modified: string;
  readonly name: string;
  readonly description: string | null;
  readonly orgId: string;
  readonly orgName: string;
  readonly tlp: Tlp;
  readonly sharedUpward: boolean;
  readonly signed: boolean;
  readonly revoked: boolean;
  readonly stepCount: number;
  readonly importedBy: string | null;
  readonly importedAt: string;
}

/** A version with its document; authentication secrets are empty strings unless asked for by the owner's admin. */
export interface StoredPlaybook extends PlaybookSummary {
  readonly playbook: Playbook;
}

export interface PlaybookImportOptions {
  /** TLP of the stored playbook when its markings carry none (a TLP marking in the playbook wins when stricter). Default amber. */
  readonly tlp?: Tlp | undefined;
  readonly sharedUpward?: boolean | undefined;
  /** The owning organisation: needed by the local operator, who belongs to none; a user imports into their own. */
  readonly orgId?: string | undefined;
}

export interface PlaybookImportResult {
  /** False when this exact version was stored already (re-import is idempotent). */
  readonly created: boolean;
  readonly playbook: PlaybookSummary;
  /** Warnings of the validator (values outside open vocabularies). */
  readonly warnings: readonly CacaoIssue[];
}

export interface PlaybookExportOptions {
  readonly modified?: string | undefined;
  /** Authentication secrets in clear: only the owning organisation's admins. */
  readonly secrets?: boolean | undefined;
  /** Sign with the operator's configured key. */
  readonly sign?: boolean | undefined;
}

export interface PlaybookValidationReport {
  readonly valid: boolean;
  readonly issues: readonly CacaoIssue[];
}
