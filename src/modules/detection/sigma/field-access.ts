// Reading a Sigma field name from a normalized event: the logsource's own names first (Windows
// EventData, Zeek, Suricata), then event-level names (message, kind ...), then the dotted ECS path
// under `fields` (`source.ip`, `ics.operation`), then `labels` (what a source kept under its own name).
import type { SensedEvent } from '../../sensing/index.js';
import { eventFields, tableFor, type FieldTable } from './logsource-map.js';

export type FieldAccessor = (event: SensedEvent) => unknown;

function walk(root: unknown, steps: readonly string[]): unknown {
  let node = root;
  for (const step of steps) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[step];
  }
  return node;
}

function pathAccessor(path: string): FieldAccessor {
  if (path === 'user') return windowsUser;
  if (path === 'hashes') return windowsHashes;
  if (path === 'parentImage') return parentImage;
  const steps = path.split('.');
  if (steps.length === 2) {
    const [a, b] = steps as [string, string];
    return (e) => {
      const n = (e as unknown as Record<string, unknown>)[a];
      return n !== null && typeof n === 'object' ? (n as Record<string, unknown>)[b] : undefined;
    };
  }
  if (steps.length === 1) return (e) => (e as unknown as Record<string, unknown>)[path];
  return (e) => walk(e, steps);
}

/** Sysmon writes `User` as DOMAIN\name; the parser splits it, this joins it again. */
function windowsUser(e: SensedEvent): unknown {
  const u = e.fields.user;
  if (u?.name === undefined) return e.fields.labels?.['User'];
  return u.domain !== undefined ? `${u.domain}\\${u.name}` : u.name;
}

function parentImage(e: SensedEvent): unknown {
  const name = e.fields.process?.parent?.name;
  return name === undefined ? undefined : `\\${name}`;
}

function windowsHashes(e: SensedEvent): unknown {
  const h = e.fields.file?.hash;
  if (h === undefined) return e.fields.labels?.['Hashes'];
  const parts = [h.md5 !== undefined ? `MD5=${h.md5.toUpperCase()}` : '', h.sha256 !== undefined ? `SHA256=${h.sha256.toUpperCase()}` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(',') : undefined;
}

/** The paths tried, in order, for a field name of a rule using `table`. */
export function fieldPaths(table: FieldTable, name: string): string[] {
  const paths = [...(tableFor(table)[name] ?? []), ...(eventFields[name] ?? []), `fields.${name}`];
  return [...new Set(paths)];
}

export function compileFieldAccessor(table: FieldTable, name: string): FieldAccessor {
  const accessors = fieldPaths(table, name).map(pathAccessor);
  const label: FieldAccessor = (e) => e.fields.labels?.[name];
  const all = [...accessors, label];
  if (all.length === 2) {
    const [first, second] = all as [FieldAccessor, FieldAccessor];
    return (e) => {
      const v = first(e);
      return v !== undefined ? v : second(e);
    };
  }
  return (e) => {
    for (const get of all) {
      const v = get(e);
      if (v !== undefined) return v;
    }
    return undefined;
  };
}

/** Every string and number in an event, for keyword search: the message, the fields' leaves, the raw text. */
export function keywordTexts(e: SensedEvent): string[] {
  const out: string[] = [e.message];
  const visit = (node: unknown): void => {
    if (typeof node === 'string') out.push(node);
    else if (typeof node === 'number') out.push(String(node));
    else if (Array.isArray(node)) for (const item of node) visit(item);
    else if (node !== null && typeof node === 'object') for (const key in node) visit((node as Record<string, unknown>)[key]);
  };
  visit(e.fields);
  if (e.raw !== null) out.push(e.raw);
  return out;
}
