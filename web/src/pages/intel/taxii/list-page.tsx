import type { ReactNode } from 'react';
import { DataTable, type Column } from '../../../components/data-table';
import { EmptyState } from '../../../components/empty-state';
import { ErrorBanner } from '../../../components/error-banner';
import { NoticeBanner } from '../../../components/notice-banner';
import { PageHeader } from '../../../components/page-header';
import type { Load } from '../../../lib/use-load';

interface ListPageProps<T> {
  /** The page title; it names the list and its table too, e.g. "TAXII feeds". */
  readonly title: string;
  readonly description: string;
  /** The header button that opens the form, e.g. "New feed"; null where the role may not create. */
  readonly newLabel: string | null;
  readonly onNew: () => void;
  /** What the last action did, until dismissed. */
  readonly notice: string | null;
  readonly onDismissNotice: () => void;
  /** Further banners above the list (the outcome of a run, say). */
  readonly banner?: ReactNode;
  readonly testId: string;
  readonly list: Load<{ readonly items: readonly T[] }>;
  readonly loadError: string;
  readonly columns: readonly Column<T>[];
  readonly emptyTitle: string;
  /** What the things listed are for, and who creates them. */
  readonly emptyText: ReactNode;
  /** The open form's dialog, if any. */
  readonly children?: ReactNode;
}

/**
 * A TAXII admin page: what exists first, as a table (or why there is nothing yet), with the button
 * that opens the creation form in the header.
 */
export function ListPage<T extends { readonly id: string }>(props: ListPageProps<T>) {
  const { title, newLabel, notice, list } = props;
  const newButton =
    newLabel === null ? null : (
      <button type="button" className="btn btn-primary" onClick={props.onNew}>
        {newLabel}
      </button>
    );
  // After a failed load the banner says why; an empty state would claim there is nothing.
  const empty = list.state === 'failed' ? {} : { empty: <EmptyState title={props.emptyTitle}>{props.emptyText}</EmptyState> };
  return (
    <>
      <PageHeader title={title} description={props.description} {...(newButton === null ? {} : { actions: newButton })} />
      {notice === null ? null : <NoticeBanner onDismiss={props.onDismissNotice}>{notice}</NoticeBanner>}
      {props.banner}
      <section className="card card-flush" aria-label={title} data-testid={props.testId}>
        <ErrorBanner error={list.state === 'failed' ? list.error : null} title={props.loadError} />
        <DataTable columns={props.columns} rows={list.data?.items ?? []} rowKey={(row) => row.id} label={title} testId={`${props.testId}-table`} loading={list.state === 'loading'} {...empty} />
      </section>
      {props.children}
    </>
  );
}
