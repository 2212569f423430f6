import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { getVendor } from '../../../api/knowledge';
import type { VendorProduct } from '../../../api/knowledge-types';
import { DataTable, type Column } from '../../../components/data-table';
import { EmptyState } from '../../../components/empty-state';
import { ErrorBanner } from '../../../components/error-banner';
import { PageHeader } from '../../../components/page-header';
import { formatCount } from '../../../lib/format';
import { deviceTypeLabel, kbPaths } from '../../../lib/knowledge-labels';
import { onlyWhen, useLoad } from '../../../lib/use-load';

const SHOWN = 200;

const columns: readonly Column<VendorProduct>[] = [
  { key: 'name', header: 'Product', className: 'wrap', render: (p) => <Link to={kbPaths.product(p.id)} onClick={(e) => e.stopPropagation()}>{p.name}</Link> },
  { key: 'type', header: 'Device type', className: 'nowrap', render: (p) => (p.device_type === 'unknown' ? <span className="muted">unknown</span> : deviceTypeLabel(p.device_type)) },
  { key: 'cpe', header: 'CPE', className: 'mono clip clip-wide', render: (p) => (p.cpe === null ? <span className="muted">—</span> : <span title={p.cpe}>{p.cpe}</span>) },
  { key: 'vulns', header: 'Vulnerabilities', className: 'num', render: (p) => (p.vulnerabilities === 0 ? <span className="muted">0</span> : <strong>{formatCount(p.vulnerabilities)}</strong>) },
];

export function VendorPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { load } = useLoad((signal) => getVendor(id, signal), [id]);
  const [filter, setFilter] = useState('');
  const [onlyVulnerable, setOnlyVulnerable] = useState(true);
  const [limit, setLimit] = useState(SHOWN);
  const vendor = load.data;

  const matching = useMemo(() => {
    const words = filter.trim().toLowerCase();
    return (vendor?.products ?? [])
      .filter((p) => !onlyVulnerable || p.vulnerabilities > 0)
      .filter((p) => words === '' || p.name.toLowerCase().includes(words) || p.device_type.includes(words))
      .sort((a, b) => b.vulnerabilities - a.vulnerabilities || a.name.localeCompare(b.name));
  }, [vendor, filter, onlyVulnerable]);

  const total = vendor?.products.length ?? 0;
  const vulnerable = vendor?.products.filter((p) => p.vulnerabilities > 0).length ?? 0;
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/knowledge/vendors">Vendors</Link> <span aria-hidden="true">/</span> <span>{vendor?.name ?? id}</span>
      </nav>
      <PageHeader
        title={vendor?.name ?? id}
        description={vendor === null ? (onlyWhen(load, 'loading', 'Loading…') ?? undefined) : `${formatCount(total)} products, ${formatCount(vulnerable)} of them affected by at least one vulnerability.`}
        actions={
          vendor === null ? undefined : (
            <Link className="btn" to={kbPaths.search({ vendor: vendor.name })}>
              Search its vulnerabilities
            </Link>
          )
        }
      />
      <ErrorBanner error={load.state === 'failed' ? load.error : null} title="Could not load the vendor." />
      <div className="toolbar">
        <input
          type="search"
          name="productQ"
          className="input input-search"
          placeholder="Filter products"
          aria-label="Filter products"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <label className="check">
          <input type="checkbox" name="onlyVulnerable" checked={onlyVulnerable} onChange={(e) => setOnlyVulnerable(e.target.checked)} />
          <span>Only products with vulnerabilities</span>
        </label>
      </div>
      <section className="card card-flush">
        <DataTable
          columns={columns}
          rows={matching.slice(0, limit)}
          rowKey={(p) => p.id}
          label="Products"
          testId="vendor-products"
          onRowClick={(p) => void navigate(kbPaths.product(p.id))}
          loading={load.state === 'loading'}
          empty={onlyWhen(load, 'ready', <EmptyState title="No products match.">{onlyVulnerable ? 'Untick “Only products with vulnerabilities” to see every product.' : 'Try another filter.'}</EmptyState>)}
        />
        {matching.length > limit ? (
          <div className="table-footer">
            <span className="muted small">
              {formatCount(limit)} of {formatCount(matching.length)} shown
            </span>
            <button type="button" className="btn btn-small" onClick={() => setLimit((n) => n + SHOWN)}>
              Show more
            </button>
          </div>
        ) : null}
      </section>
    </>
  );
}
