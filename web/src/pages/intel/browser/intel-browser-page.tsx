import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { listIntelObjects } from '../../../api/intel';
import { EmptyState } from '../../../components/empty-state';
import { ErrorBanner } from '../../../components/error-banner';
import { PageHeader } from '../../../components/page-header';
import { SearchBar } from '../../../components/search-bar';
import { TlpBadge } from '../../../components/tlp-badge';
import { useLoad } from '../../../lib/use-load';
import { useSearchText } from '../../../lib/use-search-text';
import { canWrite, useMe } from '../../../session/session-context';
import { stixTypeLabel } from '../intel-labels';
import { intelPaths } from '../paths';
import { isFiltered, paramsFromState, queryOf, stateFromParams, toggled, type BrowserState } from './browser-state';
import { IntelFacetSidebar } from './intel-facets';
import { ObjectsTable } from './objects-table';
import { useFacets } from './use-facets';

const PAGE_SIZE = 50;

/** Cursor paging knows no total: say where the page sits, and whether more follow. */
function countText(items: number, pageIndex: number, more: boolean): string {
  if (pageIndex === 0 && !more) return `${items} ${items === 1 ? 'object' : 'objects'}`;
  const first = pageIndex * PAGE_SIZE + 1;
  return `Objects ${first}–${first + items - 1}${more ? ', more on the next page' : ''}`;
}

function Chips({ state, orgName, onChange }: { readonly state: BrowserState; readonly orgName: string | null; readonly onChange: (next: BrowserState) => void }) {
  const chips = [
    ...state.types.map((t) => ({ key: `type:${t}`, title: 'Type', text: stixTypeLabel(t), next: { ...state, types: state.types.filter((x) => x !== t) } })),
    ...state.labels.map((l) => ({ key: `label:${l}`, title: 'Label', text: l, next: { ...state, labels: state.labels.filter((x) => x !== l) } })),
    ...(state.tlp === '' ? [] : [{ key: 'tlp', title: 'TLP', text: <TlpBadge tlp={state.tlp} />, next: { ...state, tlp: '' as const } }]),
    ...(state.orgId === '' ? [] : [{ key: 'org', title: 'Organisation', text: orgName ?? state.orgId, next: { ...state, orgId: '' } }]),
  ];
  if (chips.length === 0) return null;
  return (
    <div className="chips" data-testid="intel-filter-chips">
      {chips.map((c) => (
        <span key={c.key} className="chip">
          <span className="chip-key">{c.title}:</span> {c.text}
          <button type="button" className="chip-remove" aria-label={`Remove filter ${c.title} ${typeof c.text === 'string' ? c.text : ''}`.trim()} onClick={() => onChange(c.next)}>
            ×
          </button>
        </span>
      ))}
    </div>
  );
}

/** Previous and next over a cursor-paged list: the cursors of the pages seen so far make "Previous" possible. */
function CursorPager({ page, hasNext, onPrevious, onNext, disabled }: { readonly page: number; readonly hasNext: boolean; readonly onPrevious: () => void; readonly onNext: () => void; readonly disabled: boolean }) {
  return (
    <nav className="pager" aria-label="Pages" data-testid="intel-pager">
      <span className="muted small">Page {page}</span>
      <span className="pager-buttons">
        <button type="button" className="btn btn-small" onClick={onPrevious} disabled={disabled || page === 1}>
          ‹ Previous
        </button>
        <button type="button" className="btn btn-small" onClick={onNext} disabled={disabled || !hasNext}>
          Next ›
        </button>
      </span>
    </nav>
  );
}

export function IntelBrowserPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => stateFromParams(params), [params]);
  const query = useMemo(() => queryOf(state), [state]);
  const queryKey = JSON.stringify(query);
  // Cursors of the pages before the current one; a new filter starts again at the first page.
  const [paging, setPaging] = useState<{ readonly key: string; readonly cursors: readonly (string | null)[] }>({ key: queryKey, cursors: [null] });
  const cursors = paging.key === queryKey ? paging.cursors : [null];
  const cursor = cursors[cursors.length - 1] ?? null;

  const { load } = useLoad((signal) => listIntelObjects(query, PAGE_SIZE, cursor, signal), [queryKey, cursor]);
  const facets = useFacets(query);

  const go = (change: (current: BrowserState) => BrowserState, replace = false) =>
    setParams(paramsFromState(change(stateFromParams(new URLSearchParams(window.location.search)))), { replace });

  const search = useSearchText(state.q, (q, replace) => go((s) => ({ ...s, q }), replace));

  const page = load.data;
  const loading = load.state === 'loading';
  const filtered = isFiltered(state);
  const orgName = page?.items.find((i) => i.orgId === state.orgId)?.orgName ?? null;

  return (
    <>
      <PageHeader
        title="Intelligence"
        description="STIX 2.1 objects your organisation holds or receives: indicators, malware, threat actors, attack patterns, sightings and reports, each within its TLP marking."
        actions={
          canWrite(me.role) ? (
            <Link to={intelPaths.import} className="btn btn-primary">
              Import a bundle
            </Link>
          ) : undefined
        }
      />
      <SearchBar search={search} label="Search intelligence" placeholder="Search names, identifiers, patterns and values" />
      <div className="kb-layout">
        <IntelFacetSidebar
          facets={facets}
          state={state}
          onTypes={(t) => go((s) => ({ ...s, types: toggled(s.types, t) }))}
          onLabels={(l) => go((s) => ({ ...s, labels: toggled(s.labels, l) }))}
          onTlp={(tlp) => go((s) => ({ ...s, tlp }))}
        />
        <div className="kb-main">
          <div className="results-bar">
            <span className="results-count" data-testid="intel-count" aria-live="polite">
              {page === null ? 'Loading…' : countText(page.items.length, cursors.length - 1, page.nextCursor !== null)}
            </span>
            <Chips state={state} orgName={orgName} onChange={(next) => go(() => next)} />
            <span className="spacer" />
            <label className="check">
              <input type="checkbox" name="revoked" checked={state.revoked} onChange={(e) => go((s) => ({ ...s, revoked: e.target.checked }))} />
              <span>Show revoked</span>
            </label>
          </div>
          <ErrorBanner error={load.state === 'failed' ? load.error : null} title="Could not load intelligence." />
          <section className={loading && page !== null ? 'card card-flush is-refreshing' : 'card card-flush'} aria-busy={loading} data-testid="intel-results">
            {page !== null && page.items.length === 0 ? (
              <EmptyState
                title={filtered ? 'No object matches these filters.' : 'No intelligence yet.'}
                actions={
                  filtered ? (
                    <button
                      type="button"
                      className="btn"
                      onClick={() => {
                        search.setText('');
                        go(() => stateFromParams(new URLSearchParams()));
                      }}
                    >
                      Clear search and filters
                    </button>
                  ) : undefined
                }
              >
                {filtered ? 'Remove a filter or search for fewer words.' : 'Import a STIX bundle, draft one from a report, or pull a TAXII feed.'}
              </EmptyState>
            ) : (
              <ObjectsTable items={page?.items ?? []} loading={loading} onOrganisation={(orgId) => go((s) => ({ ...s, orgId }))} />
            )}
            {page === null || (cursors.length === 1 && page.nextCursor === null) ? null : (
              <div className="table-footer">
                <CursorPager
                  page={cursors.length}
                  hasNext={page.nextCursor !== null}
                  disabled={loading}
                  onPrevious={() => setPaging({ key: queryKey, cursors: cursors.slice(0, -1) })}
                  onNext={() => setPaging({ key: queryKey, cursors: [...cursors, page.nextCursor] })}
                />
              </div>
            )}
          </section>
        </div>
      </div>
    </>
  );
}
