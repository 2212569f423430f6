import { describe, expect, it } from 'vitest';
import { parseRangeClaim } from './parse-range-claim.js';
import { matchNamedVersion, releaseStyle, schemeFor, translateRelease } from './named-release.js';
import { compareVersions } from './version-compare.js';

const range = (text: string) => parseRangeClaim({ kind: 'text', text }).range;
const intouch = schemeFor('aveva', 'InTouch');

describe('named releases', () => {
  it('tells release names from release numbers', () => {
    expect(releaseStyle('2014 R2 SP1')).toBe('year');
    expect(releaseStyle('2023_R2_P01')).toBe('year');
    expect(releaseStyle('23.1')).toBe('numeric');
    expect(releaseStyle('V2.9.4')).toBe('numeric');
    expect(releaseStyle('R320')).toBe('other');
  });

  it('translates through the product line table, keeping service packs and patches', () => {
    expect(intouch).toBeDefined();
    if (intouch === undefined) return;
    expect(translateRelease('2014 R2 SP1', intouch, 'numeric')).toBe('11.1 sp1');
    expect(translateRelease('23.1', intouch, 'year')).toBe('2023 R2');
    expect(translateRelease('17.2', intouch, 'year')).toBe('2017 Update 2');
    expect(translateRelease('20', intouch, 'year')).toBe('2020');
    expect(translateRelease('99.1', intouch, 'year')).toBeUndefined();
  });

  it('never judges a release number affected by a range of release names it cannot translate', () => {
    // The defect: 23.1 < 2014 numerically, so InTouch 2023 was "in <= 2014 R2 SP1".
    expect(matchNamedVersion(range('<= 2014 R2 SP1'), '23.1', undefined)).toMatchObject({ verdict: 'unknown' });
    expect(matchNamedVersion(range('<= 2014 R2 SP1'), '23.1', intouch)).toEqual({ verdict: 'not_affected', note: '23.1 read as 2023 R2' });
    expect(matchNamedVersion(range('<= 2014 R2 SP1'), '11.1', intouch).verdict).toBe('affected');
    expect(matchNamedVersion(range('<=2023_R2_P01'), '23.1', intouch).verdict).toBe('affected');
    expect(matchNamedVersion(range('<= 11.5.2'), '2014 R2', intouch).verdict).toBe('affected');
    // Same style on both sides: compared as before.
    expect(matchNamedVersion(range('< V2.6'), 'V2.9.4', undefined).verdict).toBe('not_affected');
  });

  it('reads Schneider Electric software versions (SV4.10) as numbers', () => {
    expect(compareVersions('SV4.10', '2.3')).toBeGreaterThan(0);
    expect(compareVersions('SV2.02', '2.3')).toBeLessThan(0);
  });
});
