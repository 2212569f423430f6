// Version ranges and matching: compare vendor versions, parse ranges from every source grammar,
// match asset versions and CPE names. Pure functions, no I/O.
export { compareVersions, isComparableVersion, isSemver, normalizeVersion, type VersionScheme } from './version-compare.js';
export {
  allVersions,
  intervalsRange,
  matchVersion,
  nextSeries,
  rangeIssueCodes,
  toVers,
  unknownRange,
  type Interval,
  type RangeIssueCode,
  type RangeMatch,
  type RangeParseResult,
  type VersionBound,
  type VersionRange,
} from './range.js';
export { rangeFromConstraints, type Comparator, type ConstraintOptions, type VersionConstraint } from './constraints.js';
export { parseVers } from './parse-vers.js';
export { parseTextRange, prepareRangeText, type RangeTextContext } from './parse-text.js';
export { parseBounds, parseExactVersion, type BoundsClaim } from './parse-bounds.js';
export { describeRangeClaim, parseRangeClaim, type ParsedRangeClaim } from './parse-range-claim.js';
export {
  compareCpe,
  compareCpeValues,
  cpeAttributes,
  cpeMatches,
  cpeProduct,
  formatCpe,
  parseCpe,
  type Cpe,
  type CpeAttribute,
  type CpeComparison,
  type CpeParseResult,
  type CpeRelation,
  type CpeValue,
} from './cpe.js';
