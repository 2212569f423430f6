// What the store needs to know about a STIX object to index it: its version, what it refers to,
// a content fingerprint, and a few fields for filters. Pure functions over validated objects.
import { createHash } from 'node:crypto';

export type StixObject = Readonly<Record<string, unknown>>;

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/;

/**
 * Microseconds since the epoch for a STIX timestamp (RFC 3339, UTC, any sub-second digits;
 * digits past the microsecond are dropped), or undefined when it is not one.
 */
export function timestampToMicros(value: string): number | undefined {
  const m = TIMESTAMP.exec(value);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const ms = date.getTime();
  // Date rolls impossible fields over (February 30 is March 2, 25:00 the next day): they must read back as written.
  const asWritten =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
  if (Number.isNaN(ms) || !asWritten) return undefined;
  const frac = m[7];
  const micros = Number((frac ?? '').slice(0, 6).padEnd(6, '0'));
  return ms * 1000 + micros;
}

/** Microseconds since the epoch as an RFC 3339 timestamp with microseconds. */
export function microsToTimestamp(us: number): string {
  const ms = Math.floor(us / 1000);
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, -1)}${String(us - ms * 1000).padStart(3, '0')}Z`;
}

/** The version of an object: `modified`, else `created`; unversioned objects (most SCOs) have none. */
export function versionOf(object: StixObject): string | undefined {
  const modified = object['modified'];
  if (typeof modified === 'string') return modified;
  const created = object['created'];
  return typeof created === 'string' ? created : undefined;
}

/**
 * Every identifier the object refers to, at any depth: values of `*_ref` properties and members
 * of `*_refs` lists (source_ref, object_refs, object_marking_refs, granular marking_ref, ...).
 */
export function referencesOf(object: StixObject): string[] {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) walk(v);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, v] of Object.entries(value)) {
      if (key.endsWith('_ref') && typeof v === 'string') found.add(v);
      else if (key.endsWith('_refs') && Array.isArray(v)) {
        for (const r of v) if (typeof r === 'string') found.add(r);
      } else if (typeof v === 'object' && v !== null) walk(v);
    }
  };
  walk(object);
  const own = object['id'];
  if (typeof own === 'string') found.delete(own);
  return [...found].sort();
}

/** The value with object keys sorted at every level; parts already in order are reused, not copied. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const s = sortedKeys(v);
      if (s !== v) changed = true;
      return s;
    });
    return changed ? out : value;
  }
  if (typeof value !== 'object' || value === null) return value;
  const source = value as Record<string, unknown>;
  const keys = Object.keys(source);
  let changed = false;
  for (let i = 1; i < keys.length && !changed; i++) if ((keys[i - 1] as string) > (keys[i] as string)) changed = true;
  const order = changed ? [...keys].sort() : keys;
  const values = order.map((k) => {
    const s = sortedKeys(source[k]);
    if (s !== source[k]) changed = true;
    return s;
  });
  if (!changed) return value;
  return Object.fromEntries(order.map((k, i) => [k, values[i]]));
}

/** JSON with object keys sorted at every level: equal objects give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortedKeys(value)) ?? 'null';
}

/** SHA-256 of the canonical JSON: the same version imported twice is recognised as the same. */
export function contentHash(object: StixObject): string {
  return createHash('sha256').update(canonicalJson(object)).digest('base64url');
}

/** Indicators with the same pattern (whitespace aside) corroborate each other whatever their ids. */
export function patternKey(object: StixObject): string | null {
  if (object['type'] !== 'indicator' || typeof object['pattern'] !== 'string') return null;
  const kind = typeof object['pattern_type'] === 'string' ? object['pattern_type'] : 'stix';
  return `${kind}:${object['pattern'].trim().replace(/\s+/g, ' ')}`;
}

export function labelsOf(object: StixObject): string[] {
  const labels = object['labels'];
  return Array.isArray(labels) ? labels.filter((l): l is string => typeof l === 'string') : [];
}

/** Relationships link source_ref to target_ref; a sighting links its sighting_of_ref. */
export function endpointsOf(object: StixObject): { sourceRef: string | null; targetRef: string | null } {
  if (object['type'] === 'relationship') {
    return {
      sourceRef: typeof object['source_ref'] === 'string' ? object['source_ref'] : null,
      targetRef: typeof object['target_ref'] === 'string' ? object['target_ref'] : null,
    };
  }
  if (object['type'] === 'sighting') {
    return { sourceRef: typeof object['sighting_of_ref'] === 'string' ? object['sighting_of_ref'] : null, targetRef: null };
  }
  return { sourceRef: null, targetRef: null };
}

/** STIX confidence when present and in range. */
export function confidenceOf(object: StixObject): number | undefined {
  const c = object['confidence'];
  return typeof c === 'number' && Number.isInteger(c) && c >= 0 && c <= 100 ? c : undefined;
}
