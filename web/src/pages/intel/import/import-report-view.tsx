import { Link } from 'react-router-dom';
import type { IntelImportReport } from '../../../api/intel-types';
import { formatCount, formatDateTime } from '../../../lib/format';
import { intelPaths } from '../paths';
import { IssuesTable } from './issues-table';

function tone(r: IntelImportReport): string {
  if (r.status === 'failed') return 'banner-error';
  if (r.status === 'pending') return 'banner-warn';
  return r.invalid > 0 || r.contradictions > 0 ? 'banner-warn' : 'banner-success';
}

function title(r: IntelImportReport): string {
  if (r.status === 'pending') return `Importing ${r.name}…`;
  if (r.status === 'failed') return `The import of ${r.name} failed.`;
  return r.invalid === 0 ? `Imported ${r.name}.` : `Imported ${r.name}, with problems.`;
}

/** What one import did: counts, speed, contradictions with other holders, and every refused object. */
export function ImportReportView({ report: r, testId = 'intel-import-report' }: { readonly report: IntelImportReport; readonly testId?: string }) {
  return (
    <div className={`banner ${tone(r)} upload-report`} role="status" data-testid={testId} data-status={r.status}>
      <div className="banner-body">
        <strong className="banner-title">{title(r)}</strong>
        <dl className="intel-report-stats">
          <div>
            <dt>Objects</dt>
            <dd data-stat="objects">{formatCount(r.objects)}</dd>
          </div>
          <div>
            <dt>Stored</dt>
            <dd data-stat="stored">{formatCount(r.stored)}</dd>
          </div>
          <div>
            <dt>Duplicates</dt>
            <dd data-stat="duplicates">{formatCount(r.duplicates)}</dd>
          </div>
          <div>
            <dt>Invalid</dt>
            <dd data-stat="invalid">{formatCount(r.invalid)}</dd>
          </div>
          <div>
            <dt>Contradictions</dt>
            <dd data-stat="contradictions">{formatCount(r.contradictions)}</dd>
          </div>
          <div>
            <dt>Flagged for analysts</dt>
            <dd data-stat="conflicts">{formatCount(r.conflictsFlagged)}</dd>
          </div>
          <div>
            <dt>Time</dt>
            <dd>
              {(r.elapsedMs / 1000).toFixed(1)} s · {formatCount(Math.round(r.objectsPerSecond))} objects/s
            </dd>
          </div>
        </dl>
        {r.error === null ? null : <p className="text-danger">{r.error}</p>}
        <p className="muted small">
          Started {formatDateTime(r.createdAt)}
          {r.finishedAt === null ? '' : `, finished ${formatDateTime(r.finishedAt)}`}.{' '}
          {r.status === 'complete' && r.stored > 0 ? <Link to={intelPaths.browser()}>Browse the objects</Link> : null}
        </p>
        <IssuesTable issues={r.issues} truncated={r.issuesTruncated} testId={`${testId}-issues`} />
      </div>
    </div>
  );
}
