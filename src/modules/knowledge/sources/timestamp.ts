import { z } from 'zod';

// One reader for every date an importer takes from outside: a real calendar date (no 2026-13-45,
// no February 30th), optionally with a time and a zone, or a located issue instead of a database error.

export type TimestampResult = { readonly success: true; readonly value: string } | { readonly success: false; readonly message: string };

const shape = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const MESSAGE = 'not a date: expected YYYY-MM-DD or an ISO 8601 date-time with real calendar values';

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Parses a date or date-time; no zone means UTC. The value is the ISO 8601 form the database stores. */
export function parseTimestamp(text: string): TimestampResult {
  const m = shape.exec(text.trim());
  if (m === null) return { success: false, message: MESSAGE };
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((p) => (p === undefined ? 0 : Number(p))) as [number, number, number, number, number, number];
  const zone = m[8];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) {
    return { success: false, message: MESSAGE };
  }
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const [zh, zm] = [Number(zone.slice(1, 3)), Number(zone.replace(':', '').slice(3) || '0')];
    if (zh > 23 || zm > 59) return { success: false, message: MESSAGE };
  }
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${(m[7] ?? '').slice(0, 4)}${zone === undefined || zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 3 ? `${zone}:00` : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`}`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? { success: false, message: MESSAGE } : { success: true, value: new Date(ms).toISOString() };
}

/** A date-time field in a source schema: invalid ones become issues at their JSON pointer. */
export const timestampText = z.string().refine((s) => parseTimestamp(s).success, MESSAGE);

/** A date without time (KEV dates, CNVD open times), checked against the calendar. */
export const dateText = z
  .string()
  .trim()
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && parseTimestamp(s).success, 'not a YYYY-MM-DD date on the calendar');
