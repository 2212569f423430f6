import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Asset, AssetSortKey } from '../../api/types';
import { CriticalityBadge } from '../../components/criticality-badge';
import { DataTable, type Column, type SortState, type TableSelection } from '../../components/data-table';
import { GradeBadge } from '../../components/grade-badge';
import { TlpBadge } from '../../components/tlp-badge';
import { assetPagePath } from './paths';

const dash = (value: string | null) => (value === null ? <span className="muted">—</span> : value);
// Long cells stay on one line so the table stays scannable; the full text is in the tooltip.
const clip = (value: string | null) => (value === null ? <span className="muted">—</span> : <span title={value}>{value}</span>);

/** Table columns the server sorts by, and the API's name of each. */
const sortKeys: Readonly<Record<string, AssetSortKey>> = {
  name: 'name',
  org: 'organisation',
  zone: 'zone',
  ip: 'ip',
  vendor: 'vendor',
  model: 'model',
  criticality: 'criticality',
  tlp: 'tlp',
  exposures: 'exposures',
  kev: 'kev',
  grade: 'grade',
  updated: 'updated',
};

export function columnOfSort(sort: AssetSortKey): string {
  return Object.entries(sortKeys).find(([, key]) => key === sort)?.[0] ?? 'name';
}

export function sortOfColumn(column: string): AssetSortKey | undefined {
  return sortKeys[column];
}

function count(n: number, label: string, strong = false): ReactNode {
  if (n === 0) return <span className="muted">0</span>;
  return (
    <span className={strong ? 'cell-strong' : undefined} aria-label={`${n} ${label}`}>
      {n}
    </span>
  );
}

const columns: readonly Column<Asset>[] = [
  {
    key: 'name',
    header: 'Name',
    className: 'clip clip-wide',
    alwaysShown: true,
    sortable: true,
    csv: (a) => a.name,
    render: (a) => (
      <Link to={assetPagePath(a.id)} className="cell-strong" title={a.name} onClick={(e) => e.stopPropagation()}>
        {a.name}
      </Link>
    ),
  },
  { key: 'org', header: 'Organisation', className: 'clip', sortable: true, render: (a) => clip(a.orgName) },
  { key: 'zone', header: 'Zone', className: 'clip', sortable: true, render: (a) => clip(a.zone) },
  { key: 'ip', header: 'IP', className: 'mono nowrap', sortable: true, render: (a) => dash(a.ip) },
  { key: 'mac', header: 'MAC', className: 'mono nowrap', hiddenByDefault: true, render: (a) => dash(a.mac) },
  { key: 'vendor', header: 'Vendor', className: 'clip clip-narrow', sortable: true, render: (a) => clip(a.vendor) },
  { key: 'model', header: 'Model', className: 'clip', sortable: true, render: (a) => clip(a.model) },
  { key: 'firmware', header: 'Firmware', className: 'mono nowrap', hiddenByDefault: true, render: (a) => dash(a.firmwareVersion) },
  { key: 'criticality', header: 'Criticality', className: 'nowrap', sortable: true, render: (a) => <CriticalityBadge criticality={a.criticality} /> },
  { key: 'exposures', header: 'Exposures', className: 'num', sortable: true, csv: (a) => a.exposure.affected, render: (a) => count(a.exposure.affected, 'affected vulnerabilities') },
  { key: 'kev', header: 'KEV', className: 'num', sortable: true, csv: (a) => a.exposure.kev, render: (a) => count(a.exposure.kev, 'known exploited', true) },
  { key: 'grade', header: 'Highest grade', className: 'nowrap', sortable: true, csv: (a) => a.exposure.highestGrade, render: (a) => (a.exposure.highestGrade === null ? <span className="muted">—</span> : <GradeBadge grade={a.exposure.highestGrade} />) },
  { key: 'tlp', header: 'TLP', className: 'nowrap', sortable: true, render: (a) => <TlpBadge tlp={a.tlp} /> },
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
  readonly error: unknown;
  readonly onOpen: (asset: Asset) => void;
  readonly sort: SortState | null;
  readonly onSortChange: (sort: SortState | null) => void;
  readonly selection?: TableSelection<Asset>;
  readonly toolbar: ReactNode;
  readonly empty: ReactNode;
}

export function AssetTable({ assets, loading, error, onOpen, sort, onSortChange, selection, toolbar, empty }: AssetTableProps) {
  return (
    <DataTable
      columns={columns}
      rows={assets}
      rowKey={(a) => a.id}
      label="Assets"
      testId="assets-table"
      onRowClick={onOpen}
      loading={loading}
      error={error}
      errorTitle="Could not load assets."
      sort={sort}
      onSortChange={onSortChange}
      columnChoice
      toolbar={toolbar}
      empty={empty}
      {...(selection === undefined ? {} : { selection })}
    />
  );
}
