// Product lines whose releases have names ("InTouch 2014 R2 SP1", "2017 Update 2", "2023 R2 P01")
// and also numbers (11.1 SP1, 17.2, 23.1). Comparing one style with the other orders 23.1 before
// 2014: so a version is brought into the style of the range before it is compared, through the
// line's table of releases, and when no table knows the line the answer is "unknown", with why.
import { compareVersions, normalizeVersion } from './version-compare.js';
import { matchVersion, type RangeMatch, type VersionRange } from './range.js';

export type ReleaseStyle = 'year' | 'numeric' | 'other';

/** "2014 R2 SP1", "2017", "2023_R2_P01": a four-digit year first. "23.1", "V2.9.4", "11.1 SP1": a small number first. */
export function releaseStyle(version: string): ReleaseStyle {
  const v = normalizeVersion(version);
  if (/^(?:19|20)\d\d(?![\d.])/.test(v)) return 'year';
  if (/^\d{1,3}(?:[.\s]|$)/.test(v)) return 'numeric';
  return 'other';
}

export interface NamedReleaseScheme {
  readonly id: string;
  /** Vendor keys (normalized) the scheme applies to. */
  readonly vendors: readonly string[];
  /** Product names (lower case) the scheme applies to. */
  readonly products: RegExp;
  /** Release name and its number, oldest first. */
  readonly releases: readonly (readonly [string, string])[];
}

// AVEVA (Wonderware) numbers its System Platform components by year since 2012; Schneider Electric
// published the same products before the 2018 merger.
export const namedReleaseSchemes: readonly NamedReleaseScheme[] = [
  {
    id: 'aveva-system-platform',
    vendors: ['aveva', 'schneider-electric'],
    products: /\b(intouch|system platform|application server|historian|wonderware|archestra|suitelink|alarm ?db)\b/,
    releases: [
      ['2012', '10.5'],
      ['2012 R2', '10.6'],
      ['2014', '11.0'],
      ['2014 R2', '11.1'],
      ['2017', '17.0'],
      ['2017 Update 1', '17.1'],
      ['2017 Update 2', '17.2'],
      ['2017 Update 3', '17.3'],
      ['2020', '20.0'],
      ['2020 R2', '20.1'],
      ['2023', '23.0'],
      ['2023 R2', '23.1'],
    ],
  },
];

export function schemeFor(vendorKey: string, product: string): NamedReleaseScheme | undefined {
  const name = product.toLowerCase();
  return namedReleaseSchemes.find((s) => s.vendors.some((v) => vendorKey.split('+').includes(v)) && s.products.test(name));
}

/** The release's base ("2014 r2", "11.1") and what follows it ("sp1", "p01"). */
function splitRelease(version: string, style: 'year' | 'numeric'): { base: string; rest: string } {
  const v = normalizeVersion(version);
  const m = style === 'year' ? /^((?:19|20)\d\d(?:\s*r\d+|\s*update\d+)?)\s*(.*)$/.exec(v) : /^(\d{1,3}(?:\.\d+)?)(?:\.0+)?\s*(.*)$/.exec(v);
  return { base: (m?.[1] ?? v).replace(/\s+/g, ' '), rest: (m?.[2] ?? '').trim() };
}

/** The version written in the other style, or undefined when the scheme does not list its release. */
export function translateRelease(version: string, scheme: NamedReleaseScheme, to: 'year' | 'numeric'): string | undefined {
  const from = to === 'year' ? 'numeric' : 'year';
  if (releaseStyle(version) !== from) return undefined;
  const { base, rest } = splitRelease(version, from);
  const hit = scheme.releases.find(([name, number]) => (from === 'year' ? compareVersions(name, base) === 0 : compareVersions(number, base) === 0));
  if (hit === undefined) return undefined;
  const target = to === 'year' ? hit[0] : hit[1];
  return rest === '' ? target : `${target} ${rest}`;
}

/** The versions a range names, for telling which style it is written in. */
export function rangeVersions(range: VersionRange): string[] {
  if (range.kind !== 'intervals') return [];
  const out: string[] = [...range.excluded];
  for (const iv of range.intervals) {
    if (iv.kind === 'exact') out.push(iv.version);
    else if (iv.kind === 'series') out.push(iv.prefix);
    else for (const b of [iv.lower, iv.upper]) if (b !== undefined) out.push(b.version);
  }
  return out;
}

export interface NamedMatch {
  readonly verdict: RangeMatch;
  /** Set when the version was translated, or could not be compared: said to the person reading. */
  readonly note?: string;
}

/**
 * matchVersion, with release names and numbers told apart: a range written in years and a version
 * written as a number (or the other way round) are compared through the product line's scheme, and
 * are "unknown" when no scheme lists the release.
 */
export function matchNamedVersion(range: VersionRange, version: string | null | undefined, scheme: NamedReleaseScheme | undefined): NamedMatch {
  if (range.kind !== 'intervals' || version === null || version === undefined) return { verdict: matchVersion(range, version) };
  const mine = releaseStyle(version);
  const styles = new Set(rangeVersions(range).map(releaseStyle));
  const theirs = styles.has('year') ? 'year' : styles.has('numeric') ? 'numeric' : undefined;
  if (theirs === undefined || mine === 'other' || mine === theirs) return { verdict: matchVersion(range, version) };
  const translated = scheme === undefined ? undefined : translateRelease(version, scheme, theirs);
  if (translated === undefined) {
    const written = theirs === 'year' ? 'release names (years)' : 'release numbers';
    return { verdict: 'unknown', note: `${version} is a release ${mine === 'year' ? 'name' : 'number'} and the range uses ${written}: they cannot be compared without the product's release table` };
  }
  return { verdict: matchVersion(range, translated), note: `${version} read as ${translated}` };
}
