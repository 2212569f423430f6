import './sources.css';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { deleteEventSource, getEventRetention, listEventSources, listSensors, revokeSensor, updateEventSource, type EventSourceView, type IssuedSensor, type Sensor } from '../../api/sensing';
import { ConfirmDelete } from '../../components/confirm-delete';
import { DataTable, type Column } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { FormDialog } from '../../components/form-dialog';
import { NoticeBanner } from '../../components/notice-banner';
import { PageHeader } from '../../components/page-header';
import { TlpBadge } from '../../components/tlp-badge';
import { formatCount, formatDateTime } from '../../lib/format';
import { useMe } from '../../session/session-context';
import { eventsLink } from '../events/events-model';
import { FeedsSection } from './feeds-section';
import { ImportsSection } from './imports-section';
import { SensorForm, SensorSecret } from './sensor-form';
import { SourceForm } from './source-form';
import { sourceTypeLabels } from './source-form-model';
import { ratePerSecond, sensorHealth, sourceCounters, sourceState, type CountSample } from './sources-model';

type Editing = { readonly kind: 'none' } | { readonly kind: 'source'; readonly source: EventSourceView | null } | { readonly kind: 'sensor' };

const never = <span className="muted">never</span>;
const refetchMs = 5000;

/** Where events come from: listeners and followed files of the server, and capture sensors; admins manage them. */
export function SourcesPage() {
  const me = useMe();
  const admin = me.role === 'admin';
  const client = useQueryClient();
  // Counters move while the page is open: asked again every few seconds.
  const sources = useQuery({ queryKey: ['sensing', 'sources'], queryFn: ({ signal }) => listEventSources(signal), refetchInterval: refetchMs });
  const sensors = useQuery({ queryKey: ['sensing', 'sensors'], queryFn: ({ signal }) => listSensors(signal), refetchInterval: refetchMs });
  const retention = useQuery({ queryKey: ['sensing', 'retention'], queryFn: ({ signal }) => getEventRetention(signal) });
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [issued, setIssued] = useState<IssuedSensor | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const close = () => setEditing({ kind: 'none' });
  const refresh = () => void client.invalidateQueries({ queryKey: ['sensing'] });
  // Rates come from two readings of the counters a refresh apart (the API reports counts).
  const samples = useRef(new Map<string, CountSample>());
  const rates = useMemo(() => {
    const out = new Map<string, number | null>();
    const atMs = sources.dataUpdatedAt;
    for (const s of sources.data?.items ?? []) {
      const now = { count: sourceCounters(s).accepted, atMs };
      out.set(s.id, ratePerSecond(samples.current.get(s.id), now));
      samples.current.set(s.id, now);
    }
    return out;
  }, [sources.data, sources.dataUpdatedAt]);
  const sourcesMissing = sources.error instanceof ApiError && sources.error.status === 404;

  async function setEnabled(source: EventSourceView, enabled: boolean) {
    setActionError(null);
    try {
      await updateEventSource(source.id, { enabled });
      setNotice(`${enabled ? 'Started' : 'Stopped'} source ${source.name}.`);
    } catch (e) {
      setActionError(e);
    }
    refresh();
  }

  const sourceColumns: readonly Column<EventSourceView>[] = [
    {
      key: 'name',
      header: 'Source',
      alwaysShown: true,
      sortValue: (s) => s.name,
      render: (s) => <NameCell id={s.id} name={s.name} detail={sourceTypeLabels[s.type]} />,
    },
    { key: 'state', header: 'State', sortValue: (s) => sourceState(s).state, render: (s) => <StatePill state={sourceState(s).state} />, csv: (s) => sourceState(s).state },
    { key: 'endpoint', header: 'Listens on / reads', className: 'wrap', render: (s) => <span className="mono small">{s.status?.endpoint ?? '—'}</span>, csv: (s) => s.status?.endpoint },
    { key: 'received', header: 'Received', className: 'num', sortValue: (s) => sourceCounters(s).received, render: (s) => formatCount(sourceCounters(s).received) },
    { key: 'accepted', header: 'Events', className: 'num', sortValue: (s) => sourceCounters(s).accepted, render: (s) => formatCount(sourceCounters(s).accepted) },
    {
      key: 'rate',
      header: 'Events/s',
      className: 'num',
      sortValue: (s) => rates.get(s.id) ?? null,
      render: (s) => {
        const rate = rates.get(s.id) ?? null;
        return rate === null ? '—' : rate < 10 ? rate.toFixed(1) : formatCount(Math.round(rate));
      },
    },
    {
      key: 'dropped',
      header: 'Dropped',
      className: 'num',
      sortValue: (s) => sourceCounters(s).dropped,
      render: (s) => <span className={sourceCounters(s).dropped > 0 ? 'text-danger' : ''}>{formatCount(sourceCounters(s).dropped)}</span>,
    },
    { key: 'rejected', header: 'Rejected', className: 'num', sortValue: (s) => sourceCounters(s).rejected, render: (s) => formatCount(sourceCounters(s).rejected) },
    { key: 'last', header: 'Last event', className: 'nowrap', sortValue: (s) => sourceCounters(s).lastEventAt, render: (s) => (sourceCounters(s).lastEventAt === null ? never : formatDateTime(sourceCounters(s).lastEventAt)) },
    { key: 'tlp', header: 'TLP', hiddenByDefault: true, render: (s) => <TlpBadge tlp={s.tlp} />, csv: (s) => s.tlp },
    { key: 'error', header: 'Last error', className: 'wrap', render: (s) => <span className="small text-danger">{sourceState(s).lastError ?? ''}</span>, csv: (s) => sourceState(s).lastError },
    ...(admin
      ? [
          {
            key: 'actions',
            header: '',
            className: 'nowrap',
            render: (s: EventSourceView) => (
              <div className="row-actions">
                <button type="button" className="btn btn-small" onClick={() => setEditing({ kind: 'source', source: s })} aria-label={`Edit source ${s.name}`}>
                  Edit
                </button>
                <button type="button" className="btn btn-small" onClick={() => void setEnabled(s, !s.enabled)} aria-label={`${s.enabled ? 'Disable' : 'Enable'} source ${s.name}`}>
                  {s.enabled ? 'Disable' : 'Enable'}
                </button>
                <ConfirmDelete
                  small
                  label={`Remove source ${s.name}`}
                  onDelete={async () => {
                    await deleteEventSource(s.id);
                    setNotice(`Removed source ${s.name}; its events stay.`);
                    refresh();
                  }}
                />
              </div>
            ),
          },
        ]
      : []),
  ];

  const sensorColumns: readonly Column<Sensor>[] = [
    {
      key: 'name',
      header: 'Sensor',
      alwaysShown: true,
      sortValue: (s) => s.name,
      render: (s) => <NameCell id={s.id} name={s.name} detail={s.orgName} />,
    },
    { key: 'state', header: 'State', sortValue: (s) => sensorHealth(s, Date.now()), render: (s) => <StatePill state={sensorHealth(s, Date.now())} />, csv: (s) => sensorHealth(s, Date.now()) },
    { key: 'contact', header: 'Last contact', className: 'nowrap', sortValue: (s) => s.lastContactAt, render: (s) => (s.lastContactAt === null ? never : formatDateTime(s.lastContactAt)) },
    { key: 'address', header: 'From', className: 'mono', render: (s) => s.lastAddress ?? '—', csv: (s) => s.lastAddress },
    { key: 'events', header: 'Events', className: 'num', sortValue: (s) => s.eventsReceived, render: (s) => formatCount(s.eventsReceived) },
    { key: 'eps', header: 'Events/s', className: 'num', sortValue: (s) => s.reported.eventsPerSecond, render: (s) => (s.reported.eventsPerSecond === undefined ? '—' : formatCount(Math.round(s.reported.eventsPerSecond))) },
    { key: 'pps', header: 'Packets/s', className: 'num', sortValue: (s) => s.reported.packetsPerSecond, render: (s) => (s.reported.packetsPerSecond === undefined ? '—' : formatCount(Math.round(s.reported.packetsPerSecond))) },
    { key: 'spooled', header: 'Buffered', className: 'num', hiddenByDefault: true, sortValue: (s) => s.reported.spooledEvents, render: (s) => formatCount(s.reported.spooledEvents ?? 0) },
    {
      key: 'dropped',
      header: 'Dropped',
      className: 'num',
      sortValue: (s) => s.reported.droppedEvents ?? 0,
      render: (s) => <span className={(s.reported.droppedEvents ?? 0) > 0 ? 'text-danger' : ''}>{formatCount(s.reported.droppedEvents ?? 0)}</span>,
    },
    { key: 'token', header: 'Token', className: 'mono', hiddenByDefault: true, render: (s) => `${s.tokenPrefix}…` },
    ...(admin
      ? [
          {
            key: 'actions',
            header: '',
            className: 'nowrap',
            render: (s: Sensor) =>
              s.revokedAt !== null ? null : (
                <ConfirmDelete
                  small
                  label={`Revoke sensor ${s.name}`}
                  question="Its token stops working at once."
                  onDelete={async () => {
                    await revokeSensor(s.id);
                    setNotice(`Revoked sensor ${s.name}.`);
                    refresh();
                  }}
                />
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title="Sources"
        description="Where events come from: listeners and followed log files running in the server, and capture sensors on plant networks. Counts are since the source last started; drops are never silent."
        actions={
          admin ? (
            <>
              <button type="button" className="btn btn-primary" onClick={() => setEditing({ kind: 'source', source: null })}>
                Add source
              </button>
              <button type="button" className="btn" onClick={() => setEditing({ kind: 'sensor' })}>
                Add sensor
              </button>
            </>
          ) : undefined
        }
      />
      {retention.data === undefined ? null : (
        <p className="muted small" data-testid="event-retention">
          Events are kept {retention.data.days} days ({retention.data.ownDays === null ? 'the server’s default' : `this organisation’s own setting; the server’s default is ${retention.data.defaultDays}`}).
          {admin ? <> Change it with <code>bulwark events retention --days N</code>.</> : null}
        </p>
      )}
      {notice === null ? null : <NoticeBanner onDismiss={() => setNotice(null)}>{notice}</NoticeBanner>}
      <ErrorBanner error={actionError} onDismiss={() => setActionError(null)} />
      {issued === null ? null : (
        <section className="card">
          <SensorSecret sensor={issued} onDone={() => setIssued(null)} />
        </section>
      )}
      <section className="card card-flush" aria-labelledby="sources-title">
        <div className="card-header">
          <h2 id="sources-title" className="card-title">
            Listeners and files
          </h2>
        </div>
        <DataTable
          columns={sourceColumns}
          rows={sources.data?.items ?? []}
          rowKey={(s) => s.id}
          label="Event sources"
          testId="sources-table"
          loading={sources.isFetching && sources.data === undefined}
          error={sourcesMissing ? null : sources.error}
          errorTitle="Could not load the sources."
          rowClassName={(s) => (s.enabled ? '' : 'row-disabled')}
          exportName="event sources"
          empty={
            sources.isSuccess || sourcesMissing ? (
              <EmptyState title={sourcesMissing ? 'This server does not run event sources yet.' : 'No event source yet.'}>
                {admin ? 'Add a syslog listener, an MQTT subscription, or Zeek, Suricata or Windows event files to follow.' : 'An administrator adds them.'}
              </EmptyState>
            ) : null
          }
        />
      </section>
      <section className="card card-flush" aria-labelledby="sensors-title">
        <div className="card-header">
          <div>
            <h2 id="sensors-title" className="card-title">
              Sensors
            </h2>
            <p className="muted small">
              <code>bulwark sensor --read - --server URL --token T</code> on a plant network ships what the capture analysis sees.
            </p>
          </div>
        </div>
        <DataTable
          columns={sensorColumns}
          rows={sensors.data?.items ?? []}
          rowKey={(s) => s.id}
          label="Sensors"
          testId="sensors-table"
          loading={sensors.isFetching && sensors.data === undefined}
          error={sensors.error}
          errorTitle="Could not load the sensors."
          rowClassName={(s) => (s.revokedAt === null ? '' : 'row-disabled')}
          empty={sensors.isSuccess ? <EmptyState title="No sensor yet.">{admin ? 'Add one, then start it with its token.' : 'An administrator adds them.'}</EmptyState> : null}
        />
      </section>
      <ImportsSection />
      <FeedsSection />
      {editing.kind === 'source' ? (
        <FormDialog
          title={editing.source === null ? 'Add an event source' : `Edit ${editing.source.name}`}
          description="It runs inside the server; changes restart it."
          testId="source-dialog"
          onClose={close}
        >
          <SourceForm
            source={editing.source}
            onCancel={close}
            onSaved={(s) => {
              setNotice(`${editing.source === null ? 'Added' : 'Saved'} source ${s.name}.`);
              close();
              refresh();
            }}
          />
        </FormDialog>
      ) : null}
      {editing.kind === 'sensor' ? (
        <FormDialog title="Add a sensor" description="Its token may only send events for your organisation, and is shown once." testId="sensor-dialog" onClose={close}>
          <SensorForm
            onCancel={close}
            onAdded={(s) => {
              setIssued(s);
              close();
              refresh();
            }}
          />
        </FormDialog>
      ) : null}
    </>
  );
}

/** The name links to the events that came through this source or sensor. */
function NameCell({ id, name, detail }: { readonly id: string; readonly name: string; readonly detail: string }) {
  return (
    <span className="sources-cell">
      <Link className="cell-strong" to={eventsLink(`input.id:${id}`)}>
        {name}
      </Link>
      <span className="muted small">{detail}</span>
    </span>
  );
}

function StatePill({ state }: { readonly state: string }) {
  const tone = state === 'running' || state === 'online' ? 'pill-ok' : state === 'failed' || state === 'silent' ? 'pill-danger' : state === 'starting' || state === 'reconnecting' ? 'pill-warn' : 'pill-muted';
  return (
    <span className={`pill ${tone}`} data-state={state}>
      {state}
    </span>
  );
}
