import { isHazardGrade } from '../../api/types';

// CVSS v3 severity bands, for colouring the number the same way as the grade badge.
function band(score: number): string {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return score > 0 ? 'low' : 'none';
}

export function CvssScore({ score, version }: { readonly score: number | null; readonly version?: string | null }) {
  if (score === null) return <span className="muted">—</span>;
  const b = band(score);
  return (
    <span className={isHazardGrade(b) ? `cvss cvss-${b}` : 'cvss'} title={version === undefined || version === null ? 'CVSS base score' : `CVSS ${version} base score`}>
      {score.toFixed(1)}
    </span>
  );
}
