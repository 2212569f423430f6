import './events.css';
import { useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { eventHistogram, searchEvents, type EventWindow, type SensedEvent } from '../../api/sensing';
import { DataTable, type Column } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { LoadMoreFooter } from '../../components/load-more-footer';
import { PageHeader } from '../../components/page-header';
import { formatCount, formatDateTime } from '../../lib/format';
import { onlyWhen, useLoad } from '../../lib/use-load';
import { usePagedList } from '../../lib/use-paged-list';
import { EventDetail } from './event-detail';
import { addFilter, endpointText, eventsSearch, mergeTail, rangeBounds, readEventsState, type EventsState, type TimeRange } from './events-model';
import { EventsExport } from './events-export';
import { EventsHistogram } from './events-histogram';
import { QueryBar } from './query-bar';
import { SeverityBadge } from './severity-badge';
import { TimeRangePicker } from './time-range-picker';
import { TopValues } from './top-values';
import { useEventTail } from './use-event-tail';

const pageSize = 100;

function Endpoint({ event, side }: { readonly event: SensedEvent; readonly side: 'source' | 'destination' }) {
  const text = endpointText(event.fields, side);
  const asset = event.assets?.[side];
  if (text === '') return <span className="muted">—</span>;
  return asset === undefined ? (
    <span className="mono small">{text}</span>
  ) : (
    <Link to={`/assets/${encodeURIComponent(asset)}`} className="mono small" title={`Asset ${asset}`}>
      {text}
    </Link>
  );
}

/** Every event the person may see, over a time range, filtered by a query; live when asked. */
export function EventsPage() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readEventsState(params), [params]);
  const bounds = rangeBounds(state.range);
  const window: EventWindow = useMemo(() => ({ query: state.query, from: bounds.from, to: bounds.to }), [state.query, bounds.from, bounds.to]);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [live, setLive] = useState(false);
  const tail = useEventTail(live, state.query);

  const go = useCallback((next: EventsState) => setParams(new URLSearchParams(eventsSearch(next))), [setParams]);
  const setQuery = (query: string) => go({ ...state, query });
  const setRange = (range: TimeRange) => go({ ...state, range });
  const filter = (field: string, value: string) => go({ ...state, query: addFilter(state.query, field, value) });

  const list = usePagedList((cursor, signal) => searchEvents(window, pageSize, cursor, signal), [window.query, window.from, window.to], { key: ['events', 'search'] });
  const histogram = useLoad((signal) => eventHistogram(window, signal), [window.query, window.from, window.to], { key: ['events', 'histogram'] });
  const queryFailed = histogram.load.state === 'failed';
  const total = histogram.load.data?.buckets.reduce((sum, b) => sum + b.count, 0) ?? null;
  const rows = useMemo(() => (tail.events.length === 0 ? list.items : mergeTail(list.items, tail.events, tail.events.length + list.items.length)), [list.items, tail.events]);
  const liveIds = useMemo(() => new Set(tail.events.map((e) => e.id)), [tail.events]);

  const toggle = (id: string) =>
    setOpen((before) => {
      const next = new Set(before);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const columns: readonly Column<SensedEvent>[] = [
    {
      key: 'expand',
      // No header text: the column must stay as narrow as its button for the table to fit 1024 px.
      header: '',
      alwaysShown: true,
      className: 'nowrap',
      render: (e) => (
        <button type="button" className="btn btn-small event-expand" aria-expanded={open.has(e.id)} aria-label={`Details of the event at ${formatDateTime(e.time)}`} onClick={() => toggle(e.id)}>
          <span aria-hidden="true">{open.has(e.id) ? '▾' : '▸'}</span>
        </button>
      ),
      csv: (e) => e.id,
    },
    { key: 'time', header: 'Time', className: 'nowrap', alwaysShown: true, render: (e) => formatDateTime(e.time), csv: (e) => e.time },
    { key: 'severity', header: 'Severity', className: 'nowrap', render: (e) => <SeverityBadge severity={e.severity} />, csv: (e) => e.severity },
    { key: 'kind', header: 'Kind', className: 'nowrap', render: (e) => e.kind ?? '', csv: (e) => e.kind },
    { key: 'input', header: 'Source', className: 'wrap', render: (e) => e.source?.name ?? '', csv: (e) => e.source?.name },
    { key: 'message', header: 'Message', className: 'wrap event-message', alwaysShown: true, render: (e) => e.message ?? '' },
    { key: 'from', header: 'From', className: 'nowrap', render: (e) => <Endpoint event={e} side="source" />, csv: (e) => endpointText(e.fields, 'source') },
    { key: 'to', header: 'To', className: 'nowrap', render: (e) => <Endpoint event={e} side="destination" />, csv: (e) => endpointText(e.fields, 'destination') },
  ];

  return (
    <>
      <PageHeader title="Events" description="What sensors, listeners, imports and captures reported: industrial operations, flows, logs, alerts, telemetry and host events." />
      <section className="card events-controls" aria-label="Query and time range">
        <QueryBar value={state.query} onSubmit={setQuery} />
        <div className="events-controls-row">
          <TimeRangePicker range={state.range} onChange={setRange} />
          <div className="events-live" role="group" aria-label="Live tail">
            <label className="events-live-toggle">
              <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} data-testid="events-live" /> Live tail
            </label>
            {live ? (
              <>
                <span className={`pill ${tail.status === 'live' ? 'pill-ok' : 'pill-muted'}`} data-testid="events-live-status" data-status={tail.status}>
                  {tail.status}
                  {tail.held > 0 ? ` · ${tail.held} new` : ''}
                </span>
                {tail.status === 'paused' ? (
                  <button type="button" className="btn btn-small" onClick={tail.resume}>
                    Resume
                  </button>
                ) : (
                  <button type="button" className="btn btn-small" onClick={tail.pause}>
                    Pause
                  </button>
                )}
              </>
            ) : null}
          </div>
        </div>
      </section>
      <ErrorBanner error={histogram.load.state === 'failed' ? histogram.load.error : null} title="The query was not run." />
      {histogram.load.data === null || queryFailed ? null : (
        <section className="card events-chart" aria-label="Events over time">
          <p className="muted small" data-testid="events-total">
            {total === null ? '' : `${formatCount(total)} events`} · one bar per {histogram.load.data.interval} · drag across bars or click one to narrow the range
          </p>
          <EventsHistogram histogram={histogram.load.data} onPickRange={setRange} />
        </section>
      )}
      <div className="events-body">
        <section className="card card-flush events-list" aria-label="Events">
          <DataTable
            columns={columns}
            rows={rows}
            rowKey={(e) => e.id}
            label="Events"
            testId="events-table"
            loading={list.loading}
            // A query the server refuses is said once, by the banner above.
            error={queryFailed ? null : list.error}
            errorTitle="Could not load the events."
            rowClassName={(e) => (liveIds.has(e.id) ? 'event-live' : '')}
            expanded={(e) => (open.has(e.id) ? <EventDetail event={e} onFilter={filter} /> : null)}
            toolbar={<EventsExport window={window} />}
            empty={onlyWhen(histogram.load, 'ready', <EmptyState title="No event matches in this range.">Widen the time range or remove a filter from the query.</EmptyState>)}
          />
          <LoadMoreFooter list={list} testId="events-shown">
            {formatCount(list.items.length)} {total === null ? '' : `of ${formatCount(total)}`} shown
            {tail.events.length > 0 ? `, ${formatCount(tail.events.length)} live` : ''}
          </LoadMoreFooter>
        </section>
        <TopValues window={window} onFilter={filter} showErrors={!queryFailed} />
      </div>
    </>
  );
}
