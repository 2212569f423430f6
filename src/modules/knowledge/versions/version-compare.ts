// Ordering of vendor version strings as ICS advisories write them ("V2.0 SP1", "V13 SP1 Update 4",
// "R320", "09.1.00") and of plain SemVer. Pure functions, no library: vendor strings follow no standard.

/** Comparison rules: vendor-style tokens (default), or strict SemVer 2.0 precedence. */
export type VersionScheme = 'generic' | 'semver';

// Qualifiers that mark a version *before* the release they are attached to (1.0.0-rc1 < 1.0.0).
const preReleaseRank: ReadonlyMap<string, number> = new Map([
  ['dev', -5],
  ['snapshot', -5],
  ['alpha', -4],
  ['beta', -3],
  ['milestone', -2],
  ['pre', -2],
  ['preview', -2],
  ['rc', -1],
]);

// Qualifiers that mark a version *after* its base (V2.0 < V2.0 SP1). Higher rank = bigger step:
// V14 Update 4 < V14 SP1 < V14 SP1 Update 4; "2014 R2" (a release) outranks service packs.
const postReleaseRank: ReadonlyMap<string, number> = new Map([
  ['build', 1],
  ['patch', 2],
  ['hf', 3],
  ['update', 4],
  ['sp', 5],
  ['fp', 6],
  ['r', 7],
]);

const wordAliases: Readonly<Record<string, string>> = {
  bn: 'build',
  p: 'patch',
  hotfix: 'hf',
  fix: 'hf',
  upd: 'update',
  u: 'update',
  servicepack: 'sp',
  sr: 'sp',
  featurepack: 'fp',
  release: 'r',
  rel: 'r',
};

/**
 * Canonical spelling of a version for display and keys: lower case, no leading "V"/"Ver."/"Version",
 * underscores as spaces, qualifiers spelled one way ("Upd 4" and "Update4" both become "update4").
 * Equal normalized forms compare equal; the converse does not hold ("4.0" and "4.00").
 */
export function normalizeVersion(input: string): string {
  let s = input.normalize('NFKC').trim().toLowerCase().replace(/_/g, ' ').replace(/\s+/g, ' ');
  // "Version v4.75": strip the prefix as often as it repeats; Schneider Electric writes "SV4.10" (software version).
  for (let i = 0; i < 2; i++) s = s.replace(/^(?:version|ver\.?|sv|v\.?)\s*(?=v?\d)/, '');
  s = s
    .replace(/\bservice ?pack\b/g, 'sp')
    .replace(/\bfeature ?pack\b/g, 'fp')
    .replace(/\bhot ?fix\b/g, 'hf')
    .replace(/\b(?:update|upd)\s*(?=\d)/g, 'update')
    .replace(/\b(sp|hf|patch|build|fp)\s+(?=\d)/g, '$1');
  return s;
}

const cacheLimit = 10_000;
const comparable = new Map<string, boolean>();

/** True when the string has something to compare (a letter or a digit); "" and "-" do not. */
export function isComparableVersion(input: string | null | undefined): input is string {
  if (typeof input !== 'string') return false;
  let known = comparable.get(input);
  if (known === undefined) {
    known = /[\p{L}\p{N}]/u.test(normalizeVersion(input));
    // Bounded like the tokenize memo: correlation asks this once per asset and affected entry.
    if (comparable.size >= cacheLimit) comparable.clear();
    comparable.set(input, known);
  }
  return known;
}

interface Group {
  /** null for the leading numeric run ("13" in "V13 SP1"); otherwise a canonical qualifier word. */
  readonly word: string | null;
  readonly nums: readonly string[];
}

const cache = new Map<string, readonly Group[]>();

function tokenize(input: string): readonly Group[] {
  const hit = cache.get(input);
  if (hit !== undefined) return hit;
  const groups: { word: string | null; nums: string[] }[] = [];
  for (const m of normalizeVersion(input).matchAll(/(\d+)|(\p{L}+)/gu)) {
    const [, num, word] = m;
    if (num !== undefined) {
      const last = groups[groups.length - 1];
      if (last === undefined) groups.push({ word: null, nums: [num] });
      else last.nums.push(num);
    } else if (word !== undefined) {
      groups.push({ word: wordAliases[word] ?? word, nums: [] });
    }
  }
  // A bounded memo: matching many assets against many ranges re-tokenizes the same bounds.
  if (cache.size >= cacheLimit) cache.clear();
  cache.set(input, groups);
  return groups;
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Numeric comparison of digit strings of any length ("20190812", "0010"). */
function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return sign(x.length - y.length);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Segment-wise, missing segments count as 0 (so "2.0" equals "2.0.0"). */
function compareNums(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const c = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (c !== 0) return c;
  }
  return 0;
}

function rankOf(word: string): number {
  return preReleaseRank.get(word) ?? postReleaseRank.get(word) ?? 0;
}

/** A missing group versus a present one: pre-release qualifiers sort before the end, the rest after. */
function compareToEnd(g: Group): number {
  if (g.word === null) return compareNums(g.nums, []);
  // "SP0" / "Update 0" add nothing to the base version.
  if (postReleaseRank.has(g.word) && g.nums.length > 0 && g.nums.every((n) => /^0+$/.test(n))) return 0;
  return rankOf(g.word) < 0 ? -1 : 1;
}

function compareGroups(a: Group, b: Group): number {
  if (a.word === null || b.word === null) {
    // A numeric lead outranks a word lead ("13" vs "R320"): they belong to different numbering styles.
    if (a.word !== b.word) return a.word === null ? 1 : -1;
    return compareNums(a.nums, b.nums);
  }
  if (a.word !== b.word) {
    const ranks = sign(rankOf(a.word) - rankOf(b.word));
    if (ranks !== 0) return ranks;
    return a.word < b.word ? -1 : 1;
  }
  return compareNums(a.nums, b.nums);
}

function compareGeneric(a: string, b: string): number {
  const ga = tokenize(a);
  const gb = tokenize(b);
  for (let i = 0; i < Math.max(ga.length, gb.length); i++) {
    const x = ga[i];
    const y = gb[i];
    const c = x === undefined ? (y === undefined ? 0 : -compareToEnd(y)) : y === undefined ? compareToEnd(x) : compareGroups(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

const semverPattern =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;

/** True for a strict SemVer 2.0 string (a leading "v" is tolerated, as Go writes them). */
export function isSemver(input: string): boolean {
  return semverPattern.test(input.trim());
}

function comparePreRelease(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  const xs = a.split('.');
  const ys = b.split('.');
  for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
    const x = xs[i];
    const y = ys[i];
    if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? -1 : 1;
    const xNum = /^\d+$/.test(x);
    const yNum = /^\d+$/.test(y);
    // SemVer §11: numeric identifiers sort below alphanumeric ones.
    const c = xNum && yNum ? compareDigits(x, y) : xNum !== yNum ? (xNum ? -1 : 1) : x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return c;
  }
  return 0;
}

function compareSemver(a: RegExpExecArray, b: RegExpExecArray): number {
  for (const i of [1, 2, 3]) {
    const c = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (c !== 0) return c;
  }
  return comparePreRelease(a[4], b[4]);
}

/**
 * Orders two version strings: negative if a < b, 0 if equal, positive if a > b.
 * Generic rules: a leading "V"/"Version" is ignored, numeric segments compare as numbers, qualifiers
 * (SP, Update, HF, Patch, Build) order after their base and pre-releases (alpha, beta, rc) before it.
 * With scheme "semver", two strict SemVer strings follow SemVer 2.0 precedence (build metadata ignored).
 */
export function compareVersions(a: string, b: string, scheme: VersionScheme = 'generic'): number {
  if (scheme === 'semver') {
    const x = semverPattern.exec(a.trim());
    const y = semverPattern.exec(b.trim());
    if (x !== null && y !== null) return compareSemver(x, y);
  }
  return compareGeneric(a, b);
}
