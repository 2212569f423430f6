import type { HazardGrade } from '../api/types';
import { gradeLabels } from '../lib/knowledge-labels';

/** The hazard grade in English with the Chinese term beside it, as national advisories print it. */
export function GradeBadge({ grade }: { readonly grade: HazardGrade | null }) {
  if (grade === null) {
    return (
      <span className="grade grade-none" data-grade="none" title="No CVSS score, so no hazard grade">
        Not graded
      </span>
    );
  }
  const label = gradeLabels[grade];
  return (
    <span className={`grade grade-${grade}`} data-grade={grade}>
      {label.en}
      <span className="grade-zh" lang="zh">
        {label.zh}
      </span>
    </span>
  );
}

/** CISA Known Exploited Vulnerabilities: someone attacks this in the wild. */
export function KevBadge({ kev }: { readonly kev: boolean }) {
  if (!kev) return null;
  return (
    <span className="kev" data-kev="true" title="In the CISA Known Exploited Vulnerabilities catalog: exploited in the wild">
      KEV
    </span>
  );
}
