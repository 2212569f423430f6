// Vulnerability grading: CVSS scores, the four-level hazard grade, GB/T 30279-2020 technical
// grading and cause categories. Pure functions; see docs/adr/004-vulnerability-grading.md.
export { cvssSeverity, cvssVersions, scoreCvss } from './cvss.js';
export type { CvssIssueCode, CvssResult, CvssScore, CvssSeverity, CvssVersion } from './cvss.js';
export { cvssPreference, hazardGradeFromCvss, hazardGradeFromScore, hazardGradeLabels, hazardGrades, ungradedLabel } from './hazard-grade.js';
export type { GradeLabel, HazardGrade, HazardGradeResult, HazardGrading, SkippedCvss } from './hazard-grade.js';
export { gbtIndicatorLabels, gbtIndicatorsFromCvss, gbtTechnicalGrade, publishedGbtTables } from './gbt-technical-grade.js';
export type {
  AccessPath,
  GbtExploitability,
  GbtGradingTables,
  GbtImpact,
  GbtIndicators,
  GbtTechnicalGradeResult,
  GbtTechnicalGrading,
  ImpactDegree,
  InteractionCondition,
  PrivilegeRequirement,
  TriggerRequirement,
} from './gbt-technical-grade.js';
export {
  causeCategoryIds,
  causeFromCnvdType,
  causeFromCwe,
  causeLabel,
  causeOfRecord,
  causeTree,
  childrenOf,
  normalizeCauseType,
  parseCweId,
  topLevelCauses,
  topLevelOf,
} from './cause-category.js';
export type { CauseCategory, CauseCategoryId, CauseMapping, TopLevelCause } from './cause-category.js';
