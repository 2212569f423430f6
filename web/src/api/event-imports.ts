// Event import jobs as the console reads them: log files sent to the server and parsed in the
// background, with their progress. Types come from src/modules/sensing/imports/types.ts.
import { apiUrl, request } from './client';
import type { Items, Tlp } from './types';
import type { EventImportJob, ImportJobFormat } from '../../../src/modules/sensing/imports/types.js';

export type { EventImportJob, ImportJobFormat, ImportJobIssue, ImportJobStatus } from '../../../src/modules/sensing/imports/types.js';
export { importJobFormats } from '../../../src/modules/sensing/imports/types.js';

export function listEventImports(signal?: AbortSignal): Promise<Items<EventImportJob>> {
  return request<Items<EventImportJob>>(apiUrl('/event-imports', { limit: 50 }), signal === undefined ? {} : { signal });
}

/** Sends the file as it is (gzip too); the server answers at once with the queued job. */
export function uploadEventImport(file: Blob, name: string, options: { readonly format: ImportJobFormat; readonly tlp: Tlp; readonly sharedUpward: boolean }): Promise<EventImportJob> {
  return request<EventImportJob>(apiUrl('/event-imports', { name, format: options.format, tlp: options.tlp, sharedUpward: String(options.sharedUpward) }), {
    method: 'POST',
    text: { body: file, contentType: 'application/octet-stream' },
  });
}
