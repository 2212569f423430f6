// What `bulwark playbook ...` needs, locally (in-process, as the operator) or from a server.
import type { Playbook } from './cacao/index.js';
import type { PlaybookExportOptions, PlaybookImportOptions, PlaybookImportResult, PlaybookSummary, PlaybookValidationReport } from './types.js';

export interface ResponseClient {
  listPlaybooks(filter?: { readonly q?: string | undefined }): Promise<PlaybookSummary[]>;
  importPlaybook(document: unknown, options: PlaybookImportOptions): Promise<PlaybookImportResult>;
  /** Validation against the store: playbook-actions must name playbooks the caller may read. */
  validatePlaybook(document: unknown): Promise<PlaybookValidationReport>;
  exportPlaybook(id: string, options: PlaybookExportOptions): Promise<Playbook>;
}
