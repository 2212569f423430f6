import './assets.css';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { assetExportUrl } from '../../api/assets';
import type { Asset } from '../../api/types';
import { EmptyState } from '../../components/empty-state';
import { LoadMoreFooter } from '../../components/load-more-footer';
import { NoticeBanner } from '../../components/notice-banner';
import { PageHeader } from '../../components/page-header';
import { useDebounced } from '../../lib/use-debounced';
import { canWrite, useMe } from '../../session/session-context';
import { AssetFilters, apiFilterOf, filterFromParams, noFilters, paramsFromFilter, selectionOf, valuesOf, type AssetFilterValues } from './asset-filters';
import { AssetForm } from './asset-form';
import { AssetTable, columnOfSort, sortOfColumn } from './asset-table';
import { BulkDeleteDialog, BulkEditDialog } from './bulk-dialogs';
import { CsvImportDialog } from './csv-import-dialog';
import { assetPagePath } from './paths';
import { SavedFilters } from './saved-filters';
import { useAssetList } from './use-asset-list';

type Dialog =
  | { readonly kind: 'none' }
  | { readonly kind: 'new' }
  | { readonly kind: 'import' }
  | { readonly kind: 'bulk-edit' | 'bulk-delete'; readonly assets: readonly Asset[]; readonly clear: () => void };

export function AssetsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const writable = canWrite(me.role);
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => filterFromParams(params), [params]);
  const settled = useDebounced(values, 250);
  const filter = useMemo(() => apiFilterOf(settled), [settled]);
  const list = useAssetList(filter);
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const [notice, setNotice] = useState<string | null>(null);

  // The API lets people change only their own organisation's assets; shared ones are read-only.
  const editable = (asset: Asset) => writable && asset.orgId === me.organisation.id;
  const setValues = (next: AssetFilterValues) => setParams(paramsFromFilter(next), { replace: true });
  const filtered = Object.values(paramsFromFilter({ ...values, sort: '', order: '' })).length > 0;
  const close = () => setDialog({ kind: 'none' });
  const sort = values.sort === '' ? null : { key: columnOfSort(values.sort), desc: values.order === 'desc' };

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
        <button type="button" className="btn" onClick={() => setValues({ ...noFilters, sort: values.sort, order: values.order })}>
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
        description="Controllers, HMIs, engineering workstations and network gear in your plants, with criticality, exposure and sharing marking."
        {...(actions === undefined ? {} : { actions })}
      />
      {notice === null ? null : <NoticeBanner onDismiss={() => setNotice(null)}>{notice}</NoticeBanner>}
      <AssetFilters values={values} onChange={setValues} />
      <div className="toolbar assets-views">
        <SavedFilters current={selectionOf(values)} onApply={(f) => setValues(valuesOf(f))} />
        <a className="btn btn-small" href={assetExportUrl(filter)} download="assets.csv" data-testid="assets-export">
          Export all matching as CSV
        </a>
      </div>
      <section className="card card-flush">
        <AssetTable
          assets={list.items}
          loading={list.loading}
          error={list.error}
          onOpen={(asset) => void navigate(assetPagePath(asset.id))}
          sort={sort}
          onSortChange={(next) => {
            const key = next === null ? undefined : sortOfColumn(next.key);
            setValues({ ...values, sort: key ?? '', order: key === undefined ? '' : next?.desc === true ? 'desc' : 'asc' });
          }}
          toolbar={writable ? <span className="muted small">Select assets of your organisation to edit or delete them together.</span> : null}
          empty={empty}
          {...(writable
            ? {
                selection: {
                  canSelect: editable,
                  actions: (rows: readonly Asset[], clear: () => void) => (
                    <>
                      <button type="button" className="btn btn-small" onClick={() => setDialog({ kind: 'bulk-edit', assets: rows, clear })}>
                        Edit selected…
                      </button>
                      <button type="button" className="btn btn-small btn-danger" onClick={() => setDialog({ kind: 'bulk-delete', assets: rows, clear })}>
                        Delete selected…
                      </button>
                    </>
                  ),
                },
              }
            : {})}
        />
        {list.items.length === 0 ? null : (
          <LoadMoreFooter list={list} testId="assets-count">
            {list.items.length} shown{list.nextCursor === null ? '' : ', more available'}
          </LoadMoreFooter>
        )}
      </section>
      {dialog.kind === 'new' ? (
        <AssetForm
          asset={null}
          onSaved={(asset) => {
            close();
            setNotice(`Created ${asset.name}.`);
            list.reload();
          }}
          onDeleted={close}
          onClose={close}
        />
      ) : null}
      {dialog.kind === 'bulk-edit' ? (
        <BulkEditDialog
          assets={dialog.assets}
          onClose={close}
          onDone={(result) => {
            dialog.clear();
            close();
            setNotice(`Changed ${result.count} assets.`);
            list.reload();
          }}
        />
      ) : null}
      {dialog.kind === 'bulk-delete' ? (
        <BulkDeleteDialog
          assets={dialog.assets}
          onClose={close}
          onDone={(result) => {
            dialog.clear();
            close();
            setNotice(`Deleted ${result.count} assets.`);
            const gone = new Set(result.ids);
            list.update((items) => items.filter((a) => !gone.has(a.id)));
          }}
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
