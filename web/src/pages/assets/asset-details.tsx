import type { ReactNode } from 'react';
import type { Asset } from '../../api/types';
import { CriticalityBadge } from '../../components/criticality-badge';
import { Drawer } from '../../components/modal';
import { TlpBadge } from '../../components/tlp-badge';
import { formatDateTime } from '../../lib/format';
import { AssetDiscoveryConflicts } from './asset-discovery-conflicts';
import { AssetExposurePanel } from './asset-exposure';

function Row({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const text = (value: string | null, mono = false) =>
  value === null ? <span className="muted">not recorded</span> : mono ? <span className="mono">{value}</span> : value;

/** What people who may not write see when they open an asset: the record, not a disabled form. */
export function AssetDetails({ asset }: { readonly asset: Asset }) {
  return (
    <dl className="details" data-testid="asset-details">
      <Row label="Organisation">{asset.orgName}</Row>
      <Row label="Zone">{text(asset.zone)}</Row>
      <Row label="IP address">{text(asset.ip, true)}</Row>
      <Row label="MAC address">{text(asset.mac, true)}</Row>
      <Row label="Vendor">{text(asset.vendor)}</Row>
      <Row label="Model">{text(asset.model)}</Row>
      <Row label="Firmware">{text(asset.firmwareVersion, true)}</Row>
      <Row label="Criticality">
        <CriticalityBadge criticality={asset.criticality} />
      </Row>
      <Row label="TLP marking">
        <TlpBadge tlp={asset.tlp} />
      </Row>
      <Row label="Shared upward">{asset.sharedUpward ? 'Yes, with parent organisations' : 'No'}</Row>
      <Row label="Created">
        {formatDateTime(asset.createdAt)} by {asset.createdBy}
      </Row>
      <Row label="Updated">
        {formatDateTime(asset.updatedAt)} by {asset.updatedBy}
      </Row>
    </dl>
  );
}

interface AssetDetailsDrawerProps {
  readonly asset: Asset;
  /** Why the asset cannot be edited: the user's role, or it belongs to another organisation. */
  readonly reason: 'role' | 'shared';
  readonly onClose: () => void;
}

export function AssetDetailsDrawer({ asset, reason, onClose }: AssetDetailsDrawerProps) {
  const footer = (
    <>
      <span className="muted small">
        {reason === 'shared'
          ? `Shared by ${asset.orgName}; only its own people can change it.`
          : 'Only administrators and analysts can change assets.'}
      </span>
      <span className="spacer" />
      <button type="button" className="btn" onClick={onClose}>
        Close
      </button>
    </>
  );
  return (
    <Drawer title={asset.name} onClose={onClose} footer={footer} testId="asset-drawer">
      <AssetDiscoveryConflicts assetId={asset.id} />
      <AssetDetails asset={asset} />
      <AssetExposurePanel assetId={asset.id} />
    </Drawer>
  );
}
