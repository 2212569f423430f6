import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Asset, AssetFilter } from '../../api/types';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { LoadMoreFooter } from '../../components/load-more-footer';
import { NoticeBanner } from '../../components/notice-banner';
import { PageHeader } from '../../components/page-header';
import { useDebounced } from '../../lib/use-debounced';
import { canWrite, useMe } from '../../session/session-context';
import { AssetDetailsDrawer } from './asset-details';
import { AssetFilters, filterFromParams, paramsFromFilter, type AssetFilterValues } from './asset-filters';
import { AssetForm } from './asset-form';
import { AssetTable } from './asset-table';
import { CsvImportDialog } from './csv-import-dialog';
import { useAssetList } from './use-asset-list';

type Dialog =
  | { readonly kind: 'none' }
  | { readonly kind: 'new' }
  | { readonly kind: 'edit'; readonly asset: Asset }
  | { readonly kind: 'import' };

function apiFilter(values: AssetFilterValues): AssetFilter {
  return {
    q: values.q.trim(),
    zone: values.zone.trim(),
    vendor: values.vendor.trim(),
    criticality: values.criticality,
    tlp: values.tlp,
  };
}

export function AssetsPage() {
  const me = useMe();
  const writable = canWrite(me.role);
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => filterFromParams(params), [params]);
  const settled = useDebounced(values, 250);
  const filter = useMemo(() => apiFilter(settled), [settled]);
  const list = useAssetList(filter);
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const [notice, setNotice] = useState<string | null>(null);

  // The API lets people change only their own organisation's assets; shared ones are read-only.
  const editable = (asset: Asset) => writable && asset.orgId === me.organisation.id;
  const filtered = Object.values(paramsFromFilter(values)).length > 0;
  const close = () => setDialog({ kind: 'none' });

  function onSaved(asset: Asset, created: boolean) {
    close();
    setNotice(created ? `Created ${asset.name}.` : `Saved ${asset.name}.`);
    if (created) list.reload();
    else list.update((items) => items.map((a) => (a.id === asset.id ? asset : a)));
  }

  function onDeleted(asset: Asset) {
    close();
    setNotice(`Deleted ${asset.name}.`);
    list.update((items) => items.filter((a) => a.id !== asset.id));
  }

  const actions = writable ? (
    <>
      <button type="button" className="btn" onClick={() => setDialog({ kind: 'import' })}>
        Import CSV
      </button>
      <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'new' })}>
        New asset
      </button>
    </>
  ) : undefined;

  const empty = filtered ? (
    <EmptyState
      title="No assets match these filters."
      actions={
        <button type="button" className="btn" onClick={() => setParams({}, { replace: true })}>
          Clear filters
        </button>
      }
    >
      Search matches names, addresses, vendors and models. Try fewer filters.
    </EmptyState>
  ) : (
    <EmptyState title="No assets yet." actions={actions}>
      {writable
        ? 'Add one, or import a CSV inventory exported from your engineering workstation or CMDB.'
        : 'Nothing has been shared with you yet. An analyst or administrator of your organisation can add assets.'}
    </EmptyState>
  );

  return (
    <>
      <PageHeader
        title="Assets"
        description="Controllers, HMIs, engineering workstations and network gear in your plants, with criticality and sharing marking."
        {...(actions === undefined ? {} : { actions })}
      />
      {notice === null ? null : <NoticeBanner onDismiss={() => setNotice(null)}>{notice}</NoticeBanner>}
      <AssetFilters values={values} onChange={(next) => setParams(paramsFromFilter(next), { replace: true })} />
      <ErrorBanner error={list.error} title="Could not load assets." />
      <section className="card card-flush">
        {list.items.length === 0 && !list.loading && list.error === null ? (
          empty
        ) : (
          <AssetTable assets={list.items} loading={list.loading} onOpen={(asset) => setDialog({ kind: 'edit', asset })} />
        )}
        <LoadMoreFooter list={list} testId="assets-count">
          {list.items.length} shown{list.nextCursor === null ? '' : ', more available'}
        </LoadMoreFooter>
      </section>
      {dialog.kind === 'edit' && !editable(dialog.asset) ? (
        <AssetDetailsDrawer key={dialog.asset.id} asset={dialog.asset} reason={writable ? 'shared' : 'role'} onClose={close} />
      ) : null}
      {dialog.kind === 'new' || (dialog.kind === 'edit' && editable(dialog.asset)) ? (
        <AssetForm
          key={dialog.kind === 'edit' ? dialog.asset.id : 'new'}
          asset={dialog.kind === 'edit' ? dialog.asset : null}
          onSaved={onSaved}
          onDeleted={onDeleted}
          onClose={close}
        />
      ) : null}
      {dialog.kind === 'import' ? (
        <CsvImportDialog
          onClose={close}
          onImported={(report) => {
            setNotice(`Imported ${report.rows} rows: ${report.created} created, ${report.updated} updated.`);
            list.reload();
          }}
        />
      ) : null}
    </>
  );
}
