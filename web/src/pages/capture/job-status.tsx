import type { CaptureJob } from '../../api/types';
import { isActive, percent, statusLabels, statusPills } from './capture-labels';
import { ProgressBar } from './progress-bar';

/** Status pill with a live progress bar while the job is queued or being analysed. */
export function JobStatus({ job }: { readonly job: CaptureJob }) {
  const active = isActive(job.status);
  return (
    <span className="job-status" data-status={job.status}>
      <span className={statusPills[job.status]}>{statusLabels[job.status]}</span>
      {job.status === 'failed' ? null : (
        <span className="job-progress">
          <ProgressBar value={job.progress} label={`Analysis of ${job.name}`} busy={active} tone={job.status === 'finished' ? 'ok' : 'neutral'} />
          <span className="small muted job-percent">{percent(job.progress)}</span>
        </span>
      )}
    </span>
  );
}
