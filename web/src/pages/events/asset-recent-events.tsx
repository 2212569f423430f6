import './events.css';
import { Link } from 'react-router-dom';
import { searchEvents, type SensedEvent } from '../../api/sensing';
import { DataTable, type Column } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { formatDateTime } from '../../lib/format';
import { onlyWhen, useLoad } from '../../lib/use-load';
import { SeverityBadge } from './severity-badge';
import { endpointText, eventsLink, queryValue, type TimeRange } from './events-model';

const range: TimeRange = { kind: 'preset', preset: '7d' };
const shown = 10;

/** The asset's latest events, as source or destination, with a link to all of them on the Events page. */
export function AssetRecentEvents({ assetId }: { readonly assetId: string }) {
  const query = `asset:${queryValue(assetId)}`;
  const { load } = useLoad((signal) => searchEvents({ query, from: 'now-7d', to: 'now' }, shown, null, signal), [query], { key: ['events', 'asset'] });
  const columns: readonly Column<SensedEvent>[] = [
    { key: 'time', header: 'Time', className: 'nowrap', render: (e) => formatDateTime(e.time) },
    { key: 'severity', header: 'Severity', render: (e) => <SeverityBadge severity={e.severity} /> },
    { key: 'message', header: 'Message', className: 'wrap event-message', render: (e) => e.message ?? '' },
    {
      key: 'role',
      header: 'Asset is',
      render: (e) => (e.assets?.source === assetId ? `source (to ${endpointText(e.fields, 'destination') || '—'})` : `destination (from ${endpointText(e.fields, 'source') || '—'})`),
    },
  ];
  return (
    <section className="card card-flush" aria-labelledby="asset-events" data-testid="asset-events">
      <div className="card-header">
        <div>
          <h2 className="card-title" id="asset-events">
            Recent events
          </h2>
          <p className="muted small">The last seven days, where this asset is the source or the destination, newest first.</p>
        </div>
        <Link to={eventsLink(query, range)} data-testid="asset-events-link">
          All its events
        </Link>
      </div>
      <DataTable
        columns={columns}
        rows={load.data?.items ?? []}
        rowKey={(e) => e.id}
        label="Recent events of the asset"
        testId="asset-events-table"
        loading={load.state === 'loading'}
        error={load.state === 'failed' ? load.error : null}
        errorTitle="Could not load its events."
        empty={onlyWhen(load, 'ready', <EmptyState title="No event about this asset in the last seven days." />)}
      />
    </section>
  );
}
