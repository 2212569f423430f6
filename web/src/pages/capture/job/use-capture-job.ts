import { useEffect, useState } from 'react';
import { getCapture } from '../../../api/capture';
import { isAbort } from '../../../api/client';
import type { CaptureJob } from '../../../api/types';
import { isActive } from '../capture-labels';

const POLL_MS = 1000;

export type JobLoad =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly job: CaptureJob }
  | { readonly state: 'failed'; readonly error: unknown };

/** One capture job, re-read every second until its analysis is over. */
export function useCaptureJob(id: string): JobLoad {
  const [load, setLoad] = useState<JobLoad>({ state: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    let timer = 0;
    let running = false;
    const fetchJob = () => {
      getCapture(id, controller.signal)
        .then((job) => {
          setLoad({ state: 'ready', job });
          running = isActive(job.status);
          if (running) timer = window.setTimeout(fetchJob, POLL_MS);
        })
        .catch((error: unknown) => {
          if (isAbort(error)) return;
          // While a job runs, one failed poll is not worth a blank page: keep what is shown and retry.
          if (running) timer = window.setTimeout(fetchJob, POLL_MS * 3);
          else setLoad({ state: 'failed', error });
        });
    };
    fetchJob();
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [id]);

  return load;
}
