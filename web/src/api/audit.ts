import { apiUrl, request } from './client';
import type { AuditEntry, Items } from './types';

export interface AuditQuery {
  readonly action?: string;
  readonly targetType?: string;
  readonly before?: string;
  readonly limit?: number;
}

export function listAudit(query: AuditQuery, signal?: AbortSignal): Promise<Items<AuditEntry>> {
  return request<Items<AuditEntry>>(apiUrl('/audit', { ...query }), signal === undefined ? {} : { signal });
}
