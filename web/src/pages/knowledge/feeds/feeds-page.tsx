import './feeds.css';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../api/client';
import { deleteKbFeed, feedKindLabels, listKbFeeds, startKbFeed, type KbFeed, type KbFeedRunResult } from '../../../api/kb-feeds';
import { ConfirmDelete } from '../../../components/confirm-delete';
import { DataTable, type Column } from '../../../components/data-table';
import { EmptyState } from '../../../components/empty-state';
import { ErrorBanner } from '../../../components/error-banner';
import { Modal } from '../../../components/modal';
import { NoticeBanner } from '../../../components/notice-banner';
import { PageHeader } from '../../../components/page-header';
import { formatCount, formatDateTime, formatSeconds } from '../../../lib/format';
import { useMe } from '../../../session/session-context';
import { FeedForm } from './feed-form';

type Dialog = { readonly kind: 'none' } | { readonly kind: 'new' } | { readonly kind: 'edit'; readonly feed: KbFeed };

function schedule(feed: KbFeed): string {
  const m = feed.intervalMinutes;
  if (m === null) return 'manual';
  return `every ${m % 1440 === 0 ? `${m / 1440} d` : m % 60 === 0 ? `${m / 60} h` : `${m} min`}`;
}

/** What the last run did, in one line people read. */
export function runSummary(r: KbFeedRunResult): string {
  if (r.error !== null) return `Failed: ${r.error}`;
  if (r.stats === null) return `Nothing new (${formatCount(r.requests)} requests, ${formatCount(r.notModified)} not modified)`;
  const s = r.stats;
  return `${formatCount(r.documents)} documents: ${formatCount(s.vulnerabilities)} vulnerabilities, ${formatCount(s.advisories)} advisories, ${formatCount(s.unchanged)} unchanged; ${formatCount(s.errors)} errors${r.complete ? '' : ' (more next run)'}`;
}

function LastRun({ feed }: { readonly feed: KbFeed }) {
  const r = feed.lastResult;
  if (feed.lastRunAt === null || r === null) return <span className="muted">never</span>;
  return (
    <span className="kb-cell-stack">
      <span className="nowrap">
        {formatDateTime(feed.lastRunAt)} · {formatSeconds(r.ms / 1000)}
      </span>
      <span className={`small ${r.error === null ? '' : 'text-danger'}`} data-testid="kb-feed-result">
        {runSummary(r)}
      </span>
      {r.warnings.length === 0 ? null : (
        <details className="small">
          <summary>{formatCount(r.warnings.length)} problems</summary>
          <ul className="kb-plain-list">
            {r.warnings.map((w) => (
              <li key={w} className="mono kb-wrap">
                {w}
              </li>
            ))}
          </ul>
        </details>
      )}
    </span>
  );
}

function Status({ feed }: { readonly feed: KbFeed }) {
  if (!feed.running) return <span className="pill pill-muted">idle</span>;
  const p = feed.progress;
  const total = p?.total;
  return (
    <span className="kb-cell-stack" data-testid="kb-feed-progress">
      <span className="pill pill-level-provincial">running</span>
      <span className="small">{p?.phase ?? 'starting'}</span>
      {total === undefined || total === 0 ? (
        <span className="small">{formatCount(p?.documents ?? 0)} documents</span>
      ) : (
        <progress max={total} value={Math.min(p?.documents ?? 0, total)} aria-label={`Feed ${feed.name}: ${p?.documents ?? 0} of ${total} documents`}>
          {p?.documents ?? 0} / {total}
        </progress>
      )}
    </span>
  );
}

/** Scheduled knowledge feeds: how the shared knowledge base stays current. */
export function KbFeedsPage() {
  const me = useMe();
  const admin = me.role === 'admin';
  const query = useQuery({
    queryKey: ['kb', 'feeds'],
    queryFn: ({ signal }) => listKbFeeds(signal),
    // While a run goes on, its progress is asked for every second.
    refetchInterval: (q) => (q.state.data?.items.some((f) => f.running) === true ? 1000 : false),
    retry: (count, error) => !(error instanceof ApiError && error.status === 403) && count < 2,
  });
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const close = () => setDialog({ kind: 'none' });
  const reload = () => void query.refetch();
  const refused = query.error instanceof ApiError && query.error.status === 403;

  async function run(feed: KbFeed) {
    setActionError(null);
    try {
      await startKbFeed(feed.name);
      setNotice(`Feed ${feed.name} is running.`);
    } catch (e) {
      setActionError(e);
    }
    reload();
  }

  const columns: readonly Column<KbFeed>[] = [
    { key: 'name', header: 'Name', className: 'nowrap', sortValue: (f) => f.name, render: (f) => <span className="cell-strong" data-testid="kb-feed-name">{f.name}</span> },
    { key: 'kind', header: 'Kind', sortValue: (f) => f.kind, render: (f) => <span title={feedKindLabels[f.kind]}>{f.kind.toUpperCase()}{f.hasApiKey ? <span className="pill pill-muted">API key</span> : null}</span> },
    { key: 'url', header: 'URL', className: 'wrap', render: (f) => <span className="mono small kb-wrap">{f.url}</span> },
    { key: 'schedule', header: 'Schedule', className: 'nowrap', render: (f) => schedule(f) },
    { key: 'next', header: 'Next run', className: 'nowrap', sortValue: (f) => f.nextRunAt, render: (f) => (f.nextRunAt === null ? <span className="muted">—</span> : formatDateTime(f.nextRunAt)) },
    { key: 'status', header: 'Status', render: (f) => <Status feed={f} /> },
    { key: 'last', header: 'Last run', className: 'wrap', sortValue: (f) => f.lastRunAt, render: (f) => <LastRun feed={f} /> },
    ...(admin
      ? [
          {
            key: 'actions',
            header: '',
            className: 'actions',
            alwaysShown: true,
            render: (f: KbFeed) => (
              <span className="kb-row-actions">
                <button type="button" className="btn btn-small btn-primary" disabled={f.running} onClick={() => void run(f)} aria-label={`${f.running ? 'Running…' : 'Run now'}: ${f.name}`}>
                  {f.running ? 'Running…' : 'Run now'}
                </button>
                <button type="button" className="btn btn-small" onClick={() => setDialog({ kind: 'edit', feed: f })} aria-label={`Edit feed ${f.name}`}>
                  Edit
                </button>
                <ConfirmDelete
                  small
                  label={`Delete feed ${f.name}`}
                  errorTitle={`Feed ${f.name} was not deleted.`}
                  onDelete={async () => {
                    await deleteKbFeed(f.name);
                    setNotice(`Deleted feed ${f.name}; what it imported stays.`);
                    reload();
                  }}
                />
              </span>
            ),
          },
        ]
      : []),
  ];

  const editing = dialog.kind === 'edit' ? dialog.feed : null;
  const items = query.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Knowledge feeds"
        description="Sources the shared knowledge base follows on a schedule: CSAF providers and ROLIE feeds, the CISA KEV catalog, the NVD API, OSV and CNVD. Each run fetches only what changed since the last one."
        {...(admin && !refused ? { actions: <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'new' })}>New feed</button> } : {})}
      />
      {notice === null ? null : <NoticeBanner onDismiss={() => setNotice(null)}>{notice}</NoticeBanner>}
      <ErrorBanner error={actionError} title="The feed did not start." onDismiss={() => setActionError(null)} />
      <section className="card card-flush" aria-label="Knowledge feeds" data-testid="kb-feeds">
        {refused ? (
          <EmptyState title="Knowledge feeds belong to the root organisation.">
            They fill the knowledge base everyone shares, so the root organisation&apos;s administrators define them. Your organisation can still add its own knowledge: upload documents or an archive under{' '}
            <Link to="/knowledge/imports">Imports</Link>.
          </EmptyState>
        ) : (
          <>
            <ErrorBanner error={query.isError ? query.error : null} title="Could not load the knowledge feeds." />
            <DataTable
              columns={columns}
              rows={items}
              rowKey={(f) => f.id}
              label="Knowledge feeds"
              testId="kb-feeds-table"
              loading={query.isPending}
              {...(query.isError
                ? {}
                : {
                    empty: (
                      <EmptyState title="No knowledge feeds yet.">
                        <FeedSuggestions admin={admin} />
                      </EmptyState>
                    ),
                  })}
            />
          </>
        )}
      </section>
      {dialog.kind === 'none' ? null : (
        <Modal title={editing === null ? 'New knowledge feed' : `Edit feed ${editing.name}`} onClose={close} testId="kb-feed-dialog" wide>
          <FeedForm
            key={editing?.id ?? 'new'}
            feed={editing}
            onCancel={close}
            onSaved={(f) => {
              close();
              setNotice(editing === null ? `Created feed ${f.name}. Use Run now for its first run.` : `Saved feed ${f.name}.`);
              reload();
            }}
          />
        </Modal>
      )}
    </>
  );
}

/** The usual public sources, so an empty list says where to start. */
export function FeedSuggestions({ admin }: { readonly admin: boolean }) {
  return (
    <>
      <p>Typical feeds for an industrial knowledge base:</p>
      <ul className="kb-plain-list kb-feed-suggestions">
        <li>
          <strong>CISA ICS advisories</strong> (CSAF): <span className="mono small">https://www.cisa.gov/.well-known/csaf/provider-metadata.json</span>
        </li>
        <li>
          <strong>Known exploited vulnerabilities</strong> (KEV): <span className="mono small">https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json</span>
        </li>
        <li>
          <strong>NVD</strong> (CVE API 2.0, with an API key for speed): <span className="mono small">https://services.nvd.nist.gov/rest/json/cves/2.0</span>
        </li>
        <li>
          <strong>OSV</strong> for software packages, and CNVD files where you receive them.
        </li>
      </ul>
      <p>
        {admin ? 'Use New feed to add one (administrators of the root organisation), or on the server: ' : 'An administrator of the root organisation adds them here, or on the server: '}
        <code>bulwark kb feeds add cisa-ics --kind csaf --url … --every 360</code>.
      </p>
    </>
  );
}
