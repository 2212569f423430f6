// A normalized, matchable version range. Whatever the source grammar (vers:, NVD bounds, vendor
// text), it ends up here, or as "unknown" with the text kept so a person can still read it.
import { compareVersions, isComparableVersion, type VersionScheme } from './version-compare.js';

export interface VersionBound {
  /** The version as the source wrote it ("V2.0 SP1"); comparison normalizes it. */
  readonly version: string;
  readonly inclusive: boolean;
}

export type Interval =
  /** Between two bounds; a missing bound is open-ended. */
  | { readonly kind: 'between'; readonly lower?: VersionBound | undefined; readonly upper?: VersionBound | undefined }
  /** Exactly one version. */
  | { readonly kind: 'exact'; readonly version: string }
  /** A series wildcard ("3.x", "V2.1.x"): the prefix and every version in its series. */
  | { readonly kind: 'series'; readonly prefix: string };

export type VersionRange =
  | { readonly kind: 'all'; readonly note?: string | undefined }
  | {
      readonly kind: 'intervals';
      readonly scheme: VersionScheme;
      /** Union of these; an empty list matches nothing (vers:none/*). */
      readonly intervals: readonly Interval[];
      /** Versions taken out of the union (vers "!="). */
      readonly excluded: readonly string[];
      /** Text kept beside the range but not interpreted: a condition, platform or product name. */
      readonly note?: string | undefined;
    }
  | { readonly kind: 'unknown'; readonly text: string; readonly reason?: string | undefined };

export type RangeMatch = 'affected' | 'not_affected' | 'unknown';

export const rangeIssueCodes = [
  'empty',
  'syntax',
  'unsupported_scheme',
  'invalid_version',
  'date_bound',
  'component_bound',
  'ambiguous',
  'empty_range',
] as const;
export type RangeIssueCode = (typeof rangeIssueCodes)[number];

/** What every range parser returns; parsers never throw. */
export type RangeParseResult =
  | { readonly success: true; readonly range: VersionRange }
  | { readonly success: false; readonly code: RangeIssueCode; readonly reason: string };

export function allVersions(note?: string): VersionRange {
  return note === undefined || note === '' ? { kind: 'all' } : { kind: 'all', note };
}

export function unknownRange(text: string, reason?: string): VersionRange {
  return reason === undefined ? { kind: 'unknown', text } : { kind: 'unknown', text, reason };
}

export function intervalsRange(
  intervals: readonly Interval[],
  options: { scheme?: VersionScheme; excluded?: readonly string[]; note?: string | undefined } = {},
): VersionRange {
  const base = { kind: 'intervals', scheme: options.scheme ?? 'generic', intervals, excluded: options.excluded ?? [] } as const;
  return options.note === undefined || options.note === '' ? base : { ...base, note: options.note };
}

export function rangeOk(range: VersionRange): RangeParseResult {
  return { success: true, range };
}

export function rangeFail(code: RangeIssueCode, reason: string): RangeParseResult {
  return { success: false, code, reason };
}

/** The first version after a series: "3" → "4", "V2.1" → "V2.2"; undefined without a number. */
export function nextSeries(prefix: string): string | undefined {
  const m = /^(.*?)(\d+)(\D*)$/.exec(prefix);
  if (m === null) return undefined;
  const [, head = '', digits = '0', tail = ''] = m;
  return `${head}${(BigInt(digits) + 1n).toString()}${tail}`;
}

function inInterval(iv: Interval, version: string, scheme: VersionScheme): boolean {
  const cmp = (a: string, b: string) => compareVersions(a, b, scheme);
  switch (iv.kind) {
    case 'exact':
      return cmp(version, iv.version) === 0;
    case 'series': {
      const next = nextSeries(iv.prefix);
      return cmp(version, iv.prefix) >= 0 && (next === undefined ? cmp(version, iv.prefix) === 0 : cmp(version, next) < 0);
    }
    case 'between': {
      const { lower, upper } = iv;
      if (lower !== undefined) {
        const c = cmp(version, lower.version);
        if (c < 0 || (c === 0 && !lower.inclusive)) return false;
      }
      if (upper !== undefined) {
        const c = cmp(version, upper.version);
        if (c > 0 || (c === 0 && !upper.inclusive)) return false;
      }
      return true;
    }
  }
}

/**
 * Is this version in the range? 'unknown' whenever the answer cannot be known: a range that was
 * not understood, or an asset whose version is not known (unless the range covers all versions).
 * A note on the range (a condition such as "installed on CP100 devices") does not change the
 * answer: it errs towards "affected", and the note is for the person who reads the finding.
 */
export function matchVersion(range: VersionRange, version: string | null | undefined): RangeMatch {
  if (range.kind === 'all') return 'affected';
  if (range.kind === 'unknown') return 'unknown';
  if (!isComparableVersion(version)) return 'unknown';
  if (range.excluded.some((x) => compareVersions(version, x, range.scheme) === 0)) return 'not_affected';
  return range.intervals.some((iv) => inInterval(iv, version, range.scheme)) ? 'affected' : 'not_affected';
}

// Characters with a meaning in vers constraints are percent-encoded inside versions.
function encodeVersVersion(v: string): string {
  return v.replace(/[%|<>=!*\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * The range as a vers URI, for display and export: "vers:generic/>=2.0|<3.0". Series become their
 * bounds, notes are dropped; undefined for an unknown range.
 */
export function toVers(range: VersionRange): string | undefined {
  if (range.kind === 'unknown') return undefined;
  if (range.kind === 'all') return 'vers:all/*';
  if (range.intervals.length === 0 && range.excluded.length === 0) return 'vers:none/*';
  const parts: string[] = [];
  for (const iv of range.intervals) {
    if (iv.kind === 'exact') parts.push(encodeVersVersion(iv.version));
    else if (iv.kind === 'series') {
      const next = nextSeries(iv.prefix);
      parts.push(`>=${encodeVersVersion(iv.prefix)}`);
      if (next !== undefined) parts.push(`<${encodeVersVersion(next)}`);
    } else {
      if (iv.lower !== undefined) parts.push(`${iv.lower.inclusive ? '>=' : '>'}${encodeVersVersion(iv.lower.version)}`);
      if (iv.upper !== undefined) parts.push(`${iv.upper.inclusive ? '<=' : '<'}${encodeVersVersion(iv.upper.version)}`);
      if (iv.lower === undefined && iv.upper === undefined) return 'vers:all/*';
    }
  }
  for (const x of range.excluded) parts.push(`!=${encodeVersVersion(x)}`);
  return `vers:${range.scheme}/${parts.join('|')}`;
}
