// purl-spec "vers" URIs (vers:<type>/<constraint>|<constraint>...), as CSAF 2.0 puts them in
// product_version_range. Strict about the grammar; lenient readings of what CISA writes
// ("vers:all/<V3.1.4") belong to the text parser.
import { rangeFromConstraints, type Comparator, type VersionConstraint } from './constraints.js';
import { allVersions, intervalsRange, rangeFail, rangeOk, type RangeParseResult } from './range.js';
import type { VersionScheme } from './version-compare.js';

// vers types whose ordering our comparators reproduce; others (deb, maven, pypi...) have rules of
// their own, and a wrong order is worse than an honest "unknown".
const schemeOfType: Readonly<Record<string, VersionScheme>> = {
  generic: 'generic',
  intdot: 'generic',
  semver: 'semver',
  npm: 'semver',
  golang: 'semver',
  cargo: 'semver',
};

const comparators: readonly Comparator[] = ['>=', '<=', '!=', '<', '>'];

function decode(version: string): string | undefined {
  try {
    return decodeURIComponent(version);
  } catch {
    return undefined;
  }
}

/** Parses a vers URI. `vers:all/*` matches everything, `vers:none/*` nothing. */
export function parseVers(input: string): RangeParseResult {
  const text = input.trim();
  if (text === '') return rangeFail('empty', 'empty vers string');
  const m = /^vers:([^/]*)\/(.*)$/is.exec(text);
  if (m === null) return rangeFail('syntax', 'not a vers URI: expected "vers:<type>/<constraints>"');
  const type = (m[1] ?? '').toLowerCase();
  const body = (m[2] ?? '').trim();
  if (type === '') return rangeFail('syntax', 'vers type is empty');
  if (body === '') return rangeFail('syntax', 'vers constraints are empty');
  if (body === '*') return rangeOk(type === 'none' ? intervalsRange([]) : allVersions());
  if (type === 'all' || type === 'none') return rangeFail('syntax', `vers:${type} only allows "*", found "${body}"`);
  const scheme = schemeOfType[type];
  if (scheme === undefined) return rangeFail('unsupported_scheme', `vers type "${type}" has ordering rules this parser does not implement`);

  const constraints: VersionConstraint[] = [];
  const pieces = body.split('|');
  for (const [index, raw] of pieces.entries()) {
    const piece = raw.trim();
    const where = `constraint ${index + 1} ("${raw}")`;
    if (piece === '') return rangeFail('syntax', `${where} is empty (leading, trailing or doubled "|")`);
    if (piece === '*') return rangeFail('syntax', `${where}: "*" must stand alone`);
    if (piece.startsWith('=')) return rangeFail('syntax', `${where}: equality is written as a bare version, without "="`);
    const comparator = comparators.find((c) => piece.startsWith(c)) ?? '=';
    const encoded = piece.slice(comparator === '=' ? 0 : comparator.length).trim();
    const version = decode(encoded);
    if (version === undefined) return rangeFail('syntax', `${where}: invalid percent-encoding`);
    if (version === '') return rangeFail('syntax', `${where}: version is missing`);
    if (/[<>=|*]/.test(encoded)) return rangeFail('syntax', `${where}: comparator characters inside the version must be percent-encoded`);
    constraints.push({ comparator, version });
  }
  return rangeFromConstraints(constraints, { scheme });
}
