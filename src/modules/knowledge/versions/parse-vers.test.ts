import { describe, expect, it } from 'vitest';
import { parseVers } from './parse-vers.js';
import { matchVersion, toVers, type RangeParseResult } from './range.js';

function ok(result: RangeParseResult) {
  if (!result.success) throw new Error(`expected success, got: ${result.reason}`);
  return result.range;
}

describe('parseVers: valid URIs', () => {
  it.each([
    ['vers:generic/<4.1.3', 'vers:generic/<4.1.3'],
    ['vers:generic/>=2.0|<3.0', 'vers:generic/>=2.0|<3.0'],
    ['vers:generic/<3.0|>=2.0', 'vers:generic/>=2.0|<3.0'],
    ['vers:intdot/<=6.2', 'vers:generic/<=6.2'],
    ['vers:semver/>=1.0.0-rc.1|<1.2.3', 'vers:semver/>=1.0.0-rc.1|<1.2.3'],
    ['vers:npm/1.2.3|>=2.0.0|<5.0.0', 'vers:semver/1.2.3|>=2.0.0|<5.0.0'],
    ['vers:generic/1.0|1.1|!=1.2', 'vers:generic/1.0|1.1|!=1.2'],
    ['vers:generic/<V5.1%20SP1', 'vers:generic/<V5.1%20SP1'],
    ['  vers:generic/ >= 1.0 | < 2.0 ', 'vers:generic/>=1.0|<2.0'],
  ])('%s', (input, expected) => {
    expect(toVers(ok(parseVers(input)))).toBe(expected);
  });

  it('reads vers:all/* as every version and vers:none/* as no version', () => {
    expect(ok(parseVers('vers:all/*'))).toEqual({ kind: 'all' });
    expect(ok(parseVers('vers:generic/*'))).toEqual({ kind: 'all' });
    expect(matchVersion(ok(parseVers('vers:none/*')), '1.0')).toBe('not_affected');
  });

  it('matches as the spec describes', () => {
    const range = ok(parseVers('vers:generic/>=2.0|<3.0|>=4.0'));
    expect(matchVersion(range, '2.5')).toBe('affected');
    expect(matchVersion(range, '3.0')).toBe('not_affected');
    expect(matchVersion(range, '7')).toBe('affected');
  });

  it('percent-decodes versions', () => {
    const range = ok(parseVers('vers:generic/<V13%20SP1%20Update%204'));
    expect(matchVersion(range, 'V13 SP1 Update 3')).toBe('affected');
    expect(matchVersion(range, 'V13 SP1 Update 4')).toBe('not_affected');
  });
});

describe('parseVers: invalid URIs are refused with a reason', () => {
  it.each([
    ['', 'empty'],
    ['generic/<1.0', 'syntax'],
    ['vers:/<1.0', 'syntax'],
    ['vers:generic/', 'syntax'],
    ['vers:generic/<1.0|', 'syntax'],
    ['vers:generic/|<1.0', 'syntax'],
    ['vers:generic/<1.0||>2.0', 'syntax'],
    ['vers:generic/=1.0', 'syntax'],
    ['vers:generic/<', 'syntax'],
    ['vers:generic/*|<1.0', 'syntax'],
    ['vers:generic/<1.0%ZZ', 'syntax'],
    ['vers:all/<V3.1.4', 'syntax'],
    ['vers:deb/<1:2.0-1', 'unsupported_scheme'],
    ['vers:generic/>2.0|<2.0', 'empty_range'],
  ])('%j → %s', (input, code) => {
    const r = parseVers(input);
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.code).toBe(code);
      expect(r.reason.length).toBeGreaterThan(0);
    }
  });

  it('says which constraint is wrong', () => {
    const r = parseVers('vers:generic/>=1.0|=2.0');
    expect(r.success === false && r.reason).toContain('constraint 2');
  });
});
