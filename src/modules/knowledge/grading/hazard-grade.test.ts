import { describe, expect, it } from 'vitest';
import type { CvssClaim } from '../sources/types.js';
import { hazardGradeFromCvss, hazardGradeFromScore, hazardGradeLabels, hazardGrades, ungradedLabel } from './hazard-grade.js';

describe('hazardGradeFromScore', () => {
  it('maps the band edges', () => {
    const cases: [number, string | undefined][] = [
      [10, 'critical'], [9, 'critical'], [8.9, 'high'], [7, 'high'], [6.9, 'medium'], [4, 'medium'], [3.9, 'low'], [0.1, 'low'], [0, undefined],
    ];
    for (const [score, grade] of cases) expect(hazardGradeFromScore(score), String(score)).toBe(grade);
  });

  it('does not grade what is not a CVSS score', () => {
    for (const bad of [Number.NaN, -1, 10.1, Number.POSITIVE_INFINITY]) expect(hazardGradeFromScore(bad)).toBeUndefined();
  });
});

describe('hazardGradeLabels', () => {
  it('labels every grade in English and Chinese', () => {
    expect(hazardGrades.map((g) => hazardGradeLabels[g].zh)).toEqual(['超危', '高危', '中危', '低危']);
    expect(hazardGrades.map((g) => hazardGradeLabels[g].en)).toEqual(['Critical', 'High', 'Medium', 'Low']);
    expect(ungradedLabel.zh).toBe('未定级');
  });
});

describe('hazardGradeFromCvss', () => {
  const v2: CvssClaim = { version: '2.0', vector: 'AV:N/AC:L/Au:N/C:C/I:C/A:C' }; // 10.0
  const v30: CvssClaim = { version: '3.0', vector: 'CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H' }; // 7.8
  const v31: CvssClaim = { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H' }; // 7.5
  const v40: CvssClaim = { version: '4.0', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:L/SC:N/SI:N/SA:N' };

  it('prefers v4 over v3.1 over v3.0 over v2, whatever the order given', () => {
    const all = hazardGradeFromCvss([v2, v30, v31, v40]);
    expect(all.success && all.value.basis.version).toBe('4.0');
    const noV4 = hazardGradeFromCvss([v2, v30, v31]);
    expect(noV4.success && [noV4.value.basis.version, noV4.value.grade]).toEqual(['3.1', 'high']);
    const v3only = hazardGradeFromCvss([v2, v30]);
    expect(v3only.success && [v3only.value.basis.version, v3only.value.grade]).toEqual(['3.0', 'high']);
    const v2only = hazardGradeFromCvss([v2]);
    expect(v2only.success && v2only.value.grade).toBe('critical');
  });

  it('recomputes the score instead of trusting the printed one', () => {
    const r = hazardGradeFromCvss([{ ...v31, baseScore: 9.9, severity: 'CRITICAL' }]);
    expect(r.success && [r.value.basis.baseScore, r.value.grade]).toEqual([7.5, 'high']);
  });

  it('falls back to the next version past a broken vector, and says why', () => {
    const r = hazardGradeFromCvss([{ version: '3.1', vector: 'CVSS:3.1/AV:N' }, v30]);
    expect(r.success).toBe(true);
    if (r.success) {
      expect(r.value.basis.version).toBe('3.0');
      expect(r.value.skipped).toHaveLength(1);
      expect(r.value.skipped[0]?.reason).toMatch(/missing base metric/);
    }
  });

  it('leaves a zero score ungraded', () => {
    const r = hazardGradeFromCvss([{ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N' }]);
    expect(r.success && r.value.grade).toBeUndefined();
    expect(r.success && r.value.basis.baseScore).toBe(0);
  });

  it('fails when nothing can be scored', () => {
    expect(hazardGradeFromCvss(undefined as never).success).toBe(false);
    const nulls = hazardGradeFromCvss([null as never]);
    expect(!nulls.success && nulls.skipped[0]?.reason).toBe('not a CVSS claim');
    const none = hazardGradeFromCvss([]);
    expect(none).toEqual({ success: false, reason: 'no CVSS vector', skipped: [] });
    const broken = hazardGradeFromCvss([{ version: '2.0', vector: 'nonsense' }, { version: '9.9' as never, vector: 'x' }]);
    expect(broken.success).toBe(false);
    if (!broken.success) expect(broken.skipped.map((s) => s.claim.version)).toEqual(['2.0', '9.9']);
  });
});
