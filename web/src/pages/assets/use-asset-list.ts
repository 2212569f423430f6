import { listAssets } from '../../api/assets';
import type { AssetFilter, AssetPage } from '../../api/types';
import { usePagedList, type PagedList } from '../../lib/use-paged-list';

const PAGE_SIZE = 50;

export type AssetList = PagedList<AssetPage>;

/** The first page for a filter, then further pages on request; a newer filter cancels older requests. */
export function useAssetList(filter: AssetFilter): AssetList {
  return usePagedList((cursor, signal) => listAssets(filter, PAGE_SIZE, cursor, signal), [filter]);
}
