import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { listEventImports, type EventImportJob } from '../../api/event-imports';
import { DataTable, type Column } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { FormDialog } from '../../components/form-dialog';
import { NoticeBanner } from '../../components/notice-banner';
import { formatCount, formatDateTime } from '../../lib/format';
import { canWrite, useMe } from '../../session/session-context';
import { percent } from '../capture/capture-labels';
import { ProgressBar } from '../capture/progress-bar';
import { eventsLink } from '../events/events-model';
import { importFormatLabels, ImportForm } from './import-form';

const active = (job: EventImportJob) => job.status === 'queued' || job.status === 'running';

/** Log files imported as events, with their progress; asked again every second while one runs. */
export function ImportsSection() {
  const me = useMe();
  const writer = canWrite(me.role);
  const client = useQueryClient();
  const imports = useQuery({
    queryKey: ['sensing', 'imports'],
    queryFn: ({ signal }) => listEventImports(signal),
    refetchInterval: (query) => (query.state.data?.items.some(active) === true ? 1000 : false),
  });
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const columns: readonly Column<EventImportJob>[] = [
    {
      key: 'file',
      header: 'File',
      alwaysShown: true,
      sortValue: (j) => j.name,
      render: (j) => (
        <Link className="cell-strong" to={eventsLink(`input.id:${j.id}`)}>
          {j.name}
        </Link>
      ),
    },
    { key: 'format', header: 'Format', sortValue: (j) => j.detectedFormat ?? j.format, render: (j) => (j.detectedFormat === null ? importFormatLabels[j.format] : importFormatLabels[j.detectedFormat]) },
    { key: 'org', header: 'Organisation', sortValue: (j) => j.orgName, render: (j) => j.orgName },
    {
      key: 'status',
      header: 'Status',
      sortValue: (j) => j.status,
      render: (j) => (
        <span className={`pill ${j.status === 'finished' ? 'pill-ok' : j.status === 'failed' ? 'pill-danger' : 'pill-warn'}`} data-state={j.status} title={j.error ?? undefined}>
          {j.status}
        </span>
      ),
      csv: (j) => j.status,
    },
    {
      key: 'progress',
      header: 'Progress',
      sortValue: (j) => j.progress,
      render: (j) => (
        <span className="upload-progress">
          <ProgressBar value={j.progress} label={`Import of ${j.name}`} busy={active(j)} tone={j.status === 'finished' ? 'ok' : j.status === 'failed' ? 'danger' : 'neutral'} />
          <span className="small muted" data-testid="import-percent">
            {percent(j.progress)}
          </span>
        </span>
      ),
      csv: (j) => percent(j.progress),
    },
    { key: 'lines', header: 'Lines', className: 'num', sortValue: (j) => j.lines, render: (j) => formatCount(j.lines) },
    { key: 'events', header: 'Events stored', className: 'num', sortValue: (j) => j.eventsStored, render: (j) => <span data-testid="import-events">{formatCount(j.eventsStored)}</span>, csv: (j) => j.eventsStored },
    {
      key: 'issues',
      header: 'Issues',
      className: 'num',
      sortValue: (j) => j.issuesCount,
      render: (j) =>
        j.issuesCount === 0 ? (
          '0'
        ) : (
          <span className="text-danger" title={j.issues.slice(0, 5).map((i) => `line ${i.line}: ${i.message}`).join('\n')}>
            {formatCount(j.issuesCount)}
          </span>
        ),
      csv: (j) => j.issuesCount,
    },
    { key: 'started', header: 'Started', className: 'nowrap', sortValue: (j) => j.startedAt ?? j.createdAt, render: (j) => formatDateTime(j.startedAt ?? j.createdAt) },
    { key: 'finished', header: 'Finished', className: 'nowrap', sortValue: (j) => j.finishedAt, render: (j) => (j.finishedAt === null ? '—' : formatDateTime(j.finishedAt)) },
    { key: 'error', header: 'Error', className: 'wrap', hiddenByDefault: true, render: (j) => <span className="small text-danger">{j.error ?? ''}</span>, csv: (j) => j.error },
  ];

  return (
    <section className="card card-flush" aria-labelledby="imports-title">
      <div className="card-header">
        <div>
          <h2 id="imports-title" className="card-title">
            Imports
          </h2>
          <p className="muted small">
            Log files read once: <code>bulwark events import FILE</code> on the server, or a file sent from here.
          </p>
        </div>
        {writer ? (
          <button type="button" className="btn" onClick={() => setOpen(true)}>
            Import a file
          </button>
        ) : null}
      </div>
      {notice === null ? null : <NoticeBanner onDismiss={() => setNotice(null)}>{notice}</NoticeBanner>}
      <DataTable
        columns={columns}
        rows={imports.data?.items ?? []}
        rowKey={(j) => j.id}
        label="Event imports"
        testId="imports-table"
        loading={imports.isFetching && imports.data === undefined}
        error={imports.error}
        errorTitle="Could not load the imports."
        exportName="event imports"
        empty={imports.isSuccess ? <EmptyState title="No import yet.">{writer ? 'Import a Zeek, Suricata, syslog or Windows event file.' : 'Analysts and administrators import files.'}</EmptyState> : null}
      />
      {open ? (
        <FormDialog title="Import a log file" description="The file is parsed in the server; the table shows its progress." testId="import-dialog" onClose={() => setOpen(false)}>
          <ImportForm
            onCancel={() => setOpen(false)}
            onStarted={(job) => {
              setOpen(false);
              setNotice(`Importing ${job.name}.`);
              void client.invalidateQueries({ queryKey: ['sensing', 'imports'] });
            }}
          />
        </FormDialog>
      ) : null}
    </section>
  );
}
