import { listCaptureOperations } from '../../../api/capture';
import type { OperationQuery } from '../../../api/capture-types';
import type { CaptureOperation } from '../../../api/types';
import { usePagedList } from '../../../lib/use-paged-list';

const PAGE_SIZE = 100;

export interface OperationList {
  readonly items: readonly CaptureOperation[];
  readonly nextCursor: string | null;
  /** Operations (folded records weighted by their count) matching the filter, over the whole log. */
  readonly total: number | null;
  readonly loading: boolean;
  readonly error: unknown;
  readonly loadMore: () => void;
}

/**
 * The operations log in time order for a filter, a page at a time ("load more" continues from the last
 * record). A new `query` object starts over, so callers memoise it.
 */
export function useOperations(jobId: string, query: OperationQuery): OperationList {
  const { items, nextCursor, page, loading, error, loadMore } = usePagedList(
    (cursor, signal) => listCaptureOperations(jobId, query, PAGE_SIZE, cursor, signal),
    [jobId, query],
  );
  const total = page === null ? null : Object.values(page.counts.operation).reduce((sum, n) => sum + n, 0);
  return { items, nextCursor, total, loading, error, loadMore };
}

/** The histogram reads at most this many records; a longer log is summarised from its start, and says so. */
export const HISTOGRAM_RECORDS = 5000;
const HISTOGRAM_PAGE = 1000;

export interface OperationFacets {
  readonly records: readonly CaptureOperation[];
  /** Counts per class and protocol over the whole filtered log (from the server, not the sample). */
  readonly counts: { readonly operation: Readonly<Record<string, number>>; readonly protocol: Readonly<Record<string, number>> };
  /** True when the log holds more records than the histogram read. */
  readonly truncated: boolean;
}

/** Every class's count and the records for the time histogram, for the filters except the class selection. */
export async function loadFacets(jobId: string, query: OperationQuery, signal: AbortSignal): Promise<OperationFacets> {
  const first = await listCaptureOperations(jobId, query, HISTOGRAM_PAGE, null, signal);
  const records = [...first.items];
  let cursor = first.nextCursor;
  while (cursor !== null && records.length < HISTOGRAM_RECORDS) {
    const page = await listCaptureOperations(jobId, query, HISTOGRAM_PAGE, cursor, signal);
    records.push(...page.items);
    cursor = page.nextCursor;
  }
  return { records, counts: first.counts, truncated: cursor !== null };
}
