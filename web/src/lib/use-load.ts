import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { isAbort } from '../api/client';

export type Load<T> =
  | { readonly state: 'loading'; readonly data: T | null }
  | { readonly state: 'ready'; readonly data: T }
  | { readonly state: 'failed'; readonly data: T | null; readonly error: unknown };

export interface Loaded<T> {
  readonly load: Load<T>;
  readonly reload: () => void;
  /** Replaces the data after a local change (a save) without asking the server again. */
  readonly set: (data: T) => void;
}

/**
 * Runs `fetcher` whenever `deps` change, aborting the superseded request; the previous data stays
 * visible while the next arrives, so tables do not flash empty between pages.
 */
export function useLoad<T>(fetcher: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading', data: null });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoad((before) => ({ state: 'loading', data: before.data }));
    fetcher(controller.signal)
      .then((data) => setLoad({ state: 'ready', data }))
      .catch((error: unknown) => {
        if (!isAbort(error)) setLoad((before) => ({ state: 'failed', data: before.data, error }));
      });
    return () => controller.abort();
    // The caller lists what the fetcher depends on, as with useEffect; the fetcher itself is new each render.
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const set = useCallback((data: T) => setLoad({ state: 'ready', data }), []);
  return { load, reload, set };
}
