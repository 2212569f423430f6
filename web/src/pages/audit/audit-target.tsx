import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { AuditEntry } from '../../api/types';

const enc = encodeURIComponent;

/** Where the console shows a thing the log names; null for things without a page of their own. */
export function targetPath(type: string, id: string): string | null {
  switch (type) {
    case 'asset':
      return `/assets/${enc(id)}`;
    case 'capture':
      return `/capture/${enc(id)}`;
    case 'vulnerability':
      return `/knowledge/vulnerabilities/${enc(id)}`;
    case 'intel-object':
      return `/intel/objects/${enc(id)}`;
    case 'user':
    case 'organisation':
      return '/admin';
    case 'api_token':
      return '/admin#tokens';
    case 'kb_import':
    case 'kb_source':
      return '/knowledge/imports';
    case 'taxii-feed':
      return '/intel/feeds';
    case 'taxii-collection':
      return '/intel/taxii';
    case 'fingerprint-rule':
      return '/capture/fingerprints';
    case 'intel-import':
      return '/intel/import';
    case 'asset-filter':
      return '/assets';
    default:
      return null;
  }
}

const typeLabels: Readonly<Record<string, string>> = {
  asset: 'Asset',
  capture: 'Capture',
  vulnerability: 'Vulnerability',
  'intel-object': 'Intel object',
  'intel-import': 'Intel import',
  user: 'User',
  organisation: 'Organisation',
  api_token: 'API token',
  kb_import: 'Knowledge import',
  kb_source: 'Knowledge source',
  kb_feed: 'Knowledge feed',
  'taxii-feed': 'TAXII feed',
  'taxii-collection': 'TAXII collection',
  'fingerprint-rule': 'Fingerprint rule',
  'asset-filter': 'Saved filter',
  route: 'API route',
};

export function targetTypeLabel(type: string): string {
  return typeLabels[type] ?? type.replaceAll(/[-_]/g, ' ');
}

/** The name the entry gives its target (a created user's username, a capture's name), if any. */
function targetName(entry: AuditEntry): string | null {
  for (const key of ['name', 'username', 'title', 'displayName']) {
    const value = entry.details[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

const gone = (action: string) => /\.(delete|revoke|remove)$/.test(action);

/** The target: its name when known, the whole id (never cut), linked to its page unless it was deleted. */
export function AuditTarget({ entry }: { readonly entry: AuditEntry }) {
  if (entry.targetId === null) return <span className="muted">{targetTypeLabel(entry.targetType)}</span>;
  const name = targetName(entry);
  const path = gone(entry.action) ? null : targetPath(entry.targetType, entry.targetId);
  const text = name ?? entry.targetId;
  return (
    <span className="audit-target">
      <span className="muted small">{targetTypeLabel(entry.targetType)}</span>{' '}
      {path === null ? <span className={name === null ? 'mono' : undefined}>{text}</span> : <Link to={path} className={name === null ? 'mono' : undefined}>{text}</Link>}
      {name === null ? null : <span className="audit-id mono">{entry.targetId}</span>}
      {path === null && gone(entry.action) ? <span className="muted small"> (deleted)</span> : null}
    </span>
  );
}

const detailLabels: Readonly<Record<string, string>> = {
  ids: 'Assets',
  vulnId: 'Vulnerability',
  parentId: 'Parent organisation',
  orgId: 'Organisation',
  sizeBytes: 'Size',
  intervalMinutes: 'Every',
  url: 'URL',
  apiKey: 'API key',
  tlp: 'TLP',
};

/** "intervalMinutes" → "Interval minutes", for keys without a label of their own. */
export function detailLabel(key: string): string {
  const known = detailLabels[key];
  if (known !== undefined) return known;
  const words = key.replaceAll(/([a-z0-9])([A-Z])/g, '$1 $2').replaceAll(/[_-]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function bytes(n: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${n} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

function detailValue(key: string, value: unknown, entry: AuditEntry): ReactNode {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (key === 'sizeBytes') return bytes(value);
    if (key === 'intervalMinutes') return `${value} min`;
    return value.toLocaleString();
  }
  if (typeof value === 'string') {
    if (key === 'vulnId') return <Link to={targetPath('vulnerability', value) ?? '#'}>{value}</Link>;
    if ((key === 'parentId' || key === 'orgId') && value !== '') return <Link to="/admin">{value}</Link>;
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">none</span>;
    const linkable = key === 'ids' && entry.targetType === 'asset' && !gone(entry.action);
    return value.map((v: unknown, i) => (
      <Fragment key={i}>
        {i === 0 ? null : ', '}
        {linkable && typeof v === 'string' ? <Link to={targetPath('asset', v) ?? '#'} className="mono">{v}</Link> : <span className={key === 'ids' ? 'mono' : undefined}>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</span>}
      </Fragment>
    ));
  }
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${detailLabel(k)}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('; ');
}

/** The entry's details as labelled lines instead of raw JSON. */
export function AuditDetails({ entry }: { readonly entry: AuditEntry }) {
  const entries = Object.entries(entry.details).filter(([key]) => !['name', 'username', 'title'].includes(key) || entry.targetId === null);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <dl className="audit-details">
      {entries.map(([key, value]) => (
        <div key={key} className="audit-detail">
          <dt>{detailLabel(key)}</dt>
          <dd>{detailValue(key, value, entry)}</dd>
        </div>
      ))}
    </dl>
  );
}
