import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { listCaptureCommunications, listCaptureHosts } from '../../../api/capture';
import type { CaptureCommunication, CaptureHost, CaptureJob } from '../../../api/types';
import { DataTable, type Column } from '../../../components/data-table';
import { EmptyState } from '../../../components/empty-state';
import { ErrorBanner } from '../../../components/error-banner';
import { formatCount } from '../../../lib/format';
import { useLoad } from '../../../lib/use-load';
import { formatBytes, formatPacketTime, protocolColour, protocolLabel } from '../capture-labels';
import { capturePath } from '../paths';
import { buildMap, groupStyles, MAX_NODES, nodeGroups, type CommunicationsMap } from './communications-model';

// Cytoscape is large and only the map uses it: it loads with the first map shown.
const CommunicationsGraph = lazy(async () => ({ default: (await import('./communications-graph')).CommunicationsGraph }));

interface Loaded {
  readonly hosts: readonly CaptureHost[];
  readonly communications: readonly CaptureCommunication[];
}

async function loadBoth(id: string, signal: AbortSignal): Promise<Loaded> {
  const [hosts, communications] = await Promise.all([listCaptureHosts(id, signal), listCaptureCommunications(id, signal)]);
  return { hosts, communications };
}

function Legend({ map }: { readonly map: CommunicationsMap }) {
  const protocols = [...new Set(map.edges.map((e) => e.protocol))];
  const groups = nodeGroups.filter((g) => map.nodes.some((n) => n.group === g));
  return (
    <div className="graph-toolbar comm-legend">
      <ul className="graph-legend" aria-label="Host kinds">
        {groups.map((g) => (
          <li key={g}>
            <span className={`graph-kind legend-${groupStyles[g].shape}`} style={{ background: groupStyles[g].colour }} />
            {groupStyles[g].label}
          </li>
        ))}
      </ul>
      <ul className="graph-legend" aria-label="Protocols">
        {protocols.map((p) => (
          <li key={p ?? 'none'}>
            <span className="legend-line" style={{ background: protocolColour(p) }} />
            {protocolLabel(p)}
          </li>
        ))}
      </ul>
      <span className="spacer" />
      <span className="muted small" data-testid="graph-count">
        {formatCount(map.nodes.length)} hosts · {formatCount(map.edges.length)} links
      </span>
    </div>
  );
}

const columns: readonly Column<CaptureCommunication>[] = [
  { key: 'client', header: 'Client', className: 'mono nowrap', render: (c) => c.client },
  { key: 'server', header: 'Server', className: 'mono nowrap', render: (c) => c.server },
  {
    key: 'protocol',
    header: 'Protocol',
    className: 'nowrap',
    render: (c) => (
      <span className="proto-chip" data-protocol={c.protocol ?? ''}>
        <span className="proto-dot" style={{ background: protocolColour(c.protocol) }} />
        {protocolLabel(c.protocol)}
      </span>
    ),
  },
  { key: 'port', header: 'Transport', className: 'mono nowrap', render: (c) => `${c.transport}${c.port === null ? '' : `/${c.port}`}` },
  { key: 'packets', header: 'Packets', className: 'num', render: (c) => formatCount(c.packets) },
  { key: 'bytes', header: 'Bytes', className: 'num nowrap', render: (c) => formatBytes(c.bytes) },
  { key: 'conversations', header: 'Conversations', className: 'num', render: (c) => formatCount(c.conversations) },
  { key: 'first', header: 'First seen', className: 'nowrap small', render: (c) => <span title={c.firstSeen}>{formatPacketTime(c.firstSeen)}</span> },
  { key: 'last', header: 'Last seen', className: 'nowrap small', render: (c) => <span title={c.lastSeen}>{formatPacketTime(c.lastSeen)}</span> },
];

export function CommunicationsView({ job }: { readonly job: CaptureJob }) {
  const navigate = useNavigate();
  const { load } = useLoad((signal) => loadBoth(job.id, signal), [job.id]);
  const map = useMemo(() => (load.data === null ? null : buildMap(load.data.hosts, load.data.communications)), [load.data]);
  const rows = useMemo(() => [...(load.data?.communications ?? [])].sort((a, b) => b.packets - a.packets), [load.data]);
  const openHost = useCallback((host: string) => void navigate(capturePath(job.id, 'inventory', { host })), [navigate, job.id]);

  return (
    <>
      <section className="card" data-testid="communications-map">
        <h2 className="card-title">Communications map</h2>
        <ErrorBanner error={load.state === 'failed' ? load.error : null} title="Could not load the communications." />
        {map === null ? (
          <div className="graph-placeholder">{load.state === 'failed' ? 'No map' : 'Loading map…'}</div>
        ) : map.nodes.length === 0 ? (
          <EmptyState title="No communication pairs.">The capture held no conversations between addressed hosts.</EmptyState>
        ) : (
          <>
            <Legend map={map} />
            {map.hidden > 0 ? (
              <p className="muted small graph-note">
                The map shows the {MAX_NODES} busiest hosts; {formatCount(map.hidden)} more are in the table below.
              </p>
            ) : null}
            <Suspense fallback={<div className="graph-placeholder">Loading map…</div>}>
              <CommunicationsGraph map={map} onOpenHost={openHost} />
            </Suspense>
          </>
        )}
      </section>
      <section className="card card-flush">
        <div className="card-header">
          <div>
            <h2 className="card-title">Communication pairs</h2>
            <p className="muted small">Client is the side that opened the connection or sent to the well-known port.</p>
          </div>
        </div>
        <DataTable
          columns={columns}
          rows={rows}
          rowKey={(c) => `${c.client}>${c.server}>${c.transport}/${c.port ?? ''}>${c.protocol ?? ''}`}
          label="Communication pairs"
          testId="communications-table"
          loading={load.state === 'loading'}
        />
      </section>
    </>
  );
}
