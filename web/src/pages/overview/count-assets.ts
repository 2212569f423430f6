import { apiUrl, request } from '../../api/client';
import type { Criticality, Tlp } from '../../api/types';

export interface AssetCounts {
  readonly total: number;
  readonly byCriticality: Readonly<Record<Criticality, number>>;
  readonly byTlp: Readonly<Record<Tlp, number>>;
  readonly sharedUpward: number;
}

/** The server counts (GET /assets/summary): one small answer whatever the size of the inventory. */
export function getAssetSummary(signal?: AbortSignal): Promise<AssetCounts> {
  return request<AssetCounts>(apiUrl('/assets/summary'), signal === undefined ? {} : { signal });
}
