import { describe, expect, it } from 'vitest';
import { scoreCvss } from './cvss.js';
import type { CvssScore } from './cvss.js';
import { gbtIndicatorsFromCvss, gbtTechnicalGrade, publishedGbtTables } from './gbt-technical-grade.js';
import type { GbtGradingTables } from './gbt-technical-grade.js';

const scored = (version: '2.0' | '3.0' | '3.1' | '4.0', vector: string): CvssScore => {
  const r = scoreCvss({ version, vector });
  if (!r.success) throw new Error(r.reason);
  return r.value;
};

describe('gbtIndicatorsFromCvss', () => {
  it('reads every indicator off CVSS v3 base metrics', () => {
    expect(gbtIndicatorsFromCvss(scored('3.1', 'CVSS:3.1/AV:P/AC:H/PR:L/UI:R/S:C/C:H/I:L/A:N'))).toEqual({
      exploitability: { accessPath: 'physical', triggerRequirement: 'high', privilegeRequirement: 'low', interaction: 'required' },
      impact: { confidentiality: 'serious', integrity: 'moderate', availability: 'none' },
    });
    expect(gbtIndicatorsFromCvss(scored('3.0', 'CVSS:3.0/AV:A/AC:L/PR:H/UI:N/S:U/C:N/I:N/A:H')).exploitability).toEqual({
      accessPath: 'adjacent', triggerRequirement: 'low', privilegeRequirement: 'high', interaction: 'not_required',
    });
  });

  it('reads CVSS v4: AT:P raises the trigger requirement, subsequent-system impact counts', () => {
    const v = gbtIndicatorsFromCvss(scored('4.0', 'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:L/VI:N/VA:N/SC:H/SI:L/SA:N'));
    expect(v).toEqual({
      exploitability: { accessPath: 'network', triggerRequirement: 'high', privilegeRequirement: 'none', interaction: 'required' },
      impact: { confidentiality: 'serious', integrity: 'moderate', availability: 'none' },
    });
    const plain = gbtIndicatorsFromCvss(scored('4.0', 'CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N'));
    expect(plain.exploitability.triggerRequirement).toBe('low');
    expect(plain.impact.integrity).toBe('serious');
  });

  it('leaves the indicators CVSS v2 cannot say undefined', () => {
    const v = gbtIndicatorsFromCvss(scored('2.0', 'AV:L/AC:M/Au:S/C:C/I:P/A:N'));
    expect(v).toEqual({
      exploitability: { accessPath: 'local', triggerRequirement: undefined, privilegeRequirement: undefined, interaction: undefined },
      impact: { confidentiality: 'serious', integrity: 'moderate', availability: 'none' },
    });
    expect(gbtIndicatorsFromCvss(scored('2.0', 'AV:N/AC:L/Au:N/C:P/I:P/A:P')).exploitability).toMatchObject({
      accessPath: 'network', triggerRequirement: 'low', privilegeRequirement: 'none',
    });
  });
});

describe('gbtTechnicalGrade', () => {
  const v31 = { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' } as const;

  it('grades nothing with the published tables: no public source gives the cells', () => {
    const r = gbtTechnicalGrade(v31);
    expect(r.success).toBe(true);
    if (r.success) {
      expect(r.value.grade).toBeUndefined();
      expect(r.value.gap).toBe('Appendix A cell network/low/none/not_required is not defined');
      expect(r.value.indicators.impact.confidentiality).toBe('serious');
    }
    expect(publishedGbtTables).toEqual({ exploitability: {}, impact: {}, technical: {} });
  });

  it('looks the levels and the grade up in the tables it is given', () => {
    // A made-up table: it exercises the lookups and is no statement about the standard.
    const fixture: GbtGradingTables = {
      exploitability: { 'network/low/none/not_required': 'E-top' },
      impact: { 'serious/serious/serious': 'I-top', 'none/none/serious': 'I-mid' },
      technical: { 'E-top/I-top': 'critical' },
    };
    const top = gbtTechnicalGrade(v31, fixture);
    expect(top.success && top.value).toMatchObject({ exploitabilityLevel: 'E-top', impactLevel: 'I-top', grade: 'critical', gap: undefined });
    const dos = gbtTechnicalGrade({ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }, fixture);
    expect(dos.success && dos.value).toMatchObject({ exploitabilityLevel: 'E-top', impactLevel: 'I-mid', grade: undefined, gap: 'Appendix D cell E-top/I-mid is not defined' });
    const local = gbtTechnicalGrade({ version: '3.1', vector: 'CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }, fixture);
    expect(local.success && local.value).toMatchObject({ exploitabilityLevel: undefined, impactLevel: 'I-top', grade: undefined });
    const noImpactCell = gbtTechnicalGrade({ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N' }, fixture);
    expect(noImpactCell.success && noImpactCell.value.gap).toBe('Appendix B cell moderate/none/none is not defined');
  });

  it('says when the CVSS version cannot give the indicators', () => {
    const r = gbtTechnicalGrade({ version: '2.0', vector: 'AV:N/AC:L/Au:N/C:C/I:C/A:C' });
    expect(r.success && r.value.gap).toBe('CVSS 2.0 does not give every exploitability indicator');
  });

  it('fails on an invalid vector', () => {
    expect(gbtTechnicalGrade(null as never).success).toBe(false);
    const r = gbtTechnicalGrade({ version: '3.1', vector: 'CVSS:3.1/AV:N' });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.reason).toMatch(/missing base metric/);
  });
});
