import { useMemo, useState } from 'react';
import { listAudit } from '../../api/audit';
import type { AuditEntry } from '../../api/types';
import { DataTable, type Column } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { LoadMoreFooter } from '../../components/load-more-footer';
import { PageHeader } from '../../components/page-header';
import { formatDateTime } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import { usePagedList } from '../../lib/use-paged-list';
import { AuditDetails, AuditTarget } from './audit-target';

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

const dash = (value: string | null) => (value === null ? <span className="muted">—</span> : value);

const columns: readonly Column<AuditEntry>[] = [
  { key: 'at', header: 'Time', className: 'nowrap', alwaysShown: true, sortValue: (e) => e.at, csv: (e) => e.at, render: (e) => <time dateTime={e.at}>{formatDateTime(e.at)}</time> },
  { key: 'actor', header: 'Actor', sortValue: (e) => e.actorName, render: (e) => e.actorName },
  { key: 'org', header: 'Organisation', sortValue: (e) => e.orgName, render: (e) => dash(e.orgName) },
  { key: 'action', header: 'Action', sortValue: (e) => e.action, render: (e) => <code className="code-chip">{e.action}</code> },
  {
    key: 'target',
    header: 'Target',
    className: 'wrap',
    sortValue: (e) => `${e.targetType} ${e.targetId ?? ''}`,
    csv: (e) => (e.targetId === null ? e.targetType : `${e.targetType} ${e.targetId}`),
    render: (e) => <AuditTarget entry={e} />,
  },
  { key: 'details', header: 'Details', className: 'wrap', csv: (e) => JSON.stringify(e.details), render: (e) => <AuditDetails entry={e} /> },
  { key: 'ip', header: 'IP', className: 'mono', sortValue: (e) => e.ip, render: (e) => dash(e.ip) },
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
      <section className="card card-flush">
        <DataTable
          columns={columns}
          rows={entries}
          rowKey={(e) => e.id}
          label="Audit log"
          testId="audit-table"
          loading={loading}
          error={list.error}
          errorTitle="Could not load the audit log."
          exportName="Audit log"
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
