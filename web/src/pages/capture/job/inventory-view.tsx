import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { listCaptureHosts } from '../../../api/capture';
import type { CaptureHost, CaptureJob } from '../../../api/types';
import { EmptyState } from '../../../components/empty-state';
import { ErrorBanner } from '../../../components/error-banner';
import { formatCount } from '../../../lib/format';
import { useLoad } from '../../../lib/use-load';
import { percent, protocolColour, protocolLabel, roleLabel } from '../capture-labels';
import { assetPagePath } from '../../assets/paths';
import { capturePath } from '../paths';
import { HostDetails } from './host-details';
import './capture-tables.css';

const none = <span className="muted">—</span>;
const text = (value: string | undefined | null) => (value === undefined || value === null ? none : <span title={value}>{value}</span>);

function ProtocolChips({ protocols, kind }: { readonly protocols: readonly string[]; readonly kind: 'serves' | 'uses' }) {
  if (protocols.length === 0) return null;
  return (
    <span className="proto-list">
      <span className="muted small">{kind}</span>
      {protocols.map((p) => (
        <span key={p} className="proto-chip" data-protocol={p}>
          <span className="proto-dot" style={{ background: protocolColour(p) }} />
          {protocolLabel(p)}
        </span>
      ))}
    </span>
  );
}

function RoleCell({ host }: { readonly host: CaptureHost }) {
  const top = host.roles[0];
  if (top === undefined) return <span className="muted small">unknown</span>;
  return (
    <span className="role-cell" title={top.reason}>
      <span className="role-pill" data-role={top.role}>
        {roleLabel(top.role)}
      </span>{' '}
      <span className="small muted">{percent(top.confidence)}</span>
      <span className="role-reason small muted">{top.reason}</span>
    </span>
  );
}

interface HostColumn {
  readonly key: string;
  readonly header: string;
  readonly className?: string;
  readonly render: (host: CaptureHost) => ReactNode;
}

const columns: readonly HostColumn[] = [
  {
    key: 'address',
    header: 'Address',
    className: 'mono nowrap',
    render: (h) => <span className="cell-strong">{h.ip ?? h.mac ?? h.key}</span>,
  },
  {
    key: 'mac',
    header: 'MAC',
    className: 'nowrap',
    render: (h) =>
      h.mac === null ? (
        none
      ) : (
        <span className="mac-cell">
          <span className="mono">{h.mac}</span>
          {h.macVendor === null ? null : <span className="small muted">{h.macVendor}</span>}
        </span>
      ),
  },
  { key: 'role', header: 'Role', className: 'role-col', render: (h) => <RoleCell host={h} /> },
  { key: 'vendor', header: 'Vendor', className: 'clip clip-narrow', render: (h) => text(h.identity.vendor) },
  { key: 'model', header: 'Model', className: 'clip', render: (h) => text(h.identity.model) },
  { key: 'firmware', header: 'Firmware', className: 'mono nowrap', render: (h) => text(h.identity.firmware) },
  { key: 'serial', header: 'Serial', className: 'mono nowrap', render: (h) => text(h.identity.serial) },
  { key: 'name', header: 'Name', className: 'clip', render: (h) => text(h.identity.name) },
  {
    key: 'protocols',
    header: 'Protocols',
    render: (h) =>
      h.serves.length === 0 && h.uses.length === 0 ? (
        none
      ) : (
        <span className="proto-stack">
          <ProtocolChips protocols={h.serves} kind="serves" />
          <ProtocolChips protocols={h.uses} kind="uses" />
        </span>
      ),
  },
  { key: 'packets', header: 'Packets', className: 'num', render: (h) => formatCount(h.packets) },
];

function matches(host: CaptureHost, q: string): boolean {
  if (q === '') return true;
  const id = host.identity;
  return [host.key, host.ip, host.mac, host.macVendor, id.vendor, id.model, id.name, id.serial, ...host.roles.map((r) => roleLabel(r.role)), ...host.serves, ...host.uses]
    .filter((v): v is string => typeof v === 'string')
    .some((v) => v.toLowerCase().includes(q));
}

export function InventoryView({ job }: { readonly job: CaptureJob }) {
  const { load } = useLoad((signal) => listCaptureHosts(job.id, signal), [job.id]);
  const [params, setParams] = useSearchParams();
  const focus = params.get('host');
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(focus === null ? [] : [focus]));
  const [query, setQuery] = useState('');
  const hosts = useMemo(() => (load.data ?? []).filter((h) => matches(h, query.trim().toLowerCase())), [load.data, query]);

  function toggle(key: string) {
    setOpen((before) => {
      const next = new Set(before);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
    if (focus !== null) {
      const rest = new URLSearchParams(params);
      rest.delete('host');
      setParams(rest, { replace: true });
    }
  }

  return (
    <section className="card card-flush" data-testid="inventory">
      <div className="card-header">
        <div>
          <h2 className="card-title">Discovered hosts</h2>
          <p className="muted small">Identity and role inferred passively from what each device said and did; open a row for every fact and its evidence frames.</p>
        </div>
        <input
          type="search"
          className="input input-filter-wide"
          placeholder="Filter address, vendor, role…"
          aria-label="Filter hosts"
          name="hostFilter"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <ErrorBanner error={load.state === 'failed' ? load.error : null} title="Could not load the discovered hosts." />
      {load.data !== null && hosts.length === 0 ? (
        <EmptyState title={query === '' ? 'No hosts discovered.' : 'No host matches this filter.'}>
          {query === '' ? 'The capture held no traffic with addresses Bulwark tracks.' : 'The filter matches addresses, MACs, vendors, models, names, roles and protocols.'}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table hosts-table" aria-label="Discovered hosts" data-testid="hosts-table">
            <thead>
              <tr>
                <th scope="col" className="expand-col">
                  <span className="visually-hidden">Details</span>
                </th>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className={c.className}>
                    {c.header}
                  </th>
                ))}
                <th scope="col">Asset</th>
              </tr>
            </thead>
            <tbody>
              {load.data === null && load.state === 'loading' ? (
                <tr className="table-loading">
                  <td colSpan={columns.length + 2}>Loading…</td>
                </tr>
              ) : null}
              {hosts.map((h) => {
                const expanded = open.has(h.key);
                return (
                  <Fragment key={h.key}>
                    <tr data-host={h.key} data-role={h.roles[0]?.role ?? ''} className={expanded ? 'host-row host-row-open' : 'host-row'}>
                      <td className="expand-col">
                        <button
                          type="button"
                          className="expand-button"
                          aria-expanded={expanded}
                          aria-label={`${expanded ? 'Hide' : 'Show'} details of ${h.key}`}
                          onClick={() => toggle(h.key)}
                        >
                          {expanded ? '▾' : '▸'}
                        </button>
                      </td>
                      {columns.map((c) => (
                        <td key={c.key} className={c.className}>
                          {c.render(h)}
                        </td>
                      ))}
                      <td className="nowrap">
                        {h.assetId === null ? (
                          <span className="muted small">not in inventory</span>
                        ) : (
                          <Link to={assetPagePath(h.assetId)} data-asset={h.assetId}>
                            Open asset
                          </Link>
                        )}
                        <br />
                        {h.ip === null ? null : (
                          <Link to={capturePath(job.id, 'operations', { host: h.ip })} className="small">
                            Operations
                          </Link>
                        )}
                      </td>
                    </tr>
                    {expanded ? (
                      <tr className="host-detail-row">
                        <td colSpan={columns.length + 2}>
                          <HostDetails host={h} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
