import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client';
import { getIntelObject, intelExportUrl } from '../../../api/intel';
import type { IntelObjectDetail } from '../../../api/intel-types';
import { EmptyState } from '../../../components/empty-state';
import { ErrorBanner } from '../../../components/error-banner';
import { TlpBadge } from '../../../components/tlp-badge';
import { formatDateTime } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useLoad } from '../../../lib/use-load';
import { TypeTag } from '../browser/objects-table';
import { ConfidenceCell } from '../confidence-cell';
import { intelPaths } from '../paths';
import { ReliabilityBadge } from '../reliability-badge';
import { ConflictsCallout } from './conflicts-callout';
import { MarkingsPanel } from './markings-panel';
import { ObjectProperties } from './object-properties';
import { RelationshipsPanel } from './relationships-panel';
import { VersionsTable } from './versions-table';

export function IntelObjectPage() {
  const { id = '' } = useParams();
  // A new id is a new page: nothing of the previous object may linger while the next loads.
  return <ObjectView key={id} id={id} />;
}

function ObjectView({ id }: { readonly id: string }) {
  const { load } = useLoad((signal) => getIntelObject(id, signal), [id]);
  useDocumentTitle(load.data?.summary.name ?? id);
  if (load.state === 'failed' && load.data === null) {
    const missing = load.error instanceof ApiError && load.error.status === 404;
    return (
      <section className="card" data-testid="intel-object-page">
        {missing ? (
          <EmptyState title={`No object ${id}.`} actions={<Link to={intelPaths.browser()} className="btn">Back to intelligence</Link>}>
            It does not exist, or its marking does not let it reach your organisation.
          </EmptyState>
        ) : (
          <ErrorBanner error={load.error} title="Could not load the object." />
        )}
      </section>
    );
  }
  if (load.data === null) return <p className="muted page-loading">Loading {id}…</p>;
  return <ObjectDetail detail={load.data} />;
}

function ObjectDetail({ detail }: { readonly detail: IntelObjectDetail }) {
  const s = detail.summary;
  return (
    <div className="intel-object" data-testid="intel-object-page" data-id={s.id} data-type={s.type}>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to={intelPaths.browser()}>Intelligence</Link> <span aria-hidden="true">/</span>{' '}
        <Link to={intelPaths.browser({ type: s.type })}>
          <TypeTag type={s.type} />
        </Link>
      </nav>
      <header className="page-header">
        <div>
          <h1 className="page-title" data-testid="intel-object-name">
            {s.name ?? s.id}
            {s.revoked ? <span className="pill pill-danger pill-inline">revoked</span> : null}
          </h1>
          <p className="page-description mono small">{s.id}</p>
          <div className="intel-badges">
            <TlpBadge tlp={s.tlp} />
            <span className="intel-badge">
              Confidence <ConfidenceCell summary={s} />
            </span>
            <span className="intel-badge intel-source">
              <ReliabilityBadge reliability={s.reliability} /> {s.source === '' ? 'own' : s.source}
            </span>
            <span className="intel-badge">{s.orgName}</span>
            <span className="intel-badge muted">added {formatDateTime(s.dateAdded)}</span>
          </div>
        </div>
        <div className="page-actions">
          <a className="btn" href={intelExportUrl(s.id)} download={`${s.id}.json`}>
            Download
          </a>
        </div>
      </header>
      {detail.conflicts.length === 0 ? null : <ConflictsCallout conflicts={detail.conflicts} versions={detail.versions} />}
      <div className="intel-object-grid">
        <section className="card" aria-labelledby="intel-properties-title">
          <h2 className="card-title" id="intel-properties-title">
            Properties
          </h2>
          <ObjectProperties object={detail.object} />
        </section>
        <section className="card" aria-labelledby="intel-markings-title">
          <h2 className="card-title" id="intel-markings-title">
            Markings
          </h2>
          <MarkingsPanel tlp={s.tlp} object={detail.object} />
        </section>
      </div>
      <section className="card" aria-labelledby="intel-graph-title">
        <h2 className="card-title" id="intel-graph-title">
          Relationships
        </h2>
        <RelationshipsPanel detail={detail} />
      </section>
      <section className="card card-flush" aria-labelledby="intel-versions-title">
        <div className="card-header">
          <h2 className="card-title" id="intel-versions-title">
            Versions
          </h2>
        </div>
        <VersionsTable versions={detail.versions} current={s.version} />
      </section>
      <section className="card">
        <details className="intel-raw" data-testid="intel-raw">
          <summary>Raw STIX JSON</summary>
          <pre className="intel-json">{JSON.stringify(detail.object, null, 2)}</pre>
        </details>
      </section>
    </div>
  );
}
