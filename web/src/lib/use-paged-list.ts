import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { isAbort } from '../api/client';

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
  readonly error: unknown;
  readonly loadMore: () => void;
  readonly reload: () => void;
  /** Applies a local change (save, delete, upload) without refetching the whole list. */
  readonly update: (change: (items: readonly ItemOf<P>[]) => readonly ItemOf<P>[]) => void;
}

/**
 * The first page whenever `deps` change, then further pages on request ("load more" appends); a newer
 * request cancels the older one.
 */
export function usePagedList<P extends Page<unknown>>(fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<P>, deps: DependencyList): PagedList<P> {
  const [items, setItems] = useState<readonly ItemOf<P>[]>([]);
  const [page, setPage] = useState<P | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const controller = useRef<AbortController | null>(null);

  const read = useCallback(
    (cursor: string | null) => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      setLoading(true);
      setError(null);
      fetchPage(cursor, current.signal)
        .then((next) => {
          setItems((before) => (cursor === null ? next.items : [...before, ...next.items]));
          setPage(next);
          setLoading(false);
        })
        .catch((e: unknown) => {
          if (isAbort(e)) return;
          setError(e);
          setLoading(false);
        });
    },
    // The caller lists what the fetcher depends on, as with useEffect; the fetcher itself is new each render.
    deps,
  );

  useEffect(() => {
    read(null);
    return () => controller.current?.abort();
  }, [read, generation]);

  const nextCursor = page?.nextCursor ?? null;
  const loadMore = useCallback(() => {
    if (nextCursor !== null) read(nextCursor);
  }, [read, nextCursor]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const update = useCallback((change: (items: readonly ItemOf<P>[]) => readonly ItemOf<P>[]) => setItems(change), []);

  return { items, nextCursor, page, loading, error, loadMore, reload, update };
}
