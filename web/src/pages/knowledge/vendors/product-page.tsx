import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { getProduct } from '../../../api/knowledge';
import type { ProductVulnerability } from '../../../api/knowledge-types';
import { DataTable, type Column } from '../../../components/data-table';
import { EmptyState } from '../../../components/empty-state';
import { ErrorBanner } from '../../../components/error-banner';
import { GradeBadge, KevBadge } from '../../../components/grade-badge';
import { PageHeader } from '../../../components/page-header';
import { deviceTypeLabel, kbPaths } from '../../../lib/knowledge-labels';
import { onlyWhen, useLoad } from '../../../lib/use-load';
import { CvssScore } from '../cvss-score';
import { GraphPanel } from '../graph/graph-panel';

const columns: readonly Column<ProductVulnerability>[] = [
  { key: 'id', header: 'ID', className: 'mono nowrap', render: (v) => <Link to={kbPaths.vulnerability(v.id)} onClick={(e) => e.stopPropagation()}>{v.id}</Link> },
  { key: 'title', header: 'Title', className: 'wrap', render: (v) => <span className="cell-strong">{v.title ?? '—'}</span> },
  { key: 'grade', header: 'Grade', className: 'nowrap', render: (v) => <GradeBadge grade={v.grade} /> },
  { key: 'cvss', header: 'CVSS', className: 'num', render: (v) => <CvssScore score={v.cvss_score} /> },
  { key: 'kev', header: 'KEV', className: 'center', render: (v) => (v.kev ? <KevBadge kev /> : <span className="muted">—</span>) },
  { key: 'range', header: 'Versions', className: 'mono wrap', render: (v) => v.range_text },
  { key: 'variant', header: 'As written', className: 'wrap', hiddenByDefault: true, render: (v) => v.product_text ?? '' },
  { key: 'status', header: 'Status', className: 'nowrap', render: (v) => v.status.replace(/_/g, ' ') },
  { key: 'source', header: 'Source', className: 'nowrap', render: (v) => <span className="source-id">{v.source_id}</span> },
];

export function ProductPage() {
  const [params] = useSearchParams();
  const id = params.get('id') ?? '';
  const navigate = useNavigate();
  const { load } = useLoad((signal) => getProduct(id, signal), [id]);
  const p = load.data;
  return (
    <div data-testid="product-page">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/knowledge/vendors">Vendors</Link> <span aria-hidden="true">/</span>{' '}
        {p === null ? null : (
          <>
            <Link to={kbPaths.vendor(p.vendor_id)}>{p.vendor}</Link> <span aria-hidden="true">/</span>{' '}
          </>
        )}
        <span>{p?.name ?? id}</span>
      </nav>
      <PageHeader title={p?.name ?? id} description={p === null ? (onlyWhen(load, 'loading', 'Loading…') ?? undefined) : `Made by ${p.vendor}.`} />
      <ErrorBanner error={load.state === 'failed' ? load.error : null} title="Could not load the product." />
      {p === null ? null : (
        <>
          <section className="card">
            <dl className="facts facts-row">
              <div>
                <dt>Vendor</dt>
                <dd>
                  <Link to={kbPaths.vendor(p.vendor_id)}>{p.vendor}</Link>
                </dd>
              </div>
              <div>
                <dt>Device type</dt>
                <dd>{deviceTypeLabel(p.device_type)}</dd>
              </div>
              <div>
                <dt>CPE</dt>
                <dd className="mono">{p.cpe ?? <span className="muted">none</span>}</dd>
              </div>
              {(p.variants ?? []).length === 0 ? null : (
                <div>
                  <dt>Order numbers</dt>
                  <dd className="mono" data-testid="product-variants">
                    {(p.variants ?? []).join(', ')}
                  </dd>
                </div>
              )}
              {p.purl === null ? null : (
                <div>
                  <dt>Package URL</dt>
                  <dd className="mono">{p.purl}</dd>
                </div>
              )}
            </dl>
          </section>
          <section className="card card-flush">
            <div className="card-header">
              <h2 className="card-title">Vulnerabilities</h2>
              <span className="muted small">{p.vulnerabilities.length} entries, highest CVSS first</span>
            </div>
            <DataTable
              columns={columns}
              rows={p.vulnerabilities}
              rowKey={(v) => `${v.id}|${v.source_id}|${v.range_text}|${v.product_text ?? ''}`}
              label="Vulnerabilities of this product"
              testId="product-vulnerabilities"
              onRowClick={(v) => void navigate(kbPaths.vulnerability(v.id))}
              empty={onlyWhen(load, 'ready', <EmptyState title="No known vulnerability affects this product." />)}
            />
          </section>
          <section className="card">
            <h2 className="card-title">Knowledge graph</h2>
            <GraphPanel node={`product:${p.id}`} />
          </section>
        </>
      )}
    </div>
  );
}
