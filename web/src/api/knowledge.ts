import { apiUrl, request } from './client';
import type {
  AssetExposure,
  AttackMatrix,
  ImportReport,
  ImportRun,
  KnowledgeGraph,
  LifecycleEvent,
  ProductDetail,
  VendorDetail,
  VendorSummary,
  VulnerabilityQuery,
  VulnerabilitySearch,
  VulnerabilitySubmission,
} from './knowledge-types';
import type { Items, LifecycleState, Reliability, Source, SourceFormat, Tlp, Vulnerability } from './types';

const withSignal = (signal?: AbortSignal) => (signal === undefined ? {} : { signal });
// Vulnerability ids are safe, but aliases and product ids may hold "/" and spaces.
const segment = (id: string) => encodeURIComponent(id);

export function searchVulnerabilities(query: VulnerabilityQuery, signal?: AbortSignal): Promise<VulnerabilitySearch> {
  return request<VulnerabilitySearch>(apiUrl('/kb/vulnerabilities', { ...query }), withSignal(signal));
}

export function getVulnerability(idOrAlias: string, signal?: AbortSignal): Promise<Vulnerability> {
  return request<Vulnerability>(apiUrl(`/kb/vulnerabilities/${segment(idOrAlias)}`), withSignal(signal));
}

export function getVulnerabilityHistory(id: string, signal?: AbortSignal): Promise<Items<LifecycleEvent>> {
  return request<Items<LifecycleEvent>>(apiUrl(`/kb/vulnerabilities/${segment(id)}/history`), withSignal(signal));
}

export function moveVulnerability(id: string, to: LifecycleState, note?: string): Promise<Vulnerability> {
  return request<Vulnerability>(apiUrl(`/kb/vulnerabilities/${segment(id)}/lifecycle`), {
    method: 'POST',
    json: note === undefined || note === '' ? { to } : { to, note },
  });
}

export function submitVulnerability(body: VulnerabilitySubmission): Promise<Vulnerability> {
  return request<Vulnerability>(apiUrl('/kb/vulnerabilities'), { method: 'POST', json: body });
}

export function listVendors(q: string, signal?: AbortSignal): Promise<Items<VendorSummary>> {
  return request<Items<VendorSummary>>(apiUrl('/kb/vendors', { q }), withSignal(signal));
}

export function getVendor(id: string, signal?: AbortSignal): Promise<VendorDetail> {
  return request<VendorDetail>(apiUrl(`/kb/vendors/${segment(id)}`), withSignal(signal));
}

export function getProduct(id: string, signal?: AbortSignal): Promise<ProductDetail> {
  return request<ProductDetail>(apiUrl('/kb/products', { id }), withSignal(signal));
}

export function getAttackMatrix(signal?: AbortSignal): Promise<AttackMatrix> {
  return request<AttackMatrix>(apiUrl('/kb/attack/matrix'), withSignal(signal));
}

/** The neighbourhood of `node` (`<kind>:<id>`) up to `depth` hops. */
export function getGraph(node: string, depth: number, signal?: AbortSignal): Promise<KnowledgeGraph> {
  return request<KnowledgeGraph>(apiUrl('/kb/graph', { node, depth }), withSignal(signal));
}

export function listSources(signal?: AbortSignal): Promise<Items<Source>> {
  return request<Items<Source>>(apiUrl('/kb/sources'), withSignal(signal));
}

export function setSourceReliability(id: string, reliability: Reliability): Promise<Source> {
  return request<Source>(apiUrl(`/kb/sources/${segment(id)}`), { method: 'PATCH', json: { reliability } });
}

export function listImports(signal?: AbortSignal): Promise<Items<ImportRun>> {
  return request<Items<ImportRun>>(apiUrl('/kb/imports'), withSignal(signal));
}

/** Uploads one advisory document; without `format` the server detects it. CNVD is XML, the rest JSON. */
export function uploadImport(body: string, name: string, format: SourceFormat | null, marking: { readonly tlp: Tlp; readonly sharedUpward: boolean }): Promise<ImportReport> {
  const xml = format === 'cnvd' || body.trimStart().startsWith('<');
  return request<ImportReport>(apiUrl('/kb/imports/upload', { format, name, tlp: marking.tlp, sharedUpward: String(marking.sharedUpward) }), {
    method: 'POST',
    text: { body, contentType: xml ? 'application/xml' : 'application/json' },
  });
}

export function listAssetExposures(assetId: string, signal?: AbortSignal): Promise<Items<AssetExposure>> {
  return request<Items<AssetExposure>>(apiUrl(`/assets/${segment(assetId)}/exposures`), withSignal(signal));
}
