import type { Asset } from '../../api/types';
import { CriticalityBadge } from '../../components/criticality-badge';
import { DataTable, type Column } from '../../components/data-table';
import { TlpBadge } from '../../components/tlp-badge';

const dash = (value: string | null) => (value === null ? <span className="muted">—</span> : value);
// Long cells stay on one line so the table stays scannable; the full text is in the tooltip.
const clip = (value: string | null) => (value === null ? <span className="muted">—</span> : <span title={value}>{value}</span>);

const columns: readonly Column<Asset>[] = [
  { key: 'name', header: 'Name', className: 'clip clip-wide', render: (a) => <span className="cell-strong" title={a.name}>{a.name}</span> },
  { key: 'org', header: 'Organisation', className: 'clip', render: (a) => clip(a.orgName) },
  { key: 'zone', header: 'Zone', className: 'clip', render: (a) => clip(a.zone) },
  { key: 'ip', header: 'IP', className: 'mono nowrap', render: (a) => dash(a.ip) },
  { key: 'mac', header: 'MAC', className: 'mono nowrap', render: (a) => dash(a.mac) },
  { key: 'vendor', header: 'Vendor', className: 'clip clip-narrow', render: (a) => clip(a.vendor) },
  { key: 'model', header: 'Model', className: 'clip', render: (a) => clip(a.model) },
  { key: 'firmware', header: 'Firmware', className: 'mono nowrap', render: (a) => dash(a.firmwareVersion) },
  { key: 'criticality', header: 'Criticality', className: 'nowrap', render: (a) => <CriticalityBadge criticality={a.criticality} /> },
  { key: 'tlp', header: 'TLP', className: 'nowrap', render: (a) => <TlpBadge tlp={a.tlp} /> },
  { key: 'shared', header: 'Shared', className: 'center', render: (a) => <SharedMark asset={a} /> },
];

function SharedMark({ asset }: { readonly asset: Asset }) {
  if (!asset.sharedUpward) {
    return (
      <span className="muted" aria-label="Not shared">
        —
      </span>
    );
  }
  // The flag is kept, but AMBER+STRICT and RED never leave the organisation; say so instead of implying otherwise.
  const held = asset.tlp === 'amber+strict' || asset.tlp === 'red';
  const title = held
    ? `Marked for sharing, but ${asset.tlp.toUpperCase()} keeps it inside ${asset.orgName}`
    : 'Shared upward with parent organisations';
  return (
    <span className={held ? 'shared-mark shared-held' : 'shared-mark'} title={title} aria-label={title} data-shared="true">
      ↑
    </span>
  );
}

interface AssetTableProps {
  readonly assets: readonly Asset[];
  readonly loading: boolean;
  readonly onOpen: (asset: Asset) => void;
}

export function AssetTable({ assets, loading, onOpen }: AssetTableProps) {
  return (
    <DataTable
      columns={columns}
      rows={assets}
      rowKey={(a) => a.id}
      label="Assets"
      testId="assets-table"
      onRowClick={onOpen}
      loading={loading}
    />
  );
}
