import { useState } from 'react';
import { listOrganisations } from '../../../api/admin';
import { deleteTaxiiCollection, listTaxiiCollections, taxiiCollectionUrl, type TaxiiCollection, type TaxiiGrant } from '../../../api/taxii';
import type { Organisation } from '../../../api/types';
import { EmptyState } from '../../../components/empty-state';
import { ErrorBanner } from '../../../components/error-banner';
import { PageHeader } from '../../../components/page-header';
import { TlpBadge } from '../../../components/tlp-badge';
import { formatDateTime } from '../../../lib/format';
import { useLoad } from '../../../lib/use-load';
import { useMe } from '../../../session/session-context';
import { stixTypeLabel } from '../intel-labels';
import { CollectionForm } from './collection-form';
import { CopyButton } from './copy-button';

function FilterText({ c }: { readonly c: TaxiiCollection }) {
  const f = c.filter;
  const parts = [
    f.types === undefined ? null : `types: ${f.types.map(stixTypeLabel).join(', ')}`,
    f.labels === undefined ? null : `labels: ${f.labels.join(', ')}`,
    f.minConfidence === undefined ? null : `confidence ≥ ${f.minConfidence}`,
    f.excludeRevoked === true ? 'without revoked objects' : null,
  ].filter((p): p is string => p !== null);
  return (
    <span>
      {parts.length === 0 && f.tlpMax === undefined ? <span className="muted">everything the organisation holds</span> : parts.join(' · ')}
      {f.tlpMax === undefined ? null : (
        <>
          {parts.length === 0 ? '' : ' · '}up to <TlpBadge tlp={f.tlpMax} />
        </>
      )}
    </span>
  );
}

function Grants({ grants, names }: { readonly grants: readonly TaxiiGrant[]; readonly names: ReadonlyMap<string, string> }) {
  if (grants.length === 0) return <span className="muted">own organisation only</span>;
  return (
    <ul className="intel-ref-list">
      {grants.map((g, i) => (
        <li key={`${g.orgId}-${i}`}>
          {names.get(g.orgId) ?? <span className="mono small">{g.orgId}</span>}
          {g.descendants ? ' and below' : ''}: {g.roles.join(', ')}
        </li>
      ))}
    </ul>
  );
}

function DeleteCollection({ c, onDeleted }: { readonly c: TaxiiCollection; readonly onDeleted: () => void }) {
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function onDelete() {
    setBusy(true);
    setError(null);
    try {
      await deleteTaxiiCollection(c.id);
      onDeleted();
    } catch (e) {
      setError(e);
      setBusy(false);
      setConfirm(false);
    }
  }
  return (
    <>
      {confirm ? (
        <span className="confirm-inline">
          Delete {c.title}?
          <button type="button" className="btn btn-small btn-danger" onClick={() => void onDelete()} disabled={busy}>
            Yes, delete
          </button>
          <button type="button" className="btn btn-small" onClick={() => setConfirm(false)} disabled={busy}>
            Keep
          </button>
        </span>
      ) : (
        <button type="button" className="btn btn-small btn-danger-outline" onClick={() => setConfirm(true)} aria-label={`Delete collection ${c.title}`}>
          Delete
        </button>
      )}
      <ErrorBanner error={error} title="The collection was not deleted." />
    </>
  );
}

function CollectionCard({ c, names, canDelete, onDeleted }: { readonly c: TaxiiCollection; readonly names: ReadonlyMap<string, string>; readonly canDelete: boolean; readonly onDeleted: () => void }) {
  const url = taxiiCollectionUrl(c);
  return (
    <article className="card intel-collection" data-testid="taxii-collection" data-id={c.id} aria-label={`Collection ${c.title}`}>
      <div className="intel-card-head">
        <div>
          <h3 className="card-title">{c.title}</h3>
          <p className="muted small">
            {c.orgName} · created by {c.createdBy}, {formatDateTime(c.createdAt)}
            {c.alias === null ? '' : ` · alias ${c.alias}`}
          </p>
        </div>
        <span className="intel-badges">
          {c.canRead ? <span className="pill pill-ok">read</span> : null}
          {c.canWrite ? <span className="pill pill-level-provincial">write</span> : null}
        </span>
      </div>
      {c.description === null ? null : <p className="prose">{c.description}</p>}
      <div className="intel-taxii-url">
        <label className="field-label" htmlFor={`taxii-url-${c.id}`}>
          TAXII URL
        </label>
        <span className="intel-url-row">
          <input id={`taxii-url-${c.id}`} className="input mono" readOnly value={url} onFocus={(e) => e.target.select()} data-testid="taxii-url" />
          <CopyButton text={url} label={`Copy the TAXII URL of ${c.title}`} />
        </span>
      </div>
      <dl className="facts intel-facts">
        <div>
          <dt>Serves</dt>
          <dd>
            <FilterText c={c} />
          </dd>
        </div>
        <div>
          <dt>Readers</dt>
          <dd>
            <Grants grants={c.readers} names={names} />
          </dd>
        </div>
        <div>
          <dt>Writers</dt>
          <dd>
            <Grants grants={c.writers} names={names} />
          </dd>
        </div>
      </dl>
      {canDelete ? <DeleteCollection c={c} onDeleted={onDeleted} /> : null}
    </article>
  );
}

export function CollectionsPage() {
  const me = useMe();
  const admin = me.role === 'admin';
  const { load, reload } = useLoad((signal) => listTaxiiCollections(signal), []);
  // Names for grants; the list holds the admin's organisation and those below it.
  const orgs = useLoad<readonly Organisation[]>(() => (admin ? listOrganisations().then((r) => r.items) : Promise.resolve([])), [admin]);
  const [notice, setNotice] = useState<string | null>(null);
  const organisations = orgs.load.data ?? [];
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  const items = load.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="TAXII collections"
        description="Views over your organisation's intelligence that other tools and organisations read (and write) over TAXII 2.1. Discovery is at /taxii2/; each collection's URL is below."
      />
      {notice === null ? null : (
        <div className="banner banner-success" role="status" data-testid="notice">
          <span className="banner-message">{notice}</span>
          <button type="button" className="banner-close" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}
      {admin ? (
        <section className="card" aria-labelledby="collection-form-title">
          <h2 className="card-title" id="collection-form-title">
            New collection
          </h2>
          <CollectionForm
            organisations={organisations}
            onCreated={(title) => {
              setNotice(`Created collection ${title}.`);
              reload();
            }}
          />
        </section>
      ) : null}
      <ErrorBanner error={load.state === 'failed' ? load.error : null} title="Could not load the collections." />
      <section aria-label="Collections" data-testid="taxii-collections">
        {load.data !== null && items.length === 0 ? (
          <div className="card">
            <EmptyState title="No collection you may use.">{admin ? 'Create one above.' : 'An administrator defines collections.'}</EmptyState>
          </div>
        ) : (
          items.map((c) => (
            <CollectionCard
              key={c.id}
              c={c}
              names={names}
              canDelete={admin && c.orgId === me.organisation.id}
              onDeleted={() => {
                setNotice(`Deleted collection ${c.title}.`);
                reload();
              }}
            />
          ))
        )}
      </section>
    </>
  );
}
