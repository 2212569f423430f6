import { useCallback, useEffect, useRef, useState } from 'react';
import { listAssets } from '../../api/assets';
import { isAbort } from '../../api/client';
import type { Asset, AssetFilter } from '../../api/types';

const PAGE_SIZE = 50;

export interface AssetList {
  readonly items: readonly Asset[];
  readonly nextCursor: string | null;
  readonly loading: boolean;
  readonly error: unknown;
  readonly loadMore: () => void;
  readonly reload: () => void;
  /** Applies a local change (save, delete) without refetching the whole list. */
  readonly replace: (update: (items: readonly Asset[]) => readonly Asset[]) => void;
}

/** The first page for a filter, then further pages on request; a newer filter cancels older requests. */
export function useAssetList(filter: AssetFilter): AssetList {
  const [items, setItems] = useState<readonly Asset[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const controller = useRef<AbortController | null>(null);

  const fetchPage = useCallback(
    (cursor: string | null) => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      setLoading(true);
      setError(null);
      listAssets(filter, PAGE_SIZE, cursor, current.signal)
        .then((page) => {
          setItems((before) => (cursor === null ? page.items : [...before, ...page.items]));
          setNextCursor(page.nextCursor);
          setLoading(false);
        })
        .catch((e: unknown) => {
          if (isAbort(e)) return;
          setError(e);
          setLoading(false);
        });
    },
    [filter],
  );

  useEffect(() => {
    fetchPage(null);
    return () => controller.current?.abort();
  }, [fetchPage, generation]);

  const loadMore = useCallback(() => {
    if (nextCursor !== null) fetchPage(nextCursor);
  }, [fetchPage, nextCursor]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const replace = useCallback((update: (items: readonly Asset[]) => readonly Asset[]) => setItems(update), []);

  return { items, nextCursor, loading, error, loadMore, reload, replace };
}
