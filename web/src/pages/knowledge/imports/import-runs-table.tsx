import { Fragment, useState } from 'react';
import type { ImportIssue, ImportRun } from '../../../api/knowledge-types';
import { formatCount, formatDateTime } from '../../../lib/format';

const statusPill: Readonly<Record<string, string>> = { finished: 'pill-ok', running: 'pill-warn', failed: 'pill-danger' };

export function IssueList({ issues }: { readonly issues: readonly ImportIssue[] }) {
  return (
    <ul className="issue-list" data-testid="import-issues">
      {issues.map((i, n) => (
        <li key={`${i.file}-${i.pointer}-${n}`} className={`issue issue-${i.severity}`}>
          <span className={`pill ${i.severity === 'error' ? 'pill-danger' : 'pill-warn'}`}>{i.severity}</span>
          <span className="issue-where">
            <span className="mono issue-file" title={i.file}>
              {i.file}
            </span>
            {i.pointer === '' ? null : <code className="issue-pointer">{i.pointer}</code>}
          </span>
          <span className="issue-message">{i.message}</span>
        </li>
      ))}
    </ul>
  );
}

function StatsCell({ run }: { readonly run: ImportRun }) {
  const s = run.stats;
  const parts: [string, number][] = [
    ['files', s.files],
    ['records', s.records],
    ['vulnerabilities', s.vulnerabilities],
    ['advisories', s.advisories],
    ['threats', s.threats],
    ['relations', s.relations],
    ['unchanged', s.unchanged],
  ];
  return (
    <span className="stats-line">
      {parts
        .filter(([, n]) => n > 0)
        .map(([label, n]) => (
          <span key={label}>
            <strong>{formatCount(n)}</strong> {label}
          </span>
        ))}
    </span>
  );
}

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

function duration(run: ImportRun): string {
  if (run.finishedAt === null) return '';
  const ms = new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime();
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : '';
}

export function ImportRunsTable({ runs }: { readonly runs: readonly ImportRun[] }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((before) => {
      const next = new Set(before);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <div className="table-wrap">
      <table className="table" data-testid="import-runs" aria-label="Import runs">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Status</th>
            <th scope="col">Location</th>
            <th scope="col">Format</th>
            <th scope="col">Statistics</th>
            <th scope="col" className="num">
              Issues
            </th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <Fragment key={run.id}>
              <tr data-id={run.id}>
                <td className="nowrap">
                  {formatDateTime(run.startedAt)}
                  <span className="muted small block">{duration(run)}</span>
                </td>
                <td>
                  <span className={`pill ${statusPill[run.status] ?? 'pill-muted'}`}>{run.status}</span>
                </td>
                <td className="mono clip clip-wide" title={run.location}>
                  {run.location}
                </td>
                <td className="nowrap">{run.format}</td>
                <td>
                  <StatsCell run={run} />
                </td>
                <td className="num nowrap">
                  {run.issues.length === 0 ? (
                    <span className="muted">0</span>
                  ) : (
                    <button type="button" className="btn btn-small issue-toggle" aria-expanded={open.has(run.id)} onClick={() => toggle(run.id)}>
                      {run.stats.errors > 0 ? <span className="text-danger">{plural(run.stats.errors, 'error')}</span> : null}
                      {run.stats.errors > 0 && run.stats.warnings > 0 ? ' · ' : null}
                      {run.stats.warnings > 0 ? plural(run.stats.warnings, 'warning') : null}
                      {run.stats.errors === 0 && run.stats.warnings === 0 ? formatCount(run.issues.length) : null} {open.has(run.id) ? '▴' : '▾'}
                    </button>
                  )}
                </td>
                <td className="nowrap">{run.actor}</td>
              </tr>
              {open.has(run.id) ? (
                <tr className="issue-row">
                  <td colSpan={7}>
                    <IssueList issues={run.issues} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
