import { describe, expect, it } from 'vitest';
import { cvssSeverity, scoreCvss } from './cvss.js';
import type { CvssResult } from './cvss.js';

const ok = (r: CvssResult) => {
  if (!r.success) throw new Error(`expected success, got ${r.code}: ${r.reason}`);
  return r.value;
};

describe('scoreCvss', () => {
  it('scores a CVSS 3.1 base vector', () => {
    const v = ok(scoreCvss({ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }));
    expect(v).toEqual({
      version: '3.1',
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      baseScore: 9.8,
      severity: 'critical',
      overallScore: 9.8,
      metrics: { AV: 'N', AC: 'L', PR: 'N', UI: 'N', S: 'U', C: 'H', I: 'H', A: 'H' },
    });
  });

  it('scores CVSS 3.0 with its own prefix', () => {
    const v = ok(scoreCvss({ version: '3.0', vector: 'CVSS:3.0/AV:A/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:H' }));
    expect(v.vector.startsWith('CVSS:3.0/')).toBe(true);
    expect(v.baseScore).toBe(8);
  });

  it('scores v2 vectors with and without parentheses, and with a CVSS:2.0 prefix', () => {
    for (const vector of ['AV:N/AC:L/Au:N/C:P/I:P/A:P', '(AV:N/AC:L/Au:N/C:P/I:P/A:P)', 'CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P']) {
      const v = ok(scoreCvss({ version: '2.0', vector }));
      expect(v.vector).toBe('AV:N/AC:L/Au:N/C:P/I:P/A:P');
      expect(v.baseScore).toBe(7.5);
      expect(v.severity).toBe('high');
    }
    expect(ok(scoreCvss({ version: '2.0', vector: 'AV:N/AC:M/Au:S/C:N/I:N/A:P' }))).toMatchObject({ baseScore: 3.5, severity: 'low' });
  });

  it('scores CVSS 4.0 (FIRST calculator reference values)', () => {
    expect(ok(scoreCvss({ version: '4.0', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' })).baseScore).toBe(9.3);
    expect(ok(scoreCvss({ version: '4.0', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N' })).baseScore).toBe(8.7);
    expect(ok(scoreCvss({ version: '4.0', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H' })).baseScore).toBe(10);
    const none = ok(scoreCvss({ version: '4.0', vector: 'CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N' }));
    expect(none).toMatchObject({ baseScore: 0, severity: 'none' });
  });

  it('keeps the v4 base score (CVSS-B) apart from the score with threat metrics', () => {
    const v = ok(scoreCvss({ version: '4.0', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U' }));
    expect(v.baseScore).toBe(9.3);
    expect(v.overallScore).toBeLessThan(9.3);
    expect(v.metrics.E).toBe('U');
  });

  it('reports the temporal score as overallScore for v3 (what some CNAs print as base)', () => {
    const v = ok(scoreCvss({ version: '3.1', vector: 'CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H/E:F/RL:X/RC:C' }));
    expect(v).toMatchObject({ baseScore: 6.7, overallScore: 6.5 });
    expect(v.vector).toBe('CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H/E:F/RC:C');
  });

  it('normalizes metric order and drops "Not Defined" metrics', () => {
    const v = ok(scoreCvss({ version: '3.1', vector: ' CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N/E:X ' }));
    expect(v.vector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
    const v2 = ok(scoreCvss({ version: '2.0', vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P/E:ND' }));
    expect(v2.vector).toBe('AV:N/AC:L/Au:N/C:P/I:P/A:P');
  });

  it('reads a bare v3 vector as the version the claim states', () => {
    const v = ok(scoreCvss({ version: '3.0', vector: 'AV:A/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:H' }));
    expect(v).toMatchObject({ vector: 'CVSS:3.0/AV:A/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:H', baseScore: 7.1 });
  });

  it.each([
    ['empty', { version: '3.1', vector: '   ' }],
    ['empty', { version: '2.0', vector: '()' }],
    ['version_mismatch', { version: '3.1', vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    ['version_mismatch', { version: '4.0', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    ['malformed_metric', { version: '3.1', vector: 'garbage' }],
    ['malformed_metric', { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/' }],
    ['malformed_metric', { version: '3.1', vector: 'CVSS3.1/AV:N' }],
    ['duplicate_metric', { version: '2.0', vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P/AV:L' }],
    ['missing_metric', { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H' }],
    ['missing_metric', { version: '4.0', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H' }],
    ['unknown_metric', { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:Y' }],
    ['unknown_metric', { version: '2.0', vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P/PR:N' }],
    ['invalid_value', { version: '3.1', vector: 'CVSS:3.1/AV:Z/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    ['invalid_value', { version: '2.0', vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P/E:X' }],
    ['unsupported_version', { version: '5.0', vector: 'CVSS:5.0/AV:N' }],
  ] as const)('fails with %s for %j', (code, claim) => {
    const r = scoreCvss(claim as never);
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.code).toBe(code);
      expect(r.reason.length).toBeGreaterThan(0);
    }
  });

  it('never throws on non-string input', () => {
    expect(scoreCvss({ version: '3.1', vector: undefined as unknown as string }).success).toBe(false);
    expect(scoreCvss(null as never).success).toBe(false);
  });
});

describe('cvssSeverity', () => {
  it('uses the v3/v4 rating table', () => {
    expect([0, 0.1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map((s) => cvssSeverity('3.1', s))).toEqual([
      'none', 'low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical',
    ]);
  });
  it("uses NVD's three bands for v2", () => {
    expect([0, 3.9, 4, 6.9, 7, 10].map((s) => cvssSeverity('2.0', s))).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high']);
  });
});
