// What the CLI's `bulwark kb ...` commands need, locally (in-process) or from a server.
import type { CorrelationReport } from './exposure-engine.js';
import type { ExposureDecision, ExposureFilter, ExposureItem, ExposurePage } from './exposure.service.js';
import type { ImportReport } from './importer.js';
import type { SearchResult } from './knowledge.service.js';
import type { SourceFormat } from './sources/types.js';
import type { Source, Vulnerability } from './types.js';
import type { SearchFilter } from './vulnerability.store.js';

export interface KnowledgeClient {
  /** A file, a directory (local database only) or a URL. */
  kbImport(location: string, format?: SourceFormat): Promise<ImportReport>;
  kbSearch(filter: SearchFilter, options: { limit?: number | undefined; sort?: 'relevance' | 'published' | 'score' | undefined }): Promise<SearchResult>;
  kbShow(id: string): Promise<Vulnerability>;
  kbCorrelate(assetIds?: readonly string[]): Promise<CorrelationReport>;
  kbSources(): Promise<Source[]>;
  kbSetReliability(sourceId: string, reliability: Source['reliability']): Promise<Source>;
  /** One asset's exposures, or every visible asset's when assetId is undefined. */
  kbExposures(assetId: string | undefined, filter: ExposureFilter): Promise<ExposurePage>;
  kbDecide(assetId: string, vulnId: string, decision: ExposureDecision, comment: string): Promise<ExposureItem>;
  kbUndecide(assetId: string, vulnId: string): Promise<void>;
}
