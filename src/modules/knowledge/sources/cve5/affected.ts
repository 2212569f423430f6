import type { AffectedClaim, ProductRef, RangeClaim } from '../types.js';
import { uniqueBy } from './claims.js';
import type { CveAffected, CveVersion, CveVersionStatus } from './schemas.js';

type BoundsScheme = 'semver' | 'generic';

const statusOf: Record<CveVersionStatus, AffectedClaim['status']> = {
  affected: 'affected',
  unaffected: 'not_affected',
  unknown: 'unknown',
};

// Placeholders CNAs write when they know nothing (legacy MITRE records say "n/a" everywhere).
const placeholder = /^\s*(n\/a|unspecified|unknown|-)?\s*$/i;
/** Lower bounds meaning "from the beginning". */
const unboundedStart = (v: string) => v === '0' || v === '*' || placeholder.test(v);
/** An upper bound of "*" means no upper bound (CVE 5 schema). */
const unboundedEnd = (v: string | undefined) => v === undefined || v === '*';
const allVersions = /^\s*(\*|all|all versions)\s*$/i;
/** One token with a digit: "1.00-06", "V2.9.4", "10.2.9-h1"; anything else is prose. */
const concreteVersion = (v: string) => /^\S+$/.test(v) && /\d/.test(v);

/** Products named by one affected entry: one per CPE (ADP containers add them), else vendor/product alone. */
function productsOf(entry: CveAffected): ProductRef[] {
  const vendor = entry.vendor ?? 'n/a';
  const product = entry.product ?? entry.packageName ?? 'n/a';
  const cpes = entry.cpes ?? [];
  return cpes.length > 0 ? cpes.map((cpe) => ({ vendor, product, cpe })) : [{ vendor, product }];
}

function bounds(scheme: BoundsScheme, from: string, lessThan: string | undefined, lessThanOrEqual: string | undefined): RangeClaim {
  const range: { kind: 'bounds'; scheme: BoundsScheme; introduced?: string; fixed?: string; lastAffected?: string } = { kind: 'bounds', scheme };
  if (!unboundedStart(from)) range.introduced = from;
  if (!unboundedEnd(lessThan)) range.fixed = lessThan;
  if (!unboundedEnd(lessThanOrEqual)) range.lastAffected = lessThanOrEqual;
  return range.introduced === undefined && range.fixed === undefined && range.lastAffected === undefined ? { kind: 'all' } : range;
}

interface Segment {
  readonly range: RangeClaim;
  readonly status: CveVersionStatus;
}

/** One `versions[]` element as ranges with a status; `changes` split the range where the status flips. */
function segmentsOf(v: CveVersion): Segment[] {
  const scheme: BoundsScheme = v.versionType === 'semver' ? 'semver' : 'generic';
  const changes = v.changes ?? [];
  if (changes.length > 0) {
    const points = [{ at: v.version, status: v.status }, ...changes];
    const segments: Segment[] = [];
    points.forEach((point, i) => {
      const next = points[i + 1];
      if (next !== undefined) segments.push({ range: bounds(scheme, point.at, next.at, undefined), status: point.status });
      // The last segment ends where the whole range ends; an empty one (start == end) says nothing.
      else if (point.at !== v.lessThan) segments.push({ range: bounds(scheme, point.at, v.lessThan, v.lessThanOrEqual), status: point.status });
    });
    return segments;
  }
  if (v.lessThan !== undefined || v.lessThanOrEqual !== undefined) {
    return [{ range: bounds(scheme, v.version, v.lessThan, v.lessThanOrEqual), status: v.status }];
  }
  if (allVersions.test(v.version)) return [{ range: { kind: 'all' }, status: v.status }];
  if (concreteVersion(v.version)) return [{ range: { kind: 'exact', version: v.version.trim() }, status: v.status }];
  return [{ range: { kind: 'text', text: v.version }, status: v.status }];
}

/** Claims of one CVE 5 affected entry, given its already validated versions. */
export function affectedClaims(entry: CveAffected, versions: readonly CveVersion[]): AffectedClaim[] {
  if (placeholder.test(entry.product ?? entry.packageName ?? '')) return [];
  const segments = versions.flatMap(segmentsOf);
  if (segments.length === 0 && (entry.versions?.length ?? 0) > 0) return []; // every version was rejected and reported
  // Versions not listed take defaultStatus; without it an "affected" default would be lost entirely.
  if (segments.length === 0 || entry.defaultStatus === 'affected') {
    segments.push({ range: { kind: 'all' }, status: entry.defaultStatus ?? 'unknown' });
  }
  const claims = productsOf(entry).flatMap((product) =>
    segments.map((s): AffectedClaim => ({ product, range: s.range, status: statusOf[s.status] })),
  );
  return uniqueBy(claims, (c) => JSON.stringify(c));
}
