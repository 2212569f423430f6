import { useCallback, useEffect, useRef, useState } from 'react';
import { listCaptures } from '../../../api/capture';
import { isAbort } from '../../../api/client';
import type { CaptureJob } from '../../../api/types';
import { isActive } from '../capture-labels';

const PAGE_SIZE = 50;
const POLL_MS = 1000;

export interface CaptureJobList {
  readonly items: readonly CaptureJob[];
  readonly nextCursor: string | null;
  readonly loading: boolean;
  readonly error: unknown;
  readonly loadMore: () => void;
  readonly reload: () => void;
  /** Puts a just-uploaded job on top without waiting for the next poll. */
  readonly add: (job: CaptureJob) => void;
}

// Newer jobs (uploaded in another tab) go on top; known ones take their fresh state.
function merge(before: readonly CaptureJob[], fresh: readonly CaptureJob[]): readonly CaptureJob[] {
  const byId = new Map(fresh.map((j) => [j.id, j]));
  const known = new Set(before.map((j) => j.id));
  return [...fresh.filter((j) => !known.has(j.id)), ...before.map((j) => byId.get(j.id) ?? j)];
}

/** Capture jobs, newest first, re-read every second while any of them is queued or running. */
export function useCaptureJobs(): CaptureJobList {
  const [items, setItems] = useState<readonly CaptureJob[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const controller = useRef<AbortController | null>(null);

  const fetchPage = useCallback((cursor: string | null) => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setLoading(true);
    setError(null);
    listCaptures(PAGE_SIZE, cursor, current.signal)
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
  }, []);

  useEffect(() => {
    fetchPage(null);
    return () => controller.current?.abort();
  }, [fetchPage, generation]);

  const active = items.some((j) => isActive(j.status));
  useEffect(() => {
    if (!active) return undefined;
    const poll = new AbortController();
    let timer = 0;
    const tick = () => {
      listCaptures(PAGE_SIZE, null, poll.signal)
        .then((page) => {
          setItems((before) => merge(before, page.items));
          timer = window.setTimeout(tick, POLL_MS);
        })
        .catch((e: unknown) => {
          // A failed poll is retried more slowly; the list keeps its last known state meanwhile.
          if (!isAbort(e)) timer = window.setTimeout(tick, POLL_MS * 3);
        });
    };
    timer = window.setTimeout(tick, POLL_MS);
    return () => {
      window.clearTimeout(timer);
      poll.abort();
    };
  }, [active]);

  const loadMore = useCallback(() => {
    if (nextCursor !== null) fetchPage(nextCursor);
  }, [fetchPage, nextCursor]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const add = useCallback((job: CaptureJob) => setItems((before) => merge(before, [job])), []);

  return { items, nextCursor, loading, error, loadMore, reload, add };
}
