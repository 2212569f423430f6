import { Link } from 'react-router-dom';
import type { DiscoveryConflict } from '../../api/types';
import { formatDateTime } from '../../lib/format';

const fieldNames: Readonly<Record<string, string>> = {
  mac: 'MAC address',
  ip: 'IP address',
  vendor: 'vendor',
  model: 'model',
  firmwareVersion: 'firmware',
  firmware_version: 'firmware',
  firmware: 'firmware',
  name: 'name',
};

function ConflictItem({ conflict: c }: { readonly conflict: DiscoveryConflict }) {
  return (
    <li data-conflict={c.field}>
      Discovered {fieldNames[c.field] ?? c.field} <q className="mono">{c.discoveredValue}</q>, you entered <q className="mono">{c.currentValue}</q>
      <span className="muted"> — {c.evidence}</span>{' '}
      <span className="muted small">
        ({Math.round(c.confidence * 100)}% confidence, <Link to={`/capture/${encodeURIComponent(c.jobId)}?view=inventory`}>capture of {formatDateTime(c.createdAt)}</Link>)
      </span>
    </li>
  );
}

/** What passive discovery saw that disagrees with what people entered; nothing shows when they agree. */
export function AssetDiscoveryConflictList({ conflicts }: { readonly conflicts: readonly DiscoveryConflict[] }) {
  if (conflicts.length === 0) return null;
  return (
    <div className="callout callout-warn discovery-conflicts" data-testid="discovery-conflicts" role="note">
      <strong className="callout-title">
        {conflicts.length === 1 ? 'Network traffic disagrees with one field' : `Network traffic disagrees with ${conflicts.length} fields`}
      </strong>
      <ul className="callout-list">
        {conflicts.map((c) => (
          <ConflictItem key={`${c.field}-${c.jobId}-${c.discoveredValue}`} conflict={c} />
        ))}
      </ul>
      <p className="callout-note">Discovery never overwrites what people entered; check the device and correct whichever is wrong.</p>
    </div>
  );
}
