import { describe, expect, it } from 'vitest';
import { evaluateLabels, loadLabels, score } from '../bench/kb-precision.js';

// Match precision on the project's labelled set (bench/data/kb-precision-labels.json, 120 pairs
// over the shared CSAF advisories). The thresholds are the figures measured when the precise
// matcher landed (docs/adr/012-match-precision.md gives before and after): matching worse fails here.
describe('knowledge match precision on the labelled set', () => {
  it('keeps precision and recall at or above the measured values', async () => {
    const labels = await loadLabels();
    expect(labels.pairs.length).toBeGreaterThanOrEqual(100);
    expect(labels.pairs.some((p) => p.match) && labels.pairs.some((p) => !p.match)).toBe(true);
    const results = await evaluateLabels(labels);
    const exposed = score(results, (r) => r.predicted !== 'none');
    const affected = score(results, (r) => r.predicted === 'affected');
    const wrong = results.filter((r) => (r.predicted !== 'none') !== r.match).map((r) => `${r.asset} ${r.cve}: ${r.predicted}, labelled ${r.match ? 'match' : 'no match'}`);
    expect(exposed.precision, wrong.join('\n')).toBeGreaterThanOrEqual(1);
    expect(exposed.recall, wrong.join('\n')).toBeGreaterThanOrEqual(0.978);
    expect(affected.precision).toBeGreaterThanOrEqual(1);
    expect(affected.recall).toBeGreaterThanOrEqual(0.936);
    // Every claimed match says how sure it is.
    expect(results.filter((r) => r.predicted !== 'none').every((r) => r.confidence !== null && r.confidence > 0 && r.confidence <= 1)).toBe(true);
  }, 400_000);
});
