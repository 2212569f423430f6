import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router-dom';
import { criticalities, tlpLevels } from '../../api/types';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { TlpBadge } from '../../components/tlp-badge';
import { capitalise, formatCount } from '../../lib/format';
import { canWrite, useMe } from '../../session/session-context';
import { getAssetSummary } from './count-assets';
import { GettingStarted } from './getting-started';
import { ModuleStatus } from './module-status';

// ECharts is the largest dependency; only the overview needs it, so it loads in its own chunk.
const CriticalityChart = lazy(async () => ({ default: (await import('./criticality-chart')).CriticalityChart }));

export function OverviewPage() {
  const me = useMe();
  // Keyed, so two components never ask twice; stale at once, so a visit after a change shows the cached
  // counts for the moment the fresh ones take.
  const summary = useQuery({ queryKey: ['assets', 'summary'], queryFn: ({ signal }) => getAssetSummary(signal), staleTime: 0 });
  const counts = summary.data ?? null;
  const failed = summary.isError && counts === null;
  const shown = (n: number | undefined) => (n === undefined ? '…' : formatCount(n));

  return (
    <>
      <PageHeader
        title="Overview"
        description={
          <>
            Signed in to <strong>{me.organisation.name}</strong> ({me.organisation.level}). Counts include assets that member
            organisations share upward with you.
          </>
        }
      />
      {failed ? <ErrorBanner error={summary.error} title="Could not count assets." /> : null}
      {failed ? null : (
        <>
          <div className="stat-grid" data-testid="asset-counts">
            <Link to="/assets" className="stat stat-total">
              <span className="stat-label">Assets visible</span>
              <span className="stat-value" data-testid="count-total">
                {shown(counts?.total)}
              </span>
              <span className="stat-note">{counts === null ? '\u00a0' : `${formatCount(counts.sharedUpward)} shared upward`}</span>
            </Link>
            {[...criticalities].reverse().map((c) => (
              <Link key={c} to={`/assets?criticality=${c}`} className={`stat stat-${c}`}>
                <span className="stat-label">{capitalise(c)}</span>
                <span className="stat-value" data-testid={`count-${c}`}>
                  {shown(counts?.byCriticality[c])}
                </span>
                <span className="stat-note">criticality</span>
              </Link>
            ))}
          </div>

          <div className="overview-grid">
            <section className="card">
              <h2 className="card-title">Assets by criticality</h2>
              {counts === null ? (
                <div className="chart chart-placeholder" aria-busy="true">
                  Loading…
                </div>
              ) : counts.total === 0 ? (
                <EmptyState
                  title="No assets yet."
                  actions={
                    canWrite(me.role) ? (
                      <Link to="/assets" className="btn btn-primary">
                        Go to assets
                      </Link>
                    ) : undefined
                  }
                >
                  {canWrite(me.role)
                    ? 'Add one, or import a CSV inventory, and the chart fills in.'
                    : 'Nothing has been shared with you yet. An analyst of your organisation can add assets.'}
                </EmptyState>
              ) : (
                <Suspense fallback={<div className="chart chart-placeholder">Loading chart…</div>}>
                  <CriticalityChart counts={counts.byCriticality} />
                </Suspense>
              )}
            </section>
            <section className="card">
              <h2 className="card-title">By TLP marking</h2>
              <table className="mini-table">
                <tbody>
                  {tlpLevels.map((t) => (
                    <tr key={t}>
                      <td>
                        <TlpBadge tlp={t} />
                      </td>
                      <td className="num">{shown(counts?.byTlp[t])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted small">
                AMBER+STRICT and RED assets never travel upward, whatever their sharing flag says.
              </p>
            </section>
          </div>
        </>
      )}
      <ModuleStatus />
      <GettingStarted role={me.role} hasAssets={(counts?.total ?? 0) > 0} />
    </>
  );
}
