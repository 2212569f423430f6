import { keepPreviousData, useInfiniteQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, type DependencyList } from 'react';
import { useLoadKey, type LoadOptions } from './use-load';

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

type ItemOf<P extends Page<unknown>> = P['items'][number];

export interface PagedList<P extends Page<unknown>> {
  readonly items: readonly ItemOf<P>[];
  readonly nextCursor: string | null;
  /** The page read last, for what the server says beside the items (counts). */
  readonly page: P | null;
  readonly loading: boolean;
  /** Set only while the last request failed (and nothing is loading): one state at a time. */
  readonly error: unknown;
  readonly loadMore: () => void;
  readonly reload: () => void;
  /** Applies a local change (save, delete, upload) without refetching the whole list. */
  readonly update: (change: (items: readonly ItemOf<P>[]) => readonly ItemOf<P>[]) => void;
}

/**
 * The first page whenever `deps` change, then further pages on request ("load more" appends); runs on
 * TanStack Query (see useLoad for `options.key`), a newer request cancels the older one.
 */
export function usePagedList<P extends Page<unknown>>(
  fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<P>,
  deps: DependencyList,
  options: LoadOptions = {},
): PagedList<P> {
  const client = useQueryClient();
  const queryKey = useLoadKey('paged', deps, options.key);
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: P) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    ...(options.key === undefined ? { gcTime: 0 } : {}),
  });
  const current = useRef(queryKey);
  current.current = queryKey;

  const pages = query.data?.pages;
  const items = useMemo(() => (pages ?? []).flatMap((p) => p.items as readonly ItemOf<P>[]), [pages]);
  const page = pages?.at(-1) ?? null;
  const nextCursor = page?.nextCursor ?? null;
  const { fetchNextPage, refetch, isFetching } = query;
  const loadMore = useCallback(() => {
    if (!isFetching) void fetchNextPage();
  }, [fetchNextPage, isFetching]);
  const reload = useCallback(() => void refetch(), [refetch]);
  const update = useCallback(
    (change: (items: readonly ItemOf<P>[]) => readonly ItemOf<P>[]) =>
      client.setQueryData<InfiniteData<P, string | null>>(current.current, (data) => {
        if (data === undefined) return data;
        const [first, ...rest] = data.pages;
        if (first === undefined) return data;
        // The changed list goes into the first page; later pages keep their cursors, so "load more" still follows on.
        const all = data.pages.flatMap((p) => p.items as readonly ItemOf<P>[]);
        return { ...data, pages: [{ ...first, items: change(all) }, ...rest.map((p) => ({ ...p, items: [] }))] };
      }),
    [client],
  );

  const loading = query.isFetching;
  const error = !loading && query.isError ? query.error : null;
  return { items, nextCursor, page, loading, error, loadMore, reload, update };
}

