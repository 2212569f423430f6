import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { deleteCapture } from '../../../api/capture';
import { ApiError } from '../../../api/client';
import type { CaptureJob } from '../../../api/types';
import { ConfirmDelete } from '../../../components/confirm-delete';
import { EmptyState } from '../../../components/empty-state';
import { ErrorBanner } from '../../../components/error-banner';
import { TlpBadge } from '../../../components/tlp-badge';
import { formatCount, formatDateTime } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { canWrite, useMe } from '../../../session/session-context';
import { formatBytes, isActive } from '../capture-labels';
import { JobStatus } from '../job-status';
import { capturePath, isCaptureView, type CaptureView } from '../paths';
import { CommunicationsView } from './communications-view';
import { InventoryView } from './inventory-view';
import { OperationsView } from './operations-view';
import { SummaryView } from './summary-view';
import { useCaptureJob } from './use-capture-job';

export function CaptureJobPage() {
  const { id = '' } = useParams();
  return <JobView key={id} id={id} />;
}

function JobView({ id }: { readonly id: string }) {
  const load = useCaptureJob(id);
  useDocumentTitle(load.state === 'ready' ? load.job.name : 'Capture');
  if (load.state === 'failed') {
    const missing = load.error instanceof ApiError && load.error.status === 404;
    return (
      <section className="card" data-testid="capture-job">
        {missing ? (
          <EmptyState title="No such capture job." actions={<Link to="/capture" className="btn">Back to capture jobs</Link>}>
            It was deleted, or it belongs to an organisation that has not shared it with you.
          </EmptyState>
        ) : (
          <ErrorBanner error={load.error} title="Could not load the capture job." />
        )}
      </section>
    );
  }
  if (load.state === 'loading') return <p className="muted page-loading">Loading the capture job…</p>;
  return <JobDetail job={load.job} />;
}

const tabs: readonly { readonly view: CaptureView; readonly label: string; readonly count: (job: CaptureJob) => number | null }[] = [
  { view: 'summary', label: 'Summary', count: () => null },
  { view: 'inventory', label: 'Inventory', count: (j) => j.summary?.hosts ?? null },
  { view: 'communications', label: 'Communications map', count: (j) => j.summary?.communications ?? null },
  { view: 'operations', label: 'Operations timeline', count: (j) => j.summary?.operations ?? null },
];

function JobDetail({ job }: { readonly job: CaptureJob }) {
  const [params] = useSearchParams();
  const requested = params.get('view') ?? 'summary';
  const view: CaptureView = isCaptureView(requested) ? requested : 'summary';
  return (
    <div className="capture-job" data-testid="capture-job" data-status={job.status}>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/capture">Capture jobs</Link> <span aria-hidden="true">/</span> <span>{job.name}</span>
      </nav>
      <JobHeader job={job} />
      {isActive(job.status) ? (
        <section className="card" data-testid="job-running">
          <p className="muted">
            {job.status === 'queued'
              ? 'Waiting for the analyses queued before it; captures are analysed one at a time.'
              : `Reading ${formatBytes(job.bytesRead)} of ${formatBytes(job.sizeBytes)}: ${formatCount(job.frames)} frames so far.`}
          </p>
        </section>
      ) : job.status === 'failed' ? (
        <div className="banner banner-error" role="alert" data-testid="job-failed">
          <div className="banner-body">
            <strong className="banner-title">The analysis failed; no results were kept.</strong>
            <span className="banner-message">{job.error ?? 'no reason was recorded'}</span>
          </div>
        </div>
      ) : (
        <>
          <nav className="tabs" role="tablist" aria-label="Capture results" data-testid="job-tabs">
            {tabs.map((t) => {
              const count = t.count(job);
              return (
                <Link
                  key={t.view}
                  to={capturePath(job.id, t.view)}
                  role="tab"
                  aria-selected={t.view === view}
                  className={t.view === view ? 'tab tab-active' : 'tab'}
                  data-view={t.view}
                >
                  {t.label}
                  {count === null ? null : <span className="tab-count">{formatCount(count)}</span>}
                </Link>
              );
            })}
          </nav>
          <div role="tabpanel" data-testid={`view-${view}`}>
            {view === 'summary' ? <SummaryView job={job} /> : null}
            {view === 'inventory' ? <InventoryView job={job} /> : null}
            {view === 'communications' ? <CommunicationsView job={job} /> : null}
            {view === 'operations' ? <OperationsView job={job} /> : null}
          </div>
        </>
      )}
    </div>
  );
}

function JobHeader({ job }: { readonly job: CaptureJob }) {
  const me = useMe();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  // The API lets writers delete their own organisation's finished jobs; shared ones are read-only.
  const deletable = canWrite(me.role) && job.orgId === me.organisation.id && !isActive(job.status);

  async function onDelete() {
    setError(null);
    await deleteCapture(job.id);
    await navigate('/capture', { replace: true });
  }

  return (
    <>
      <div className="page-header">
        <div>
          <h1 className="page-title" data-testid="job-name">
            {job.name}
          </h1>
          <p className="page-description job-meta">
            <JobStatus job={job} /> <TlpBadge tlp={job.tlp} /> <span className="muted small">{formatBytes(job.sizeBytes)}</span>
            <span className="muted small">
              uploaded {formatDateTime(job.createdAt)} by {job.createdBy} ({job.orgName})
            </span>
            {job.sharedUpward ? <span className="pill pill-muted">shared upward</span> : null}
            {job.mergeAssets ? null : <span className="pill pill-muted">not merged into assets</span>}
          </p>
        </div>
        {deletable ? (
          <div className="page-actions">
            <ConfirmDelete question="Delete this capture and its results?" testId="confirm-delete" onDelete={onDelete} onError={setError} />
          </div>
        ) : null}
      </div>
      <ErrorBanner error={error} title="The capture was not deleted." />
    </>
  );
}
