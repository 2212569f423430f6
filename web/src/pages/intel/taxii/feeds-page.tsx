import { useState } from 'react';
import { deleteFeed, listFeeds, runFeed, type Feed, type FeedRunReport } from '../../../api/taxii';
import { Drawer } from '../../../components/modal';
import { EmptyState } from '../../../components/empty-state';
import { ErrorBanner } from '../../../components/error-banner';
import { PageHeader } from '../../../components/page-header';
import { TlpBadge } from '../../../components/tlp-badge';
import { formatCount, formatDateTime } from '../../../lib/format';
import { useLoad } from '../../../lib/use-load';
import { canWrite, useMe } from '../../../session/session-context';
import { ReliabilityBadge } from '../reliability-badge';
import { FeedForm } from './feed-form';
import { FeedResult } from './feed-result';

function schedule(feed: Feed): string {
  if (feed.intervalMinutes === null || feed.intervalMinutes === undefined) return 'manual only';
  const every = feed.intervalMinutes % 60 === 0 ? `${feed.intervalMinutes / 60} h` : `${feed.intervalMinutes} min`;
  return `every ${every}${feed.nextRunAt === null || feed.nextRunAt === undefined ? '' : `, next ${formatDateTime(feed.nextRunAt)}`}`;
}

function Options({ feed }: { readonly feed: Feed }) {
  const o = feed.options;
  if (feed.direction === 'pull') {
    return (
      <span className="intel-badges">
        {o.tlp === undefined ? null : <TlpBadge tlp={o.tlp} />}
        {o.reliability === undefined ? null : <ReliabilityBadge reliability={o.reliability} />}
        {o.sharedUpward === true ? <span className="pill pill-muted">shared upward</span> : null}
      </span>
    );
  }
  return (
    <span>
      {o.types === undefined ? 'every type' : o.types.join(', ')}
      {o.labels === undefined ? '' : ` · labels ${o.labels.join(', ')}`}
      {o.tlpMax === undefined ? null : (
        <>
          {' '}
          · up to <TlpBadge tlp={o.tlpMax} />
        </>
      )}
    </span>
  );
}

interface FeedCardProps {
  readonly feed: Feed;
  readonly writer: boolean;
  readonly onEdit: () => void;
  readonly onChanged: () => void;
  readonly onDeleted: () => void;
}

function FeedCard({ feed, writer, onEdit, onChanged, onDeleted }: FeedCardProps) {
  const [running, setRunning] = useState(false);
  const [run, setRun] = useState<FeedRunReport | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function onRun() {
    setRunning(true);
    setError(null);
    setRun(null);
    try {
      setRun(await runFeed(feed.name));
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setRunning(false);
    }
  }

  async function onDelete() {
    setError(null);
    try {
      await deleteFeed(feed.name);
      onDeleted();
    } catch (e) {
      setError(e);
      setConfirm(false);
    }
  }

  const state = feed.state;
  return (
    <article className="card intel-feed" data-testid="taxii-feed" data-name={feed.name} aria-label={`Feed ${feed.name}`}>
      <div className="intel-card-head">
        <div>
          <h3 className="card-title">
            {feed.name} <span className={`pill ${feed.direction === 'pull' ? 'pill-level-provincial' : 'pill-level-industry'} pill-inline`}>{feed.direction}</span>
          </h3>
          <p className="mono small intel-wrap">{feed.url}</p>
        </div>
        {writer ? (
          <span className="button-row">
            <button type="button" className="btn btn-small btn-primary" onClick={() => void onRun()} disabled={running} aria-label={`Run feed ${feed.name} now`}>
              {running ? 'Running…' : 'Run now'}
            </button>
            <button type="button" className="btn btn-small" onClick={onEdit} aria-label={`Edit feed ${feed.name}`}>
              Edit
            </button>
            {confirm ? (
              <span className="confirm-inline">
                <button type="button" className="btn btn-small btn-danger" onClick={() => void onDelete()}>
                  Yes, delete
                </button>
                <button type="button" className="btn btn-small" onClick={() => setConfirm(false)}>
                  Keep
                </button>
              </span>
            ) : (
              <button type="button" className="btn btn-small btn-danger-outline" onClick={() => setConfirm(true)} aria-label={`Delete feed ${feed.name}`}>
                Delete
              </button>
            )}
          </span>
        ) : null}
      </div>
      <dl className="facts intel-facts">
        <div>
          <dt>{feed.direction === 'pull' ? 'Imports as' : 'Sends'}</dt>
          <dd>
            <Options feed={feed} />
          </dd>
        </div>
        <div>
          <dt>Schedule</dt>
          <dd data-testid="feed-schedule">{schedule(feed)}</dd>
        </div>
        <div>
          <dt>Last run</dt>
          <dd>{feed.lastRunAt === null ? <span className="muted">never</span> : formatDateTime(feed.lastRunAt)}</dd>
        </div>
        <div>
          <dt>Position</dt>
          <dd className="small">
            {state.addedAfter === undefined && state.next === undefined && state.pushedUs === undefined ? (
              <span className="muted">from the beginning</span>
            ) : (
              [state.addedAfter === undefined ? null : `added after ${state.addedAfter}`, state.next === undefined ? null : 'within a paged walk', state.pushedUs === undefined ? null : `pushed up to ${new Date(state.pushedUs / 1000).toISOString()}`]
                .filter(Boolean)
                .join(' · ')
            )}
          </dd>
        </div>
        {feed.lastResult === null || feed.lastResult === undefined ? null : (
          <div>
            <dt>Last result</dt>
            <dd data-testid="feed-last-result">
              {formatCount(feed.lastResult.objects)} objects, {formatCount(feed.lastResult.stored)} stored, {formatCount(feed.lastResult.duplicates)} duplicates, {formatCount(feed.lastResult.failed)} failed
              {feed.lastResult.complete ? '' : ' (incomplete)'}
            </dd>
          </div>
        )}
      </dl>
      {feed.lastError === null ? null : (
        <p className="text-danger small" data-testid="feed-last-error">
          Last error: {feed.lastError}
        </p>
      )}
      <ErrorBanner error={error} title={`Feed ${feed.name}`} />
      {run === null ? null : <FeedResult result={run} direction={feed.direction} testId="feed-run-result" />}
    </article>
  );
}

export function FeedsPage() {
  const me = useMe();
  const writer = canWrite(me.role);
  const { load, reload } = useLoad((signal) => listFeeds(signal), []);
  const [editing, setEditing] = useState<Feed | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const feeds = load.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="TAXII feeds"
        description="Remote TAXII 2.1 collections your organisation pulls intelligence from or pushes its own to. Each run goes on where the last one stopped; credentials are stored for the feed and never shown."
      />
      {notice === null ? null : (
        <div className="banner banner-success" role="status" data-testid="notice">
          <span className="banner-message">{notice}</span>
          <button type="button" className="banner-close" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}
      {writer ? (
        <section className="card" aria-labelledby="feed-form-title">
          <h2 className="card-title" id="feed-form-title">
            New feed
          </h2>
          <FeedForm
            key={feeds.length}
            feed={null}
            onSaved={(f) => {
              setNotice(`Created feed ${f.name}.`);
              reload();
            }}
          />
        </section>
      ) : null}
      <ErrorBanner error={load.state === 'failed' ? load.error : null} title="Could not load the feeds." />
      <section aria-label="Feeds" data-testid="taxii-feeds">
        {load.data !== null && feeds.length === 0 ? (
          <div className="card">
            <EmptyState title="No feeds yet.">{writer ? 'Create one above.' : 'An analyst or administrator sets up feeds.'}</EmptyState>
          </div>
        ) : (
          feeds.map((f) => (
            <FeedCard
              key={f.id}
              feed={f}
              writer={writer}
              onEdit={() => setEditing(f)}
              onChanged={reload}
              onDeleted={() => {
                setNotice(`Deleted feed ${f.name}.`);
                reload();
              }}
            />
          ))
        )}
      </section>
      {editing === null ? null : (
        <Drawer title={`Edit feed ${editing.name}`} onClose={() => setEditing(null)} testId="feed-edit" wide>
          <FeedForm
            feed={editing}
            onCancel={() => setEditing(null)}
            onSaved={(f) => {
              setEditing(null);
              setNotice(`Saved feed ${f.name}.`);
              reload();
            }}
          />
        </Drawer>
      )}
    </>
  );
}
