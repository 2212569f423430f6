import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { listVendors } from '../../../api/knowledge';
import type { VendorSummary } from '../../../api/knowledge-types';
import { DataTable, type Column } from '../../../components/data-table';
import { EmptyState } from '../../../components/empty-state';
import { ErrorBanner } from '../../../components/error-banner';
import { PageHeader } from '../../../components/page-header';
import { formatCount } from '../../../lib/format';
import { kbPaths } from '../../../lib/knowledge-labels';
import { useDebounced } from '../../../lib/use-debounced';
import { onlyWhen, useLoad } from '../../../lib/use-load';

// The API answers at most this many vendors, alphabetically.
const API_LIMIT = 100;

const columns: readonly Column<VendorSummary>[] = [
  { key: 'name', header: 'Vendor', render: (v) => <span className="cell-strong">{v.name}</span> },
  { key: 'products', header: 'Products', className: 'num', render: (v) => formatCount(v.products) },
  { key: 'vulns', header: 'Vulnerabilities', className: 'num', render: (v) => (v.vulnerabilities === 0 ? <span className="muted">0</span> : formatCount(v.vulnerabilities)) },
];

export function VendorsPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const settled = useDebounced(q.trim(), 250);
  const { load } = useLoad((signal) => listVendors(settled, signal), [settled]);
  const items = useMemo(() => load.data?.items ?? [], [load.data]);

  return (
    <>
      <PageHeader title="Vendors" description="Manufacturers named by advisories, with their products and how many vulnerabilities affect them." />
      <div className="toolbar" role="search">
        <input
          type="search"
          name="vendorQ"
          className="input input-search"
          placeholder="Search vendors, e.g. Siemens, Rockwell, Schneider…"
          aria-label="Search vendors"
          value={q}
          onChange={(e) => setParams(e.target.value === '' ? {} : { q: e.target.value }, { replace: true })}
          autoFocus
        />
        <span className="muted small">
          {load.data === null ? '' : items.length >= API_LIMIT ? `First ${API_LIMIT} vendors alphabetically; search to narrow down.` : `${items.length} vendors`}
        </span>
      </div>
      <ErrorBanner error={load.state === 'failed' ? load.error : null} title="Could not load vendors." />
      <section className="card card-flush">
        <DataTable
          columns={columns}
          rows={items}
          rowKey={(v) => v.id}
          label="Vendors"
          testId="vendors-table"
          onRowClick={(v) => void navigate(kbPaths.vendor(v.id))}
          loading={load.state === 'loading'}
          empty={onlyWhen(load, 'ready', <EmptyState title={`No vendor matches “${q}”.`}>Vendor names are normalized: “Siemens AG” is Siemens.</EmptyState>)}
        />
      </section>
    </>
  );
}
