// The time window every events read needs (so that only those days' partitions are scanned), the
// histogram's interval, and the opaque keyset cursor. Bad values are InputErrors naming the parameter.
import { InputError } from '../../platform/errors.js';
import type { EventKey } from './events-query.store.js';

/** Without `from`, a read covers the day before `to` (default now). */
export const defaultSpanMs = 24 * 3_600_000;

const units: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `now`, `now-15m` (s, m, h, d, w), or ISO 8601 (a date, or a date and time with an offset). */
export function parseTimeBound(text: string, now: number, path: string): Date {
  const relative = /^now(?:-(\d{1,7})([smhdw]))?$/.exec(text);
  if (relative !== null) return new Date(now - (relative[1] === undefined ? 0 : Number(relative[1]) * (units[relative[2] ?? 's'] ?? 0)));
  const valid = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(text);
  const ms = valid ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(ms) || ms < 0 || ms >= Date.UTC(10000, 0, 1)) {
    throw new InputError(`${path} is not a time`, [{ path, message: 'ISO 8601 (2026-12-07T08:00:00Z) or relative to now (now-24h, now-7d)' }]);
  }
  return new Date(ms);
}

export interface TimeWindow {
  readonly from: Date;
  readonly to: Date;
}

export function timeWindow(input: { from?: string | undefined; to?: string | undefined }, now: number): TimeWindow {
  const to = input.to === undefined ? new Date(now) : parseTimeBound(input.to, now, 'to');
  const from = input.from === undefined ? new Date(to.getTime() - defaultSpanMs) : parseTimeBound(input.from, now, 'from');
  if (from.getTime() >= to.getTime()) throw new InputError('the time range is empty', [{ path: 'from', message: 'from must be before to' }]);
  return { from, to };
}

// Round intervals; the automatic one keeps a histogram to about a hundred bars.
const niceSeconds = [1, 5, 10, 30, 60, 300, 600, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 7 * 86_400];
const targetBuckets = 100;
/** Most buckets a histogram answers with. */
export const maxBuckets = 2000;

export function intervalName(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** The interval in seconds: the given one (checked against the bucket limit) or one chosen from the range. */
export function histogramInterval(window: TimeWindow, given: string | undefined): number {
  const span = (window.to.getTime() - window.from.getTime()) / 1000;
  if (given === undefined) return niceSeconds.find((s) => span / s <= targetBuckets) ?? Math.ceil(span / targetBuckets / 86_400) * 86_400;
  const match = /^(\d+)([smhd])$/.exec(given);
  const seconds = match === null ? 0 : (Number(match[1]) * (units[match[2] ?? 's'] ?? 0)) / 1000;
  if (seconds < 1) throw new InputError('interval is not a duration', [{ path: 'interval', message: 'a number and a unit: s, m, h or d (e.g. 5m)' }]);
  if (span / seconds > maxBuckets) throw new InputError(`interval ${given} gives more than ${maxBuckets} buckets for this range`, [{ path: 'interval', message: `at least ${intervalName(Math.ceil(span / maxBuckets))}` }]);
  return seconds;
}

const keyTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeCursor(key: EventKey): string {
  return Buffer.from(JSON.stringify([key.time, key.id])).toString('base64url');
}

export function decodeCursor(cursor: string): EventKey {
  try {
    const [time, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof time === 'string' && keyTime.test(time) && typeof id === 'string' && id.length <= 200) return { time, id };
  } catch {
    // reported below
  }
  throw new InputError('invalid cursor', [{ path: 'cursor', message: 'pass back the nextCursor of a previous page' }]);
}
