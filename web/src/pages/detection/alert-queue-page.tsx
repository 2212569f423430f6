import * as Popover from '@radix-ui/react-popover';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { alertCounts, alertSeverities, alertStatuses, bulkChangeAlerts, listAlerts, listRules, type Alert, type AlertChange, type AlertSeverity } from '../../api/detection';
import { DataTable, type Column } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { LoadMoreFooter } from '../../components/load-more-footer';
import { PageHeader } from '../../components/page-header';
import { formatCount, formatDateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { usePagedList } from '../../lib/use-paged-list';
import { canWrite, useMe } from '../../session/session-context';
import { LabelledSelect, SeverityBadge, StatusBadge, TechniqueLink, statusOptions } from './alert-badges';
import { filterOf, queueSearch, readQueueState, sincePresets, stateOfView, viewFilterOf, type QueueState } from './detection-model';
import { SavedViews } from './saved-views';
import { useAttackIndex } from './use-attack-index';

const pageSize = 100;

function SeverityCounts({ counts, current, onPick }: { readonly counts: Readonly<Record<AlertSeverity, number>> | null; readonly current: AlertSeverity | ''; readonly onPick: (s: AlertSeverity | '') => void }) {
  return (
    <ul className="alert-counts" aria-label="Alerts by severity" data-testid="alert-counts">
      {[...alertSeverities].reverse().map((s) => (
        <li key={s}>
          <button
            type="button"
            className={`alert-count alert-count-${s}${current === s ? ' active' : ''}`}
            aria-pressed={current === s}
            data-severity={s}
            onClick={() => onPick(current === s ? '' : s)}
            title={current === s ? 'Show every severity again' : `Show ${s} alerts and worse`}
          >
            <span className="alert-count-value">{counts === null ? '…' : formatCount(counts[s])}</span>
            <span className="alert-count-label">{s}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function AssignPopover({ onAssign }: { readonly onAssign: (assignee: string | null) => void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <button type="button" className="btn btn-small">
          Assign…
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="menu assign-popover" align="start" sideOffset={4} aria-label="Assign the selected alerts">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setOpen(false);
              onAssign(name.trim() === '' ? null : name.trim());
            }}
          >
            <label htmlFor="assign-to" className="field-label">
              User name (empty: unassign)
            </label>
            <input id="assign-to" className="input" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
            <button type="submit" className="btn btn-primary btn-small">
              Assign
            </button>
          </form>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

/** Alerts the person may see, newest activity first: filters in the URL, saved views, counts, bulk work. */
export function AlertQueuePage() {
  const me = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readQueueState(params), [params]);
  const search = queueSearch(state);
  // The time preset resolves when the filters change, not on every render.
  const filter = useMemo(() => filterOf(readQueueState(new URLSearchParams(search)), Date.now()), [search]);
  const go = useCallback((next: QueueState) => setParams(new URLSearchParams(queueSearch(next))), [setParams]);
  const [techniqueText, setTechniqueText] = useState(state.technique);
  const [assetText, setAssetText] = useState(state.assetId);
  const [bulkError, setBulkError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const attack = useAttackIndex();

  const list = usePagedList((cursor, signal) => listAlerts(filter, pageSize, cursor, signal), [search], { key: ['detection', 'alerts'] });
  const counts = useLoad((signal) => alertCounts(filter, signal), [search], { key: ['detection', 'counts'] });
  const rules = useLoad((signal) => listRules(signal), [], { key: ['detection', 'rules'] });

  async function bulk(rows: readonly Alert[], change: AlertChange, clear: () => void, what: string) {
    setBulkError(null);
    setNotice(null);
    try {
      const { updated } = await bulkChangeAlerts(rows.map((r) => r.id), change);
      clear();
      setNotice(`${formatCount(updated)} ${updated === 1 ? 'alert' : 'alerts'} ${what}.`);
      await client.invalidateQueries({ queryKey: ['detection'] });
    } catch (error) {
      setBulkError(error);
    }
  }

  const columns: readonly Column<Alert>[] = [
    {
      key: 'title',
      header: 'Alert',
      alwaysShown: true,
      className: 'wrap',
      render: (a) => (
        <Link to={`/detection/alerts/${encodeURIComponent(a.id)}`} onClick={(e) => e.stopPropagation()}>
          {a.ruleTitle}
        </Link>
      ),
      sortValue: (a) => a.ruleTitle,
    },
    { key: 'severity', header: 'Severity', render: (a) => <SeverityBadge severity={a.severity} />, sortValue: (a) => alertSeverities.indexOf(a.severity) },
    { key: 'entity', header: 'About', className: 'mono small', render: (a) => a.entity, sortValue: (a) => a.entity },
    { key: 'techniques', header: 'Techniques', render: (a) => (a.techniques.length === 0 ? <span className="muted">—</span> : a.techniques.map((t) => <TechniqueLink key={t} id={t} stixId={attack.byId.get(t)?.stixId} />)), csv: (a) => a.techniques.join(' ') },
    { key: 'status', header: 'Status', render: (a) => <StatusBadge status={a.status} />, sortValue: (a) => alertStatuses.indexOf(a.status), csv: (a) => a.status },
    { key: 'assignee', header: 'Assignee', render: (a) => a.assignee ?? <span className="muted">—</span>, sortValue: (a) => a.assignee },
    { key: 'count', header: 'Hits', className: 'num', render: (a) => formatCount(a.count), sortValue: (a) => a.count },
    { key: 'lastSeen', header: 'Last seen', className: 'nowrap', render: (a) => formatDateTime(a.lastSeen), sortValue: (a) => a.lastSeen },
    { key: 'firstSeen', header: 'First seen', className: 'nowrap', render: (a) => formatDateTime(a.firstSeen), sortValue: (a) => a.firstSeen, hiddenByDefault: true },
  ];

  // The API's alert writers: admins, analysts and responders of the alert's organisation.
  const writer = canWrite(me.role) || me.role === 'responder';
  return (
    <>
      <PageHeader title="Alert queue" description="Alerts the detection rules raised on your organisation’s events (and those shared with you), latest activity first. Each alert counts the hits of one rule about one thing." />
      <section className="card" aria-label="Counts and filters">
        <SeverityCounts counts={counts.load.data?.bySeverity ?? null} current={state.severity} onPick={(severity) => go({ ...state, severity })} />
        <p className="muted small" data-testid="alert-total">
          {counts.load.data === null ? '' : `${formatCount(counts.load.data.total)} alerts match the filters other than severity; ${formatCount(counts.load.data.byStatus.new)} new.`}
        </p>
        <form
          className="alert-filters"
          aria-label="Filters"
          onSubmit={(e) => {
            e.preventDefault();
            go({ ...state, technique: techniqueText, assetId: assetText.trim() });
          }}
        >
          <LabelledSelect label="Status" name="status" value={state.status} options={[{ value: '', label: 'Any status' }, ...statusOptions]} onChange={(status) => go({ ...state, status })} />
          <LabelledSelect label="Severity at least" name="severity" value={state.severity} options={[{ value: '', label: 'Any severity' }, ...alertSeverities.map((s) => ({ value: s, label: s }))]} onChange={(severity) => go({ ...state, severity })} />
          <LabelledSelect label="Rule" name="rule" value={state.ruleId} options={[{ value: '', label: 'Any rule' }, ...(rules.load.data ?? []).map((r) => ({ value: r.id, label: r.title }))]} onChange={(ruleId) => go({ ...state, ruleId })} />
          <LabelledSelect label="Last activity" name="since" value={state.since} options={sincePresets.map((p) => ({ value: p.key, label: p.label }))} onChange={(since) => go({ ...state, since })} />
          <label>
            <span className="field-label">Technique</span>
            <input name="technique" className="input input-small" value={techniqueText} placeholder="T0843" onChange={(e) => setTechniqueText(e.target.value)} size={8} />
          </label>
          <label>
            <span className="field-label">Asset id</span>
            <input name="asset" className="input input-small" value={assetText} onChange={(e) => setAssetText(e.target.value)} size={14} />
          </label>
          <button type="submit" className="btn btn-small">
            Apply
          </button>
          <SavedViews
            current={viewFilterOf(state)}
            onOpen={(view) => {
              const next = stateOfView(view.filter);
              setTechniqueText(next.technique);
              setAssetText(next.assetId);
              go(next);
            }}
          />
        </form>
      </section>
      <ErrorBanner error={counts.load.state === 'failed' ? counts.load.error : null} title="Could not count the alerts." />
      <ErrorBanner error={bulkError} title="The selected alerts were not changed." />
      {notice === null ? null : (
        <p className="notice" role="status" data-testid="alert-bulk-notice">
          {notice}
        </p>
      )}
      <section className="card card-flush" aria-label="Alerts">
        <DataTable
          columns={columns}
          rows={list.items}
          rowKey={(a) => a.id}
          label="Alerts"
          testId="alerts-table"
          onRowClick={(a) => navigate(`/detection/alerts/${encodeURIComponent(a.id)}`)}
          loading={list.loading}
          error={list.error}
          errorTitle="Could not load the alerts."
          exportName="alerts"
          empty={list.loading || list.error !== null ? null : <EmptyState title="No alert matches these filters." />}
          {...(writer
            ? {
                selection: {
                  actions: (rows: readonly Alert[], clear: () => void) => (
                    <>
                      <button type="button" className="btn btn-small" onClick={() => void bulk(rows, { status: 'acknowledged' }, clear, 'acknowledged')}>
                        Acknowledge
                      </button>
                      <button type="button" className="btn btn-small" onClick={() => void bulk(rows, { status: 'resolved' }, clear, 'resolved')}>
                        Resolve
                      </button>
                      <AssignPopover onAssign={(assignee) => void bulk(rows, { assignee }, clear, assignee === null ? 'unassigned' : `assigned to ${assignee}`)} />
                    </>
                  ),
                },
              }
            : {})}
        />
        <LoadMoreFooter list={list} testId="alerts-shown">
          {formatCount(list.items.length)} shown
        </LoadMoreFooter>
      </section>
    </>
  );
}
