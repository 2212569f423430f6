// What `bulwark baselines ...` needs, locally (in-process, as the operator) or from a server.
import type { BaselineDetail, BaselineListFilter, BaselineSettings, BaselineSummary } from './types.js';

export interface BaselineClient {
  listBaselines(filter?: BaselineListFilter): Promise<{ items: BaselineSummary[]; settings: BaselineSettings | null }>;
  showBaseline(id: string): Promise<BaselineDetail>;
  acceptDeviations(id: string, deviations: readonly string[], note?: string): Promise<BaselineDetail>;
  relearnBaseline(id: string, reason?: string): Promise<BaselineDetail>;
}
