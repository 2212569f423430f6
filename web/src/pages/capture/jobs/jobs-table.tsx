import { Link } from 'react-router-dom';
import type { CaptureJob } from '../../../api/types';
import { DataTable, type Column } from '../../../components/data-table';
import { TlpBadge } from '../../../components/tlp-badge';
import { formatCount, formatDateTime } from '../../../lib/format';
import { formatBytes, protocolColour, protocolLabel } from '../capture-labels';
import { JobStatus } from '../job-status';
import { capturePath } from '../paths';

const dash = <span className="muted">—</span>;

function Protocols({ job }: { readonly job: CaptureJob }) {
  const found = Object.entries(job.summary?.pdus ?? {}).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  if (found.length === 0) return job.status === 'finished' ? <span className="muted small">none recognised</span> : dash;
  return (
    <span className="proto-list">
      {found.map(([protocol, pdus]) => (
        <span key={protocol} className="proto-chip" title={`${formatCount(pdus ?? 0)} PDUs`} data-protocol={protocol}>
          <span className="proto-dot" style={{ background: protocolColour(protocol) }} />
          {protocolLabel(protocol)}
        </span>
      ))}
    </span>
  );
}

const columns: readonly Column<CaptureJob>[] = [
  {
    key: 'name',
    header: 'Capture',
    className: 'clip clip-wide',
    render: (j) => (
      <Link to={capturePath(j.id)} className="cell-strong" title={j.name}>
        {j.name}
      </Link>
    ),
  },
  { key: 'status', header: 'Status', className: 'nowrap', render: (j) => <JobStatus job={j} /> },
  { key: 'frames', header: 'Frames', className: 'num', render: (j) => formatCount(j.frames) },
  { key: 'rate', header: 'Packets/s', className: 'num', render: (j) => (j.summary === null ? dash : formatCount(j.summary.packetsPerSecond)) },
  { key: 'protocols', header: 'Protocols found', render: (j) => <Protocols job={j} /> },
  { key: 'hosts', header: 'Hosts', className: 'num', render: (j) => (j.summary === null ? dash : formatCount(j.summary.hosts)) },
  { key: 'size', header: 'Size', className: 'num nowrap', render: (j) => formatBytes(j.sizeBytes) },
  { key: 'tlp', header: 'TLP', className: 'nowrap', render: (j) => <TlpBadge tlp={j.tlp} /> },
  {
    key: 'created',
    header: 'Uploaded',
    className: 'nowrap',
    render: (j) => (
      <span title={j.orgName}>
        {formatDateTime(j.createdAt)} <span className="muted small">by {j.createdBy}</span>
      </span>
    ),
  },
];

export function JobsTable({ jobs, loading }: { readonly jobs: readonly CaptureJob[]; readonly loading: boolean }) {
  return <DataTable columns={columns} rows={jobs} rowKey={(j) => j.id} label="Capture jobs" testId="capture-jobs-table" loading={loading} rowClassName={(j) => `job-row job-${j.status}`} />;
}
