import { useState } from 'react';
import { deleteFeed, listFeeds, runFeed, type Feed, type FeedRunReport } from '../../../api/taxii';
import { ConfirmDelete } from '../../../components/confirm-delete';
import type { Column } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { Modal } from '../../../components/modal';
import { TlpBadge } from '../../../components/tlp-badge';
import { formatCount, formatDateTime } from '../../../lib/format';
import { useLoad } from '../../../lib/use-load';
import { canWrite, useMe } from '../../../session/session-context';
import { ReliabilityBadge } from '../reliability-badge';
import { FeedForm } from './feed-form';
import { FeedResult } from './feed-result';
import { ListPage } from './list-page';
import { SelectionSummary } from './selection-summary';

/** Which form is open: none, a new feed, or a feed being edited. */
type Dialog = { readonly kind: 'none' } | { readonly kind: 'new' } | { readonly kind: 'edit'; readonly feed: Feed };

/** The outcome of the last Run now, shown above the list. */
type RunOutcome = { readonly feed: Feed; readonly report: FeedRunReport } | { readonly feed: Feed; readonly error: unknown };

function schedule(feed: Feed): string {
  if (feed.intervalMinutes === null) return 'manual';
  return `every ${feed.intervalMinutes % 60 === 0 ? `${feed.intervalMinutes / 60} h` : `${feed.intervalMinutes} min`}`;
}

function position(state: Feed['state']): string | null {
  const parts = [
    state.addedAfter === undefined ? null : `added after ${state.addedAfter}`,
    state.next === undefined ? null : 'within a paged walk',
    state.pushedUs === undefined ? null : `pushed up to ${new Date(state.pushedUs / 1000).toISOString()}`,
  ].filter((p): p is string => p !== null);
  return parts.length === 0 ? null : parts.join(' · ');
}

/** The direction, and what a pull imports as or a push sends. */
function DirectionCell({ feed }: { readonly feed: Feed }) {
  const o = feed.options;
  return (
    <span className="intel-cell-stack">
      <span className={`pill ${feed.direction === 'pull' ? 'pill-level-provincial' : 'pill-level-industry'}`}>{feed.direction}</span>
      {feed.direction === 'pull' ? (
        <span className="intel-badges">
          {o.tlp === undefined ? null : <TlpBadge tlp={o.tlp} />}
          {o.reliability === undefined ? null : <ReliabilityBadge reliability={o.reliability} />}
          {o.sharedUpward === true ? <span className="pill pill-muted">shared upward</span> : null}
        </span>
      ) : (
        <span className="small">
          <SelectionSummary types={o.types} labels={o.labels} tlpMax={o.tlpMax} everything="every type" />
        </span>
      )}
    </span>
  );
}

function LastRun({ feed }: { readonly feed: Feed }) {
  if (feed.lastRunAt === null) return <span className="muted">never</span>;
  const r = feed.lastResult;
  return (
    <span className="intel-cell-stack">
      <span className="nowrap">{formatDateTime(feed.lastRunAt)}</span>
      {r === null ? null : (
        <span className="small" data-testid="feed-last-result">
          {formatCount(r.objects)} objects, {formatCount(r.stored)} stored, {formatCount(r.duplicates)} duplicates, {formatCount(r.failed)} failed
          {r.complete ? '' : ' (incomplete)'}
        </span>
      )}
      {feed.lastError === null ? null : (
        <span className="text-danger small" data-testid="feed-last-error">
          {feed.lastError}
        </span>
      )}
    </span>
  );
}

function RunButton({ feed, onRun }: { readonly feed: Feed; readonly onRun: (feed: Feed) => Promise<void> }) {
  const [running, setRunning] = useState(false);
  return (
    <button
      type="button"
      className="btn btn-small btn-primary"
      disabled={running}
      aria-label={`Run feed ${feed.name} now`}
      onClick={() => {
        setRunning(true);
        void onRun(feed).finally(() => setRunning(false));
      }}
    >
      {running ? 'Running…' : 'Run now'}
    </button>
  );
}

function RunOutcomeBanner({ outcome, onDismiss }: { readonly outcome: RunOutcome | null; readonly onDismiss: () => void }) {
  if (outcome === null) return null;
  if ('error' in outcome) return <ErrorBanner error={outcome.error} title={`Feed ${outcome.feed.name} did not run.`} onDismiss={onDismiss} />;
  return <FeedResult result={outcome.report} direction={outcome.feed.direction} feedName={outcome.feed.name} testId="feed-run-result" onDismiss={onDismiss} />;
}

export function FeedsPage() {
  const me = useMe();
  const writer = canWrite(me.role);
  const { load, reload } = useLoad((signal) => listFeeds(signal), []);
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const [notice, setNotice] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<RunOutcome | null>(null);
  const close = () => setDialog({ kind: 'none' });

  async function onRun(feed: Feed) {
    setOutcome(null);
    try {
      setOutcome({ feed, report: await runFeed(feed.name) });
    } catch (error) {
      setOutcome({ feed, error });
    }
    // A failed run is recorded on the feed too (last error, position).
    reload();
  }

  const columns: readonly Column<Feed>[] = [
    {
      key: 'name',
      header: 'Name',
      className: 'nowrap',
      render: (f) => (
        <span className="cell-strong" data-testid="feed-name">
          {f.name}
        </span>
      ),
    },
    { key: 'direction', header: 'Direction', render: (f) => <DirectionCell feed={f} /> },
    { key: 'url', header: 'Collection URL', className: 'wrap', render: (f) => <span className="mono small intel-wrap">{f.url}</span> },
    { key: 'schedule', header: 'Schedule', className: 'nowrap', render: (f) => <span data-testid="feed-schedule">{schedule(f)}</span> },
    {
      key: 'next',
      header: 'Next run',
      className: 'nowrap',
      render: (f) => <span data-testid="feed-next-run">{f.nextRunAt === null ? <span className="muted">—</span> : formatDateTime(f.nextRunAt)}</span>,
    },
    { key: 'last', header: 'Last run', className: 'wrap', render: (f) => <LastRun feed={f} /> },
    { key: 'position', header: 'Position', className: 'wrap', render: (f) => <span className="small">{position(f.state) ?? <span className="muted">from the beginning</span>}</span> },
    ...(writer
      ? [
          {
            key: 'actions',
            header: '',
            className: 'actions',
            render: (f: Feed) => (
              <span className="intel-row-actions">
                <RunButton feed={f} onRun={onRun} />
                <button type="button" className="btn btn-small" onClick={() => setDialog({ kind: 'edit', feed: f })} aria-label={`Edit feed ${f.name}`}>
                  Edit
                </button>
                <ConfirmDelete
                  small
                  label={`Delete feed ${f.name}`}
                  errorTitle={`Feed ${f.name} was not deleted.`}
                  onDelete={async () => {
                    await deleteFeed(f.name);
                    setNotice(`Deleted feed ${f.name}.`);
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
  return (
    <ListPage
      title="TAXII feeds"
      description="Remote TAXII 2.1 collections your organisation pulls intelligence from or pushes its own to. Each run goes on where the last one stopped; credentials are stored for the feed and never shown."
      newLabel={writer ? 'New feed' : null}
      onNew={() => setDialog({ kind: 'new' })}
      notice={notice}
      onDismissNotice={() => setNotice(null)}
      banner={<RunOutcomeBanner outcome={outcome} onDismiss={() => setOutcome(null)} />}
      testId="taxii-feeds"
      list={load}
      loadError="Could not load the feeds."
      columns={columns}
      emptyTitle="No feeds yet."
      emptyText={
        <>
          A feed connects a collection on another TAXII 2.1 server: a pull feed imports what is published there (a CERT&apos;s or vendor&apos;s indicators, say), a push feed sends your own intelligence to it. Feeds
          run on a schedule or when asked, each run going on from where the last stopped. {writer ? 'Use New feed to set one up.' : 'An analyst or administrator sets up feeds.'}
        </>
      }
    >
      {dialog.kind === 'none' ? null : (
        <Modal title={editing === null ? 'New feed' : `Edit feed ${editing.name}`} onClose={close} testId={editing === null ? 'feed-new' : 'feed-edit'} wide>
          <FeedForm
            key={editing?.id ?? 'new'}
            feed={editing}
            onCancel={close}
            onSaved={(f) => {
              close();
              setNotice(editing === null ? `Created feed ${f.name}.` : `Saved feed ${f.name}.`);
              reload();
            }}
          />
        </Modal>
      )}
    </ListPage>
  );
}
