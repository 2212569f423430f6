import { apiUrl, request, requestNoContent } from './client';
import type { HazardGrade, RemediationCategory } from './types';

// Exposures of assets to known vulnerabilities: one asset's or every visible asset's, paged, and the
// decisions people of the asset's organisation take on a match.

export type Verdict = 'affected' | 'unknown';
export type ExposureDecision = 'confirmed' | 'rejected';
/** "kept": everything but rejected (the default); "open": no decision yet. */
export type DecisionFilter = ExposureDecision | 'open' | 'kept' | 'any';

export interface ExposureReason {
  readonly affectedId: string;
  readonly sourceId: string;
  readonly productId: string;
  readonly product: string;
  readonly rangeText: string;
  readonly version: string | null;
  readonly verdict: Verdict;
  readonly why: string;
  readonly parsed: boolean;
  /** Why the product is taken to be the asset's. */
  readonly basis?: string;
  readonly confidence?: number;
}

export interface ExposureItem {
  readonly assetId: string;
  readonly assetName: string;
  readonly orgId: string;
  readonly vulnId: string;
  readonly cve: string | null;
  readonly title: string | null;
  readonly grade: HazardGrade | null;
  readonly cvssScore: number | null;
  readonly kev: boolean;
  readonly verdict: Verdict;
  readonly confidence: number;
  readonly reasons: readonly ExposureReason[];
  readonly decision: { readonly decision: ExposureDecision; readonly comment: string; readonly by: string; readonly at: string } | null;
  readonly remediations: readonly { readonly category: RemediationCategory; readonly details: string; readonly url: string | null; readonly sourceId: string }[];
  readonly computedAt: string;
}

export interface ExposureCounts {
  readonly affected: number;
  readonly unknown: number;
  readonly kev: number;
  readonly confirmed: number;
  readonly rejected: number;
  readonly open: number;
}

export interface ExposurePage {
  readonly items: readonly ExposureItem[];
  readonly total: number;
  readonly counts: ExposureCounts;
}

export interface ExposureQuery {
  readonly verdict?: Verdict | undefined;
  readonly kev?: boolean | undefined;
  readonly grade?: HazardGrade | undefined;
  readonly minConfidence?: number | undefined;
  readonly decision?: DecisionFilter | undefined;
  readonly q?: string | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

const withSignal = (signal?: AbortSignal) => (signal === undefined ? {} : { signal });
const params = (q: ExposureQuery) => ({ ...q, kev: q.kev === undefined ? undefined : String(q.kev) });

export function listAssetExposurePage(assetId: string, query: ExposureQuery, signal?: AbortSignal): Promise<ExposurePage> {
  return request<ExposurePage>(apiUrl(`/assets/${encodeURIComponent(assetId)}/exposures`, params(query)), withSignal(signal));
}

export function listExposures(query: ExposureQuery, signal?: AbortSignal): Promise<ExposurePage> {
  return request<ExposurePage>(apiUrl('/exposures', params(query)), withSignal(signal));
}

export function decideExposure(assetId: string, vulnId: string, decision: ExposureDecision, comment: string): Promise<ExposureItem> {
  return request<ExposureItem>(apiUrl(`/assets/${encodeURIComponent(assetId)}/exposures/${encodeURIComponent(vulnId)}/decision`), { method: 'PUT', json: { decision, comment } });
}

export function withdrawDecision(assetId: string, vulnId: string): Promise<void> {
  return requestNoContent(apiUrl(`/assets/${encodeURIComponent(assetId)}/exposures/${encodeURIComponent(vulnId)}/decision`), { method: 'DELETE' });
}
