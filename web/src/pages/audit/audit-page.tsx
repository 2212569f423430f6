import { useMemo, useState } from 'react';
import { listAudit } from '../../api/audit';
import type { AuditEntry } from '../../api/types';
import { DataTable, type Column } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { LoadMoreFooter } from '../../components/load-more-footer';
import { PageHeader } from '../../components/page-header';
import { formatDateTime } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import { usePagedList } from '../../lib/use-paged-list';

const PAGE_SIZE = 100;

// Suggestions only: filters match exactly, and modules will add their own actions over time.
const knownActions = [
  'session.login',
  'asset.create',
  'asset.update',
  'asset.delete',
  'asset.import',
  'organisation.create',
  'user.create',
  'user.update',
  'token.create',
  'token.revoke',
];
const knownTargetTypes = ['asset', 'organisation', 'user', 'api_token'];

function compactJson(details: Readonly<Record<string, unknown>>): string {
  return Object.keys(details).length === 0 ? '' : JSON.stringify(details);
}

const dash = (value: string | null) => (value === null ? <span className="muted">—</span> : value);

const columns: readonly Column<AuditEntry>[] = [
  { key: 'at', header: 'Time', className: 'nowrap', render: (e) => <time dateTime={e.at}>{formatDateTime(e.at)}</time> },
  { key: 'actor', header: 'Actor', className: 'nowrap', render: (e) => e.actorName },
  { key: 'org', header: 'Organisation', className: 'nowrap', render: (e) => dash(e.orgName) },
  { key: 'action', header: 'Action', className: 'nowrap', render: (e) => <code className="code-chip">{e.action}</code> },
  { key: 'targetType', header: 'Target type', className: 'nowrap', render: (e) => e.targetType },
  {
    key: 'targetId',
    header: 'Target id',
    className: 'mono truncate',
    render: (e) => (e.targetId === null ? <span className="muted">—</span> : <span title={e.targetId}>{e.targetId}</span>),
  },
  {
    key: 'details',
    header: 'Details',
    className: 'mono details-cell',
    render: (e) => {
      const json = compactJson(e.details);
      return json === '' ? <span className="muted">—</span> : <span title={json}>{json}</span>;
    },
  },
  { key: 'ip', header: 'IP', className: 'mono nowrap', render: (e) => dash(e.ip) },
];

export function AuditPage() {
  const [action, setAction] = useState('');
  const [targetType, setTargetType] = useState('');
  const settled = useDebounced(useMemo(() => ({ action: action.trim(), targetType: targetType.trim() }), [action, targetType]), 250);
  const list = usePagedList(async (before, signal) => {
    const page = await listAudit({ ...settled, limit: PAGE_SIZE, ...(before === null ? {} : { before }) }, signal);
    // A full page means there may be older entries; the API has no cursor of its own here.
    return { items: page.items, nextCursor: page.items.length === PAGE_SIZE ? (page.items.at(-1)?.id ?? null) : null };
  }, [settled]);
  const { items: entries, loading } = list;
  const filtered = settled.action !== '' || settled.targetType !== '';

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every sign-in and change, newest first. The log is append-only; nobody can edit or delete entries."
      />
      <div className="toolbar" role="search" aria-label="Filter audit log">
        <input
          className="input input-filter input-filter-wide"
          name="action"
          placeholder="Action, e.g. asset.create"
          aria-label="Filter by action"
          list="audit-actions"
          value={action}
          onChange={(e) => setAction(e.target.value)}
        />
        <input
          className="input input-filter input-filter-wide"
          name="targetType"
          placeholder="Target type, e.g. asset"
          aria-label="Filter by target type"
          list="audit-target-types"
          value={targetType}
          onChange={(e) => setTargetType(e.target.value)}
        />
        <datalist id="audit-actions">
          {knownActions.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <datalist id="audit-target-types">
          {knownTargetTypes.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        {action !== '' || targetType !== '' ? (
          <button
            type="button"
            className="btn btn-link"
            onClick={() => {
              setAction('');
              setTargetType('');
            }}
          >
            Clear filters
          </button>
        ) : null}
      </div>
      <ErrorBanner error={list.error} title="Could not load the audit log." />
      <section className="card card-flush">
        <DataTable
          columns={columns}
          rows={entries}
          rowKey={(e) => e.id}
          label="Audit log"
          testId="audit-table"
          loading={loading}
          empty={
            <EmptyState title={filtered ? 'No entries match these filters.' : 'The audit log is empty.'}>
              {filtered
                ? 'Filters match the exact action (e.g. asset.update) and target type (e.g. user).'
                : 'Entries appear as people sign in and change things.'}
            </EmptyState>
          }
        />
        <LoadMoreFooter list={list} moreLabel="Load older">
          {entries.length} entries shown
        </LoadMoreFooter>
      </section>
    </>
  );
}
