import { Link, useNavigate } from 'react-router-dom';
import type { VulnerabilitySummary } from '../../../api/types';
import { DataTable, type Column } from '../../../components/data-table';
import { GradeBadge, KevBadge } from '../../../components/grade-badge';
import { formatDate } from '../../../lib/format';
import { kbPaths } from '../../../lib/knowledge-labels';
import { CvssScore } from '../cvss-score';

function IdCell({ v }: { readonly v: VulnerabilitySummary }) {
  const cves = v.aliases.filter((a) => a.scheme !== 'bulwark');
  return (
    <div className="vuln-id-cell">
      <Link to={kbPaths.vulnerability(v.id)} className="mono vuln-id" onClick={(e) => e.stopPropagation()}>
        {v.id}
      </Link>
      {cves.slice(0, 2).map((a) => (
        <span key={a.value} className="mono alias">
          {a.value}
        </span>
      ))}
      {cves.length > 2 ? <span className="muted small">+{cves.length - 2} more</span> : null}
    </div>
  );
}

const columns: readonly Column<VulnerabilitySummary>[] = [
  { key: 'id', header: 'ID / alias', className: 'nowrap', render: (v) => <IdCell v={v} /> },
  {
    key: 'title',
    header: 'Title',
    className: 'wrap title-cell',
    render: (v) => (
      <>
        <span className="cell-strong">{v.title ?? v.products[0] ?? v.aliases.find((a) => a.scheme === 'cve')?.value ?? v.id}</span>
        {v.products.length === 0 || v.title === null ? null : (
          <span className="muted small result-products" data-testid="result-products">
            {' '}
            · {v.products.join(', ')}
          </span>
        )}
      </>
    ),
  },
  { key: 'grade', header: 'Grade', className: 'nowrap', render: (v) => <GradeBadge grade={v.grade} /> },
  { key: 'cvss', header: 'CVSS', className: 'num nowrap', render: (v) => <CvssScore score={v.cvssScore} version={v.cvssVersion} /> },
  { key: 'kev', header: 'KEV', className: 'center', render: (v) => (v.kev ? <KevBadge kev /> : <span className="muted">—</span>) },
  {
    key: 'vendors',
    header: 'Vendors',
    className: 'clip clip-wide',
    render: (v) => <span title={v.vendors.join(', ')}>{v.vendors.length === 0 ? '—' : v.vendors.join(', ')}</span>,
  },
  { key: 'published', header: 'Published', className: 'nowrap', render: (v) => formatDate(v.published) },
];

interface ResultsTableProps {
  readonly items: readonly VulnerabilitySummary[];
  readonly loading: boolean;
}

export function ResultsTable({ items, loading }: ResultsTableProps) {
  const navigate = useNavigate();
  return (
    <DataTable
      columns={columns}
      rows={items}
      rowKey={(v) => v.id}
      label="Vulnerabilities"
      testId="kb-results-table"
      onRowClick={(v) => void navigate(kbPaths.vulnerability(v.id))}
      loading={loading}
    />
  );
}
