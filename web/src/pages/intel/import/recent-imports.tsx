import { useState } from 'react';
import { ApiError } from '../../../api/client';
import { getIntelImport, listIntelImports } from '../../../api/intel';
import type { IntelImportReport } from '../../../api/intel-types';
import { DataTable, type Column } from '../../../components/data-table';
import { EmptyState } from '../../../components/empty-state';
import { ErrorBanner } from '../../../components/error-banner';
import { formatCount, formatDateTime } from '../../../lib/format';
import { onlyWhen, useLoad } from '../../../lib/use-load';
import { ImportReportView } from './import-report-view';

const statusPill: Readonly<Record<IntelImportReport['status'], string>> = { complete: 'pill-ok', pending: 'pill-warn', failed: 'pill-danger' };

const columns: readonly Column<IntelImportReport>[] = [
  { key: 'name', header: 'Import', className: 'wrap', render: (r) => <span className="cell-strong">{r.name}</span> },
  { key: 'status', header: 'Status', className: 'nowrap', render: (r) => <span className={`pill ${statusPill[r.status]}`}>{r.status}</span> },
  { key: 'objects', header: 'Objects', className: 'num', render: (r) => formatCount(r.objects) },
  { key: 'stored', header: 'Stored', className: 'num', render: (r) => formatCount(r.stored) },
  { key: 'duplicates', header: 'Duplicates', className: 'num', render: (r) => formatCount(r.duplicates) },
  { key: 'invalid', header: 'Invalid', className: 'num', render: (r) => formatCount(r.invalid) },
  { key: 'created', header: 'Started', className: 'nowrap', render: (r) => formatDateTime(r.createdAt) },
];

function SelectedImport({ id }: { readonly id: string }) {
  // The list leaves issues out; the report itself has them.
  const { load } = useLoad((signal) => getIntelImport(id, signal), [id]);
  if (load.state === 'failed') return <ErrorBanner error={load.error} title="Could not load the import." />;
  if (load.data === null) return <p className="muted">Loading the report…</p>;
  return <ImportReportView report={load.data} testId="intel-selected-import" />;
}

/** The organisation's recent imports, newest first; a row opens its full report. */
export function RecentImports({ generation }: { readonly generation: number }) {
  const { load, reload } = useLoad((signal) => listIntelImports(signal), [generation]);
  const [selected, setSelected] = useState<string | null>(null);
  const forbidden = load.state === 'failed' && load.error instanceof ApiError && load.error.status === 403;
  return (
    <section className="card card-flush" aria-labelledby="recent-imports-title">
      <div className="card-header">
        <h2 className="card-title" id="recent-imports-title">
          Recent imports
        </h2>
        <button type="button" className="btn btn-small" onClick={reload} disabled={load.state === 'loading'}>
          Refresh
        </button>
      </div>
      {forbidden ? (
        <EmptyState title="Import reports are for analysts and administrators." />
      ) : (
        <>
          <ErrorBanner error={load.state === 'failed' ? load.error : null} title="Could not load recent imports." />
          <DataTable
            columns={columns}
            rows={load.data?.items ?? []}
            rowKey={(r) => r.id}
            label="Recent imports"
            testId="intel-imports-table"
            loading={load.state === 'loading'}
            onRowClick={(r) => setSelected(r.id)}
            rowClassName={(r) => (r.id === selected ? 'row-selected' : '')}
            empty={onlyWhen(load, 'ready', <EmptyState title="Nothing imported yet." />)}
          />
        </>
      )}
      {selected === null ? null : (
        <div className="card-inset">
          <SelectedImport id={selected} />
        </div>
      )}
    </section>
  );
}
