import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { listKbFeeds } from '../../api/kb-feeds';
import { listFeeds } from '../../api/taxii';
import { DataTable, type Column } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { formatDateTime } from '../../lib/format';

/** One row for a knowledge feed or a TAXII feed: what the Sources page needs of either. */
interface FeedRow {
  readonly key: string;
  readonly name: string;
  readonly kind: string;
  readonly url: string;
  readonly status: 'running' | 'failed' | 'ok' | 'never run';
  readonly lastRunAt: string | null;
  readonly nextRunAt: string | null;
  readonly lastError: string | null;
  /** The feed's own page. */
  readonly page: string;
}

const refetchMs = 5000;
const notAllowed = (error: unknown) => error instanceof ApiError && (error.status === 403 || error.status === 404);

function status(feed: { readonly running?: boolean; readonly lastError: string | null; readonly lastRunAt: string | null }): FeedRow['status'] {
  if (feed.running === true) return 'running';
  if (feed.lastError !== null) return 'failed';
  return feed.lastRunAt === null ? 'never run' : 'ok';
}

/** Knowledge feeds (vulnerability data) and TAXII feeds (threat intelligence) the organisation runs, with their last run. */
export function FeedsSection() {
  const kb = useQuery({ queryKey: ['sources', 'kb-feeds'], queryFn: ({ signal }) => listKbFeeds(signal), refetchInterval: refetchMs, retry: (count, error) => !notAllowed(error) && count < 2 });
  const taxii = useQuery({ queryKey: ['sources', 'taxii-feeds'], queryFn: ({ signal }) => listFeeds(signal), refetchInterval: refetchMs, retry: (count, error) => !notAllowed(error) && count < 2 });
  const rows: FeedRow[] = [
    ...(kb.data?.items ?? []).map((f) => ({ key: `kb:${f.id}`, name: f.name, kind: `Knowledge (${f.kind})`, url: f.url, status: status(f), lastRunAt: f.lastRunAt, nextRunAt: f.nextRunAt, lastError: f.lastError, page: '/knowledge/feeds' })),
    ...(taxii.data?.items ?? []).map((f) => ({ key: `taxii:${f.id}`, name: f.name, kind: `TAXII ${f.direction}`, url: f.url, status: status(f), lastRunAt: f.lastRunAt, nextRunAt: f.nextRunAt, lastError: f.lastError, page: '/intel/feeds' })),
  ];
  // A member of an organisation that may not read knowledge feeds still sees its TAXII feeds.
  const error = [kb.error, taxii.error].find((e) => e !== null && !notAllowed(e)) ?? null;
  const columns: readonly Column<FeedRow>[] = [
    {
      key: 'name',
      header: 'Feed',
      alwaysShown: true,
      sortValue: (f) => f.name,
      render: (f) => (
        <span className="sources-cell">
          <Link className="cell-strong" to={f.page}>
            {f.name}
          </Link>
          <span className="muted small mono">{f.url}</span>
        </span>
      ),
    },
    { key: 'kind', header: 'Kind', sortValue: (f) => f.kind, render: (f) => f.kind },
    {
      key: 'status',
      header: 'Status',
      sortValue: (f) => f.status,
      render: (f) => (
        <span className={`pill ${f.status === 'ok' ? 'pill-ok' : f.status === 'failed' ? 'pill-danger' : f.status === 'running' ? 'pill-warn' : 'pill-muted'}`} data-state={f.status} title={f.lastError ?? undefined}>
          {f.status}
        </span>
      ),
      csv: (f) => f.status,
    },
    { key: 'last', header: 'Last run', className: 'nowrap', sortValue: (f) => f.lastRunAt, render: (f) => (f.lastRunAt === null ? '—' : formatDateTime(f.lastRunAt)) },
    { key: 'next', header: 'Next run', className: 'nowrap', sortValue: (f) => f.nextRunAt, render: (f) => (f.nextRunAt === null ? 'when asked' : formatDateTime(f.nextRunAt)) },
    { key: 'error', header: 'Last error', className: 'wrap', render: (f) => <span className="small text-danger">{f.lastError ?? ''}</span>, csv: (f) => f.lastError },
  ];
  return (
    <section className="card card-flush" aria-labelledby="feeds-title">
      <div className="card-header">
        <div>
          <h2 id="feeds-title" className="card-title">
            Feeds
          </h2>
          <p className="muted small">
            Vulnerability data (<Link to="/knowledge/feeds">knowledge feeds</Link>) and threat intelligence (<Link to="/intel/feeds">TAXII feeds</Link>) pulled on a schedule.
          </p>
        </div>
      </div>
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(f) => f.key}
        label="Feeds"
        testId="feeds-table"
        loading={(kb.isFetching && kb.data === undefined && kb.error === null) || (taxii.isFetching && taxii.data === undefined && taxii.error === null)}
        error={error}
        errorTitle="Could not load the feeds."
        exportName="feeds"
        empty={kb.isFetched && taxii.isFetched ? <EmptyState title="No feed yet.">Knowledge and TAXII feeds are set up on their own pages.</EmptyState> : null}
      />
    </section>
  );
}
