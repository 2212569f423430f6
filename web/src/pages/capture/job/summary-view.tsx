import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { listCaptureMalformed } from '../../../api/capture';
import type { CaptureJob, CaptureMalformed } from '../../../api/types';
import { DataTable, type Column } from '../../../components/data-table';
import { EmptyState } from '../../../components/empty-state';
import { ErrorBanner } from '../../../components/error-banner';
import { formatCount } from '../../../lib/format';
import { useLoad } from '../../../lib/use-load';
import { formatBytes, formatDuration, formatPacketTime } from '../capture-labels';

const ProtocolChart = lazy(async () => ({ default: (await import('./protocol-chart')).ProtocolChart }));

function Stat({ label, value, note, testId }: { readonly label: string; readonly value: ReactNode; readonly note?: ReactNode; readonly testId?: string }) {
  return (
    <div className="stat" {...(testId === undefined ? {} : { 'data-testid': testId })}>
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value}</span>
      {note === undefined ? null : <span className="stat-note">{note}</span>}
    </div>
  );
}

const malformedColumns: readonly Column<CaptureMalformed>[] = [
  { key: 'frame', header: 'Frame', className: 'num mono', render: (m) => m.frame },
  { key: 'layer', header: 'Layer', className: 'nowrap', render: (m) => <span className="code-chip">{m.layer}</span> },
  { key: 'reason', header: 'Reason', className: 'wrap', render: (m) => m.reason },
];

function MalformedSection({ job }: { readonly job: CaptureJob }) {
  const total = job.summary?.malformed ?? 0;
  const { load } = useLoad((signal) => (total === 0 ? Promise.resolve([]) : listCaptureMalformed(job.id, signal)), [job.id, total]);
  const rows = load.data ?? [];
  return (
    <section className="card card-flush" data-testid="malformed">
      <div className="card-header">
        <div>
          <h2 className="card-title">Malformed packets</h2>
          <p className="muted small">
            Packets a dissector could not accept; analysis went on past each. {total > rows.length && rows.length > 0 ? `The first ${formatCount(rows.length)} of ${formatCount(total)} are listed.` : ''}
          </p>
        </div>
      </div>
      <ErrorBanner error={load.state === 'failed' ? load.error : null} title="Could not load the malformed packets." />
      {total === 0 ? (
        <EmptyState title="No malformed packets.">Every recognised PDU decoded cleanly.</EmptyState>
      ) : (
        <DataTable columns={malformedColumns} rows={rows} rowKey={(m) => `${m.frame}-${m.layer}-${m.reason}`} label="Malformed packets" testId="malformed-table" loading={load.state === 'loading'} />
      )}
    </section>
  );
}

export function SummaryView({ job }: { readonly job: CaptureJob }) {
  const s = job.summary;
  const protocols = useMemo(
    () =>
      Object.entries(s?.pdus ?? {})
        .map(([protocol, pdus]) => ({ protocol, pdus: pdus ?? 0 }))
        .sort((a, b) => b.pdus - a.pdus),
    [s],
  );
  if (s === null) return <EmptyState title="This job has no summary.">It finished without reading the capture.</EmptyState>;
  return (
    <>
      {s.readError === null ? null : (
        <div className="banner banner-warn" role="alert" data-testid="read-error">
          <div className="banner-body">
            <strong className="banner-title">Reading stopped at frame {formatCount(s.readError.frame)}.</strong>
            <span className="banner-message">
              {s.readError.message} ({s.readError.code}). Everything before it was analysed.
            </span>
          </div>
        </div>
      )}
      <div className="stat-grid capture-stats" data-testid="capture-stats">
        <Stat label="Frames" value={formatCount(s.frames)} note={`${formatBytes(s.bytes)} · ${s.format}`} testId="stat-frames" />
        <Stat label="Duration" value={formatDuration(s.firstTime, s.lastTime)} note={`from ${formatPacketTime(s.firstTime)}`} />
        <Stat label="Analysis speed" value={formatCount(s.packetsPerSecond)} note={`packets/s · ${s.megabytesPerSecond} MB/s · ${(s.elapsedMs / 1000).toFixed(2)} s`} />
        <Stat label="Hosts" value={formatCount(s.hosts)} note={`${formatCount(s.communications)} communication pairs`} testId="stat-hosts" />
        <Stat label="Operation records" value={formatCount(s.operations)} note={`identical runs folded · ${formatCount(s.malformed)} malformed packets`} />
      </div>
      <div className="capture-grid">
        <section className="card">
          <h2 className="card-title">Protocols</h2>
          {protocols.length === 0 ? (
            <EmptyState title="No industrial protocol recognised.">The capture holds other traffic only, or protocols Bulwark does not dissect yet.</EmptyState>
          ) : (
            <Suspense fallback={<div className="chart chart-placeholder">Loading chart…</div>}>
              <ProtocolChart counts={protocols} />
            </Suspense>
          )}
        </section>
        <section className="card" data-testid="asset-merge">
          <h2 className="card-title">Inventory</h2>
          {job.mergeAssets ? (
            <table className="mini-table">
              <tbody>
                <tr>
                  <td>Assets created</td>
                  <td className="num">{formatCount(s.assets.created)}</td>
                </tr>
                <tr>
                  <td>Assets filled in</td>
                  <td className="num">{formatCount(s.assets.updated)}</td>
                </tr>
                <tr>
                  <td>Conflicts recorded</td>
                  <td className="num">{formatCount(s.assets.conflicts)}</td>
                </tr>
              </tbody>
            </table>
          ) : (
            <p className="muted">This job was not merged into the asset inventory.</p>
          )}
          <p className="muted small">
            Discovered values never overwrite what people entered; where they disagree, the asset shows the conflict with its evidence.
          </p>
        </section>
      </div>
      <MalformedSection job={job} />
    </>
  );
}
