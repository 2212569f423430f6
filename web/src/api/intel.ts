import { apiUrl, request } from './client';
import type {
  BundleImportOptions,
  BundleValidation,
  ExtractResult,
  IntelFacets,
  IntelImportReport,
  IntelObjectDetail,
  IntelObjectPage,
  IntelQuery,
  PatternCheck,
  ReportKind,
  StixObject,
} from './intel-types';
import type { Items } from './types';

const withSignal = (signal?: AbortSignal) => (signal === undefined ? {} : { signal });
const list = (values: readonly string[] | undefined) => (values === undefined || values.length === 0 ? undefined : values.join(','));
/** What a bundle upload declares; the server also takes plain JSON. */
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

function queryParams(query: IntelQuery): Record<string, string | boolean | undefined> {
  return {
    type: list(query.type),
    label: list(query.label),
    tlp: query.tlp === '' ? undefined : query.tlp,
    orgId: query.orgId,
    revoked: query.revoked,
    q: query.q?.trim() === '' ? undefined : query.q?.trim(),
  };
}

export function listIntelObjects(query: IntelQuery, limit: number, cursor: string | null, signal?: AbortSignal): Promise<IntelObjectPage> {
  return request<IntelObjectPage>(apiUrl('/intel/objects', { ...queryParams(query), limit, cursor }), withSignal(signal));
}

export function getIntelFacets(query: IntelQuery, signal?: AbortSignal): Promise<IntelFacets> {
  return request<IntelFacets>(apiUrl('/intel/facets', queryParams(query)), withSignal(signal));
}

/** Summaries of the given objects that the reader may see; the others are simply missing. */
export function getIntelSummaries(ids: readonly string[], signal?: AbortSignal): Promise<IntelObjectPage> {
  return request<IntelObjectPage>(apiUrl('/intel/objects', { id: ids.join(','), limit: 500 }), withSignal(signal));
}

export function getIntelObject(id: string, signal?: AbortSignal): Promise<IntelObjectDetail> {
  return request<IntelObjectDetail>(apiUrl(`/intel/objects/${encodeURIComponent(id)}`), withSignal(signal));
}

/** A STIX bundle of the object and what it refers to, for a download link. */
export function intelExportUrl(id: string): string {
  return apiUrl('/intel/export', { id, dependencies: true });
}

export function validateBundle(body: string): Promise<BundleValidation> {
  return request<BundleValidation>(apiUrl('/intel/validate'), { method: 'POST', text: { body, contentType: STIX_MEDIA_TYPE } });
}

export function getIntelImport(id: string, signal?: AbortSignal): Promise<IntelImportReport> {
  return request<IntelImportReport>(apiUrl(`/intel/imports/${encodeURIComponent(id)}`), withSignal(signal));
}

export function listIntelImports(signal?: AbortSignal): Promise<Items<IntelImportReport>> {
  return request<Items<IntelImportReport>>(apiUrl('/intel/imports'), withSignal(signal));
}

const sleep = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));

/**
 * Imports a bundle. Large bundles answer 202 with a pending report; this follows it until the
 * import finishes, telling `onPending` so the page can say the server is still at work.
 */
export async function importBundle(body: string, options: BundleImportOptions, onPending?: (report: IntelImportReport) => void): Promise<IntelImportReport> {
  let report = await request<IntelImportReport>(apiUrl('/intel/imports', { ...options }), { method: 'POST', text: { body, contentType: STIX_MEDIA_TYPE } });
  for (let wait = 500; report.status === 'pending'; wait = Math.min(wait * 2, 4000)) {
    onPending?.(report);
    await sleep(wait);
    report = await getIntelImport(report.id);
  }
  return report;
}

const mediaTypes: Readonly<Record<ReportKind, string>> = {
  // text/plain is refused app-wide (any page may post it cross-site); plain text goes as octet-stream with its kind.
  text: 'application/octet-stream',
  html: 'text/html',
  pdf: 'application/pdf',
};

export function extractReport(body: Blob | string, kind: ReportKind, name: string): Promise<ExtractResult> {
  return request<ExtractResult>(apiUrl('/intel/extract', { name: name.trim(), kind }), { method: 'POST', text: { body, contentType: mediaTypes[kind] } });
}

export function checkPattern(pattern: string, objects?: readonly StixObject[]): Promise<PatternCheck> {
  return request<PatternCheck>(apiUrl('/intel/pattern'), { method: 'POST', json: objects === undefined ? { pattern } : { pattern, objects } });
}
