// GB/T 30279-2020 technical grading (技术分级): the exploitability indicators (被利用性) and impact
// indicators (影响程度) read off CVSS base metrics, then the standard's tables: Appendix A
// (indicators → exploitability level), B (CIA → impact level), D (both levels → grade).
// Only cells a public source states may go into the tables; see docs/adr/004-vulnerability-grading.md.
import type { CvssClaim } from '../sources/types.js';
import type { HazardGrade } from '../types.js';
import { scoreCvss } from './cvss.js';
import type { CvssScore } from './cvss.js';

export type AccessPath = 'network' | 'adjacent' | 'local' | 'physical'; // 访问路径
export type TriggerRequirement = 'low' | 'high'; // 触发要求
export type PrivilegeRequirement = 'none' | 'low' | 'high'; // 权限需求
export type InteractionCondition = 'not_required' | 'required'; // 交互条件
export type ImpactDegree = 'serious' | 'moderate' | 'none'; // 严重 / 一般 / 无

/** An indicator is undefined when the CVSS version has no metric that says it. */
export interface GbtExploitability {
  readonly accessPath: AccessPath | undefined;
  readonly triggerRequirement: TriggerRequirement | undefined;
  readonly privilegeRequirement: PrivilegeRequirement | undefined;
  readonly interaction: InteractionCondition | undefined;
}

export interface GbtImpact {
  readonly confidentiality: ImpactDegree | undefined;
  readonly integrity: ImpactDegree | undefined;
  readonly availability: ImpactDegree | undefined;
}

export interface GbtIndicators {
  readonly exploitability: GbtExploitability;
  readonly impact: GbtImpact;
}

export const gbtIndicatorLabels = {
  accessPath: { network: '网络', adjacent: '邻接', local: '本地', physical: '物理' },
  triggerRequirement: { low: '低', high: '高' },
  privilegeRequirement: { none: '无', low: '低', high: '高' },
  interaction: { not_required: '不需要', required: '需要' },
  impact: { serious: '严重', moderate: '一般', none: '无' },
} as const;

const pick = <T>(table: Readonly<Record<string, T>>, value: string | undefined): T | undefined =>
  value === undefined ? undefined : table[value];

const accessPathV3: Record<string, AccessPath> = { N: 'network', A: 'adjacent', L: 'local', P: 'physical' };
const privilege: Record<string, PrivilegeRequirement> = { N: 'none', L: 'low', H: 'high' };
const impactV3: Record<string, ImpactDegree> = { H: 'serious', L: 'moderate', N: 'none' };
const rank: Record<ImpactDegree, number> = { none: 0, moderate: 1, serious: 2 };

/** v4 splits v3's impact in two (vulnerable / subsequent system); v3 scored the worse of them. */
function worse(a: ImpactDegree | undefined, b: ImpactDegree | undefined): ImpactDegree | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return rank[a] >= rank[b] ? a : b;
}

/** Reads the GB/T indicators off a scored vector's base metrics. */
export function gbtIndicatorsFromCvss(score: CvssScore): GbtIndicators {
  const m = score.metrics;
  switch (score.version) {
    case '3.0':
    case '3.1':
      // Scope (S) has no GB/T indicator; C/I/A already describe the worst-hit component.
      return {
        exploitability: {
          accessPath: pick(accessPathV3, m.AV),
          triggerRequirement: pick({ L: 'low', H: 'high' } as const, m.AC),
          privilegeRequirement: pick(privilege, m.PR),
          interaction: pick({ N: 'not_required', R: 'required' } as const, m.UI),
        },
        impact: { confidentiality: pick(impactV3, m.C), integrity: pick(impactV3, m.I), availability: pick(impactV3, m.A) },
      };
    case '4.0':
      // v4 moved part of v3's attack complexity into Attack Requirements (AT); either makes triggering hard.
      return {
        exploitability: {
          accessPath: pick(accessPathV3, m.AV),
          triggerRequirement: m.AC === undefined || m.AT === undefined ? undefined : m.AC === 'H' || m.AT === 'P' ? 'high' : 'low',
          privilegeRequirement: pick(privilege, m.PR),
          interaction: pick({ N: 'not_required', P: 'required', A: 'required' } as const, m.UI),
        },
        impact: {
          confidentiality: worse(pick(impactV3, m.VC), pick(impactV3, m.SC)),
          integrity: worse(pick(impactV3, m.VI), pick(impactV3, m.SI)),
          availability: worse(pick(impactV3, m.VA), pick(impactV3, m.SA)),
        },
      };
    case '2.0': {
      // v2 has no user interaction and no physical access path; Medium complexity and
      // authentication counts have no GB/T value: those indicators stay undefined.
      const v2Impact: Record<string, ImpactDegree> = { C: 'serious', P: 'moderate', N: 'none' };
      return {
        exploitability: {
          accessPath: pick({ N: 'network', A: 'adjacent', L: 'local' } as const, m.AV),
          triggerRequirement: pick({ L: 'low', H: 'high' } as const, m.AC),
          privilegeRequirement: pick({ N: 'none' } as const, m.Au),
          interaction: undefined,
        },
        impact: { confidentiality: pick(v2Impact, m.C), integrity: pick(v2Impact, m.I), availability: pick(v2Impact, m.A) },
      };
    }
  }
}

/** Cells of Appendices A, B and D. A missing key means the public sources do not state that cell. */
export interface GbtGradingTables {
  /** "accessPath/trigger/privilege/interaction" → exploitability level (Appendix A). */
  readonly exploitability: Readonly<Record<string, string>>;
  /** "confidentiality/integrity/availability" → impact level (Appendix B). */
  readonly impact: Readonly<Record<string, string>>;
  /** "exploitabilityLevel/impactLevel" → technical grade (Appendix D). */
  readonly technical: Readonly<Record<string, HazardGrade>>;
}

/** No cell of Appendices A, B or D was available from a public source: every grade is undefined. */
export const publishedGbtTables: GbtGradingTables = { exploitability: {}, impact: {}, technical: {} };

export interface GbtTechnicalGrading {
  readonly indicators: GbtIndicators;
  readonly exploitabilityLevel: string | undefined;
  readonly impactLevel: string | undefined;
  /** 超危/高危/中危/低危 as critical/high/medium/low; undefined when a step is not defined. */
  readonly grade: HazardGrade | undefined;
  /** Why there is no grade: the first missing indicator or table cell. */
  readonly gap: string | undefined;
}

export type GbtTechnicalGradeResult =
  | { readonly success: true; readonly value: GbtTechnicalGrading }
  | { readonly success: false; readonly reason: string };

/** Technical grade of one CVSS vector; fails only when the vector itself is invalid. */
export function gbtTechnicalGrade(claim: CvssClaim, tables: GbtGradingTables = publishedGbtTables): GbtTechnicalGradeResult {
  const scored = scoreCvss(claim);
  if (!scored.success) return { success: false, reason: scored.reason };
  const indicators = gbtIndicatorsFromCvss(scored.value);
  const e = indicators.exploitability;
  const i = indicators.impact;
  const done = (exploitabilityLevel: string | undefined, impactLevel: string | undefined, grade: HazardGrade | undefined, gap: string | undefined) =>
    ({ success: true, value: { indicators, exploitabilityLevel, impactLevel, grade, gap } }) as const;

  const eParts = [e.accessPath, e.triggerRequirement, e.privilegeRequirement, e.interaction];
  const iParts = [i.confidentiality, i.integrity, i.availability];
  const eKey = eParts.includes(undefined) ? undefined : eParts.join('/');
  const iKey = iParts.includes(undefined) ? undefined : iParts.join('/');
  const eLevel = eKey === undefined ? undefined : tables.exploitability[eKey];
  const iLevel = iKey === undefined ? undefined : tables.impact[iKey];
  if (eKey === undefined) return done(undefined, iLevel, undefined, `CVSS ${claim.version} does not give every exploitability indicator`);
  if (iKey === undefined) return done(eLevel, undefined, undefined, `CVSS ${claim.version} does not give every impact indicator`);
  if (eLevel === undefined) return done(undefined, iLevel, undefined, `Appendix A cell ${eKey} is not defined`);
  if (iLevel === undefined) return done(eLevel, undefined, undefined, `Appendix B cell ${iKey} is not defined`);
  const grade = tables.technical[`${eLevel}/${iLevel}`];
  return done(eLevel, iLevel, grade, grade === undefined ? `Appendix D cell ${eLevel}/${iLevel} is not defined` : undefined);
}
