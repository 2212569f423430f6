import type { IntelObjectSummary } from '../../api/intel-types';

/** Confidence after corroboration, with how many independent sources stand behind it. */
export function ConfidenceCell({ summary }: { readonly summary: Pick<IntelObjectSummary, 'confidence' | 'displayedConfidence' | 'sources'> }) {
  const own = summary.confidence === null ? 'none stated' : String(summary.confidence);
  return (
    <span className="intel-confidence" title={`Stated confidence: ${own}; shown after corroboration by the sources you can see`} data-confidence={summary.displayedConfidence}>
      <strong>{summary.displayedConfidence}</strong>
      <span className="muted small">
        {' '}
        · {summary.sources} {summary.sources === 1 ? 'source' : 'sources'}
      </span>
    </span>
  );
}
