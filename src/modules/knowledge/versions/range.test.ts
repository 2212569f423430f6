import { describe, expect, it } from 'vitest';
import { rangeFromConstraints, type VersionConstraint } from './constraints.js';
import { allVersions, intervalsRange, matchVersion, nextSeries, toVers, unknownRange, type VersionRange } from './range.js';

const between = (lower?: [string, boolean], upper?: [string, boolean]) => ({
  kind: 'between' as const,
  lower: lower === undefined ? undefined : { version: lower[0], inclusive: lower[1] },
  upper: upper === undefined ? undefined : { version: upper[0], inclusive: upper[1] },
});

function build(constraints: VersionConstraint[], series: string[] = []): VersionRange {
  const r = rangeFromConstraints(constraints, { series });
  if (!r.success) throw new Error(r.reason);
  return r.range;
}

describe('matchVersion', () => {
  const belowV413 = intervalsRange([between(undefined, ['V4.1.3', false])]);
  const v2ToV23 = intervalsRange([between(['V2.0', true], ['V2.3', true])]);

  it.each([
    ['< V4.1.3', 'V4.1.2', belowV413, 'affected'],
    ['< V4.1.3', '4.1.2', belowV413, 'affected'],
    ['< V4.1.3', 'V4.1.3', belowV413, 'not_affected'],
    ['< V4.1.3', 'V4.1.3 HF1', belowV413, 'not_affected'],
    ['< V4.1.3', 'V4.1.3-rc1', belowV413, 'affected'],
    ['V2.0 to V2.3', 'V2.0', v2ToV23, 'affected'],
    ['V2.0 to V2.3', 'V2.3', v2ToV23, 'affected'],
    ['V2.0 to V2.3', 'V2.3 SP1', v2ToV23, 'not_affected'],
    ['V2.0 to V2.3', 'V1.9', v2ToV23, 'not_affected'],
  ] as const)('%s, version %s', (_label, version, range, expected) => {
    expect(matchVersion(range, version)).toBe(expected);
  });

  it('matches exact versions and series wildcards', () => {
    const range = intervalsRange([{ kind: 'exact', version: 'V2.9.4' }, { kind: 'series', prefix: '3' }]);
    expect(matchVersion(range, '2.9.4')).toBe('affected');
    expect(matchVersion(range, '2.9.5')).toBe('not_affected');
    expect(matchVersion(range, '3')).toBe('affected');
    expect(matchVersion(range, '3.9 SP1')).toBe('affected');
    expect(matchVersion(range, '4.0')).toBe('not_affected');
    expect(matchVersion(range, '2.10')).toBe('not_affected');
  });

  it('takes excluded versions out of the union', () => {
    const range = intervalsRange([between(['1.0', true], ['2.0', false])], { excluded: ['1.5'] });
    expect(matchVersion(range, '1.4')).toBe('affected');
    expect(matchVersion(range, '1.5.0')).toBe('not_affected');
  });

  it('answers "affected" for every version, known or not, when the range is all', () => {
    expect(matchVersion(allVersions(), 'V9')).toBe('affected');
    expect(matchVersion(allVersions(), undefined)).toBe('affected');
  });

  it('never answers "not_affected" for a range that was not understood', () => {
    const range = unknownRange('<= The first 5 digits of serial No. "26061"', 'not a version');
    for (const v of ['1.0', '99', '', undefined]) expect(matchVersion(range, v)).toBe('unknown');
  });

  it('answers "unknown" for an asset without a known version', () => {
    for (const v of [undefined, null, '', '  ', '-']) expect(matchVersion(belowV413, v)).toBe('unknown');
  });

  it('matches nothing for an empty union (vers:none/*)', () => {
    expect(matchVersion(intervalsRange([]), '1.0')).toBe('not_affected');
  });

  it('uses SemVer precedence when the range says so', () => {
    const range = intervalsRange([between(undefined, ['1.0.0', false])], { scheme: 'semver' });
    expect(matchVersion(range, '1.0.0-alpha.beta')).toBe('affected');
  });
});

describe('rangeFromConstraints', () => {
  it('pairs sorted lower and upper bounds into intervals', () => {
    const range = build([
      { comparator: '<', version: '3.0' },
      { comparator: '>=', version: '2.0' },
      { comparator: '>=', version: '4.0' },
    ]);
    expect(toVers(range)).toBe('vers:generic/>=2.0|<3.0|>=4.0');
    expect(range.kind === 'intervals' && range.intervals.length).toBe(2);
  });

  it('reads several upper bounds without lower bounds as their union', () => {
    const range = build([
      { comparator: '<=', version: '4.2.21' },
      { comparator: '<=', version: '6.0.16' },
      { comparator: '<=', version: '5.0.27' },
    ]);
    expect(toVers(range)).toBe('vers:generic/<=6.0.16');
  });

  it('drops exact versions inside an interval and keeps those outside', () => {
    const range = build([
      { comparator: '=', version: '1.0' },
      { comparator: '<', version: '2.0' },
      { comparator: '=', version: '2.2' },
      { comparator: '!=', version: '1.5' },
    ]);
    expect(toVers(range)).toBe('vers:generic/<2.0|2.2|!=1.5');
  });

  it('keeps the smaller of two lower bounds in a row', () => {
    expect(toVers(build([{ comparator: '>=', version: '1.0' }, { comparator: '>', version: '1.5' }]))).toBe('vers:generic/>=1.0');
  });

  it('fails on nothing to build from', () => {
    expect(rangeFromConstraints([])).toMatchObject({ success: false, code: 'empty' });
  });

  it('fails on an empty interval', () => {
    const r = rangeFromConstraints([
      { comparator: '>', version: '2.0' },
      { comparator: '<', version: '2.0' },
    ]);
    expect(r).toMatchObject({ success: false, code: 'empty_range' });
  });
});

describe('toVers and nextSeries', () => {
  it('renders every kind of range', () => {
    expect(toVers(allVersions())).toBe('vers:all/*');
    expect(toVers(intervalsRange([]))).toBe('vers:none/*');
    expect(toVers(unknownRange('garbage'))).toBeUndefined();
    expect(toVers(intervalsRange([{ kind: 'series', prefix: '3.1' }]))).toBe('vers:generic/>=3.1|<3.2');
    expect(toVers(intervalsRange([between(undefined, ['V2.0 SP1', true])]))).toBe('vers:generic/<=V2.0%20SP1');
  });

  it('finds the next series by its last number', () => {
    expect(nextSeries('3')).toBe('4');
    expect(nextSeries('V2.1')).toBe('V2.2');
    expect(nextSeries('2.009')).toBe('2.10');
    expect(nextSeries('x')).toBeUndefined();
  });
});
