import { useCallback, useEffect } from 'react';
import { listCaptures } from '../../../api/capture';
import type { CaptureJobPage } from '../../../api/capture-types';
import { isAbort } from '../../../api/client';
import type { CaptureJob } from '../../../api/types';
import { usePagedList, type PagedList } from '../../../lib/use-paged-list';
import { isActive } from '../capture-labels';

const PAGE_SIZE = 50;
const POLL_MS = 1000;

export interface CaptureJobList extends PagedList<CaptureJobPage> {
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
  const list = usePagedList((cursor, signal) => listCaptures(PAGE_SIZE, cursor, signal), []);
  const { update } = list;

  const active = list.items.some((j) => isActive(j.status));
  useEffect(() => {
    if (!active) return undefined;
    const poll = new AbortController();
    let timer = 0;
    const tick = () => {
      listCaptures(PAGE_SIZE, null, poll.signal)
        .then((page) => {
          update((before) => merge(before, page.items));
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
  }, [active, update]);

  const add = useCallback((job: CaptureJob) => update((before) => merge(before, [job])), [update]);

  return { ...list, add };
}
