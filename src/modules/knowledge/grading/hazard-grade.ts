// The four-level hazard grade (超危/高危/中危/低危) from a CVSS base score, and the choice of
// which CVSS version grades a vulnerability when a source states several.
import type { CvssClaim } from '../sources/types.js';
import { hazardGrades } from '../types.js';
import type { HazardGrade } from '../types.js';
import { scoreCvss } from './cvss.js';
import type { CvssScore, CvssVersion } from './cvss.js';

export { hazardGrades };
export type { HazardGrade };

export interface GradeLabel {
  readonly en: string;
  readonly zh: string;
}

export const hazardGradeLabels: Readonly<Record<HazardGrade, GradeLabel>> = {
  critical: { en: 'Critical', zh: '超危' },
  high: { en: 'High', zh: '高危' },
  medium: { en: 'Medium', zh: '中危' },
  low: { en: 'Low', zh: '低危' },
};

/** Label for "no grade" (base score 0, or nothing gradable). */
export const ungradedLabel: GradeLabel = { en: 'Not graded', zh: '未定级' };

/**
 * critical ≥ 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9. A score of 0 has no impact and gets
 * no grade; so does anything that is not a CVSS score (NaN, negative, above 10).
 */
export function hazardGradeFromScore(score: number): HazardGrade | undefined {
  if (!Number.isFinite(score) || score <= 0 || score > 10) return undefined;
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  return score >= 4 ? 'medium' : 'low';
}

/** Newest CVSS version first: each revision fixed scoring problems of the one before. */
export const cvssPreference: readonly CvssVersion[] = ['4.0', '3.1', '3.0', '2.0'];

export interface SkippedCvss {
  readonly claim: CvssClaim;
  readonly reason: string;
}

export interface HazardGrading {
  /** Undefined when the chosen base score is 0. */
  readonly grade: HazardGrade | undefined;
  /** The recomputed score the grade comes from. */
  readonly basis: CvssScore;
  /** Claims of a preferred version that could not be scored, and why. */
  readonly skipped: readonly SkippedCvss[];
}

export type HazardGradeResult =
  | { readonly success: true; readonly value: HazardGrading }
  | { readonly success: false; readonly reason: string; readonly skipped: readonly SkippedCvss[] };

/**
 * Grades from the most preferred version that scores; within a version the first valid claim wins,
 * so the caller orders claims by source reliability. Scores are recomputed, never taken as printed.
 */
export function hazardGradeFromCvss(claims: readonly CvssClaim[]): HazardGradeResult {
  const skipped: SkippedCvss[] = [];
  if (!Array.isArray(claims)) return { success: false, reason: 'no CVSS vector', skipped };
  for (const version of cvssPreference) {
    for (const claim of claims.filter((c) => c?.version === version)) {
      const scored = scoreCvss(claim);
      if (!scored.success) {
        skipped.push({ claim, reason: scored.reason });
        continue;
      }
      return { success: true, value: { grade: hazardGradeFromScore(scored.value.baseScore), basis: scored.value, skipped } };
    }
  }
  const known = new Set<string>(cvssPreference);
  for (const claim of claims) {
    if (typeof claim !== 'object' || claim === null) skipped.push({ claim, reason: 'not a CVSS claim' });
    else if (!known.has(claim.version)) skipped.push({ claim, reason: `unsupported CVSS version "${claim.version}"` });
  }
  return { success: false, reason: claims.length === 0 ? 'no CVSS vector' : 'no CVSS vector could be scored', skipped };
}
