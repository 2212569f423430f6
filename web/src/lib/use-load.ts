import { keepPreviousData, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useId, useRef, type DependencyList } from 'react';

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

export interface LoadOptions {
  /**
   * Names what is read (e.g. `['assets', 'summary']`), so every component reading the same thing with
   * the same `deps` shares one request and one cache entry; the deps must then be plain values. Without
   * a key the cache belongs to the one component, as a useEffect would.
   */
  readonly key?: QueryKey;
}

/** Counts changes of `deps` as useEffect sees them (Object.is per item), for keys of arbitrary deps. */
export function useDepsVersion(deps: DependencyList): number {
  const seen = useRef<{ deps: DependencyList; version: number }>({ deps, version: 0 });
  const before = seen.current.deps;
  if (before.length !== deps.length || before.some((d, i) => !Object.is(d, deps[i]))) {
    seen.current = { deps, version: seen.current.version + 1 };
  }
  return seen.current.version;
}

/** The query key for a hook call: shared when the caller names it, private to the component otherwise. */
export function useLoadKey(kind: string, deps: DependencyList, key: QueryKey | undefined): QueryKey {
  const instance = useId();
  const version = useDepsVersion(deps);
  return key === undefined ? [kind, instance, version] : [...key, ...deps];
}

/** What a Load shows: exactly one of loading, failed or ready, so a page never shows two at once. */
export function loadOf<T>(query: { readonly data: T | undefined; readonly error: unknown; readonly isFetching: boolean; readonly isError: boolean }): Load<T> {
  const data = query.data === undefined ? null : query.data;
  if (query.isFetching) return { state: 'loading', data };
  if (query.isError) return { state: 'failed', data, error: query.error };
  return data === null ? { state: 'loading', data } : { state: 'ready', data };
}

/**
 * Runs `fetcher` whenever `deps` change (through TanStack Query: cached, identical requests shared,
 * the superseded request aborted); the previous data stays visible while the next arrives, so tables
 * do not flash empty between pages.
 */
export function useLoad<T>(fetcher: (signal: AbortSignal) => Promise<T>, deps: DependencyList, options: LoadOptions = {}): Loaded<T> {
  const client = useQueryClient();
  const queryKey = useLoadKey('load', deps, options.key);
  const query = useQuery({
    queryKey,
    queryFn: ({ signal }) => fetcher(signal),
    placeholderData: keepPreviousData,
    // A private entry is useless once its component is gone.
    ...(options.key === undefined ? { gcTime: 0 } : {}),
  });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  const current = useRef(queryKey);
  current.current = queryKey;
  const set = useCallback((data: T) => void client.setQueryData(current.current, data), [client]);
  return { load: loadOf(query), reload, set };
}

/**
 * `node` (an empty state, a "Loading…" text) only while the load is in that one state, so a failed
 * request shows its banner alone: `empty={onlyWhen(load, 'ready', <EmptyState … />)}`.
 */
export function onlyWhen<N>(load: Load<unknown>, state: Load<unknown>['state'], node: N): N | null {
  return load.state === state ? node : null;
}
