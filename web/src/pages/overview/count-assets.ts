import { listAssets } from '../../api/assets';
import { criticalities, tlpLevels, type Criticality, type Tlp } from '../../api/types';

export interface AssetCounts {
  readonly total: number;
  readonly byCriticality: Readonly<Record<Criticality, number>>;
  readonly byTlp: Readonly<Record<Tlp, number>>;
  readonly sharedUpward: number;
  /** True when more assets exist than the pages we were willing to fetch. */
  readonly truncated: boolean;
}

const PAGE_SIZE = 500;
const MAX_PAGES = 5;

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/** Counts visible assets page by page; the API has no aggregate endpoint yet, so the count stops at 2,500. */
export async function countAssets(signal: AbortSignal): Promise<AssetCounts> {
  const byCriticality = zeroes(criticalities);
  const byTlp = zeroes(tlpLevels);
  let total = 0;
  let sharedUpward = 0;
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await listAssets({}, PAGE_SIZE, cursor, signal);
    for (const asset of result.items) {
      total++;
      byCriticality[asset.criticality]++;
      byTlp[asset.tlp]++;
      if (asset.sharedUpward) sharedUpward++;
    }
    cursor = result.nextCursor;
    if (cursor === null) break;
  }
  return { total, byCriticality, byTlp, sharedUpward, truncated: cursor !== null };
}
