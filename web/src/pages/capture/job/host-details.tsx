import type { CaptureHost } from '../../../api/types';
import { formatCount } from '../../../lib/format';
import { formatBytes, formatPacketTime, percent, protocolLabel, roleLabel } from '../capture-labels';

const attributeLabels: Readonly<Record<string, string>> = {
  'mac-vendor': 'MAC vendor (IEEE)',
  'vendor-id': 'Vendor id',
  'product-code': 'Product code',
  'order-number': 'Order number',
  'plant-id': 'Plant id',
  'device-type': 'Device type',
  'application-uri': 'Application URI',
  'role-hint': 'Role hint',
};

function attributeLabel(attribute: string): string {
  return attributeLabels[attribute] ?? attribute.charAt(0).toUpperCase() + attribute.slice(1);
}

/** "frames 8, 51" or "frames 8, 51, … (61 in all)": the evidence a person can look up in Wireshark. */
export function framesText(frames: readonly number[], count?: number): string {
  if (frames.length === 0) return count === undefined ? 'no frame recorded' : `${formatCount(count)} frames`;
  const listed = `frame${frames.length === 1 ? '' : 's'} ${[...frames].sort((a, b) => a - b).join(', ')}`;
  return count !== undefined && count > frames.length ? `${listed}, … (${formatCount(count)} in all)` : listed;
}

/** Everything the analysis learned about one host, each fact with where it came from. */
export function HostDetails({ host }: { readonly host: CaptureHost }) {
  const facts = [...host.facts].sort((a, b) => b.confidence - a.confidence);
  return (
    <div className="host-details" data-testid="host-details" data-host={host.key}>
      <div className="host-details-grid">
        <div>
          <h3 className="section-title">Roles</h3>
          {host.roles.length === 0 ? (
            <p className="muted small">No role could be inferred from its traffic.</p>
          ) : (
            <table className="table detail-table" aria-label={`Roles of ${host.key}`}>
              <thead>
                <tr>
                  <th scope="col">Role</th>
                  <th scope="col" className="num">
                    Confidence
                  </th>
                  <th scope="col">Reason</th>
                  <th scope="col">Evidence</th>
                </tr>
              </thead>
              <tbody>
                {host.roles.map((r) => (
                  <tr key={r.role} data-role={r.role}>
                    <td className="nowrap">
                      <span className="role-pill">{roleLabel(r.role)}</span>
                    </td>
                    <td className="num">{percent(r.confidence)}</td>
                    <td className="wrap">{r.reason}</td>
                    <td className="small muted">{framesText(r.frames)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div>
          <h3 className="section-title">Identity facts</h3>
          {facts.length === 0 ? (
            <p className="muted small">The host revealed nothing about its identity.</p>
          ) : (
            <table className="table detail-table" aria-label={`Identity facts of ${host.key}`}>
              <thead>
                <tr>
                  <th scope="col">Attribute</th>
                  <th scope="col">Value</th>
                  <th scope="col" className="num">
                    Confidence
                  </th>
                  <th scope="col">Evidence</th>
                </tr>
              </thead>
              <tbody>
                {facts.map((f) => (
                  <tr key={`${f.attribute}-${f.value}`} data-attribute={f.attribute}>
                    <td className="nowrap">{attributeLabel(f.attribute)}</td>
                    <td className="wrap cell-strong">{f.value}</td>
                    <td className="num">{percent(f.confidence)}</td>
                    <td className="small">
                      {protocolLabel(f.evidence.protocol)} <span className="muted">· {framesText(f.evidence.frames, f.evidence.count)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
      <p className="muted small host-details-foot">
        Seen {formatPacketTime(host.firstSeen)} to {formatPacketTime(host.lastSeen)} · {formatCount(host.packets)} packets, {formatBytes(host.bytes)} · identity confidence{' '}
        {percent(host.identity.confidence)}
        {host.identity.rules.length === 0 ? null : (
          <>
            {' '}
            · fingerprint rules: <span className="mono">{host.identity.rules.join(', ')}</span>
          </>
        )}
      </p>
    </div>
  );
}
