import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { CaptureJob } from '../../../api/types';
import { EmptyState } from '../../../components/empty-state';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadMoreFooter } from '../../../components/load-more-footer';
import { formatCount } from '../../../lib/format';
import { useLoad } from '../../../lib/use-load';
import { formatPacketTime } from '../capture-labels';
import { OperationsFilters } from './operations-filters';
import { filterFromParams, paramsWithFilter, queryOf, withoutClasses, type OperationFilter } from './operations-query';
import { OperationsTable, shownOperations } from './operations-table';
import { HISTOGRAM_RECORDS, loadFacets, useOperations } from './use-operations';

const OperationsHistogram = lazy(async () => ({ default: (await import('./operations-histogram')).OperationsHistogram }));

export function OperationsView({ job }: { readonly job: CaptureJob }) {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const query = useMemo(() => queryOf(filter), [filter]);
  const facetQuery = useMemo(() => withoutClasses(filter), [filter]);
  const facetKey = JSON.stringify(facetQuery);
  const list = useOperations(job.id, query);
  const facets = useLoad((signal) => loadFacets(job.id, facetQuery, signal), [job.id, facetKey]);
  const protocols = useMemo(() => Object.keys(job.summary?.pdus ?? {}).sort(), [job.summary]);
  const hosts = useMemo(() => {
    const seen = new Set<string>();
    for (const r of facets.load.data?.records ?? []) {
      seen.add(r.source);
      seen.add(r.destination);
    }
    return [...seen].sort();
  }, [facets.load.data]);

  const setFilter = useCallback((next: OperationFilter) => setParams(paramsWithFilter(params, next), { replace: true }), [params, setParams]);
  const pickRange = useCallback((range: { readonly from: string; readonly to: string }) => setFilter({ ...filter, ...range }), [filter, setFilter]);

  const records = facets.load.data?.records ?? [];
  const sampled = facets.load.data?.truncated === true;
  const shown = shownOperations(list.items);

  return (
    <>
      <section className="card" data-testid="ops-overview">
        <OperationsFilters filter={filter} onChange={setFilter} protocols={protocols} classCounts={facets.load.data?.counts.operation ?? null} hosts={hosts} />
        <ErrorBanner error={facets.load.state === 'failed' ? facets.load.error : null} title="Could not load the operation counts." />
        {facets.load.data === null ? (
          <div className="chart chart-placeholder ops-histogram">{facets.load.state === 'failed' ? 'No histogram' : 'Counting operations…'}</div>
        ) : records.length === 0 ? null : (
          <>
            <Suspense fallback={<div className="chart chart-placeholder ops-histogram">Loading chart…</div>}>
              <OperationsHistogram records={records} selected={filter.operation} onPickRange={pickRange} />
            </Suspense>
            <p className="muted small histogram-note">
              Click a bar to narrow the timeline to its time span.
              {sampled
                ? ` The histogram covers the first ${formatCount(HISTOGRAM_RECORDS)} records, up to ${formatPacketTime(records.at(-1)?.time ?? null)}; narrow the time range to see later ones.`
                : ''}
            </p>
          </>
        )}
      </section>
      <section className="card card-flush">
        <div className="card-header">
          <div>
            <h2 className="card-title">Operations timeline</h2>
            <p className="muted small">
              In time order. Writes, program transfers, run-state, firmware and configuration changes are highlighted; identical consecutive operations are folded into one row
              with their count.
            </p>
          </div>
        </div>
        <ErrorBanner error={list.error} title="Could not load the operations." />
        {list.items.length === 0 && !list.loading && list.error === null ? (
          <EmptyState title={list.total === 0 && (job.summary?.operations ?? 0) === 0 ? 'No operations in this capture.' : 'No operations match these filters.'}>
            {(job.summary?.operations ?? 0) === 0
              ? 'No recognised industrial protocol carried requests or commands.'
              : 'Try fewer classes, another host or a wider time range.'}
          </EmptyState>
        ) : (
          <OperationsTable items={list.items} loading={list.loading} />
        )}
        <LoadMoreFooter list={list} testId="ops-count">
          {formatCount(shown)} of {formatCount(list.total ?? shown)} operations shown ({formatCount(list.items.length)} rows)
        </LoadMoreFooter>
      </section>
    </>
  );
}
