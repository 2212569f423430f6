import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { searchVulnerabilities } from '../../../api/knowledge';
import { searchSorts, type SearchSort } from '../../../api/knowledge-types';
import { EmptyState } from '../../../components/empty-state';
import { KnowledgeFillGuide } from '../feeds/fill-guide';
import { ErrorBanner } from '../../../components/error-banner';
import { PageHeader } from '../../../components/page-header';
import { Pager } from '../../../components/pager';
import { SearchBar } from '../../../components/search-bar';
import { formatCount } from '../../../lib/format';
import { useLoad } from '../../../lib/use-load';
import { useSearchText } from '../../../lib/use-search-text';
import { FacetSidebar } from './facet-sidebar';
import { FilterChips } from './filter-chips';
import { ResultsTable } from './results-table';
import { isFacetFilter, pageSizes, paramsFromState, queryOf, stateFromParams, withFilter, type SearchState } from './search-state';

const sortLabels: Readonly<Record<SearchSort, string>> = { relevance: 'Best match', published: 'Newest first', score: 'Highest CVSS' };

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => stateFromParams(params), [params]);
  const query = useMemo(() => queryOf(state), [state]);
  const { load } = useLoad((signal) => searchVulnerabilities(query, signal), [query]);

  // Changes apply to the URL as it is now: a second click during a pending navigation must not drop the first.
  const go = (change: (current: SearchState) => SearchState, replace = false) =>
    setParams(paramsFromState(change(stateFromParams(new URLSearchParams(window.location.search)))), { replace });

  const search = useSearchText(state.q, (q, replace) => go((s) => ({ ...s, q, offset: 0 }), replace));

  const result = load.data;
  const loading = load.state === 'loading';
  const filtered = Object.keys(paramsFromState({ ...state, sort: '', limit: 25, offset: 0 })).length > 0;

  return (
    <>
      <PageHeader
        title="Vulnerability search"
        description="Industrial vulnerabilities merged from CSAF advisories, the CISA KEV catalog, NVD and CNVD: one record per vulnerability, every source kept."
      />
      <SearchBar search={search} label="Search vulnerabilities" placeholder="Search words, or an identifier: CVE-2024-3400, ICSA-24-116-03, CNVD-…, BW-…" autoFocus />
      <div className="kb-layout">
        <FacetSidebar facets={result?.facets ?? null} state={state} onSelect={(name, value) => isFacetFilter(name) && go((s) => withFilter(s, name, value))} />
        <div className="kb-main">
          <div className="results-bar">
            <span className="results-count" data-testid="kb-total" aria-live="polite">
              {result === null ? 'Searching…' : `${formatCount(result.total)} ${result.total === 1 ? 'vulnerability' : 'vulnerabilities'}`}
            </span>
            <FilterChips state={state} onRemove={(key) => go((s) => withFilter(s, key, ''))} onClear={() => go((s) => ({ ...stateFromParams(new URLSearchParams()), q: s.q }))} />
            <span className="spacer" />
            <label className="inline-label">
              Sort
              <select
                name="sort"
                className="input select input-compact"
                value={query.sort}
                onChange={(e) => {
                  const sort = searchSorts.find((s) => s === e.target.value) ?? '';
                  go((s) => ({ ...s, sort, offset: 0 }));
                }}
              >
                {searchSorts.map((s) => (
                  <option key={s} value={s} disabled={s === 'relevance' && state.q.trim() === ''}>
                    {sortLabels[s]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <ErrorBanner error={load.state === 'failed' ? load.error : null} title="Could not search the knowledge base." />
          <section className={loading && result !== null ? 'card card-flush is-refreshing' : 'card card-flush'} aria-busy={loading} data-testid="kb-results">
            {result !== null && result.items.length === 0 ? (
              <EmptyState
                title={filtered ? 'No vulnerabilities match this search.' : 'The knowledge base is empty.'}
                actions={
                  filtered ? (
                    <button type="button" className="btn" onClick={() => {
                      search.setText('');
                      go(() => stateFromParams(new URLSearchParams()));
                    }}>
                      Clear search and filters
                    </button>
                  ) : undefined
                }
              >
                {filtered
                  ? 'Words must all appear in the title or description; try fewer words or remove a filter.'
                  : <KnowledgeFillGuide />}
              </EmptyState>
            ) : (
              <ResultsTable items={result?.items ?? []} loading={loading} />
            )}
            {result === null || result.total === 0 ? null : (
              <div className="table-footer">
                <Pager total={result.total} offset={state.offset} limit={state.limit} onOffset={(offset) => go((s) => ({ ...s, offset }))} disabled={loading} />
                <label className="inline-label">
                  Per page
                  <select
                    name="limit"
                    className="input select input-compact input-narrow"
                    value={state.limit}
                    onChange={(e) => {
                      const limit = Number(e.target.value);
                      go((s) => ({ ...s, limit, offset: 0 }));
                    }}
                  >
                    {pageSizes.map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
            )}
          </section>
        </div>
      </div>
    </>
  );
}
