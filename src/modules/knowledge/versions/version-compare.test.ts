import { describe, expect, it } from 'vitest';
import { compareVersions, isComparableVersion, isSemver, normalizeVersion } from './version-compare.js';

// Each pair: the first sorts strictly before the second.
const ascending: readonly [string, string][] = [
  ['V2.0', 'V2.0 SP1'],
  ['V2.0 SP1', 'V2.0 SP2'],
  ['V2.0 SP2', 'V2.1'],
  ['SP1', 'SP2'],
  ['V13 SP1', 'V13 SP1 Update 4'],
  ['V13 SP1 Update 4', 'V13 SP1 Update 10'],
  ['V13 SP1 Update 4', 'V13 SP2'],
  ['V14 Update 4', 'V14 SP1'],
  ['V3.0.1', 'V3.0.1 HF2'],
  ['V3.0.1 HF2', 'V3.0.2'],
  ['V4.7 HF29', 'V4.7 SP4 HF1'],
  ['R320', 'R321'],
  ['R320', 'R1000'],
  ['14.3.1', '14.10'],
  ['2018 SP3', '2019'],
  ['2014 R2', '2014 R2 SP1'],
  ['9.6.1', '9.6.10'],
  ['33.011', '33.015'],
  ['5.8.4', '5.10'],
  ['1.7', '1.7.1'],
  ['7.2.8', '7.10'],
  ['1.0.0-rc1', '1.0.0'],
  ['1.0.0-alpha', '1.0.0-beta'],
  ['1.0.0-beta', '1.0.0-rc1'],
  ['7.2.1-Beta', '7.2.1'],
  ['2.3.0', '2.3.0a'],
  ['1.00A', '1.05F'],
  ['1.0 SP1', '1.0.1'],
  ['1.0.0', '1.0 SP1'],
  ['3.3.4 Build 16102416', '3.3.4 Build 16102417'],
  ['1.000.HW00.21.20190812', '1.000.HW01.1.190813'],
  ['4.1.0.3237', '4107600010.23'],
];

// Each pair: the same version written two ways.
const equal: readonly [string, string][] = [
  ['V4.1.3', '4.1.3'],
  ['v2.9.4', 'V2.9.4'],
  ['Version v4.75', '4.75'],
  ['Ver.2.40', '2.40'],
  ['V4.00', 'V4'],
  ['09.1.00', '9.1'],
  ['1.7', '1.7.0'],
  ['V14 SP1 Upd 6', 'V14 SP1 Update 6'],
  ['V14 SP1 Upd6', 'v14_sp1_update_6'],
  ['V2.0 Service Pack 1', 'V2.0 SP1'],
  ['V2.0 SP0', 'V2.0'],
];

describe('compareVersions (generic)', () => {
  it.each(ascending)('%s < %s', (a, b) => {
    expect(compareVersions(a, b)).toBeLessThan(0);
    expect(compareVersions(b, a)).toBeGreaterThan(0);
  });

  it.each(equal)('%s = %s', (a, b) => {
    expect(compareVersions(a, b)).toBe(0);
    expect(compareVersions(b, a)).toBe(0);
  });

  it('sorts a vendor list into release order', () => {
    const shuffled = ['V2.1', 'V2.0 SP2', 'V2.0', 'V2.0 SP1 HF1', 'V1.9', 'V2.0 SP1', 'V2.0-rc2'];
    expect(shuffled.slice().sort((a, b) => compareVersions(a, b))).toEqual(['V1.9', 'V2.0-rc2', 'V2.0', 'V2.0 SP1', 'V2.0 SP1 HF1', 'V2.0 SP2', 'V2.1']);
  });

  it('is antisymmetric and transitive over the whole table', () => {
    const all = [...new Set([...ascending.flat(), ...equal.flat()])];
    for (const a of all) {
      for (const b of all) {
        expect(Math.sign(compareVersions(a, b)) + Math.sign(compareVersions(b, a)), `${a} vs ${b}`).toBe(0);
        for (const c of all) {
          if (compareVersions(a, b) <= 0 && compareVersions(b, c) <= 0) expect(compareVersions(a, c), `${a} ${b} ${c}`).toBeLessThanOrEqual(0);
        }
      }
    }
  });

  it('compares numbers of any length without losing precision', () => {
    expect(compareVersions('1.99999999999999999999', '1.99999999999999999998')).toBeGreaterThan(0);
  });
});

describe('compareVersions (semver)', () => {
  const order = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0'];
  it('follows SemVer 2.0 precedence (§11 example)', () => {
    for (let i = 1; i < order.length; i++) expect(compareVersions(order[i - 1] ?? '', order[i] ?? '', 'semver'), order[i]).toBeLessThan(0);
  });

  it('ignores build metadata', () => {
    expect(compareVersions('1.0.0+build.5', '1.0.0+build.9', 'semver')).toBe(0);
  });

  it('falls back to generic rules for strings that are not strict SemVer', () => {
    expect(compareVersions('V2.0 SP1', 'V2.0', 'semver')).toBeGreaterThan(0);
  });

  it('reads "6.1.1-2" as a pre-release under semver but as a later build under generic rules', () => {
    expect(compareVersions('6.1.1-2', '6.1.1', 'semver')).toBeLessThan(0);
    expect(compareVersions('6.1.1-2', '6.1.1')).toBeGreaterThan(0);
  });
});

describe('normalizeVersion', () => {
  it.each([
    ['V13 SP1 Update 4', '13 sp1 update4'],
    ['V14 SP1 Upd 6', '14 sp1 update6'],
    ['V2.0_SP1', '2.0 sp1'],
    ['  v2.9.4 ', '2.9.4'],
    ['Version v4.75', '4.75'],
    ['V3.0.1 Hotfix 2', '3.0.1 hf2'],
    ['R320', 'r320'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeVersion(input)).toBe(expected);
  });

  it('keeps what it does not know (leading zeros, unknown words)', () => {
    expect(normalizeVersion('09.1.00')).toBe('09.1.00');
    expect(normalizeVersion('2.000.HW00.0.R.20190823')).toBe('2.000.hw00.0.r.20190823');
  });
});

describe('isComparableVersion and isSemver', () => {
  it('accepts versions and rejects empty or punctuation-only input', () => {
    expect(isComparableVersion('V2.0')).toBe(true);
    expect(isComparableVersion('K')).toBe(true);
    expect(isComparableVersion('')).toBe(false);
    expect(isComparableVersion('  ')).toBe(false);
    expect(isComparableVersion('-')).toBe(false);
    expect(isComparableVersion(undefined)).toBe(false);
    expect(isComparableVersion(null)).toBe(false);
  });

  it('recognizes strict SemVer only', () => {
    expect(isSemver('1.2.3')).toBe(true);
    expect(isSemver('v1.2.3-rc.1+build')).toBe(true);
    expect(isSemver('1.2')).toBe(false);
    expect(isSemver('01.2.3')).toBe(false);
    expect(isSemver('V2.0 SP1')).toBe(false);
  });
});
