import { Link, useNavigate } from 'react-router-dom';
import { listBaselines, type BaselineSummary } from '../../api/baselines';
import { DataTable, type Column } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { formatCount, formatDateTime } from '../../lib/format';
import { onlyWhen, useLoad } from '../../lib/use-load';
import { itemTotal, learningPeriod, percent, zoneName } from './baseline-model';

/** Learning progress per zone, and how many deviations wait for someone to look at them. */
export function BaselinesPage() {
  const navigate = useNavigate();
  const { load } = useLoad((signal) => listBaselines(signal), [], { key: ['baselines', 'list'] });
  const rows = load.data?.items ?? [];
  const settings = load.data?.settings ?? null;
  const columns: readonly Column<BaselineSummary>[] = [
    { key: 'zone', header: 'Zone', alwaysShown: true, className: 'wrap', render: (b) => <Link to={`/baselines/${encodeURIComponent(b.id)}`}>{zoneName(b)}</Link>, sortValue: (b) => b.zone },
    {
      key: 'progress',
      header: 'Learnt',
      render: (b) => (
        <span className="nowrap">
          <progress max={1} value={b.progress} aria-label={`${zoneName(b)}: ${percent(b.progress)} of the learning period`} /> {b.state === 'active' ? 'active' : percent(b.progress)}
        </span>
      ),
      csv: (b) => b.progress,
      sortValue: (b) => b.progress,
    },
    { key: 'period', header: 'Learning period', className: 'nowrap', render: (b) => learningPeriod(b.learningMs), sortValue: (b) => b.learningMs },
    { key: 'through', header: 'Learnt through', className: 'nowrap', render: (b) => (b.learnedThrough === null ? <span className="muted">no event yet</span> : formatDateTime(b.learnedThrough)), sortValue: (b) => b.learnedThrough },
    { key: 'version', header: 'Version', className: 'num', render: (b) => b.version, sortValue: (b) => b.version },
    { key: 'items', header: 'Known items', className: 'num', render: (b) => formatCount(itemTotal(b)), sortValue: itemTotal },
    { key: 'deviations', header: 'Open deviations', className: 'num', render: (b) => (b.openDeviations === 0 ? '0' : <strong>{formatCount(b.openDeviations)}</strong>), sortValue: (b) => b.openDeviations },
  ];
  return (
    <div className="page" data-testid="baselines-page">
      <PageHeader
        title="Baselines"
        description={`What is normal per zone, learnt from event time: hosts, talker pairs, protocols, functions, address ranges and polling periods.${settings === null ? '' : ` New zones learn for ${learningPeriod(settings.learningHours * 3_600_000)}.`}`}
      />
      <DataTable
        label="Baselines per zone"
        testId="baselines-table"
        columns={columns}
        rows={rows}
        rowKey={(b) => b.id}
        loading={load.state === 'loading'}
        error={load.state === 'failed' ? load.error : undefined}
        errorTitle="Baselines could not be loaded"
        onRowClick={(b) => navigate(`/baselines/${encodeURIComponent(b.id)}`)}
        exportName="baselines"
        empty={onlyWhen(load, 'ready', <EmptyState title="No baseline yet">A zone’s baseline starts with its first operation, flow or host event.</EmptyState>)}
      />
    </div>
  );
}
