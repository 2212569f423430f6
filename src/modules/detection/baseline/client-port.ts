// What `bulwark baselines ...` needs, locally (in-process, as the operator) or from a server.
import type { BaselineDetail, BaselineListFilter, BaselineSettings, BaselineSummary } from './types.js';

export interface BaselineClient {
  list(filter?: BaselineListFilter): Promise<{ items: BaselineSummary[]; settings: BaselineSettings | null }>;
  show(id: string): Promise<BaselineDetail>;
  accept(id: string, deviations: readonly string[], note?: string): Promise<BaselineDetail>;
  relearn(id: string, reason?: string): Promise<BaselineDetail>;
}
