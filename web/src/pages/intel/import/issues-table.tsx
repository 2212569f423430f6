import type { ImportIssue } from '../../../api/intel-types';
import { DataTable, type Column } from '../../../components/data-table';

const columns: readonly Column<ImportIssue>[] = [
  { key: 'index', header: 'Object', className: 'num', render: (i) => (i.index < 0 ? 'bundle' : `#${i.index}`) },
  { key: 'id', header: 'Id', className: 'mono small wrap', render: (i) => i.id ?? <span className="muted">—</span> },
  { key: 'path', header: 'JSON path', className: 'mono', render: (i) => (i.path === '' ? <span className="muted">(whole object)</span> : i.path) },
  { key: 'code', header: 'Code', className: 'nowrap', render: (i) => <span className="code-chip">{i.code}</span> },
  { key: 'message', header: 'Message', className: 'wrap', render: (i) => i.message },
];

/** Every problem with where it is: the object's position in the bundle, then the JSON path inside it. */
export function IssuesTable({ issues, truncated, testId = 'intel-issues' }: { readonly issues: readonly ImportIssue[]; readonly truncated: boolean; readonly testId?: string }) {
  if (issues.length === 0) return null;
  return (
    <>
      <DataTable columns={columns} rows={issues} rowKey={(i) => `${i.index}|${i.path}|${i.code}|${i.message}`} label="Problems found" testId={testId} />
      {truncated ? <p className="muted small">More problems were found than are listed; fix these and validate again.</p> : null}
    </>
  );
}
