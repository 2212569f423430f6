// Comparator lists ("<4.1.3", ">=2.0|<3.0", "1.2|1.3") turned into intervals, following the vers
// spec's reading: constraints sorted by version are signposts that open and close intervals.
import { intervalsRange, rangeFail, rangeOk, type Interval, type RangeParseResult, type VersionBound } from './range.js';
import { compareVersions, type VersionScheme } from './version-compare.js';

export type Comparator = '<' | '<=' | '>' | '>=' | '=' | '!=';

export interface VersionConstraint {
  readonly comparator: Comparator;
  readonly version: string;
}

const isLower = (c: Comparator) => c === '>' || c === '>=';
const isUpper = (c: Comparator) => c === '<' || c === '<=';

// At one version, a lower bound opens before an exact value, which comes before an upper bound.
const tieOrder: Readonly<Record<Comparator, number>> = { '>=': 0, '>': 0, '=': 1, '!=': 1, '<=': 2, '<': 2 };

export interface ConstraintOptions {
  readonly scheme?: VersionScheme;
  readonly series?: readonly string[];
  readonly note?: string | undefined;
}

/**
 * Builds a range from constraints. Redundant neighbours are simplified as the vers spec describes
 * (two upper bounds in a row keep the larger, two lower bounds the smaller), so several upper bounds
 * without lower bounds ("<=4.2.21 | <=5.0.27") read as their union: it errs towards "affected".
 */
export function rangeFromConstraints(constraints: readonly VersionConstraint[], options: ConstraintOptions = {}): RangeParseResult {
  const scheme = options.scheme ?? 'generic';
  const series = options.series ?? [];
  if (constraints.length === 0 && series.length === 0) return rangeFail('empty', 'no version constraint');
  const excluded = constraints.filter((c) => c.comparator === '!=').map((c) => c.version);
  const sorted = constraints
    .filter((c) => c.comparator !== '!=')
    .slice()
    .sort((a, b) => compareVersions(a.version, b.version, scheme) || tieOrder[a.comparator] - tieOrder[b.comparator]);

  const out: (Interval | undefined)[] = [];
  let open: VersionBound | undefined;
  let lastBetween: number | undefined;
  for (const c of sorted) {
    const bound: VersionBound = { version: c.version, inclusive: c.comparator !== '<' && c.comparator !== '>' };
    if (isLower(c.comparator)) {
      if (open === undefined) open = bound;
    } else if (c.comparator === '=') {
      if (open === undefined) out.push({ kind: 'exact', version: c.version });
    } else if (isUpper(c.comparator)) {
      if (open !== undefined) {
        out.push({ kind: 'between', lower: open, upper: bound });
        lastBetween = out.length - 1;
        open = undefined;
        continue;
      }
      // An upper bound with no lower bound of its own widens the previous interval (or opens at -∞),
      // swallowing exact versions in between.
      const from = lastBetween ?? -1;
      for (let i = from + 1; i < out.length; i++) out[i] = undefined;
      const prev = lastBetween === undefined ? undefined : out[lastBetween];
      if (prev !== undefined && prev.kind === 'between') {
        out[from] = { kind: 'between', lower: prev.lower, upper: bound };
      } else {
        out.push({ kind: 'between', upper: bound });
        lastBetween = out.length - 1;
      }
    }
  }
  if (open !== undefined) out.push({ kind: 'between', lower: open });

  const intervals: Interval[] = out.filter((iv): iv is Interval => iv !== undefined);
  for (const prefix of series) intervals.push({ kind: 'series', prefix });
  for (const iv of intervals) {
    if (iv.kind !== 'between' || iv.lower === undefined || iv.upper === undefined) continue;
    const c = compareVersions(iv.lower.version, iv.upper.version, scheme);
    if (c > 0 || (c === 0 && !(iv.lower.inclusive && iv.upper.inclusive))) {
      return rangeFail('empty_range', `no version lies between ${iv.lower.version} and ${iv.upper.version}`);
    }
  }
  return rangeOk(intervalsRange(intervals, { scheme, excluded, note: options.note }));
}
