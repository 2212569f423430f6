import './assets.css';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { getAssetContext } from '../../api/assets';
import { ApiError } from '../../api/client';
import type { Asset, AssetContext, AssetFieldSource } from '../../api/types';
import { CriticalityBadge } from '../../components/criticality-badge';
import { DataTable, type Column } from '../../components/data-table';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { TlpBadge } from '../../components/tlp-badge';
import { formatCount, formatDateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { canWrite, useMe } from '../../session/session-context';
import { capturePath } from '../capture/paths';
import { intelPaths } from '../intel/paths';
import { AssetRecentEvents } from '../events/asset-recent-events';
import { AssetDiscoveryConflictList } from './asset-discovery-conflicts';
import { AssetExposurePanel } from './asset-exposure';
import { AssetForm } from './asset-form';
import { ExposureFigures } from './exposure-figures';

const sourceNames: Record<AssetFieldSource['source'], string> = { person: 'Entered by a person', discovery: 'Passive discovery', import: 'CSV import' };

const factLabels: Record<string, string> = {
  name: 'Name',
  zone: 'Zone',
  ip: 'IP address',
  mac: 'MAC address',
  vendor: 'Vendor',
  model: 'Model',
  firmwareVersion: 'Firmware',
  criticality: 'Criticality',
  tlp: 'TLP marking',
  sharedUpward: 'Shared upward',
};

function factValue(asset: Asset, field: string): ReactNode {
  switch (field) {
    case 'criticality':
      return <CriticalityBadge criticality={asset.criticality} />;
    case 'tlp':
      return <TlpBadge tlp={asset.tlp} />;
    case 'sharedUpward':
      return asset.sharedUpward ? 'Yes, with parent organisations' : 'No';
    default: {
      const value = (asset as unknown as Record<string, string | null>)[field] ?? null;
      return value === null ? <span className="muted">not recorded</span> : <span className={field === 'name' || field === 'zone' || field === 'vendor' || field === 'model' ? '' : 'mono'}>{value}</span>;
    }
  }
}

function SourceNote({ source }: { readonly source: AssetFieldSource | undefined }) {
  if (source === undefined) return <span className="muted small">source not recorded (set before sources were kept)</span>;
  return (
    <span className="small fact-source" data-source={source.source}>
      {sourceNames[source.source]}
      {source.jobId === null ? null : (
        <>
          {' '}
          from <Link to={capturePath(source.jobId)}>the capture</Link>
        </>
      )}{' '}
      · {source.recordedBy} · {formatDateTime(source.recordedAt)}
    </span>
  );
}

/** Each fact of the asset with where it came from. */
function Identity({ context }: { readonly context: AssetContext }) {
  const byField = new Map(context.sources.map((s) => [s.field, s]));
  return (
    <section className="card" aria-labelledby="asset-identity">
      <h2 className="card-title" id="asset-identity">
        Identity and sources
      </h2>
      <dl className="details details-sourced" data-testid="asset-identity">
        {Object.keys(factLabels).map((field) => (
          <div key={field}>
            <dt>{factLabels[field]}</dt>
            <dd>
              {factValue(context.asset, field)}
              <br />
              <SourceNote source={byField.get(field)} />
            </dd>
          </div>
        ))}
        <div>
          <dt>Organisation</dt>
          <dd>{context.asset.orgName}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            {formatDateTime(context.asset.createdAt)} by {context.asset.createdBy}
          </dd>
        </div>
      </dl>
    </section>
  );
}

type CaptureRow = AssetContext['captures'][number];
type CommunicationRow = AssetContext['communications'][number];
type OperationRow = AssetContext['operations'][number];

const captureColumns: readonly Column<CaptureRow>[] = [
  { key: 'capture', header: 'Capture', alwaysShown: true, render: (c) => <Link to={capturePath(c.jobId, 'inventory')}>{c.jobName}</Link> },
  { key: 'when', header: 'Analysed', className: 'nowrap', sortValue: (c) => c.capturedAt, render: (c) => formatDateTime(c.capturedAt) },
  { key: 'address', header: 'Seen as', className: 'mono', render: (c) => [c.ip, c.mac].filter(Boolean).join(' · ') || c.hostKey },
  { key: 'type', header: 'Device type', render: (c) => c.deviceType ?? <span className="muted">unknown</span> },
  { key: 'serves', header: 'Serves', render: (c) => c.serves.join(', ') || <span className="muted">—</span> },
  { key: 'packets', header: 'Packets', className: 'num', sortValue: (c) => c.packets, render: (c) => formatCount(c.packets) },
];

const communicationColumns: readonly Column<CommunicationRow>[] = [
  { key: 'peer', header: 'Peer', className: 'mono', alwaysShown: true, sortValue: (c) => c.peer, render: (c) => c.peer },
  { key: 'role', header: 'This asset is', render: (c) => (c.role === 'server' ? 'server' : 'client') },
  { key: 'protocol', header: 'Protocol', sortValue: (c) => c.protocol, render: (c) => c.protocol ?? `${c.transport}${c.port === null ? '' : `/${c.port}`}` },
  { key: 'packets', header: 'Packets', className: 'num', sortValue: (c) => c.packets, render: (c) => formatCount(c.packets) },
  { key: 'last', header: 'Last seen', className: 'nowrap', sortValue: (c) => c.lastSeen, render: (c) => formatDateTime(c.lastSeen) },
  { key: 'capture', header: 'Capture', render: (c) => <Link to={capturePath(c.jobId, 'communications')}>open</Link> },
];

const operationColumns: readonly Column<OperationRow>[] = [
  { key: 'time', header: 'Time', className: 'nowrap', sortValue: (o) => o.time, render: (o) => formatDateTime(o.time) },
  { key: 'protocol', header: 'Protocol', sortValue: (o) => o.protocol, render: (o) => o.protocol },
  { key: 'name', header: 'Operation', alwaysShown: true, render: (o) => `${o.name}${o.count > 1 ? ` ×${o.count}` : ''}` },
  { key: 'direction', header: 'From → to', className: 'mono', render: (o) => `${o.source} → ${o.destination}` },
  { key: 'target', header: 'Target', render: (o) => o.target ?? <span className="muted">—</span> },
  { key: 'result', header: 'Result', render: (o) => o.result ?? <span className="muted">—</span> },
  { key: 'capture', header: 'Capture', render: (o) => <Link to={capturePath(o.jobId, 'operations')}>open</Link> },
];

function Section({ id, title, note, children }: { readonly id: string; readonly title: string; readonly note?: ReactNode; readonly children: ReactNode }) {
  return (
    <section className="card card-flush" aria-labelledby={id} data-testid={id}>
      <header className="card-header">
        <div>
          <h2 className="card-title" id={id}>
            {title}
          </h2>
          {note === undefined ? null : <p className="muted small">{note}</p>}
        </div>
      </header>
      {children}
    </section>
  );
}

function Activity({ context }: { readonly context: AssetContext }) {
  return (
    <>
      <Section id="asset-captures" title="Captures it appeared in" note="Only captures you may see; newest first.">
        <DataTable columns={captureColumns} rows={context.captures} rowKey={(c) => `${c.jobId}|${c.hostKey}`} label="Captures of this asset" empty={<p className="empty-note">No capture you may see has this asset in it.</p>} />
      </Section>
      <Section id="asset-communications" title="Communications" note="Its busiest peers across those captures (up to 50).">
        <DataTable columns={communicationColumns} rows={context.communications} rowKey={(c) => `${c.jobId}|${c.peer}|${c.transport}|${c.port ?? ''}|${c.role}`} label="Communications of this asset" empty={<p className="empty-note">No communications recorded.</p>} />
      </Section>
      <Section id="asset-operations" title="Operations" note="The latest industrial protocol operations it sent or received (up to 50); the capture has them all.">
        <DataTable columns={operationColumns} rows={context.operations} rowKey={(o) => `${o.jobId}|${o.time}|${o.name}|${o.source}|${o.destination}`} label="Operations of this asset" empty={<p className="empty-note">No operations recorded.</p>} />
      </Section>
    </>
  );
}

function Sightings({ context }: { readonly context: AssetContext }) {
  return (
    <Section id="asset-sightings" title="Intelligence sightings" note="Intelligence objects you may see that name this asset's IP address, MAC address or name (exact value).">
      {context.sightings.length === 0 ? (
        <p className="empty-note">No intelligence names this asset.</p>
      ) : (
        <ul className="plain-list sightings">
          {context.sightings.map((s) => (
            <li key={s.id}>
              <Link to={intelPaths.object(s.id)}>{s.name ?? s.id}</Link> <span className="muted small">{s.type}</span> · names its {s.matched === 'name' ? 'name' : s.matched === 'ip' ? 'IP address' : 'MAC address'}{' '}
              <span className="mono">{s.value}</span> · {s.orgName} <TlpBadge tlp={s.tlp as Asset['tlp']} />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** Sections that later modules add here; said plainly, not drawn as if they worked. */
function Planned() {
  return (
    <section className="card planned-sections" aria-labelledby="asset-later" data-testid="asset-planned">
      <h2 className="card-title" id="asset-later">
        Alerts and incidents
      </h2>
      <p className="muted">
        Not yet available: alerts about this asset arrive with event detection, and incidents with the response module. Both will be listed here when those modules ship.
      </p>
    </section>
  );
}

export function AssetPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const { load, reload } = useLoad((signal) => getAssetContext(id, signal), [id]);
  const [editing, setEditing] = useState(false);
  const context = load.data;

  if (load.state === 'failed' && context === null) {
    const missing = load.error instanceof ApiError && load.error.status === 404;
    return (
      <>
        <PageHeader title={missing ? 'Asset not found' : 'Asset'} />
        {missing ? (
          <p>
            There is no such asset, or it is not shared with you. <Link to="/assets">Back to assets</Link>
          </p>
        ) : (
          <ErrorBanner error={load.error} title="Could not load the asset." />
        )}
      </>
    );
  }
  if (context === null) return <PageHeader title="Asset" description="Loading…" />;
  const asset = context.asset;
  const editable = canWrite(me.role) && asset.orgId === me.organisation.id;
  const description = [asset.vendor, asset.model, asset.firmwareVersion === null ? null : `firmware ${asset.firmwareVersion}`, asset.ip].filter((p) => p !== null).join(' · ');
  return (
    <div className="asset-page" data-testid="asset-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/assets">Assets</Link> <span aria-hidden="true">›</span> <span aria-current="page">{asset.name}</span>
      </nav>
      <PageHeader
        title={asset.name}
        description={description === '' ? `${asset.orgName}` : `${description} · ${asset.orgName}`}
        actions={
          editable ? (
            <button type="button" className="btn btn-primary" onClick={() => setEditing(true)}>
              Edit asset
            </button>
          ) : (
            <span className="muted small">{canWrite(me.role) ? `Shared by ${asset.orgName}; only its own people can change it.` : 'Only administrators and analysts can change assets.'}</span>
          )
        }
      />
      {load.state === 'failed' ? <ErrorBanner error={load.error} title="Could not refresh the asset." /> : null}
      <ExposureFigures exposure={asset.exposure} />
      <AssetDiscoveryConflictList conflicts={context.conflicts} />
      <div className="asset-page-grid">
        <Identity context={context} />
        <section className="card" aria-labelledby="asset-exposures">
          <h2 className="card-title" id="asset-exposures">
            Exposures
          </h2>
          <AssetExposurePanel assetId={asset.id} />
        </section>
      </div>
      <Activity context={context} />
      <AssetRecentEvents assetId={asset.id} />
      <Sightings context={context} />
      <Planned />
      {editing ? (
        <AssetForm
          asset={asset}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
          onDeleted={() => void navigate('/assets', { replace: true })}
          onClose={() => setEditing(false)}
        />
      ) : null}
    </div>
  );
}
