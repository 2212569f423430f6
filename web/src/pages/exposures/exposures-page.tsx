import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { listExposures, type DecisionFilter, type ExposureItem, type ExposureQuery, type Verdict } from '../../api/exposures';
import type { HazardGrade } from '../../api/types';
import { DataTable, type Column } from '../../components/data-table';
import { GradeBadge, KevBadge } from '../../components/grade-badge';
import { PageHeader } from '../../components/page-header';
import { Pager } from '../../components/pager';
import { kbPaths } from '../../lib/knowledge-labels';
import { assetPagePath } from '../assets/paths';
import { useDocumentTitle } from '../../lib/use-document-title';
import { ConfidenceBadge, DecisionControls } from './exposure-decision';

const PAGE = 50;
const grades: readonly HazardGrade[] = ['critical', 'high', 'medium', 'low'];

type Group = 'affected' | 'unknown' | 'rejected';
const groups: readonly { readonly id: Group; readonly label: string; readonly hint: string }[] = [
  { id: 'affected', label: 'Affected', hint: 'The asset’s version is inside an affected range.' },
  { id: 'unknown', label: 'Unknown', hint: 'The product matches, but whether the version is affected could not be told.' },
  { id: 'rejected', label: 'Rejected', hint: 'Matches people of the asset’s organisation judged not to concern it.' },
];

/** The filters live in the URL, so "KEV only" is one link: /exposures?kev=true. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const group = (['affected', 'unknown', 'rejected'] as const).find((g) => g === params.get('group')) ?? 'affected';
  const kev = params.get('kev') === 'true';
  const grade = grades.find((g) => g === params.get('grade'));
  const minConfidence = params.get('minConfidence') === null ? undefined : Number(params.get('minConfidence'));
  const decision = (['open', 'confirmed'] as const).find((d) => d === params.get('decision'));
  const offset = Math.max(0, Number(params.get('offset') ?? '0') || 0);
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('offset' in changes)) next.delete('offset');
    setParams(next, { replace: true });
  };
  return { group, kev, grade, minConfidence: Number.isFinite(minConfidence) ? minConfidence : undefined, decision, offset, set };
}

function toQuery(f: ReturnType<typeof useFilters>): ExposureQuery {
  const verdict: Verdict | undefined = f.group === 'rejected' ? undefined : f.group;
  const decision: DecisionFilter = f.group === 'rejected' ? 'rejected' : (f.decision ?? 'kept');
  return { verdict, decision, kev: f.kev ? true : undefined, grade: f.grade, minConfidence: f.minConfidence, limit: PAGE, offset: f.offset };
}

/** Every asset's exposures the reader may see: which of my assets are exposed, known-exploited first. */
export function ExposuresPage() {
  useDocumentTitle('Exposures');
  const f = useFilters();
  const client = useQueryClient();
  const query = toQuery(f);
  const list = useQuery({ queryKey: ['exposures', 'all', query], queryFn: ({ signal }) => listExposures(query, signal), placeholderData: keepPreviousData });
  // Counts per group follow the narrowing filters (grade, confidence) but not the group itself.
  const counts = list.data?.counts;
  const changed = () => void client.invalidateQueries({ queryKey: ['exposures'] });
  const columns: Column<ExposureItem>[] = [
    { key: 'asset', header: 'Asset', alwaysShown: true, sortValue: (e) => e.assetName, render: (e) => <Link to={assetPagePath(e.assetId)}>{e.assetName}</Link> },
    { key: 'vuln', header: 'Vulnerability', className: 'mono nowrap', sortValue: (e) => e.cve ?? e.vulnId, render: (e) => <Link to={kbPaths.vulnerability(e.vulnId)}>{e.cve ?? e.vulnId}</Link> },
    { key: 'kev', header: 'KEV', sortValue: (e) => (e.kev ? 1 : 0), csv: (e) => (e.kev ? 'KEV' : ''), render: (e) => <KevBadge kev={e.kev} /> },
    { key: 'grade', header: 'Grade', sortValue: (e) => e.cvssScore, csv: (e) => e.grade ?? '', render: (e) => <GradeBadge grade={e.grade} /> },
    { key: 'confidence', header: 'Confidence', className: 'nowrap', sortValue: (e) => e.confidence, render: (e) => <ConfidenceBadge confidence={e.confidence} /> },
    { key: 'why', header: 'Why it matches', className: 'wrap', csv: (e) => e.reasons.map((r) => `${r.product}: ${r.why}; ${r.basis ?? ''}`).join(' | '), render: (e) => <Reasons item={e} /> },
    { key: 'title', header: 'Title', className: 'wrap', hiddenByDefault: true, sortValue: (e) => e.title, render: (e) => e.title ?? '' },
    { key: 'decision', header: 'Decision', csv: (e) => (e.decision === null ? '' : `${e.decision.decision}: ${e.decision.comment}`), render: (e) => <DecisionControls item={e} onChanged={changed} /> },
  ];
  const current = groups.find((g) => g.id === f.group);
  return (
    <div className="page exposures-page" data-testid="exposures-page">
      <PageHeader title="Exposures" description="Known vulnerabilities matched to the assets you may see. Known-exploited entries come first; what cannot be told is kept apart from what is affected." />
      <div className="exposure-filters" role="group" aria-label="Filters">
        <button type="button" className={`btn btn-small ${f.kev ? 'btn-primary' : ''}`} aria-pressed={f.kev} onClick={() => f.set({ kev: f.kev ? undefined : 'true' })} data-testid="exposures-kev-only">
          Known exploited only{counts === undefined ? '' : ` (${counts.kev})`}
        </button>
        <label className="small">
          Grade{' '}
          <select value={f.grade ?? ''} onChange={(e) => f.set({ grade: e.target.value })} data-testid="exposures-grade">
            <option value="">any</option>
            {grades.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <label className="small">
          Confidence{' '}
          <select value={f.minConfidence === undefined ? '' : String(f.minConfidence)} onChange={(e) => f.set({ minConfidence: e.target.value })} data-testid="exposures-confidence">
            <option value="">any</option>
            <option value="0.85">high (85% and more)</option>
            <option value="0.6">medium and high (60% and more)</option>
          </select>
        </label>
        {f.group === 'rejected' ? null : (
          <label className="small">
            Decision{' '}
            <select value={f.decision ?? ''} onChange={(e) => f.set({ decision: e.target.value })} data-testid="exposures-decision">
              <option value="">not rejected</option>
              <option value="open">not yet decided</option>
              <option value="confirmed">confirmed</option>
            </select>
          </label>
        )}
      </div>
      <nav className="tabs exposure-tabs" aria-label="Verdict">
        {groups.map((g) => (
          <button
            key={g.id}
            type="button"
            className={`tab ${g.id === f.group ? 'tab-active' : ''}`}
            aria-current={g.id === f.group ? 'page' : undefined}
            onClick={() => f.set({ group: g.id === 'affected' ? undefined : g.id })}
            data-testid={`exposures-tab-${g.id}`}
          >
            {g.label}
            {counts === undefined ? '' : ` (${counts[g.id]})`}
          </button>
        ))}
      </nav>
      <p className="muted small">{current?.hint}</p>
      <section className="card card-flush">
        <DataTable
        label="Exposures"
        testId="exposures-table"
        columns={columns}
        rows={list.data?.items ?? []}
        rowKey={(e) => `${e.assetId}|${e.vulnId}`}
        loading={list.isPending}
        error={list.isError ? list.error : undefined}
        errorTitle="Could not load exposures."
        exportName="Exposures"
        empty={<p className="muted">No exposures in this group with these filters.</p>}
        />
      </section>
      {list.data !== undefined && list.data.total > PAGE ? (
        <Pager total={list.data.total} offset={f.offset} limit={PAGE} onOffset={(o) => f.set({ offset: String(o) })} disabled={list.isFetching} />
      ) : null}
    </div>
  );
}

function Reasons({ item }: { readonly item: ExposureItem }) {
  const [first, ...rest] = item.reasons;
  if (first === undefined) return null;
  return (
    <span className="small">
      <span className="muted">{first.product}:</span> {first.why}
      {first.basis === undefined ? null : <span className="muted"> — {first.basis}</span>}
      {rest.length > 0 ? <span className="muted"> (+{rest.length} more)</span> : null}
    </span>
  );
}
