// The playbooks' API as the console reads it (types from the module itself).
import type { Playbook } from '../../../src/modules/response/cacao/types.js';
import type { PlaybookImportResult, PlaybookSummary, PlaybookValidationReport, StoredPlaybook } from '../../../src/modules/response/types.js';
import { apiUrl, request } from './client';

export type { Playbook, WorkflowStep } from '../../../src/modules/response/cacao/types.js';
export type { CacaoIssue } from '../../../src/modules/response/cacao/issues.js';
export type { PlaybookImportResult, PlaybookSummary, PlaybookValidationReport, StoredPlaybook } from '../../../src/modules/response/types.js';

const path = (id: string) => `/playbooks/${encodeURIComponent(id)}`;
const withSignal = (signal?: AbortSignal) => (signal === undefined ? {} : { signal });

export const listPlaybooks = (signal?: AbortSignal) => request<{ items: PlaybookSummary[] }>(apiUrl('/playbooks'), withSignal(signal));
export const getPlaybook = (id: string, signal?: AbortSignal) => request<StoredPlaybook>(apiUrl(path(id)), withSignal(signal));
export const validatePlaybook = (document: unknown) => request<PlaybookValidationReport>(apiUrl('/playbooks/validate'), { method: 'POST', json: document });
export const importPlaybook = (document: unknown) => request<PlaybookImportResult>(apiUrl('/playbooks'), { method: 'POST', json: document });
export const exportUrl = (id: string) => apiUrl(`${path(id)}/export`);
export type { Playbook as CacaoPlaybook };
