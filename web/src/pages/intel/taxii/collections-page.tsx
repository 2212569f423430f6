import { useState } from 'react';
import { listOrganisations } from '../../../api/admin';
import { deleteTaxiiCollection, listTaxiiCollections, taxiiCollectionUrl, type TaxiiCollection, type TaxiiGrant } from '../../../api/taxii';
import type { Organisation } from '../../../api/types';
import { ConfirmDelete } from '../../../components/confirm-delete';
import type { Column } from '../../../components/data-table';
import { Modal } from '../../../components/modal';
import { formatDateTime } from '../../../lib/format';
import { useLoad } from '../../../lib/use-load';
import { useMe } from '../../../session/session-context';
import { CollectionForm } from './collection-form';
import { CopyButton } from './copy-button';
import { ListPage } from './list-page';
import { SelectionSummary } from './selection-summary';

function grantText(grants: readonly TaxiiGrant[], names: ReadonlyMap<string, string>): string {
  if (grants.length === 0) return 'own organisation only';
  return grants.map((g) => `${names.get(g.orgId) ?? g.orgId}${g.descendants ? ' and below' : ''} (${g.roles.join(', ')})`).join('; ');
}

function TitleCell({ c }: { readonly c: TaxiiCollection }) {
  return (
    <span className="intel-cell-stack">
      <span className="cell-strong">{c.title}</span>
      {c.description === null ? null : <span className="small">{c.description}</span>}
      <span className="muted small">
        {c.orgName} · {c.createdBy}, {formatDateTime(c.createdAt)}
      </span>
    </span>
  );
}

function UrlCell({ c }: { readonly c: TaxiiCollection }) {
  const url = taxiiCollectionUrl(c);
  return (
    <span className="intel-url-cell">
      <code className="mono small intel-wrap" data-testid="taxii-url">
        {url}
      </code>
      <CopyButton text={url} label={`Copy the TAXII URL of ${c.title}`} />
    </span>
  );
}

function Rights({ c }: { readonly c: TaxiiCollection }) {
  if (!c.canRead && !c.canWrite) return <span className="muted">none</span>;
  return (
    <span className="intel-badges">
      {c.canRead ? <span className="pill pill-ok">read</span> : null}
      {c.canWrite ? <span className="pill pill-level-provincial">write</span> : null}
    </span>
  );
}

export function CollectionsPage() {
  const me = useMe();
  const admin = me.role === 'admin';
  const { load, reload } = useLoad((signal) => listTaxiiCollections(signal), []);
  // Names for grants; the list holds the admin's organisation and those below it.
  const orgs = useLoad<readonly Organisation[]>(() => (admin ? listOrganisations().then((r) => r.items) : Promise.resolve([])), [admin]);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const organisations = orgs.load.data ?? [];
  const names = new Map(organisations.map((o) => [o.id, o.name]));

  const columns: readonly Column<TaxiiCollection>[] = [
    { key: 'title', header: 'Collection', className: 'wrap', render: (c) => <TitleCell c={c} /> },
    { key: 'alias', header: 'Alias', className: 'mono nowrap', render: (c) => c.alias ?? <span className="muted">—</span> },
    { key: 'url', header: 'TAXII URL', className: 'wrap', render: (c) => <UrlCell c={c} /> },
    {
      key: 'filter',
      header: 'Serves',
      className: 'wrap',
      render: ({ filter: f }) => (
        <SelectionSummary
          types={f.types}
          labels={f.labels}
          tlpMax={f.tlpMax}
          extras={[f.minConfidence === undefined ? null : `confidence ≥ ${f.minConfidence}`, f.excludeRevoked === true ? 'without revoked objects' : null]}
          everything="everything the organisation holds"
        />
      ),
    },
    {
      key: 'access',
      header: 'Readers / writers',
      className: 'wrap',
      render: (c) => (
        <span className="intel-cell-stack small">
          <span>Read: {grantText(c.readers, names)}</span>
          <span>Write: {grantText(c.writers, names)}</span>
        </span>
      ),
    },
    { key: 'rights', header: 'Your rights', className: 'nowrap', render: (c) => <Rights c={c} /> },
    ...(admin
      ? [
          {
            key: 'actions',
            header: '',
            className: 'actions',
            render: (c: TaxiiCollection) =>
              // Admins of the organisations above see the collection, but only its own organisation removes it.
              c.orgId !== me.organisation.id ? null : (
                <ConfirmDelete
                  small
                  label={`Delete collection ${c.title}`}
                  errorTitle="The collection was not deleted."
                  onDelete={async () => {
                    await deleteTaxiiCollection(c.id);
                    setNotice(`Deleted collection ${c.title}.`);
                    reload();
                  }}
                />
              ),
          },
        ]
      : []),
  ];

  return (
    <ListPage
      title="TAXII collections"
      description="Views over your organisation's intelligence that other tools and organisations read (and write) over TAXII 2.1. Discovery is at /taxii2/; each collection's URL is in the list."
      newLabel={admin ? 'New collection' : null}
      onNew={() => setCreating(true)}
      notice={notice}
      onDismissNotice={() => setNotice(null)}
      testId="taxii-collections"
      list={load}
      loadError="Could not load the collections."
      columns={columns}
      emptyTitle="No TAXII collections yet."
      emptyText={
        <>
          A collection publishes part of your organisation&apos;s intelligence — chosen by type, label, TLP and confidence — at a TAXII 2.1 URL, so that the tools and partner organisations you name can read it and,
          if you let them, add objects to it. {admin ? 'Use New collection to define one.' : 'An administrator defines collections.'}
        </>
      }
    >
      {creating ? (
        <Modal title="New collection" onClose={() => setCreating(false)} testId="collection-new" wide>
          <CollectionForm
            organisations={organisations}
            onCancel={() => setCreating(false)}
            onCreated={(title) => {
              setCreating(false);
              setNotice(`Created collection ${title}.`);
              reload();
            }}
          />
        </Modal>
      ) : null}
    </ListPage>
  );
}
