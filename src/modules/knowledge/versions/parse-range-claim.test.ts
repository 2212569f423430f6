import { describe, expect, it } from 'vitest';
import type { RangeClaim } from '../sources/types.js';
import { describeRangeClaim, parseRangeClaim } from './parse-range-claim.js';
import { matchVersion, toVers } from './range.js';

describe('parseRangeClaim', () => {
  it.each([
    [{ kind: 'all' }, 'vers:all/*'],
    [{ kind: 'vers', expression: 'vers:generic/>=2.0|<3.0' }, 'vers:generic/>=2.0|<3.0'],
    [{ kind: 'exact', version: 'V2.9.4' }, 'vers:generic/V2.9.4'],
    [{ kind: 'text', text: 'V2.0 SP1 and prior' }, 'vers:generic/<=V2.0%20SP1'],
    [{ kind: 'bounds', scheme: 'generic', introduced: '1.0', fixed: '1.5' }, 'vers:generic/>=1.0|<1.5'],
  ] satisfies [RangeClaim, string][])('parses a %j claim', (claim, expected) => {
    const { range, parsed } = parseRangeClaim(claim);
    expect(parsed).toBe(true);
    expect(toVers(range)).toBe(expected);
  });

  it('reads CISA\'s non-conforming vers names leniently', () => {
    const { range, parsed } = parseRangeClaim({ kind: 'vers', expression: 'vers:all/<V3.1.4' });
    expect(parsed).toBe(true);
    expect(toVers(range)).toBe('vers:generic/<V3.1.4');
  });

  it('keeps a vers type it cannot order as unknown rather than guessing', () => {
    const { range, parsed } = parseRangeClaim({ kind: 'vers', expression: 'vers:deb/<1:2.0-1' });
    expect(parsed).toBe(false);
    expect(range).toMatchObject({ kind: 'unknown', text: 'vers:deb/<1:2.0-1' });
  });

  it.each([
    [{ kind: 'text', text: '< June 30 2015' }, '< June 30 2015'],
    [{ kind: 'vers', expression: 'vers:generic/' }, 'vers:generic/'],
    [{ kind: 'vers', expression: 'vers:generic/<1.0|<<2' }, 'vers:generic/<1.0|<<2'],
    [{ kind: 'exact', version: '' }, ''],
    [{ kind: 'bounds', scheme: 'semver', fixed: '2.0', lastAffected: '1.9' }, 'semver: fixed 2.0, last affected 1.9'],
  ] satisfies [RangeClaim, string][])('turns %j into unknown, keeping the text and a reason', (claim, text) => {
    const { range, parsed } = parseRangeClaim(claim);
    expect(parsed).toBe(false);
    expect(range).toMatchObject({ kind: 'unknown', text });
    expect(range.kind === 'unknown' && (range.reason ?? '').length > 0).toBe(true);
    expect(matchVersion(range, '1.0')).toBe('unknown');
  });

  it('uses the product name to read text that repeats it', () => {
    const claim: RangeClaim = { kind: 'text', text: 'All versions < ROS V4.3.4' };
    expect(parseRangeClaim(claim).parsed).toBe(false);
    expect(parseRangeClaim(claim, { productName: 'RUGGEDCOM ROS for all other devices' }).parsed).toBe(true);
  });

  it('describes every kind of claim as text', () => {
    expect(describeRangeClaim({ kind: 'all' })).toBe('*');
    expect(describeRangeClaim({ kind: 'bounds', scheme: 'generic', introduced: '1', excludedStart: '0.5' })).toBe('generic: introduced 1, after 0.5');
  });
});
