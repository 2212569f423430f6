// Structured bounds: NVD cpeMatch versionStart/End Including/Excluding, CVE JSON 5 version +
// lessThan/lessThanOrEqual, OSV introduced/fixed/last_affected; and one exact version.
import type { RangeClaim } from '../sources/types.js';
import { rangeFromConstraints, type VersionConstraint } from './constraints.js';
import { rangeFail, type RangeParseResult } from './range.js';
import { parseTextRange, type RangeTextContext } from './parse-text.js';
import { readVersion } from './text-version.js';
import { compareVersions, isComparableVersion, type VersionScheme } from './version-compare.js';

export type BoundsClaim = Extract<RangeClaim, { kind: 'bounds' }>;

// "0" (OSV "introduced: 0") and "*" (CVE 5 lessThan "*") mean "no bound on this side".
function isOpen(value: string | undefined, lower = false): boolean {
  const v = value?.trim();
  return v === undefined || v === '' || v === '*' || (lower && v === '0');
}

function checkVersion(field: string, value: string): string | undefined {
  if (!isComparableVersion(value)) return `${field} "${value}" is not a version`;
  if (/[<>=|]/.test(value)) return `${field} "${value}" contains a comparator`;
  return undefined;
}

/** Parses a bounds claim. Fixed and last-affected together is contradictory and refused. */
export function parseBounds(claim: BoundsClaim): RangeParseResult {
  // OSV ecosystems have their own orderings; generic comparison is the closest we have.
  const scheme: VersionScheme = claim.scheme === 'semver' ? 'semver' : 'generic';
  const fields: readonly ['introduced' | 'excludedStart' | 'fixed' | 'lastAffected', VersionConstraint['comparator']][] = [
    ['introduced', '>='],
    ['excludedStart', '>'],
    ['fixed', '<'],
    ['lastAffected', '<='],
  ];
  if (!isOpen(claim.fixed) && !isOpen(claim.lastAffected)) {
    return rangeFail('ambiguous', `both fixed ("${claim.fixed}") and lastAffected ("${claim.lastAffected}") are set`);
  }
  if (!isOpen(claim.introduced, true) && !isOpen(claim.excludedStart, true)) {
    return rangeFail('ambiguous', `both introduced ("${claim.introduced}") and excludedStart ("${claim.excludedStart}") are set`);
  }
  const constraints: VersionConstraint[] = [];
  for (const [field, comparator] of fields) {
    const value = claim[field];
    if (value === undefined || isOpen(value, comparator.startsWith('>'))) continue;
    const problem = checkVersion(field, value);
    if (problem !== undefined) return rangeFail('invalid_version', problem);
    constraints.push({ comparator, version: value.trim() });
  }
  if (constraints.length === 0) return rangeFail('empty', 'bounds claim without any bound (use kind "all")');
  // Bounds hold together (AND): a lower bound above the upper one leaves nothing.
  const [lower, upper] = [constraints.find((c) => c.comparator.startsWith('>')), constraints.find((c) => c.comparator.startsWith('<'))];
  if (lower !== undefined && upper !== undefined) {
    const c = compareVersions(lower.version, upper.version, scheme);
    if (c > 0 || (c === 0 && (lower.comparator === '>' || upper.comparator === '<'))) {
      return rangeFail('empty_range', `no version lies between ${lower.version} and ${upper.version}`);
    }
  }
  return rangeFromConstraints(constraints, { scheme });
}

/**
 * Parses one exact version ("V2.9.4", "V13 SP1 Update 4"). "3.x" becomes a series; anything that is
 * more than one version ("2.3.6 and below", "7.30 | 7.40") is read as range text.
 */
export function parseExactVersion(version: string, context: RangeTextContext = {}): RangeParseResult {
  const trimmed = version.trim();
  if (trimmed === '') return rangeFail('empty', 'empty version');
  if (trimmed.startsWith('vers:')) return parseTextRange(trimmed, context);
  const read = readVersion(trimmed.replace(/_/g, ' ').replace(/\s+/g, ' '));
  if (read.ok && read.rest === '' && !/[<>=|]/.test(trimmed)) {
    return rangeFromConstraints(read.series ? [] : [{ comparator: '=', version: trimmed }], { series: read.series ? [read.version] : [] });
  }
  return parseTextRange(trimmed, context);
}
