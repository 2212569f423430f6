import { describe, expect, it } from 'vitest';
import { parseBounds, parseExactVersion, type BoundsClaim } from './parse-bounds.js';
import { matchVersion, toVers, type RangeParseResult } from './range.js';

function ok(result: RangeParseResult) {
  if (!result.success) throw new Error(`expected success, got: ${result.reason}`);
  return result.range;
}

const bounds = (fields: Omit<BoundsClaim, 'kind' | 'scheme'>, scheme: BoundsClaim['scheme'] = 'generic'): BoundsClaim => ({
  kind: 'bounds',
  scheme,
  ...fields,
});

describe('parseBounds', () => {
  it.each([
    // NVD cpeMatch: versionStartIncluding / versionEndExcluding, and the other two.
    ['NVD start incl., end excl.', bounds({ introduced: '2.0', fixed: '2.4.1' }), 'vers:generic/>=2.0|<2.4.1'],
    ['NVD start excl., end incl.', bounds({ excludedStart: '2.0', lastAffected: '2.4' }), 'vers:generic/>2.0|<=2.4'],
    ['NVD end only', bounds({ fixed: 'V4.1.3' }), 'vers:generic/<V4.1.3'],
    // CVE JSON 5: version + lessThan / lessThanOrEqual; "0" and "*" mean unbounded.
    ['CVE 5 version 0 + lessThan', bounds({ introduced: '0', fixed: '5.8.4' }), 'vers:generic/<5.8.4'],
    ['CVE 5 lessThanOrEqual', bounds({ introduced: '3.0', lastAffected: '3.2.1' }), 'vers:generic/>=3.0|<=3.2.1'],
    ['CVE 5 lessThan "*"', bounds({ introduced: '3.0', fixed: '*' }), 'vers:generic/>=3.0'],
    // OSV: introduced / fixed / last_affected, semver ranges.
    ['OSV semver', bounds({ introduced: '1.0.0-rc.1', fixed: '1.2.3' }, 'semver'), 'vers:semver/>=1.0.0-rc.1|<1.2.3'],
    ['OSV ecosystem', bounds({ introduced: '0', lastAffected: '2.7' }, 'ecosystem'), 'vers:generic/<=2.7'],
  ])('%s', (_label, claim, expected) => {
    expect(toVers(ok(parseBounds(claim)))).toBe(expected);
  });

  it('matches bounds as NVD means them', () => {
    const range = ok(parseBounds(bounds({ introduced: '2.0', fixed: '2.4.1' })));
    expect(matchVersion(range, '2.0')).toBe('affected');
    expect(matchVersion(range, '2.4.0')).toBe('affected');
    expect(matchVersion(range, '2.4.1')).toBe('not_affected');
    expect(matchVersion(range, '1.9')).toBe('not_affected');
  });

  it.each([
    ['no bound at all', bounds({}), 'empty'],
    ['only unbounded markers', bounds({ introduced: '0', fixed: '*' }), 'empty'],
    ['fixed and lastAffected together', bounds({ fixed: '2.0', lastAffected: '1.9' }), 'ambiguous'],
    ['introduced and excludedStart together', bounds({ introduced: '1.0', excludedStart: '1.1' }), 'ambiguous'],
    ['a comparator inside a version', bounds({ fixed: '<2.0' }), 'invalid_version'],
    ['punctuation only', bounds({ fixed: '--' }), 'invalid_version'],
    ['lower above upper', bounds({ introduced: '3.0', fixed: '2.0' }), 'empty_range'],
  ])('refuses %s', (_label, claim, code) => {
    expect(parseBounds(claim)).toMatchObject({ success: false, code });
  });
});

describe('parseExactVersion', () => {
  it.each([
    ['V2.9.4', 'vers:generic/V2.9.4'],
    ['V13 SP1 Update 4', 'vers:generic/V13%20SP1%20Update%204'],
    ['V7.x', 'vers:generic/>=V7|<V8'],
    ['vers:all/*', 'vers:all/*'],
    ['2.3.6 and below', 'vers:generic/<=2.3.6'],
    ['7.30 | 7.40', 'vers:generic/7.30|7.40'],
  ])('%j → %s', (version, expected) => {
    expect(toVers(ok(parseExactVersion(version)))).toBe(expected);
  });

  it('matches the one version only', () => {
    const range = ok(parseExactVersion('V13 SP1 Update 4'));
    expect(matchVersion(range, 'v13_sp1_upd4')).toBe('affected');
    expect(matchVersion(range, 'V13 SP1 Update 5')).toBe('not_affected');
  });

  it.each([
    ['', 'empty'],
    ['with wireless option (shipped between 2016-August 2018)', 'syntax'],
  ])('refuses %j', (version, code) => {
    expect(parseExactVersion(version)).toMatchObject({ success: false, code });
  });
});
