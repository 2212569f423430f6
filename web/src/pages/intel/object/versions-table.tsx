import type { IntelVersion } from '../../../api/intel-types';
import { DataTable, type Column } from '../../../components/data-table';
import { formatDateTime } from '../../../lib/format';
import { ReliabilityBadge } from '../reliability-badge';

/** Every version the reader may see, of every holder: the same id may be held by several organisations. */
export function VersionsTable({ versions, current }: { readonly versions: readonly IntelVersion[]; readonly current: string }) {
  const columns: readonly Column<IntelVersion>[] = [
    {
      key: 'modified',
      header: 'Modified',
      className: 'nowrap',
      render: (v) => (
        <>
          <span className="mono small">{v.version}</span>
          {v.version === current ? <span className="pill pill-ok pill-inline">shown</span> : null}
        </>
      ),
    },
    {
      key: 'source',
      header: 'Source',
      className: 'nowrap',
      render: (v) => (
        <span className="intel-source">
          <ReliabilityBadge reliability={v.reliability} /> {v.source === '' ? <span className="muted">own</span> : v.source}
        </span>
      ),
    },
    { key: 'org', header: 'Organisation', className: 'nowrap', render: (v) => v.orgName },
    { key: 'added', header: 'Added', className: 'nowrap', render: (v) => formatDateTime(v.dateAdded) },
    { key: 'revoked', header: 'Revoked', className: 'nowrap', render: (v) => (v.revoked ? <span className="pill pill-danger">revoked</span> : <span className="muted">no</span>) },
  ];
  return <DataTable columns={columns} rows={versions} rowKey={(v) => `${v.orgId}|${v.source}|${v.version}`} label="Versions" testId="intel-versions" />;
}
