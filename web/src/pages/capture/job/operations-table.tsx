import type { CaptureOperation } from '../../../api/types';
import { DataTable, type Column } from '../../../components/data-table';
import { formatCount } from '../../../lib/format';
import { formatPacketTime, operationColour, operationLabel, operationRisk, protocolLabel } from '../capture-labels';
import './capture-tables.css';

const none = <span className="muted">—</span>;
const clip = (value: string | null) => (value === null ? none : <span title={value}>{value}</span>);

const resultPills: Readonly<Record<string, string>> = { ok: 'pill pill-ok', exception: 'pill pill-warn', error: 'pill pill-danger' };

function Result({ op }: { readonly op: CaptureOperation }) {
  if (op.result === null) return <span className="muted small" title="No response was seen">no reply</span>;
  return (
    <span className="op-result" title={op.detail ?? undefined}>
      <span className={resultPills[op.result] ?? 'pill'}>{op.result}</span>
      {op.detail === null ? null : <span className="small muted op-detail">{op.detail}</span>}
    </span>
  );
}

const columns: readonly Column<CaptureOperation>[] = [
  {
    key: 'time',
    header: 'Time',
    className: 'small',
    render: (o) => <span title={o.count > 1 ? `${o.time} – ${o.lastTime}` : o.time}>{formatPacketTime(o.time)}</span>,
  },
  { key: 'frame', header: 'Frame', className: 'num mono', hiddenByDefault: true, render: (o) => (o.lastFrame === o.frame ? o.frame : `${o.frame}–${o.lastFrame}`) },
  {
    key: 'peers',
    header: 'Source → destination',
    className: 'mono nowrap',
    render: (o) => (
      <span>
        {o.source} <span className="muted">→</span> {o.destination}
      </span>
    ),
  },
  { key: 'protocol', header: 'Protocol', className: 'nowrap', render: (o) => protocolLabel(o.protocol) },
  {
    key: 'class',
    header: 'Class',
    className: 'nowrap',
    render: (o) => (
      <span className={`op-pill op-pill-${operationRisk(o.operation)}`}>
        <span className="op-dot" style={{ background: operationColour(o.operation) }} />
        {operationLabel(o.operation)}
      </span>
    ),
  },
  {
    key: 'name',
    header: 'Operation',
    className: 'op-name',
    render: (o) => (
      <span>
        <span className="cell-strong">{o.name}</span>
        {o.code === null ? null : <span className="muted small mono"> ({o.code})</span>}
        {o.count > 1 ? (
          <span className="op-count" title={`${o.count} identical operations in a row, frames ${o.frame}–${o.lastFrame}, folded into one record`} data-count={o.count}>
            ×{formatCount(o.count)}
          </span>
        ) : null}
      </span>
    ),
  },
  { key: 'target', header: 'Target', className: 'clip', render: (o) => clip(o.target) },
  { key: 'values', header: 'Values', className: 'clip mono', render: (o) => clip(o.values) },
  { key: 'unit', header: 'Unit', className: 'num', hiddenByDefault: true, render: (o) => (o.unit === null ? none : o.unit) },
  { key: 'result', header: 'Result', render: (o) => <Result op={o} /> },
];

interface OperationsTableProps {
  readonly items: readonly CaptureOperation[];
  readonly loading: boolean;
}

export function OperationsTable({ items, loading }: OperationsTableProps) {
  return (
    <DataTable
      columns={columns}
      rows={items}
      rowKey={(o) => String(o.seq)}
      label="Operations"
      testId="operations-table"
      loading={loading}
      rowClassName={(o) => `op-row op-risk-${operationRisk(o.operation)} op-is-${o.operation}`}
    />
  );
}

export function shownOperations(items: readonly CaptureOperation[]): number {
  return items.reduce((sum, o) => sum + o.count, 0);
}
